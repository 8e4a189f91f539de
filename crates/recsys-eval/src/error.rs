//! The one error type of `recsys-eval`.

/// Errors of evaluation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// Inputs of different lengths.
    #[error("length mismatch: {0} predictions, {1} targets")]
    LengthMismatch(usize, usize),
    /// A NaN or infinite value.
    #[error("non-finite value at position {0}")]
    NonFinite(usize),
    /// A name (model, protocol, dataset) that is not known.
    #[error("unknown {what} `{name}`; valid: {valid}")]
    UnknownName {
        /// What was named.
        what: &'static str,
        /// The name given.
        name: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A model failed to fit.
    #[error("fitting {model} failed: {reason}")]
    Fit {
        /// Model name.
        model: String,
        /// The model's error.
        reason: String,
    },
    /// An error of the shared vocabulary (ids, splits, candidates, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
    /// An error from the data layer (finding and reading datasets).
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
}
