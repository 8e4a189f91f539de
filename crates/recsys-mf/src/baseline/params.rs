//! [`BaselineParams`]: the hyperparameters of [`Baseline`](super::Baseline), and its registry
//! spec.

use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::error::MfError;
use recsys_core::model_spec;

/// Hyperparameters of [`Baseline`](super::Baseline); defaults are Surprise's ALS settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineParams {
    /// ALS sweeps (default 10).
    pub epochs: usize,
    /// Regularization of user biases (default 15).
    pub reg_user: f64,
    /// Regularization of item biases (default 10).
    pub reg_item: f64,
    /// Clip predictions to the training ratings' range (default true, as Surprise does).
    pub clip: bool,
}

impl Default for BaselineParams {
    fn default() -> Self {
        Self {
            epochs: 10,
            reg_user: 15.0,
            reg_item: 10.0,
            clip: true,
        }
    }
}

impl BaselineParams {
    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), MfError> {
        check::at_least_one("epochs", self.epochs)?;
        check::non_negative("reg_user", self.reg_user)?;
        check::non_negative("reg_item", self.reg_item)?;
        Ok(())
    }
}

model_spec!(BaselineParams, "baseline", |m, train| m
    .into_model(train.n_items()));
