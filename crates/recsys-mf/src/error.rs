//! [`MfError`], the one error type of the matrix-factorization crate.

/// Errors of the matrix-factorization crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MfError {
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
    /// An error of the shared vocabulary (ids, parameters, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
}
