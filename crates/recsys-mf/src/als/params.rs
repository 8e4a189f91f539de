//! [`AlsParams`]: the hyperparameters of [`Als`](super::Als), with builder-style setters and
//! their checks, and [`Confidence`], the rule that turns an interaction into a weight.

use recsys_core::WrapsCore;
use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::error::MfError;
use recsys_core::param_setters;

/// How an observed interaction's value `v` (1, or the rating with [`AlsParams::use_ratings`])
/// becomes its confidence `c`. Unobserved cells always have confidence 1 and preference 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confidence {
    /// `c = α·v`: what the `implicit` library (0.7) does, since it multiplies the interaction
    /// matrix by `alpha`. With binary data, `α = 1` weighs observed and unobserved cells alike.
    /// The default, so that `alpha` means the same as in `implicit`.
    #[default]
    #[serde(rename = "alpha*v")]
    Scaled,
    /// `c = 1 + α·v`: Hu, Koren & Volinsky (2008). `OnePlusAlpha` with `α` equals `Scaled` with
    /// `1 + α` on binary data.
    #[serde(rename = "1+alpha*v")]
    OnePlusAlpha,
}

impl Confidence {
    /// The confidence of an observed interaction of value `v` under weight `alpha`.
    pub fn of(self, alpha: f32, v: f32) -> f32 {
        match self {
            Confidence::Scaled => alpha * v,
            Confidence::OnePlusAlpha => 1.0 + alpha * v,
        }
    }

    /// Short name for reports (and its serde form): `alpha*v` or `1+alpha*v`.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Scaled => "alpha*v",
            Confidence::OnePlusAlpha => "1+alpha*v",
        }
    }
}

/// Hyperparameters of [`Als`](super::Als), with checked, builder-style setters.
///
/// [`AlsParams::default`] has `implicit`'s settings as the peers ran them: 64 factors, 15
/// iterations, regularization 0.01, 3 CG steps, `alpha` 1 with [`Confidence::Scaled`] (so
/// `alpha` means what it does in `implicit`), binary values, seed 0, rayon's global thread pool.
/// [`AlsParams::tuned`] changes `alpha` to 8 and the regularization to 40, chosen on validation
/// splits carved from training data (never on test data); it is the registry's `als`.
///
/// ```
/// use recsys_mf::{AlsParams, Confidence};
/// let p = AlsParams::default().with_factors(32).with_alpha(5.0).with_confidence(Confidence::OnePlusAlpha);
/// assert_eq!((p.factors, p.alpha), (32, 5.0));
/// assert!(p.check().is_ok());
/// assert!(AlsParams::default().with_regularization(-1.0).check().is_err());
/// assert_eq!((AlsParams::tuned().alpha, AlsParams::tuned().regularization), (8.0, 40.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlsParams {
    /// Latent factors k (default 64).
    pub factors: usize,
    /// ALS iterations, each a user half-step then an item half-step (default 15).
    pub iterations: usize,
    /// L2 regularization λ, added to the diagonal of every system, not scaled by the number of
    /// interactions, as in `implicit` (default 0.01; must be finite and >= 0).
    pub regularization: f64,
    /// Confidence weight α (default 1; finite and > 0). See [`Confidence`].
    pub alpha: f64,
    /// The confidence rule (default [`Confidence::Scaled`], which matches `implicit`).
    pub confidence: Confidence,
    /// Use each rating as the interaction's value `v` instead of 1 (default false). Ratings must
    /// then be positive.
    pub use_ratings: bool,
    /// Conjugate-gradient steps per row and half-step (default 3, as in `implicit`; >= 1).
    pub cg_steps: usize,
    /// Seed of the initialization (default 0).
    pub seed: u64,
    /// Worker threads; 0 (the default) uses rayon's global pool (one thread per core, or
    /// `RAYON_NUM_THREADS`). Results do not depend on it.
    pub threads: usize,
}

impl Default for AlsParams {
    fn default() -> Self {
        Self {
            factors: 64,
            iterations: 15,
            regularization: 0.01,
            alpha: 1.0,
            confidence: Confidence::Scaled,
            use_ratings: false,
            cg_steps: 3,
            seed: 0,
            threads: 0,
        }
    }
}

impl AlsParams {
    /// The defaults (see [`AlsParams`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The defaults with `alpha` 8 and regularization 40: the best mean HR@10 of a validation
    /// search on ratings-small, ml-100k and ml-latest-small (each user's latest *training*
    /// interaction ranked among 99 sampled negatives; test data never seen). On those data the
    /// peers' range (regularization ≤ 0.1, alpha 1–10) scored about 0.05 lower; the optimum is
    /// a broad ridge at regularization/alpha ≈ 4–5 (see `validation_search` in
    /// `tests/als_search.rs`).
    pub fn tuned() -> Self {
        Self::default().with_alpha(8.0).with_regularization(40.0)
    }

    /// Checks the hyperparameters: [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) names the first bad one.
    pub fn check(&self) -> Result<(), MfError> {
        check::at_least_one("factors", self.factors)?;
        check::at_least_one("iterations", self.iterations)?;
        check::non_negative("regularization", self.regularization)?;
        check::positive("alpha", self.alpha)?;
        if (self.alpha as f32).is_infinite() || (self.regularization as f32).is_infinite() {
            return Err(MfError::param(
                "alpha",
                "alpha and regularization must fit in f32",
            ));
        }
        check::at_least_one("cg_steps", self.cg_steps)?;
        Ok(())
    }

    /// The confidence rule as the kernels apply it.
    pub(super) fn conf(&self) -> Conf {
        Conf {
            rule: self.confidence,
            alpha: self.alpha as f32,
            use_ratings: self.use_ratings,
        }
    }
}

param_setters!(AlsParams, |s| s; with_factors => factors: usize, with_iterations => iterations: usize,
    with_regularization => regularization: f64, with_alpha => alpha: f64,
    with_confidence => confidence: Confidence, with_use_ratings => use_ratings: bool,
    with_cg_steps => cg_steps: usize, with_seed => seed: u64, with_threads => threads: usize);

/// The confidence of one stored value, as the kernels use it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Conf {
    /// The rule.
    pub(super) rule: Confidence,
    /// Its weight α.
    pub(super) alpha: f32,
    /// Whether the value is the rating (else 1).
    pub(super) use_ratings: bool,
}

impl Conf {
    /// The confidence of a stored `rating`.
    #[inline(always)]
    pub(super) fn of(self, rating: f32) -> f32 {
        let v = if self.use_ratings { rating } else { 1.0 };
        self.rule.of(self.alpha, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_rules() {
        assert_eq!(Confidence::Scaled.of(2.0, 1.0), 2.0);
        assert_eq!(Confidence::OnePlusAlpha.of(2.0, 1.0), 3.0);
        assert_eq!(Confidence::OnePlusAlpha.of(2.0, 4.0), 9.0);
    }
}
