//! The error type of this crate.

use recsys_core::CoreError;

/// Everything that can go wrong when configuring, training, scoring, saving or loading a neural
/// model. Bad hyperparameters are reported here, never by a panic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NcfError {
    /// An error of the shared vocabulary (sampling, splitting, model files, I/O).
    #[error(transparent)]
    Core(#[from] CoreError),
    /// The requested backend cannot run here (e.g. CUDA without a GPU or without the `cuda`
    /// feature).
    #[error("backend unavailable: {0}")]
    BackendUnavailable(String),
    /// Training diverged (a non-finite loss).
    #[error("training diverged at epoch {epoch}: loss {loss}")]
    Diverged {
        /// 1-based epoch.
        epoch: usize,
        /// The loss seen.
        loss: f64,
    },
    /// A tensor could not be read back, or a saved model is inconsistent.
    #[error("model data: {0}")]
    Model(String),
}

/// The result type of this crate.
pub type Result<T, E = NcfError> = std::result::Result<T, E>;
