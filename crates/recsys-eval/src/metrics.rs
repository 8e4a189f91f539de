//! Accuracy and ranking metrics.
//!
//! Ranking metrics take the 0-based rank of the held-out item. Among sampled candidates the rank
//! is the number of negatives scoring **at least** as high as the positive: ties count against
//! the held-out item, as the peers' protocol files document.

use crate::EvalError;

fn check(pred: &[f32], truth: &[f32]) -> Result<(), EvalError> {
    if pred.len() != truth.len() {
        return Err(EvalError::LengthMismatch(pred.len(), truth.len()));
    }
    if pred.is_empty() {
        return Err(EvalError::Empty("no predictions"));
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
        assert!(matches!(rmse(&[], &[]), Err(EvalError::Empty(_))));
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
