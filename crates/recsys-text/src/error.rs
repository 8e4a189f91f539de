//! The crate's error type.

/// Everything that can go wrong in `recsys-text`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TextError {
    /// `ngram_range` must satisfy `1 <= min <= max`.
    #[error("invalid ngram_range ({min}, {max}): need 1 <= min <= max")]
    InvalidNgramRange {
        /// Smallest n.
        min: usize,
        /// Largest n.
        max: usize,
    },
    /// A document-frequency bound given as a proportion must lie in `[0, 1]`.
    #[error("invalid {name} proportion {value}: it must lie in [0, 1]")]
    InvalidDocFreq {
        /// `"min_df"` or `"max_df"`.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// `max_df` keeps fewer documents than `min_df` asks for.
    #[error("max_df corresponds to < documents than min_df ({max_docs} < {min_docs})")]
    MaxDfBelowMinDf {
        /// Document count of `max_df`.
        max_docs: f64,
        /// Document count of `min_df`.
        min_docs: f64,
    },
    /// `max_features` must be at least 1.
    #[error("max_features must be at least 1")]
    InvalidMaxFeatures,
    /// No document had any token.
    #[error("empty vocabulary; perhaps the documents only contain stop words")]
    EmptyVocabulary,
    /// Every term was pruned by `min_df`/`max_df`.
    #[error("after pruning, no terms remain; try a lower min_df or a higher max_df")]
    NoTermsRemain,
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

/// `Result` with [`TextError`].
pub type Result<T> = std::result::Result<T, TextError>;
