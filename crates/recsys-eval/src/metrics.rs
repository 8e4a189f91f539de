//! Accuracy and ranking metrics.
//!
//! Ranking metrics take the 0-based rank of the held-out item. Among sampled candidates the rank
//! is the number of negatives scoring **at least** as high as the positive: ties count against
//! the held-out item, as the peers' protocol files document.

use crate::EvalError;
use recsys_core::WrapsCore;

fn check(pred: &[f32], truth: &[f32]) -> Result<(), EvalError> {
    if pred.len() != truth.len() {
        return Err(EvalError::LengthMismatch(pred.len(), truth.len()));
    }
    if pred.is_empty() {
        return Err(EvalError::empty("no predictions"));
    }
    if let Some(k) = pred.iter().chain(truth).position(|x| !x.is_finite()) {
        return Err(EvalError::NonFinite(k % pred.len()));
    }
    Ok(())
}

/// Root mean squared error.
pub fn rmse(pred: &[f32], truth: &[f32]) -> Result<f64, EvalError> {
    check(pred, truth)?;
    let s: f64 = pred
        .iter()
        .zip(truth)
        .map(|(&p, &t)| (f64::from(p) - f64::from(t)).powi(2))
        .sum();
    Ok((s / pred.len() as f64).sqrt())
}

/// Mean absolute error.
pub fn mae(pred: &[f32], truth: &[f32]) -> Result<f64, EvalError> {
    check(pred, truth)?;
    let s: f64 = pred
        .iter()
        .zip(truth)
        .map(|(&p, &t)| (f64::from(p) - f64::from(t)).abs())
        .sum();
    Ok(s / pred.len() as f64)
}

/// 0-based rank of a positive scoring `pos` among `negatives`: how many score `>= pos`.
/// A NaN positive ranks last.
pub fn rank_among(pos: f32, negatives: &[f32]) -> usize {
    if pos.is_nan() {
        return negatives.len();
    }
    negatives
        .iter()
        .filter(|&&s| s >= pos || s.is_nan())
        .count()
}

/// Hit rate at `k` for one held-out item: 1 if its rank is below `k`.
pub fn hit_at(rank: usize, k: usize) -> f64 {
    if rank < k { 1.0 } else { 0.0 }
}

/// NDCG at `k` for one held-out item: `1 / log2(rank + 2)` if its rank is below `k`, else 0.
pub fn ndcg_at(rank: usize, k: usize) -> f64 {
    if rank < k {
        1.0 / ((rank + 2) as f64).log2()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn by_hand() {
        // errors 1, -2, 0 → squared 1, 4, 0 → mean 5/3
        assert_relative_eq!(
            rmse(&[2.0, 1.0, 5.0], &[1.0, 3.0, 5.0]).unwrap(),
            (5.0f64 / 3.0).sqrt()
        );
        assert_relative_eq!(mae(&[2.0, 1.0, 5.0], &[1.0, 3.0, 5.0]).unwrap(), 1.0);
        assert!(matches!(
            rmse(&[], &[]),
            Err(EvalError::Core(recsys_core::CoreError::Empty(_)))
        ));
        assert!(matches!(
            rmse(&[1.0], &[1.0, 2.0]),
            Err(EvalError::LengthMismatch(1, 2))
        ));
        assert!(matches!(
            mae(&[1.0, f32::NAN], &[1.0, 2.0]),
            Err(EvalError::NonFinite(1))
        ));
        assert_eq!(rank_among(0.5, &[0.1, 0.2]), 0);
        assert_eq!(rank_among(0.5, &[0.5, 0.5, 0.7]), 3); // ties against
        assert_eq!(rank_among(f32::NAN, &[0.1]), 1);
        assert_eq!(hit_at(9, 10), 1.0);
        assert_eq!(hit_at(10, 10), 0.0);
        assert_relative_eq!(ndcg_at(0, 10), 1.0);
        assert_relative_eq!(ndcg_at(1, 10), 1.0 / 3f64.log2());
        assert_eq!(ndcg_at(10, 10), 0.0);
    }

    proptest! {
        #[test]
        fn ranking_metrics_in_unit_interval(pos in -10f32..10.0, negs in proptest::collection::vec(-10f32..10.0, 0..120), k in 1usize..50) {
            let r = rank_among(pos, &negs);
            prop_assert!(r <= negs.len());
            for m in [hit_at(r, k), ndcg_at(r, k)] {
                prop_assert!((0.0..=1.0).contains(&m));
            }
            prop_assert!(ndcg_at(r, k) <= hit_at(r, k));
        }
    }
}

/// Ranking metrics of one user's list against the items relevant to them (the held-out items).
///
/// `ranked` is the recommendation list, best first (already excluding training items); only its
/// first `k` entries count. `relevant` holds the held-out items. The ideal DCG uses
/// `min(|relevant|, k)` hits. With a single relevant item these reduce to the sampled-protocol
/// formulas (`HR@K = hit`, `NDCG@K = 1/log2(rank+2)`, `MRR = 1/(rank+1)`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RankingMetrics {
    /// 1 if any relevant item is in the top k.
    pub hit: f64,
    /// Normalized discounted cumulative gain at k (binary relevance).
    pub ndcg: f64,
    /// Relevant items in the top k, divided by k.
    pub precision: f64,
    /// Relevant items in the top k, divided by the number of relevant items.
    pub recall: f64,
    /// Average precision at k, normalized by `min(|relevant|, k)`.
    pub ap: f64,
    /// Reciprocal rank of the first relevant item in the whole list (0 if none).
    pub rr: f64,
}

impl RankingMetrics {
    /// Metrics of `ranked` (best first) against `relevant`, at cutoff `k`. Empty `relevant` or
    /// `k == 0` gives all zeros.
    pub fn of_list(ranked: &[u32], relevant: &[u32], k: usize) -> Self {
        let positions: Vec<usize> = ranked
            .iter()
            .enumerate()
            .filter(|(_, i)| relevant.contains(i))
            .map(|(p, _)| p)
            .collect();
        Self::of_positions(&positions, relevant.len(), k)
    }

    /// Metrics from the 0-based positions of the relevant items in a ranking (ascending,
    /// distinct; relevant items ranked nowhere are simply absent), `n_relevant` relevant items in
    /// all, at cutoff `k`.
    pub fn of_positions(positions: &[usize], n_relevant: usize, k: usize) -> Self {
        if n_relevant == 0 || k == 0 {
            return Self::default();
        }
        let mut hits = 0usize;
        let mut dcg = 0.0;
        let mut ap = 0.0;
        for &p in positions.iter().take_while(|&&p| p < k) {
            hits += 1;
            dcg += 1.0 / ((p + 2) as f64).log2();
            ap += hits as f64 / (p + 1) as f64;
        }
        let ideal = n_relevant.min(k);
        let idcg: f64 = (0..ideal).map(|p| 1.0 / ((p + 2) as f64).log2()).sum();
        Self {
            hit: if hits > 0 { 1.0 } else { 0.0 },
            ndcg: dcg / idcg,
            precision: hits as f64 / k as f64,
            recall: hits as f64 / n_relevant as f64,
            ap: ap / ideal as f64,
            rr: positions.first().map_or(0.0, |&p| 1.0 / (p + 1) as f64),
        }
    }

    /// Pessimistic positions of relevant items given all candidates' scores: a relevant item is
    /// placed after every irrelevant item scoring at least as much (ties against it) and after the
    /// relevant items scoring strictly more; relevant items tied with each other take consecutive
    /// places. NaN scores rank last. Returns the positions ascending.
    ///
    /// ```
    /// use recsys_eval::metrics::RankingMetrics;
    /// // relevant scores 0.5 and 0.9; irrelevant 0.9, 0.5, 0.1
    /// assert_eq!(RankingMetrics::pessimistic_positions(&[0.5, 0.9], &[0.9, 0.5, 0.1]), vec![1, 3]);
    /// ```
    pub fn pessimistic_positions(relevant: &[f32], irrelevant: &[f32]) -> Vec<usize> {
        let key = |s: f32| if s.is_nan() { f32::NEG_INFINITY } else { s };
        let mut irr: Vec<f32> = irrelevant.iter().map(|&s| key(s)).collect();
        irr.sort_by(f32::total_cmp);
        let mut rel: Vec<f32> = relevant.iter().map(|&s| key(s)).collect();
        rel.sort_by(|a, b| b.total_cmp(a));
        rel.iter()
            .enumerate()
            .map(|(j, &s)| {
                let irr_ge = irr.len() - irr.partition_point(|&x| x < s);
                irr_ge + j
            })
            .collect()
    }

    /// Metrics of one held-out item at 0-based `rank` (see [`rank_among`]) at cutoff `k`.
    pub fn of_rank(rank: usize, k: usize) -> Self {
        let hit = hit_at(rank, k);
        Self {
            hit,
            ndcg: ndcg_at(rank, k),
            precision: if k > 0 { hit / k as f64 } else { 0.0 },
            recall: hit,
            ap: if rank < k {
                1.0 / (rank + 1) as f64
            } else {
                0.0
            },
            rr: 1.0 / (rank + 1) as f64,
        }
    }
}

/// Area under the ROC curve for one user: the share of (relevant, irrelevant) pairs where the
/// relevant item scores strictly higher (ties count against the relevant item). `None` when
/// either side is empty.
pub fn auc(relevant_scores: &[f32], irrelevant_scores: &[f32]) -> Option<f64> {
    if relevant_scores.is_empty() || irrelevant_scores.is_empty() {
        return None;
    }
    let mut neg: Vec<f32> = irrelevant_scores
        .iter()
        .map(|&s| if s.is_nan() { f32::INFINITY } else { s })
        .collect();
    neg.sort_by(f32::total_cmp);
    let mut good = 0usize;
    for &p in relevant_scores {
        if p.is_nan() {
            continue;
        }
        // negatives strictly below p
        good += neg.partition_point(|&n| n < p);
    }
    Some(good as f64 / (relevant_scores.len() * neg.len()) as f64)
}

/// Catalog coverage: the share of the `n_items` catalog that appears in at least one list.
pub fn coverage<'a>(lists: impl IntoIterator<Item = &'a [u32]>, n_items: usize) -> f64 {
    if n_items == 0 {
        return 0.0;
    }
    let mut seen = vec![false; n_items];
    for l in lists {
        for &i in l {
            if let Some(s) = seen.get_mut(i as usize) {
                *s = true;
            }
        }
    }
    seen.iter().filter(|&&s| s).count() as f64 / n_items as f64
}

/// Novelty of a list: the mean self-information `−log2 p(i)` of its items, where `p(i)` is the
/// share of training users who interacted with item `i` (`item_users[i] / n_users`). Items never
/// seen in training count as seen once (the most novel). `None` for an empty list.
pub fn novelty(list: &[u32], item_users: &[u32], n_users: usize) -> Option<f64> {
    if list.is_empty() || n_users == 0 {
        return None;
    }
    let s: f64 = list
        .iter()
        .map(|&i| {
            let c = item_users.get(i as usize).copied().unwrap_or(0).max(1);
            -(f64::from(c) / n_users as f64).log2()
        })
        .sum();
    Some(s / list.len() as f64)
}

/// Intra-list diversity: the mean of `1 − similarity(a, b)` over the unordered pairs of a list.
/// `None` for lists of fewer than two items.
pub fn intra_list_diversity(
    list: &[u32],
    mut similarity: impl FnMut(u32, u32) -> f64,
) -> Option<f64> {
    if list.len() < 2 {
        return None;
    }
    let mut s = 0.0;
    let mut n = 0usize;
    for a in 0..list.len() {
        for b in a + 1..list.len() {
            s += 1.0 - similarity(list[a], list[b]);
            n += 1;
        }
    }
    Some(s / n as f64)
}

/// Cosine similarity of two items' sets of users (binary vectors): `|A ∩ B| / sqrt(|A|·|B|)`.
/// Both slices must be sorted ascending (as [`recsys_core::ByItem`] gives them).
pub fn set_cosine(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / ((a.len() * b.len()) as f64).sqrt()
}

/// Mean and 95% bootstrap confidence interval of per-user values: `resamples` resamples of the
/// users with replacement (seeded), the 2.5th and 97.5th percentiles of their means.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Estimate {
    /// The mean over users.
    pub mean: f64,
    /// Lower bound of the 95% interval.
    pub lo: f64,
    /// Upper bound of the 95% interval.
    pub hi: f64,
    /// Number of users.
    pub n: usize,
}

impl Estimate {
    /// The mean and bootstrap interval of `values` (`None` when empty).
    pub fn bootstrap(values: &[f64], resamples: usize, seed: u64) -> Option<Self> {
        use rand::{RngExt, SeedableRng};
        if values.is_empty() {
            return None;
        }
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        if resamples == 0 || n == 1 {
            return Some(Self {
                mean,
                lo: mean,
                hi: mean,
                n,
            });
        }
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut means: Vec<f64> = (0..resamples)
            .map(|_| (0..n).map(|_| values[rng.random_range(0..n)]).sum::<f64>() / n as f64)
            .collect();
        means.sort_by(f64::total_cmp);
        let at = |q: f64| means[((q * (resamples - 1) as f64).round() as usize).min(resamples - 1)];
        Some(Self {
            mean,
            lo: at(0.025),
            hi: at(0.975),
            n,
        })
    }
}

impl Estimate {
    /// 95% bootstrap interval of a ratio of sums `Σ num / Σ den` over users (resampling users),
    /// e.g. mean squared error from per-user sums of squared errors and rating counts.
    /// `None` when empty or when a resample has a zero denominator throughout.
    pub fn bootstrap_ratio(
        num: &[f64],
        den: &[f64],
        resamples: usize,
        seed: u64,
    ) -> Option<(f64, f64)> {
        use rand::{RngExt, SeedableRng};
        let n = num.len();
        if n == 0 || den.len() != n {
            return None;
        }
        let total: f64 = den.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let point = num.iter().sum::<f64>() / total;
        if resamples == 0 || n == 1 {
            return Some((point, point));
        }
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut ratios: Vec<f64> = (0..resamples)
            .filter_map(|_| {
                let (mut a, mut b) = (0.0, 0.0);
                for _ in 0..n {
                    let k = rng.random_range(0..n);
                    a += num[k];
                    b += den[k];
                }
                (b > 0.0).then(|| a / b)
            })
            .collect();
        if ratios.is_empty() {
            return None;
        }
        ratios.sort_by(f64::total_cmp);
        let m = ratios.len();
        let at = |q: f64| ratios[((q * (m - 1) as f64).round() as usize).min(m - 1)];
        Some((at(0.025), at(0.975)))
    }
}

#[cfg(test)]
mod ranking_tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn full_ranking_by_hand() {
        // list 5 3 9 1 7, relevant {3, 7, 8}, k = 5
        let m = RankingMetrics::of_list(&[5, 3, 9, 1, 7], &[3, 7, 8], 5);
        assert_eq!(m.hit, 1.0);
        assert_relative_eq!(m.precision, 2.0 / 5.0);
        assert_relative_eq!(m.recall, 2.0 / 3.0);
        // hits at positions 1 and 4 (0-based): DCG = 1/log2(3) + 1/log2(6); IDCG = 1 + 1/log2(3) + 1/2
        let dcg = 1.0 / 3f64.log2() + 1.0 / 6f64.log2();
        let idcg = 1.0 + 1.0 / 3f64.log2() + 0.5;
        assert_relative_eq!(m.ndcg, dcg / idcg);
        // AP: precision at the hits 1/2 and 2/5, over min(3, 5) = 3
        assert_relative_eq!(m.ap, (0.5 + 0.4) / 3.0);
        assert_relative_eq!(m.rr, 0.5);
        // k = 1: nothing relevant in the top 1
        let m1 = RankingMetrics::of_list(&[5, 3], &[3], 1);
        assert_eq!((m1.hit, m1.ndcg, m1.precision, m1.ap), (0.0, 0.0, 0.0, 0.0));
        assert_relative_eq!(m1.rr, 0.5);
        assert_eq!(
            RankingMetrics::of_list(&[1], &[], 10),
            RankingMetrics::default()
        );
    }

    #[test]
    fn pessimistic_positions_by_hand() {
        // all tied: relevant items go after every irrelevant one
        assert_eq!(
            RankingMetrics::pessimistic_positions(&[1.0, 1.0], &[1.0, 1.0, 1.0]),
            vec![3, 4]
        );
        let m = RankingMetrics::of_positions(&[3, 4], 2, 3);
        assert_eq!((m.hit, m.precision), (0.0, 0.0));
        // strictly better relevant item comes first
        assert_eq!(
            RankingMetrics::pessimistic_positions(&[0.2, 0.8], &[0.5]),
            vec![0, 2]
        );
        assert_eq!(
            RankingMetrics::pessimistic_positions(&[f32::NAN], &[0.1]),
            vec![1]
        );
        // one relevant item: the position is rank_among
        assert_eq!(
            RankingMetrics::pessimistic_positions(&[0.5], &[0.5, 0.7, 0.1]),
            vec![rank_among(0.5, &[0.5, 0.7, 0.1])]
        );
    }

    #[test]
    fn single_item_list_equals_rank_formulas() {
        for rank in 0..15 {
            let mut list: Vec<u32> = (100..100 + rank as u32).collect();
            list.push(7);
            list.extend(200..210);
            let a = RankingMetrics::of_list(&list, &[7], 10);
            let b = RankingMetrics::of_rank(rank, 10);
            assert_relative_eq!(a.hit, b.hit);
            assert_relative_eq!(a.ndcg, b.ndcg);
            assert_relative_eq!(a.precision, b.precision);
            assert_relative_eq!(a.recall, b.recall);
            assert_relative_eq!(a.ap, b.ap);
            assert_relative_eq!(a.rr, b.rr);
        }
    }

    #[test]
    fn auc_coverage_novelty_diversity_by_hand() {
        // positive 0.5 vs negatives 0.1, 0.5 (tie, against), 0.9 → 1 of 3
        assert_relative_eq!(auc(&[0.5], &[0.1, 0.5, 0.9]).unwrap(), 1.0 / 3.0);
        assert_relative_eq!(auc(&[0.5, 1.0], &[0.1, 0.9]).unwrap(), 3.0 / 4.0);
        assert_eq!(auc(&[], &[1.0]), None);
        assert_relative_eq!(coverage([&[0u32, 1][..], &[1, 2][..]], 6), 0.5);
        // item 0 seen by 1 of 4 users: 2 bits; item 1 by 4 of 4: 0 bits
        assert_relative_eq!(novelty(&[0, 1], &[1, 4], 4).unwrap(), 1.0);
        assert_relative_eq!(set_cosine(&[1, 2, 3], &[2, 3, 4, 5]), 2.0 / 12f64.sqrt());
        let ild =
            intra_list_diversity(&[0, 1, 2], |a, b| if a + b == 1 { 1.0 } else { 0.0 }).unwrap();
        assert_relative_eq!(ild, 2.0 / 3.0);
    }

    #[test]
    fn bootstrap_interval_contains_mean_and_is_seeded() {
        let v: Vec<f64> = (0..500).map(|k| f64::from(k % 2)).collect();
        let e = Estimate::bootstrap(&v, 1000, 7).unwrap();
        assert_relative_eq!(e.mean, 0.5);
        assert!(e.lo < 0.5 && e.hi > 0.5);
        // the standard error of a mean of 500 fair coins is 0.0224: the interval is about ±0.044
        assert!(
            (e.hi - e.lo - 2.0 * 1.96 * 0.5 / 500f64.sqrt()).abs() < 0.02,
            "{e:?}"
        );
        assert_eq!(e, Estimate::bootstrap(&v, 1000, 7).unwrap());
        assert_eq!(Estimate::bootstrap(&[], 10, 1), None);
    }

    proptest! {
        #[test]
        fn list_metrics_lie_in_unit_interval(
            list in proptest::collection::vec(0u32..40, 0..30),
            rel in proptest::collection::vec(0u32..40, 0..8),
            k in 1usize..20,
        ) {
            let mut list = list;
            list.dedup();
            let mut seen = std::collections::HashSet::new();
            list.retain(|x| seen.insert(*x));
            let mut rel = rel;
            rel.sort_unstable();
            rel.dedup();
            let m = RankingMetrics::of_list(&list, &rel, k);
            for x in [m.hit, m.ndcg, m.precision, m.recall, m.ap, m.rr] {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&x), "{m:?}");
            }
        }

        #[test]
        fn auc_in_unit_interval(p in proptest::collection::vec(-5f32..5.0, 1..20), n in proptest::collection::vec(-5f32..5.0, 1..20)) {
            let a = auc(&p, &n).unwrap();
            prop_assert!((0.0..=1.0).contains(&a));
        }
    }
}
