//! [`new_users`]: users held out entirely, each to be folded in from their first ratings.

use rand::seq::SliceRandom;

use super::{check_ratio, non_empty, rng, share, timestamped};
use crate::error::{CoreError, Result};
use crate::interactions::Interactions;

/// The parts of a [`new_users`] split, all over the index space of the data.
#[derive(Debug, Clone)]
pub struct NewUsersSplit {
    /// The ratings of the users that stay: what a model is fitted on.
    pub train: Interactions,
    /// Each held-out user's first `fold_in` ratings by time: what is folded in.
    pub history: Interactions,
    /// Each held-out user's later ratings: what is judged.
    pub test: Interactions,
    /// `train` plus `history`: the data of a model retrained with the new users' histories.
    pub retrain: Interactions,
    /// The held-out users, ascending.
    pub users: Vec<u32>,
}

/// Holds out `round(user_ratio · #users with ratings)` users chosen uniformly (seeded): none of
/// their ratings is in `train`; their `fold_in` earliest ratings (by timestamp, ties to the lower
/// item index) are the `history` and the rest the `test`. A held-out user with `fold_in` ratings
/// or fewer has no test ratings (the runner skips them; their history still counts in
/// `retrain`). The held-out users depend on the seed only, not on `fold_in`, so the splits for
/// 1, 5 and 20 ratings judge the same users.
///
/// Errors: empty data, a ratio outside `[0, 1]`, `fold_in == 0`, data without timestamps.
///
/// ```
/// use recsys_core::{InteractionsBuilder, DuplicatePolicy, split};
/// let mut b = InteractionsBuilder::new();
/// for u in 0..10u64 {
///     for t in 0..4u32 { b.push(u, u64::from(t + u as u32), 4.0, Some(t))?; }
/// }
/// let m = b.build(DuplicatePolicy::KeepLast)?;
/// let s = split::new_users(&m, 0.2, 1, 7)?;
/// assert_eq!(s.users.len(), 2);
/// assert_eq!((s.history.nnz(), s.test.nnz(), s.train.nnz()), (2, 6, 32));
/// assert_eq!(s.retrain.nnz(), 34);
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn new_users(
    m: &Interactions,
    user_ratio: f64,
    fold_in: usize,
    seed: u64,
) -> Result<NewUsersSplit> {
    new_users_fold(m, user_ratio, fold_in, seed, 0)
}

/// Fold `fold` of disjoint [`new_users`] splits: the users with ratings are shuffled once
/// (seeded) and fold `f` withholds the `f`-th run of `round(user_ratio · #users)` of them, so
/// that folds `0..n` judge `n` disjoint groups of users (fold 0 is [`new_users`]). Errors as
/// [`new_users`], and when the fold's run goes past the users.
pub fn new_users_fold(
    m: &Interactions,
    user_ratio: f64,
    fold_in: usize,
    seed: u64,
    fold: usize,
) -> Result<NewUsersSplit> {
    check_ratio("user_ratio", user_ratio)?;
    non_empty(m, "new_users")?;
    crate::check::at_least_one("fold_in", fold_in)?;
    timestamped(m, "the new-users split folds in each user's first ratings")?;
    let mut rated: Vec<u32> = (0..m.n_users() as u32)
        .filter(|&u| !m.row(u).is_empty())
        .collect();
    let t = share(user_ratio, rated.len());
    let (start, end) = (
        fold.saturating_mul(t),
        fold.saturating_add(1).saturating_mul(t),
    );
    if end > rated.len() {
        return Err(CoreError::param(
            "fold",
            format!(
                "fold {fold} of {t} users each goes past the {} users with ratings: use fewer \
                 folds or a smaller share",
                rated.len()
            ),
        ));
    }
    rated.shuffle(&mut rng(seed));
    let mut users: Vec<u32> = rated[start..end].to_vec();
    users.sort_unstable();
    // 0: train, 1: history, 2: test
    let mut part = vec![0u8; m.nnz()];
    let ip = m.matrix().indptr();
    let mut order = Vec::new();
    for &u in &users {
        let row = m.row(u);
        let start = ip.index(u as usize);
        order.clear();
        order.extend(0..row.len());
        order.sort_unstable_by_key(|&k| (row.timestamps[k], row.items[k]));
        for (rank, &k) in order.iter().enumerate() {
            part[start + k] = if rank < fold_in { 1 } else { 2 };
        }
    }
    let mask = |f: fn(u8) -> bool| part.iter().map(|&p| f(p)).collect::<Vec<bool>>();
    Ok(NewUsersSplit {
        train: m.select(&mask(|p| p == 0))?,
        history: m.select(&mask(|p| p == 1))?,
        test: m.select(&mask(|p| p == 2))?,
        retrain: m.select(&mask(|p| p < 2))?,
        users,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DuplicatePolicy, InteractionsBuilder};

    fn data() -> Interactions {
        let mut b = InteractionsBuilder::new();
        for u in 0..40u64 {
            // user u rates items u..u+6 at times in reverse item order
            for j in 0..6u64 {
                b.push(u, (u + j) % 50, 3.0, Some((100 - j) as u32))
                    .unwrap();
            }
        }
        b.build(DuplicatePolicy::KeepLast).unwrap()
    }

    #[test]
    fn held_out_users_leave_train_and_fold_in_their_earliest_ratings() {
        let m = data();
        let s = new_users(&m, 0.25, 2, 3).unwrap();
        assert_eq!(s.users.len(), 10);
        for u in 0..m.n_users() as u32 {
            let held = s.users.binary_search(&u).is_ok();
            assert_eq!(s.train.row(u).is_empty(), held);
            if held {
                let h = s.history.row(u);
                assert_eq!(h.len(), 2);
                // the earliest two (times run backwards: the items u+5 and u+4)
                let first_test = s.test.row(u).timestamps.iter().copied().min().unwrap();
                assert!(h.timestamps.iter().all(|&t| t < first_test));
                let mut times = h.timestamps.to_vec();
                times.sort_unstable();
                assert_eq!(times, vec![95, 96]);
                assert_eq!(s.test.row(u).len(), 4);
            }
        }
        assert_eq!(s.train.nnz() + s.history.nnz() + s.test.nnz(), m.nnz());
        assert_eq!(s.retrain.nnz(), s.train.nnz() + s.history.nnz());
        // the same users for another history length
        assert_eq!(new_users(&m, 0.25, 5, 3).unwrap().users, s.users);
    }

    #[test]
    fn folds_withhold_disjoint_users() {
        let m = data();
        let folds: Vec<Vec<u32>> = (0..4)
            .map(|f| new_users_fold(&m, 0.25, 2, 3, f).unwrap().users)
            .collect();
        let mut all: Vec<u32> = folds.concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 40);
        assert!(new_users_fold(&m, 0.25, 2, 3, 4).is_err());
    }

    #[test]
    fn bad_arguments_are_errors() {
        let m = data();
        assert!(new_users(&m, 1.5, 1, 0).is_err());
        assert!(new_users(&m, 0.1, 0, 0).is_err());
    }
}
