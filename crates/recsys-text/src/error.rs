//! The crate's error type.

/// Everything that can go wrong in `recsys-text`.
///
/// Following the workspace's convention, parameter errors are [`TextError::InvalidParameter`]
/// (naming the parameter, as scikit-learn spells it) and missing data is [`TextError::Empty`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// A parameter outside its valid range: `ngram_range` (need `1 <= min <= max`), a
    /// `min_df`/`max_df` proportion outside `[0, 1]`, `max_df` keeping fewer documents than
    /// `min_df` asks for, or `max_features` of 0.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// Parameter name, e.g. `"ngram_range"` or `"max_df"`.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
    /// An operation that needs data got none: no document had any token (an empty
    /// vocabulary), or every term was pruned by `min_df`/`max_df`.
    #[error("empty data: {0}")]
    Empty(String),
    /// More distinct terms than `u32` column indices can hold.
    #[error("more than {} distinct terms", u32::MAX)]
    TooManyTerms,
    /// `transform` before `fit`.
    #[error("the vectorizer is not fitted: call fit or fit_transform first")]
    NotFitted,
    /// A row index past the end of the matrix.
    #[error("row {row} out of range for a matrix of {n_rows} rows")]
    RowOutOfRange {
        /// The row asked for.
        row: usize,
        /// Rows in the matrix.
        n_rows: usize,
    },
    /// Inconsistent compressed-sparse-row arrays.
    #[error("invalid CSR matrix: {0}")]
    InvalidCsr(String),
}

impl TextError {
    /// A [`TextError::InvalidParameter`].
    pub fn param(name: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidParameter {
            name,
            reason: reason.into(),
        }
    }

    /// A [`TextError::Empty`].
    pub fn empty(what: impl Into<String>) -> Self {
        Self::Empty(what.into())
    }
}

/// `Result` with [`TextError`].
pub type Result<T> = std::result::Result<T, TextError>;
