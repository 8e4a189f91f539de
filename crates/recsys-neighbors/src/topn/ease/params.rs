//! [`EaseParams`]: the hyperparameters of [`Ease`](super::Ease), their checks, and
//! [`Precision`].

use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::NeighborsError;

/// The float type of the Gram matrix and its inverse. The fitted weights are stored as `f32`
/// either way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Single precision: half the memory and about twice the speed of `F64` (the default; on
    /// ratings-small the weights agree with `F64` to about 1e-4 of the largest weight and the
    /// HR@10 is the same, see `docs/BENCHMARKS.md`).
    #[default]
    F32,
    /// Double precision, as numpy's EASE.
    F64,
}

/// Hyperparameters of EASE (Steck 2019): `B = I − P · diag(1 / diag P)` with
/// `P = (XᵀX + λI)⁻¹`, so that `diag B = 0`.
///
/// The default `lambda` 500 was chosen on validation splits carved from the training data (see
/// `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_neighbors::topn::EaseParams;
/// assert!(EaseParams::default().with_lambda(200.0).check().is_ok());
/// assert!(EaseParams::default().with_lambda(0.0).check().is_err());
/// assert!(EaseParams::default().with_max_bytes(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EaseParams {
    /// L2 regularization λ added to the Gram matrix's diagonal (default 500; finite, > 0).
    pub lambda: f64,
    /// Float type of the inversion (default [`Precision::F32`]).
    pub precision: Precision,
    /// The most memory the dense item × item matrices may take, in bytes (default 4 GiB: up to
    /// 32,768 items in `F32`). The fit needs `n² · 4` bytes in `F32` (the inverse is computed
    /// and turned into the weights in place) and `n² · 12` in `F64` (the inverse, then the
    /// `f32` weights) for `n` items; above the limit it fails with
    /// [`NeighborsError::TooLarge`] before allocating.
    pub max_bytes: u64,
}

impl Default for EaseParams {
    fn default() -> Self {
        Self {
            lambda: 500.0,
            precision: Precision::F32,
            max_bytes: 4 << 30,
        }
    }
}

impl EaseParams {
    /// Checks the hyperparameters: [`recsys_core::CoreError::InvalidParameter`] names the
    /// first bad one.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check::positive("lambda", self.lambda)?;
        check::at_least_one("max_bytes", self.max_bytes)?;
        Ok(())
    }

    /// The bytes a fit on `n` items needs for its dense matrices.
    pub fn bytes_for(&self, n: usize) -> u64 {
        let cells = (n as u64).saturating_mul(n as u64);
        let per = match self.precision {
            Precision::F32 => 4,
            Precision::F64 => 12,
        };
        cells.saturating_mul(per)
    }
}

recsys_core::param_setters!(EaseParams, |s| s; with_lambda => lambda: f64, with_precision => precision: Precision,
    with_max_bytes => max_bytes: u64);
