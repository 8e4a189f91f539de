//! [`EpochRecord`]: one epoch of a learning curve, as models report it and model files keep it.

/// One epoch of an iterative model's training, for learning curves.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EpochRecord {
    /// 1-based epoch.
    pub epoch: usize,
    /// Training loss (model-specific: squared error, BCE, ...).
    pub loss: f64,
    /// Seconds spent in the epoch.
    pub seconds: f64,
    /// Validation metrics, if the model was given validation data.
    pub validation: Vec<(String, f64)>,
}
