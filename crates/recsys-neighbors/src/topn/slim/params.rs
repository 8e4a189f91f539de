//! [`SlimParams`]: the hyperparameters of [`Slim`](super::Slim) and their checks.

use recsys_core::WrapsCore;
use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::NeighborsError;

/// Hyperparameters of SLIM (Ning & Karypis 2011) with the elastic net: for every item `j`,
///
/// ```text
/// min_{w ≥ 0, w_j = 0}  ½‖x_j − X w‖² + l1 ‖w‖₁ + ½ l2 ‖w‖²
/// ```
///
/// (`x_j` item `j`'s column of the users × items matrix; unlike scikit-learn's `ElasticNet`, the
/// loss is not divided by the number of users), solved by coordinate descent, then cut to the
/// `k` largest weights.
///
/// The defaults (`l1` 1, `l2` 100, `k` 100) were chosen on validation splits carved from the
/// training data (see `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_neighbors::topn::SlimParams;
/// assert!(SlimParams::default().check().is_ok());
/// assert!(SlimParams::default().with_l1(-1.0).check().is_err());
/// assert!(SlimParams::default().with_l1(0.0).with_l2(0.0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlimParams {
    /// Weights kept per item (>= 1).
    pub k: usize,
    /// L1 penalty (finite, >= 0).
    pub l1: f64,
    /// L2 penalty (finite, >= 0; `l1 + l2` must be > 0).
    pub l2: f64,
    /// Most coordinate-descent passes per item (>= 1; default 50).
    pub max_iter: usize,
    /// A pass that changes no weight by more than `tol` times the largest weight ends the
    /// descent (finite, > 0; default 1e-4).
    pub tol: f64,
}

impl Default for SlimParams {
    fn default() -> Self {
        Self {
            k: 100,
            l1: 1.0,
            l2: 100.0,
            max_iter: 50,
            tol: 1e-4,
        }
    }
}

impl SlimParams {
    /// Whether a history's values are its ratings (else every interaction counts 1): how a
    /// folded-in history is weighed.
    pub(crate) fn uses_ratings(&self) -> bool {
        false
    }

    /// Checks the hyperparameters: [`recsys_core::CoreError::InvalidParameter`] names the
    /// first bad one.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check::at_least_one("k", self.k)?;
        check::non_negative("l1", self.l1)?;
        check::non_negative("l2", self.l2)?;
        if self.l1 + self.l2 <= 0.0 {
            return Err(NeighborsError::param("l2", "l1 + l2 must be > 0"));
        }
        check::at_least_one("max_iter", self.max_iter)?;
        check::positive("tol", self.tol)?;
        Ok(())
    }
}

recsys_core::param_setters!(SlimParams, |s| s; with_k => k: usize, with_l1 => l1: f64, with_l2 => l2: f64,
    with_max_iter => max_iter: usize, with_tol => tol: f64);
