//! [`FmError`], the one error type of the factorization-machine crate.

/// Errors of the factorization-machine crate. Bad parameters and empty data are the core's
/// cases (`FmError::param(..)`, `FmError::empty(..)` with [`recsys_core::WrapsCore`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FmError {
    /// A feature outside the declared feature space, or a non-finite feature value.
    #[error("feature row {row}: {what}")]
    Feature {
        /// The row (user, item or case) the feature was given for.
        row: usize,
        /// What is wrong.
        what: String,
    },
    /// An error of the shared vocabulary (ids, parameters, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
}
