//! Paired comparisons of two models on one protocol: the per-user differences of a metric, a
//! paired bootstrap interval of their mean and a two-sided sign test, so that "A beats B" is
//! claimed from the differences, not from two means and their separate intervals.
//!
//! ```
//! use recsys_eval::paired::{paired_mean, sign_test};
//! let a = [1.0, 1.0, 0.0, 1.0, 1.0, 1.0];
//! let b = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
//! let d = paired_mean(&a, &b, 1000, 0).unwrap();
//! assert!((d.mean - 4.0 / 6.0).abs() < 1e-12);
//! assert!(d.lo > 0.0 && d.hi <= 1.0);
//! // 4 users better, 0 worse, 2 ties: p = 2 · 0.5⁴
//! assert!((sign_test(4, 0) - 0.125).abs() < 1e-12);
//! ```

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

/// The mean per-user difference of a metric between two models, its 95% paired bootstrap
/// interval and the sign test's two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Paired {
    /// Mean difference (model − baseline).
    pub mean: f64,
    /// Lower bound of the 95% interval.
    pub lo: f64,
    /// Upper bound of the 95% interval.
    pub hi: f64,
    /// Two-sided sign-test p-value of "as many users better as worse".
    pub p: f64,
    /// Users compared.
    pub n: usize,
}

/// The paired comparison of per-user values `a` (the model) and `b` (the baseline) of the same
/// users in the same order: `resamples` bootstrap resamples of the users (seeded). `None` when
/// empty or of different lengths.
pub fn paired_mean(a: &[f64], b: &[f64], resamples: usize, seed: u64) -> Option<Paired> {
    if a.is_empty() || a.len() != b.len() {
        return None;
    }
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = d.len();
    let mean = d.iter().sum::<f64>() / n as f64;
    let (lo, hi) = interval(n, resamples, seed, mean, |idx| {
        idx.iter().map(|&k| d[k]).sum::<f64>() / n as f64
    });
    Some(Paired {
        mean,
        lo,
        hi,
        p: signs(&d),
        n,
    })
}

/// The paired comparison of a metric that is a transformed ratio of per-user sums (RMSE:
/// `sqrt(Σ se / Σ n)`): per-user numerators `num_a`, `num_b` of the two models over the same
/// per-user denominators `den`. The sign test compares the per-user ratios.
pub fn paired_ratio(
    num_a: &[f64],
    num_b: &[f64],
    den: &[f64],
    transform: fn(f64) -> f64,
    resamples: usize,
    seed: u64,
) -> Option<Paired> {
    let n = den.len();
    if n == 0 || num_a.len() != n || num_b.len() != n {
        return None;
    }
    let stat = |idx: &mut dyn Iterator<Item = usize>| {
        let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
        for k in idx {
            a += num_a[k];
            b += num_b[k];
            c += den[k];
        }
        if c > 0.0 {
            transform(a / c) - transform(b / c)
        } else {
            0.0
        }
    };
    let mean = stat(&mut (0..n));
    let (lo, hi) = interval(n, resamples, seed, mean, |idx| {
        stat(&mut idx.iter().copied())
    });
    let d: Vec<f64> = (0..n)
        .filter(|&k| den[k] > 0.0)
        .map(|k| transform(num_a[k] / den[k]) - transform(num_b[k] / den[k]))
        .collect();
    Some(Paired {
        mean,
        lo,
        hi,
        p: signs(&d),
        n,
    })
}

/// The 2.5th and 97.5th percentiles of `stat` over `resamples` resamples of `0..n` (seeded);
/// `(point, point)` without resamples.
fn interval(
    n: usize,
    resamples: usize,
    seed: u64,
    point: f64,
    stat: impl Fn(&[usize]) -> f64,
) -> (f64, f64) {
    if resamples == 0 || n < 2 {
        return (point, point);
    }
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut idx = vec![0usize; n];
    let mut stats: Vec<f64> = (0..resamples)
        .map(|_| {
            idx.iter_mut().for_each(|k| *k = rng.random_range(0..n));
            stat(&idx)
        })
        .collect();
    stats.sort_by(f64::total_cmp);
    let at = |q: f64| stats[((q * (resamples - 1) as f64).round() as usize).min(resamples - 1)];
    (at(0.025), at(0.975))
}

/// The sign test of differences `d` (ties dropped).
fn signs(d: &[f64]) -> f64 {
    let up = d.iter().filter(|&&x| x > 0.0).count();
    let down = d.iter().filter(|&&x| x < 0.0).count();
    sign_test(up, down)
}

/// Two-sided p-value of the sign test: `up` users better, `down` worse, under "each equally
/// likely": `min(1, 2·P(Binomial(up + down, ½) ≤ min(up, down)))`, exact.
pub fn sign_test(up: usize, down: usize) -> f64 {
    let n = up + down;
    if n == 0 {
        return 1.0;
    }
    let k = up.min(down);
    // P(X = j) = C(n, j) / 2ⁿ, summed in log space
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_c = 0.0f64; // ln C(n, 0)
    let mut tail = 0.0f64;
    for j in 0..=k {
        if j > 0 {
            ln_c += ((n - j + 1) as f64 / j as f64).ln();
        }
        tail += (ln_c + ln_half_n).exp();
    }
    (2.0 * tail).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn sign_test_by_hand() {
        // n = 10, k = 2: P(X <= 2) = (1 + 10 + 45) / 1024
        assert_relative_eq!(sign_test(8, 2), 2.0 * 56.0 / 1024.0, epsilon = 1e-12);
        assert_relative_eq!(sign_test(5, 5), 1.0);
        assert_relative_eq!(sign_test(0, 0), 1.0);
        // large n stays finite and tiny
        let p = sign_test(700, 300);
        assert!(p > 0.0 && p < 1e-30, "{p}");
    }

    #[test]
    fn identical_models_differ_by_zero() {
        let a = [0.3, 0.9, 0.1, 0.4];
        let d = paired_mean(&a, &a, 200, 1).unwrap();
        assert_eq!((d.mean, d.lo, d.hi, d.p), (0.0, 0.0, 0.0, 1.0));
    }

    #[test]
    fn paired_rmse_difference_by_hand() {
        // two users: squared-error sums 4 and 0 (model), 1 and 1 (baseline), 2 ratings each
        let d = paired_ratio(&[4.0, 0.0], &[1.0, 1.0], &[2.0, 2.0], f64::sqrt, 0, 0).unwrap();
        assert_relative_eq!(d.mean, 1.0f64.sqrt() - 0.5f64.sqrt(), epsilon = 1e-12);
        // per-user: sqrt(2) − sqrt(.5) > 0 and 0 − sqrt(.5) < 0: one up, one down
        assert_relative_eq!(d.p, 1.0);
    }

    #[test]
    fn mismatched_or_empty_inputs_are_none() {
        assert!(paired_mean(&[], &[], 10, 0).is_none());
        assert!(paired_mean(&[1.0], &[1.0, 2.0], 10, 0).is_none());
        assert!(paired_ratio(&[1.0], &[1.0], &[], f64::sqrt, 10, 0).is_none());
    }
}
