//! Leakage-free splits of an [`Interactions`] matrix into training and test parts sharing one
//! index space.
//!
//! Every split is a *partition*: each rating of the input lands in exactly one of `train` and
//! `test` (for [`kfold`], in exactly one test fold), both parts keep the input's user and item
//! maps (the same `Arc`s), and every random choice is drawn from
//! [`Xoshiro256PlusPlus`] seeded with the `seed` argument, so the same input and seed give the
//! same split. Shares are rounded half away from zero (`round(0.25 · 10) = 3`). Empty input is
//! [`CoreError::Empty`]; a ratio outside `[0, 1]`, a bad `k` or `n` is
//! [`CoreError::InvalidParameter`].
//!
//! | split | test part | unseen users / items in test |
//! |---|---|---|
//! | [`random_holdout`] | exactly `round(ratio · nnz)` ratings, uniformly | both possible |
//! | [`kfold`] | `k` folds of sizes differing by at most 1; every rating in exactly one | both possible |
//! | [`leave_latest_out`] | each user's `n` latest ratings (users with `≤ n` ratings stay in train) | items only |
//! | [`per_user_holdout`] | per user `min(round(ratio · \|R(u)\|), \|R(u)\| − 1)` ratings | items only |
//! | [`item_cold_start`] | every rating of `round(ratio · #rated items)` withheld items | all test items, by design |
//!
//! **Unseen users and items.** A test rating whose user or item has no training rating cannot be
//! scored by a collaborative model. Splits never drop such ratings silently: [`Split::unseen`]
//! reports them and [`Split::drop_unseen`] removes them (returning how many), which the caller
//! chooses to do or not (a cold-start evaluation keeps them).
//!
//! **Ties in leave-latest-out.** The peers' NCF protocol (`ncf_protocol.py`) sorts stably by
//! timestamp in file order, so among ratings with the same timestamp the one *later in the file*
//! is the later one. [`Interactions`] does not keep file order; [`leave_latest_out`] uses the
//! higher raw item id as the later one, which equals file order for files sorted by user then
//! item (`ratings_small.csv`, ml-latest-small's `ratings.csv`). For any other file (ml-100k's
//! `u.data`, ml-1m's `ratings.dat`), pass the file's order from `recsys_data::movielens::file_order` to
//! [`leave_latest_out_with`] to reproduce the peers' held-out items exactly.

mod new_users;
pub use new_users::{NewUsersSplit, new_users, new_users_fold};

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::error::{CoreError, Result};
use crate::interactions::Interactions;
use crate::random::splitmix;

/// A training and a test part over the same index space.
#[derive(Debug, Clone)]
pub struct Split {
    /// Training ratings.
    pub train: Interactions,
    /// Held-out ratings.
    pub test: Interactions,
}

/// Test users and items that have no training rating (see [`Split::unseen`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unseen {
    /// Users with test ratings and no training rating, ascending.
    pub users: Vec<u32>,
    /// Items with test ratings and no training rating, ascending.
    pub items: Vec<u32>,
    /// Test ratings whose user or item is unseen.
    pub ratings: usize,
}

impl Split {
    /// The test users and items that have no training rating, and how many test ratings they
    /// touch.
    ///
    /// ```
    /// use recsys_core::{InteractionsBuilder, DuplicatePolicy, split};
    /// let mut b = InteractionsBuilder::new();
    /// for (u, i, t) in [(1, 10, 1), (1, 11, 2), (2, 10, 3), (2, 11, 4), (2, 12, 5)] {
    ///     b.push(u, i, 1.0, Some(t))?;
    /// }
    /// let m = b.build(DuplicatePolicy::KeepLast)?;
    /// let mut s = split::leave_latest_out(&m, 1)?; // item 12 is only in test
    /// assert_eq!(s.unseen().items, vec![m.item_index(12)?]);
    /// assert_eq!(s.drop_unseen(), 1);
    /// assert_eq!(s.test.nnz(), 1);
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn unseen(&self) -> Unseen {
        let (users, items) = (self.train.user_counts(), self.train.item_counts());
        let mut out = Unseen::default();
        let (mut seen_u, mut seen_i) = (vec![false; users.len()], vec![false; items.len()]);
        for e in self.test.iter() {
            let (u, i) = (e.user as usize, e.item as usize);
            let (cold_u, cold_i) = (users[u] == 0, items[i] == 0);
            out.ratings += usize::from(cold_u || cold_i);
            if cold_u && !std::mem::replace(&mut seen_u[u], true) {
                out.users.push(e.user);
            }
            if cold_i && !std::mem::replace(&mut seen_i[i], true) {
                out.items.push(e.item);
            }
        }
        out.items.sort_unstable();
        out
    }

    /// Removes the test ratings whose user or item has no training rating; returns how many
    /// were removed.
    pub fn drop_unseen(&mut self) -> usize {
        let (users, items) = (self.train.user_counts(), self.train.item_counts());
        let before = self.test.nnz();
        self.test = self
            .test
            .filter(|e| users[e.user as usize] > 0 && items[e.item as usize] > 0);
        before - self.test.nnz()
    }
}

/// How [`leave_latest_out_with`] orders a user's ratings that share a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak<'a> {
    /// The rating of the higher raw item id is the later one (file order for files sorted by
    /// user then item).
    RawItemId,
    /// `order[k]` ranks the `k`-th rating in [`Interactions::iter`] order; the higher is the
    /// later one (for example the file positions from `recsys_data::movielens::file_order`). Length must be `nnz`.
    Order(&'a [u64]),
}

/// The generator every split draws from.
fn rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}

/// `round(ratio · n)`, half away from zero, at most `n`.
fn share(ratio: f64, n: usize) -> usize {
    ((ratio * n as f64).round() as usize).min(n)
}

fn check_ratio(name: &'static str, ratio: f64) -> Result<()> {
    crate::check::unit_interval(name, ratio)
}

/// Errors (naming `m`) on data without timestamps; `why` says what needs them.
fn timestamped(m: &Interactions, why: &str) -> Result<()> {
    if m.has_timestamps() {
        Ok(())
    } else {
        Err(CoreError::param(
            "m",
            format!("the data has no timestamps: {why}"),
        ))
    }
}

/// Errors on empty data, and on more ratings than the `u32` positions used here can index.
fn non_empty(m: &Interactions, what: &str) -> Result<()> {
    if m.is_empty() {
        Err(CoreError::Empty(format!("{what}: no ratings to split")))
    } else if m.nnz() > u32::MAX as usize {
        Err(CoreError::param("m", "more than u32::MAX ratings"))
    } else {
        Ok(())
    }
}

/// Train = ratings where `test` is false, test = where it is true.
fn partition(m: &Interactions, test: &[bool]) -> Result<Split> {
    let train: Vec<bool> = test.iter().map(|t| !t).collect();
    Ok(Split {
        train: m.select(&train)?,
        test: m.select(test)?,
    })
}

/// Marks `k` uniformly chosen positions of `0..n` (partial Fisher–Yates).
fn choose(rng: &mut Xoshiro256PlusPlus, n: usize, k: usize) -> Vec<bool> {
    let mut idx: Vec<u32> = (0..n as u32).collect();
    let (picked, _) = idx.partial_shuffle(rng, k);
    let mut mask = vec![false; n];
    for &p in picked.iter() {
        mask[p as usize] = true;
    }
    mask
}

/// Holds out exactly `round(test_ratio · nnz)` ratings chosen uniformly at random.
///
/// Test users and items may be unseen in training (see [`Split::unseen`]).
pub fn random_holdout(m: &Interactions, test_ratio: f64, seed: u64) -> Result<Split> {
    check_ratio("test_ratio", test_ratio)?;
    non_empty(m, "random_holdout")?;
    let n = m.nnz();
    partition(m, &choose(&mut rng(seed), n, share(test_ratio, n)))
}

/// Holds out each rating with probability `test_ratio`, decided by a hash of `(seed, raw user
/// id, raw item id)` alone. Unlike [`random_holdout`], a rating's side does not depend on the
/// other ratings: adding ratings (new users, new items) leaves every existing rating where it
/// was, so what is chosen on the held-out part moves only with what was added. The test share
/// is `test_ratio` in expectation, not exactly.
///
/// ```
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// let mut b = InteractionsBuilder::new();
/// for u in 0..50 {
///     for i in 0..20 {
///         b.push(u, i, 3.0, None)?;
///     }
/// }
/// let m = b.build(DuplicatePolicy::KeepLast)?;
/// let s = recsys_core::split::hashed_holdout(&m, 0.1, 7)?;
/// assert_eq!(s.train.nnz() + s.test.nnz(), 1000);
/// assert!((50..150).contains(&s.test.nnz()));
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn hashed_holdout(m: &Interactions, test_ratio: f64, seed: u64) -> Result<Split> {
    check_ratio("test_ratio", test_ratio)?;
    non_empty(m, "hashed_holdout")?;
    let (users, items) = (m.users(), m.items());
    let test: Vec<bool> = m
        .iter()
        .map(|e| {
            let u = users.raw(e.user).unwrap_or(u64::from(e.user));
            let i = items.raw(e.item).unwrap_or(u64::from(e.item));
            let h = splitmix(splitmix(seed ^ 0x005E_ED0F_5EED) ^ u)
                .wrapping_add(splitmix(i ^ 0x17E_4B17));
            // the top 53 bits as a uniform draw in [0, 1)
            ((splitmix(h) >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < test_ratio
        })
        .collect();
    partition(m, &test)
}

/// `k` splits whose test parts are disjoint, cover every rating once, and differ in size by at
/// most one (a uniformly random permutation dealt round-robin). `2 ≤ k ≤ nnz`.
///
/// Test users and items may be unseen in training (see [`Split::unseen`]).
pub fn kfold(m: &Interactions, k: usize, seed: u64) -> Result<Vec<Split>> {
    non_empty(m, "kfold")?;
    let n = m.nnz();
    if k < 2 || k > n {
        return Err(CoreError::param(
            "k",
            format!("{k} folds of {n} ratings: need 2 ≤ k ≤ {n}"),
        ));
    }
    let mut perm: Vec<u32> = (0..n as u32).collect();
    perm.shuffle(&mut rng(seed));
    let mut fold = vec![0usize; n];
    for (j, &p) in perm.iter().enumerate() {
        fold[p as usize] = j % k;
    }
    (0..k)
        .map(|f| partition(m, &fold.iter().map(|&x| x == f).collect::<Vec<_>>()))
        .collect()
}

/// A global temporal split: one cut time for everyone, so that no training rating is later than
/// any test rating. The cut is the timestamp of the rating at position `nnz − round(test_ratio ·
/// nnz)` in time order; test = every rating at or after it (ratings that share the cut time all
/// go to test, so the test share can exceed `test_ratio` slightly).
///
/// Test users and items may be unseen in training (see [`Split::unseen`]). Errors when the data
/// has no timestamps or the cut leaves no training or no test rating.
///
/// ```
/// use recsys_core::{InteractionsBuilder, DuplicatePolicy, split};
/// let mut b = InteractionsBuilder::new();
/// for (u, i, t) in [(1, 10, 1), (1, 11, 5), (2, 10, 2), (2, 12, 3), (3, 11, 4)] {
///     b.push(u, i, 1.0, Some(t))?;
/// }
/// let m = b.build(DuplicatePolicy::KeepLast)?;
/// let s = split::global_temporal(&m, 0.4)?; // cut at t = 4
/// assert_eq!((s.train.nnz(), s.test.nnz()), (3, 2));
/// let latest_train = s.train.iter().map(|e| e.timestamp).max();
/// let earliest_test = s.test.iter().map(|e| e.timestamp).min();
/// assert!(latest_train < earliest_test);
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn global_temporal(m: &Interactions, test_ratio: f64) -> Result<Split> {
    check_ratio("test_ratio", test_ratio)?;
    non_empty(m, "global_temporal")?;
    if !m.has_timestamps() {
        return Err(CoreError::param(
            "timestamps",
            "a temporal split needs the ratings' timestamps",
        ));
    }
    let mut times: Vec<u32> = m.iter().map(|e| e.timestamp).collect();
    times.sort_unstable();
    let n = times.len();
    let at = n - share(test_ratio, n);
    let Some(&cut) = times.get(at) else {
        return Err(CoreError::param(
            "test_ratio",
            format!("{test_ratio} of {n} ratings leaves no test rating"),
        ));
    };
    let mask: Vec<bool> = m.iter().map(|e| e.timestamp >= cut).collect();
    if mask.iter().all(|&t| t) {
        return Err(CoreError::param(
            "test_ratio",
            format!("every rating is at or after the cut time {cut}: no training rating"),
        ));
    }
    partition(m, &mask)
}

/// Holds out each user's `n` latest ratings by timestamp; ties broken by [`TieBreak::RawItemId`]
/// (see [`leave_latest_out_with`]).
pub fn leave_latest_out(m: &Interactions, n: usize) -> Result<Split> {
    leave_latest_out_with(m, n, TieBreak::RawItemId)
}

/// Holds out each user's `n` latest ratings by timestamp, ties broken by `tie` (and, should
/// `tie` tie too, by the higher item index).
///
/// Users with `n` ratings or fewer keep all of them in train, so no test user is unseen; test
/// items may be. No training rating of a user is later than one of their test ratings. Errors
/// when `n == 0`, the data has no timestamps, or an order has the wrong length.
pub fn leave_latest_out_with(m: &Interactions, n: usize, tie: TieBreak<'_>) -> Result<Split> {
    non_empty(m, "leave_latest_out")?;
    crate::check::at_least_one("n", n)?;
    timestamped(m, "leave-latest-out needs them")?;
    if let TieBreak::Order(o) = tie
        && o.len() != m.nnz()
    {
        return Err(CoreError::param(
            "tie",
            format!("order of length {} for {} ratings", o.len(), m.nnz()),
        ));
    }
    let mut mask = vec![false; m.nnz()];
    let (mut start, mut buf) = (0usize, Vec::<usize>::new());
    for u in 0..m.n_users() as u32 {
        let row = m.row(u);
        if row.len() > n {
            buf.clear();
            buf.extend(0..row.len());
            buf.sort_unstable_by_key(|&k| {
                let t = match tie {
                    TieBreak::RawItemId => m.items().raw(row.items[k]).unwrap_or(0),
                    TieBreak::Order(o) => o[start + k],
                };
                (row.timestamps[k], t, k)
            });
            for &k in &buf[row.len() - n..] {
                mask[start + k] = true;
            }
        }
        start += row.len();
    }
    partition(m, &mask)
}

/// Holds out, per user, `round(test_ratio · |R(u)|)` ratings chosen uniformly, capped at
/// `|R(u)| − 1`: every user keeps at least one training rating (so users with a single rating
/// keep it in train and no test user is unseen; test items may be).
pub fn per_user_holdout(m: &Interactions, test_ratio: f64, seed: u64) -> Result<Split> {
    check_ratio("test_ratio", test_ratio)?;
    non_empty(m, "per_user_holdout")?;
    let mut rng = rng(seed);
    let mut mask = vec![false; m.nnz()];
    let (mut start, mut buf) = (0usize, Vec::<u32>::new());
    for u in 0..m.n_users() as u32 {
        let len = m.row(u).len();
        let t = share(test_ratio, len).min(len.saturating_sub(1));
        if t > 0 {
            buf.clear();
            buf.extend(0..len as u32);
            for &k in buf.partial_shuffle(&mut rng, t).0.iter() {
                mask[start + k as usize] = true;
            }
        }
        start += len;
    }
    partition(m, &mask)
}

/// Withholds `round(item_ratio · #rated items)` of the items with ratings, chosen uniformly:
/// all their ratings go to test, none to train. Every test item is unseen in training by design.
pub fn item_cold_start(m: &Interactions, item_ratio: f64, seed: u64) -> Result<Split> {
    check_ratio("item_ratio", item_ratio)?;
    non_empty(m, "item_cold_start")?;
    let mut rated: Vec<u32> = (0..m.n_items() as u32)
        .zip(m.item_counts())
        .filter(|&(_, c)| c > 0)
        .map(|(i, _)| i)
        .collect();
    let t = share(item_ratio, rated.len());
    let mut withheld = vec![false; m.n_items()];
    for &i in rated.partial_shuffle(&mut rng(seed), t).0.iter() {
        withheld[i as usize] = true;
    }
    let mask: Vec<bool> = m.iter().map(|e| withheld[e.item as usize]).collect();
    partition(m, &mask)
}
