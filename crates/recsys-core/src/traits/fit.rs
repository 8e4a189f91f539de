//! [`Fit`]: hyperparameters that fit a model.

use crate::interactions::Interactions;

/// Fits a model from training interactions (linfa-style: hyperparameters are the fitter).
pub trait Fit {
    /// The fitted model.
    type Model;
    /// The error type of fitting.
    type Error;
    /// Fits on `train`.
    fn fit(&self, train: &Interactions) -> Result<Self::Model, Self::Error>;
}
