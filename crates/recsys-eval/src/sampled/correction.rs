//! [`Correction`]: the bias–variance correction of one catalogue size.

use recsys_core::WrapsCore;

use super::FullMetric;
use super::hypergeometric::hypergeometric_row;
use super::solve::solve;
use crate::EvalError;

/// The corrected value of each sampled rank `0..=m` for one catalogue size.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    values: Vec<f64>,
}

/// Probabilities below this are dropped from the sums (the hypergeometric law is concentrated).
const TINY: f64 = 1e-15;

impl Correction {
    /// The correction of `metric` when each held-out item is ranked among `m` negatives drawn
    /// without replacement from the user's `n` candidate negatives (every item the user has
    /// not interacted with, apart from the held-out one; its full rank is `0..=n`), with trade-off `gamma` (≥ 0; Krichene &
    /// Rendle's γ).
    ///
    /// Errors: `m` of 0, `m > n`, or `gamma` negative or not finite.
    pub fn new(metric: FullMetric, n: usize, m: usize, gamma: f64) -> Result<Self, EvalError> {
        let mut all = Self::for_metrics(&[metric], n, m, gamma)?;
        all.pop()
            .ok_or_else(|| EvalError::empty("no metric to correct"))
    }

    /// The corrections of several metrics for one catalogue size: [`Correction::new`] of each,
    /// sharing the one pass over the full ranks that dominates the cost (`O(n·m²)`).
    pub fn for_metrics(
        metrics: &[FullMetric],
        n: usize,
        m: usize,
        gamma: f64,
    ) -> Result<Vec<Self>, EvalError> {
        if m == 0 || m > n {
            return Err(EvalError::param(
                "negatives",
                format!("need 1 <= m <= n, got m = {m}, n = {n}"),
            ));
        }
        if !gamma.is_finite() || gamma < 0.0 {
            return Err(EvalError::param(
                "gamma",
                format!("must be finite and >= 0, got {gamma}"),
            ));
        }
        let w = m + 1;
        // normal equations: ((1 − γ) AᵀA + γ diag(Aᵀ1)) x = AᵀM, one right-hand side per metric
        let mut lhs = vec![0.0f64; w * w];
        let mut rhs = vec![vec![0.0f64; w]; metrics.len()];
        let mut mass = vec![0.0f64; w];
        let mut row = vec![0.0f64; w];
        let mut nz = Vec::with_capacity(w);
        for full in 0..=n {
            let (lo, hi) = hypergeometric_row(n, full, m, &mut row);
            nz.clear();
            nz.extend((lo..=hi).filter(|&r| row[r] > TINY));
            for (b, metric) in rhs.iter_mut().zip(metrics) {
                let target = metric.of_rank(full);
                if target != 0.0 {
                    for &a in &nz {
                        b[a] += row[a] * target;
                    }
                }
            }
            for (i, &a) in nz.iter().enumerate() {
                mass[a] += row[a];
                if gamma < 1.0 {
                    let pa = (1.0 - gamma) * row[a];
                    for &b in &nz[i..] {
                        lhs[a * w + b] += pa * row[b];
                    }
                }
            }
        }
        for a in 0..w {
            for b in 0..a {
                lhs[a * w + b] = lhs[b * w + a];
            }
            lhs[a * w + a] += gamma * mass[a];
        }
        rhs.into_iter()
            .map(|b| {
                solve(lhs.clone(), b, w)
                    .map(|values| Self { values })
                    .ok_or_else(|| {
                        EvalError::param(
                            "gamma",
                            "the bias-only correction (gamma 0) is singular here: use gamma > 0",
                        )
                    })
            })
            .collect()
    }

    /// The corrected value of 0-based sampled rank `r` (0 past `m`).
    pub fn value(&self, r: usize) -> f64 {
        self.values.get(r).copied().unwrap_or(0.0)
    }

    /// The corrected values of the sampled ranks `0..=m`.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

#[cfg(test)]
mod tests {
    use super::super::hypergeometric::hypergeometric_row;
    use super::*;
    use crate::metrics::hit_at;
    use approx::assert_relative_eq;

    #[test]
    fn hypergeometric_rows_sum_to_one_and_match_a_hand_count() {
        let mut row = vec![0.0; 3];
        // 5 items, 2 marked, 2 draws: P(0) = C(3,2)/C(5,2) = 3/10, P(1) = 2·3/10, P(2) = 1/10
        let (lo, hi) = hypergeometric_row(5, 2, 2, &mut row);
        assert_eq!((lo, hi), (0, 2));
        assert_relative_eq!(row[0], 0.3, epsilon = 1e-12);
        assert_relative_eq!(row[1], 0.6, epsilon = 1e-12);
        assert_relative_eq!(row[2], 0.1, epsilon = 1e-12);
        for full in 0..=40 {
            let mut row = vec![0.0; 11];
            hypergeometric_row(40, full, 10, &mut row);
            assert_relative_eq!(row.iter().sum::<f64>(), 1.0, epsilon = 1e-9);
        }
    }

    #[test]
    fn sampling_everything_needs_no_correction() {
        // m = n: the sampled rank is the full rank, so the correction is the metric itself
        let c = Correction::new(FullMetric::Ndcg(5), 30, 30, 0.0).unwrap();
        for r in 0..=30 {
            assert_relative_eq!(c.value(r), FullMetric::Ndcg(5).of_rank(r), epsilon = 1e-9);
        }
    }

    #[test]
    fn gamma_one_is_the_posterior_mean_under_a_uniform_prior() {
        let (n, m) = (50, 5);
        let c = Correction::new(FullMetric::Hit(10), n, m, 1.0).unwrap();
        let mut row = vec![0.0; m + 1];
        let (mut num, mut den) = (vec![0.0; m + 1], vec![0.0; m + 1]);
        for full in 0..=n {
            hypergeometric_row(n, full, m, &mut row);
            for r in 0..=m {
                num[r] += row[r] * hit_at(full, 10);
                den[r] += row[r];
            }
        }
        for r in 0..=m {
            assert_relative_eq!(c.value(r), num[r] / den[r], epsilon = 1e-9);
        }
    }

    #[test]
    fn bad_parameters_are_errors() {
        assert!(Correction::new(FullMetric::Hit(10), 10, 0, 0.1).is_err());
        assert!(Correction::new(FullMetric::Hit(10), 10, 11, 0.1).is_err());
        assert!(Correction::new(FullMetric::Hit(10), 100, 10, -1.0).is_err());
        assert!(Correction::new(FullMetric::Hit(10), 100, 10, f64::NAN).is_err());
    }
}
