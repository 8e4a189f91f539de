//! [`MfError`], the one error type of the matrix-factorization crate.

/// Errors of the matrix-factorization crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MfError {
    /// A hyperparameter outside its valid range (or an argument a model rejects).
    #[error("invalid hyperparameter `{name}`: {reason}")]
    InvalidParameter {
        /// The hyperparameter.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
    /// An index outside the model's index space.
    #[error("unknown {kind} index {index}")]
    UnknownIndex {
        /// `"user"` or `"item"`.
        kind: &'static str,
        /// The index.
        index: u32,
    },
    /// An internal invariant failed (a bug; please report it).
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// Training data without the ratings or interactions a fit needs (says what was empty).
    #[error("empty data: {0}")]
    Empty(String),
    /// An error of the shared vocabulary (ids, parameters, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
}

impl MfError {
    /// A [`MfError::InvalidParameter`].
    pub fn param(name: &'static str, reason: impl Into<String>) -> Self {
        MfError::InvalidParameter {
            name,
            reason: reason.into(),
        }
    }
}
