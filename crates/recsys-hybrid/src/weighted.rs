//! The IMDB weighted rating `WR = v/(v+m)·R + m/(v+m)·C`: a movie's average `R` over `v` votes,
//! shrunk toward the mean vote `C` of all movies with weight `m`, a percentile of the vote counts.

use crate::error::HybridError;
use recsys_core::WrapsCore;

/// A fitted weighted rating: `C` and `m`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightedRating {
    /// Mean vote average over the movies (`C`).
    pub c: f64,
    /// Minimum votes to count (`m`), a percentile of the vote counts.
    pub m: f64,
}

impl WeightedRating {
    /// Fits `C` (mean of the vote averages) and `m` (the `quantile` of the vote counts, linear
    /// interpolation as pandas' and numpy's default) from `(vote count, vote average)` pairs.
    /// The seed uses the 0.60 quantile, the well-known Kaggle kernel 0.95.
    pub fn fit(votes: &[(f64, f64)], quantile: f64) -> Result<Self, HybridError> {
        recsys_core::check::unit_interval("quantile", quantile)?;
        let valid: Vec<(f64, f64)> = votes
            .iter()
            .copied()
            .filter(|(v, r)| v.is_finite() && r.is_finite() && *v >= 0.0)
            .collect();
        if valid.is_empty() {
            return Err(HybridError::empty(
                "no finite (vote count, vote average) pairs",
            ));
        }
        let c = valid.iter().map(|x| x.1).sum::<f64>() / valid.len() as f64;
        let mut counts: Vec<f64> = valid.iter().map(|x| x.0).collect();
        counts.sort_by(f64::total_cmp);
        let pos = quantile * (counts.len() - 1) as f64;
        let (lo, frac) = (pos.floor() as usize, pos.fract());
        let m = if lo + 1 < counts.len() {
            counts[lo] + frac * (counts[lo + 1] - counts[lo])
        } else {
            counts[lo]
        };
        Ok(Self { c, m })
    }

    /// The weighted rating of a movie with `v` votes averaging `r`. With `v + m = 0` it is `C`.
    pub fn score(&self, v: f64, r: f64) -> f64 {
        let d = v + self.m;
        if d <= 0.0 {
            self.c
        } else {
            v / d * r + self.m / d * self.c
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn by_hand() {
        // counts 0, 10, 20, 30, 40 → 0.6 quantile at position 2.4 → 20 + 0.4·10 = 24
        let votes = [
            (0.0, 5.0),
            (10.0, 6.0),
            (20.0, 7.0),
            (30.0, 8.0),
            (40.0, 9.0),
        ];
        let wr = WeightedRating::fit(&votes, 0.6).unwrap();
        assert_relative_eq!(wr.c, 7.0);
        assert_relative_eq!(wr.m, 24.0);
        // v = 40, R = 9: 40/64·9 + 24/64·7 = 8.25
        assert_relative_eq!(wr.score(40.0, 9.0), 8.25);
        assert_relative_eq!(wr.score(0.0, 1.0), 7.0);
        assert!(WeightedRating::fit(&votes, 1.5).is_err());
        assert!(WeightedRating::fit(&[(f64::NAN, 1.0)], 0.5).is_err());
    }

    proptest! {
        #[test]
        fn score_lies_between_r_and_c(v in 0f64..1e5, r in 0f64..10.0, q in 0f64..1.0,
                                      votes in proptest::collection::vec((0f64..1e4, 0f64..10.0), 1..50)) {
            let wr = WeightedRating::fit(&votes, q).unwrap();
            let s = wr.score(v, r);
            prop_assert!(s >= r.min(wr.c) - 1e-9 && s <= r.max(wr.c) + 1e-9);
        }
    }
}
