//! [`BprParams`]: the hyperparameters of [`Bpr`](super::Bpr) and its registry spec.

use recsys_core::WrapsCore;
use serde::{Deserialize, Serialize};

use crate::error::FmError;

/// Hyperparameters of BPR-MF ([`Bpr`](super::Bpr)). The defaults are `implicit`'s (0.7):
/// 100 factors, learning rate 0.01, regularization 0.01, 100 iterations, negatives verified.
///
/// ```
/// use recsys_fm::BprParams;
/// let p = BprParams::default().factors(64).learning_rate(0.05);
/// assert!(p.check().is_ok());
/// assert!(BprParams::default().factors(0).check().is_err());
/// assert!(BprParams::default().learning_rate(f32::NAN).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BprParams {
    /// Latent factors, not counting the item bias (default 100).
    pub factors: usize,
    /// SGD learning rate (default 0.01).
    pub learning_rate: f32,
    /// L2 regularization of every updated factor (default 0.01).
    pub regularization: f32,
    /// Epochs, each of `nnz` sampled triples (default 100).
    pub iterations: usize,
    /// Skip a sampled negative the user has interacted with (default true).
    pub verify_negative_samples: bool,
    /// Seed of the initial factors and of the samples (default 0).
    pub seed: u64,
}

impl Default for BprParams {
    fn default() -> Self {
        Self {
            factors: 100,
            learning_rate: 0.01,
            regularization: 0.01,
            iterations: 100,
            verify_negative_samples: true,
            seed: 0,
        }
    }
}

impl BprParams {
    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), FmError> {
        if self.factors == 0 {
            return Err(FmError::param("factors", "must be at least 1"));
        }
        if self.iterations == 0 {
            return Err(FmError::param("iterations", "must be at least 1"));
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return Err(FmError::param("learning_rate", "must be finite and > 0"));
        }
        if !(self.regularization.is_finite() && self.regularization >= 0.0) {
            return Err(FmError::param("regularization", "must be finite and >= 0"));
        }
        Ok(())
    }
}

recsys_core::param_setters!(BprParams, |s| s; factors: usize, learning_rate: f32,
    regularization: f32, iterations: usize, verify_negative_samples: bool, seed: u64);

recsys_core::model_spec!(BprParams, "bpr", |m, _train| m.into_model());
