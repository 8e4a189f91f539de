//! [`Rp3BetaParams`]: the hyperparameters of [`Rp3Beta`](super::Rp3Beta) and their checks.

use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::NeighborsError;

/// Hyperparameters of RP3beta (Paudel, Christoffel, Newell & Bernstein 2017), as Dacrema et al.
/// (2019) implement it: the three-step random walk item → user → item with transition
/// probabilities raised to `alpha`, the arrival item `j` divided by its degree to the power
/// `beta`, each item's `k` largest weights kept (the item itself excluded) and each row scaled
/// to sum to 1.
///
/// The defaults (`k` 200, `alpha` 0.5, `beta` 0.3) were chosen on validation splits carved from the
/// training data (see `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_neighbors::topn::Rp3BetaParams;
/// assert!(Rp3BetaParams::default().check().is_ok());
/// assert!(Rp3BetaParams::default().with_beta(0.0).check().is_err());
/// assert!(Rp3BetaParams::default().with_k(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rp3BetaParams {
    /// Neighbours kept per item (>= 1).
    pub k: usize,
    /// Exponent of the transition probabilities (finite, > 0; 1 is plain P3).
    pub alpha: f64,
    /// Popularity penalty: item `j`'s weights are divided by `deg(j)^beta` (finite, > 0).
    pub beta: f64,
}

impl Default for Rp3BetaParams {
    fn default() -> Self {
        Self {
            k: 200,
            alpha: 0.5,
            beta: 0.3,
        }
    }
}

impl Rp3BetaParams {
    /// Whether a history's values are its ratings (else every interaction counts 1): how a
    /// folded-in history is weighed.
    pub(crate) fn uses_ratings(&self) -> bool {
        false
    }

    /// Checks the hyperparameters: [`recsys_core::CoreError::InvalidParameter`] names the
    /// first bad one.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check::at_least_one("k", self.k)?;
        check::positive("alpha", self.alpha)?;
        check::positive("beta", self.beta)?;
        Ok(())
    }
}

recsys_core::param_setters!(Rp3BetaParams, |s| s; with_k => k: usize, with_alpha => alpha: f64,
    with_beta => beta: f64);
