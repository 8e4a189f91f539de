//! Top-N ranking: the best `n` of a score row, every user's list, raw ids at the edges.

use std::cmp::Ordering;

use crate::interactions::Interactions;

use super::predict::{CandidateScorer, Recommender};

/// The `n` best unseen items of every user of `seen`'s index space, best first (as
/// [`Recommender::recommend`] ranks them), computed in parallel with rayon.
///
/// Memory is O(users · n) for the result plus one row of item scores per thread: never the
/// users × items score matrix (133,333 × 27,098 floats would be 14 GB; see `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_core::traits::{ByPredictedRating, RatingPredictor, recommend_all};
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// struct ByItem;
/// impl RatingPredictor for ByItem {
///     fn predict(&self, _u: u32, i: u32) -> f32 { i as f32 }
/// }
/// let mut b = InteractionsBuilder::new();
/// for (u, i) in [(1, 10), (1, 11), (2, 12)] { b.push(u, i, 4.0, None)?; }
/// let seen = b.build(DuplicatePolicy::KeepLast)?;
/// let all = recommend_all(&ByPredictedRating { model: ByItem, n_items: 3 }, &seen, 2);
/// assert_eq!(all[0], vec![(2, 2.0)]); // user 1 saw items 0 and 1
/// assert_eq!(all[1], vec![(1, 1.0), (0, 0.0)]);
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn recommend_all(
    scorer: &dyn CandidateScorer,
    seen: &Interactions,
    n: usize,
) -> Vec<Vec<(u32, f32)>> {
    use rayon::prelude::*;
    let items: Vec<u32> = (0..scorer.n_items() as u32).collect();
    (0..seen.n_users() as u32)
        .into_par_iter()
        .map_init(
            || vec![0.0f32; items.len()],
            |scores, u| {
                scorer.score(u, &items, scores);
                mask_seen(scores, seen.user_items(u));
                top_n_unmasked(scores, n)
            },
        )
        .collect()
}

/// The indices of the `n` largest scores, best first; ties go to the lower index; NaN ranks last.
///
/// ```
/// use recsys_core::traits::top_n;
/// assert_eq!(top_n(&[0.1, 0.9, 0.5, 0.9], 3), vec![(1, 0.9), (3, 0.9), (2, 0.5)]);
/// assert!(top_n(&[0.0; 1000], 3).capacity() <= 3);
/// ```
pub fn top_n(scores: &[f32], n: usize) -> Vec<(u32, f32)> {
    let n = n.min(scores.len());
    if n == 0 {
        return Vec::new();
    }
    let cmp = |a: &(u32, f32), b: &(u32, f32)| -> Ordering {
        let key = |s: f32| if s.is_nan() { f32::NEG_INFINITY } else { s };
        key(b.1).total_cmp(&key(a.1)).then(a.0.cmp(&b.0))
    };
    let mut all: Vec<(u32, f32)> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| (i as u32, s))
        .collect();
    if n < all.len() {
        all.select_nth_unstable_by(n - 1, cmp);
        all.truncate(n);
        // a kept list must not hold the capacity of every item (a recommend-all over 133k
        // users × 27k items kept 14 GB this way)
        all.shrink_to_fit();
    }
    all.sort_by(cmp);
    all
}

/// Every item's score for `user` with the items `user` has in `seen` masked ([`mask_seen`]):
/// what [`Recommender::recommend`] ranks.
pub fn unseen_scores<S: CandidateScorer + ?Sized>(
    scorer: &S,
    user: u32,
    seen: &Interactions,
) -> Vec<f32> {
    let items: Vec<u32> = (0..scorer.n_items() as u32).collect();
    let mut scores = vec![0.0f32; items.len()];
    scorer.score(user, &items, &mut scores);
    mask_seen(&mut scores, seen.user_items(user));
    scores
}

/// Sets the score of each item of `seen` to `f32::NEG_INFINITY`, the mark of an item a
/// recommender leaves out (items beyond `scores` are skipped).
///
/// ```
/// let mut s = [0.5, 0.9, 0.1];
/// recsys_core::traits::mask_seen(&mut s, &[1, 7]);
/// assert_eq!(s, [0.5, f32::NEG_INFINITY, 0.1]);
/// assert_eq!(recsys_core::traits::top_n_unmasked(&s, 3), vec![(0, 0.5), (2, 0.1)]);
/// ```
pub fn mask_seen(scores: &mut [f32], seen: &[u32]) {
    for &i in seen {
        if let Some(s) = scores.get_mut(i as usize) {
            *s = f32::NEG_INFINITY;
        }
    }
}

/// [`top_n`] without the items left out ([`mask_seen`]: a score of `f32::NEG_INFINITY`).
pub fn top_n_unmasked(scores: &[f32], n: usize) -> Vec<(u32, f32)> {
    top_n(scores, n)
        .into_iter()
        .filter(|&(_, s)| s > f32::NEG_INFINITY)
        .collect()
}

/// The top `n` items for the user with raw id `user`, as raw item ids, excluding the items the
/// user has in `seen` (the training data, whose index space the model shares). An unknown user
/// is [`crate::CoreError::UnknownId`].
///
/// ```
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// use recsys_core::traits::{ByPredictedRating, RatingPredictor, recommend_raw};
/// struct ByItem;
/// impl RatingPredictor for ByItem {
///     fn predict(&self, _u: u32, i: u32) -> f32 { i as f32 }
/// }
/// let mut b = InteractionsBuilder::new();
/// for (u, i) in [(7, 100), (7, 200), (8, 300)] { b.push(u, i, 4.0, None)?; }
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let model = ByPredictedRating { model: ByItem, n_items: train.n_items() };
/// // user 7 saw 100 and 200: only 300 is left
/// assert_eq!(recommend_raw(&model, &train, 7, 5)?, vec![(300, 2.0)]);
/// assert!(recommend_raw(&model, &train, 9, 5).is_err());
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn recommend_raw(
    model: &dyn Recommender,
    seen: &Interactions,
    user: crate::RawId,
    n: usize,
) -> crate::Result<Vec<(crate::RawId, f32)>> {
    let u = seen.user_index(user)?;
    Ok(model
        .recommend(u, n, seen)
        .into_iter()
        .filter_map(|(i, s)| seen.items().raw(i).map(|r| (r, s)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traits::{ByPredictedRating, RatingPredictor};
    use crate::{DuplicatePolicy, InteractionsBuilder};

    struct Mix;
    impl RatingPredictor for Mix {
        fn predict(&self, u: u32, i: u32) -> f32 {
            ((u * 31 + i * 17) % 23) as f32
        }
    }

    #[test]
    fn recommend_all_equals_recommend_per_user_and_keeps_only_n() {
        let mut b = InteractionsBuilder::new();
        for u in 0..50u64 {
            for i in (u % 7..200).step_by(9) {
                b.push(u, i, 3.0, None).unwrap();
            }
        }
        let seen = b.build(DuplicatePolicy::KeepLast).unwrap();
        let m = ByPredictedRating {
            model: Mix,
            n_items: seen.n_items(),
        };
        let all = recommend_all(&m, &seen, 5);
        assert_eq!(all.len(), seen.n_users());
        for (u, list) in all.iter().enumerate() {
            assert_eq!(list, &m.recommend(u as u32, 5, &seen));
            assert_eq!(list.len(), 5);
            assert!(list.capacity() <= 5, "user {u} keeps {}", list.capacity());
            for (i, _) in list {
                assert!(!seen.contains(u as u32, *i));
            }
        }
    }
}
