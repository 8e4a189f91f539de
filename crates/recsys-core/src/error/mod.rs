//! The one error type of `recsys-core`, which every other crate's error wraps, and
//! [`ModelFileProblem`], what is wrong with a model file.

use std::path::PathBuf;

mod model_file;
mod wraps;

pub use model_file::ModelFileProblem;
pub use wraps::WrapsCore;

/// Everything that can go wrong in the shared vocabulary: reading a file, a parameter, an id,
/// empty data, a model file.
///
/// Parsing errors name the file and the 1-based line; parameter errors name the parameter.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// An I/O error on a file or folder.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A malformed record.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        /// The file being read.
        path: PathBuf,
        /// 1-based line number of the record (the line the record starts on).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A parameter outside its valid range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
    /// A hyperparameter name that the model does not have.
    #[error("model `{model}` has no parameter `{key}`; its parameters: {valid}")]
    UnknownParameter {
        /// The model's registry name.
        model: String,
        /// The name asked for.
        key: String,
        /// The model's parameters, comma-separated.
        valid: String,
    },
    /// A hyperparameter value of the wrong type (text for a number, an unknown variant, ...).
    #[error("parameter `{key}`: cannot use `{value}`: {reason}")]
    InvalidValue {
        /// The parameter.
        key: String,
        /// The value given, as text.
        value: String,
        /// What was expected.
        reason: String,
    },
    /// A raw id that the data does not contain.
    #[error("unknown {kind} id {id}")]
    UnknownId {
        /// `"user"` or `"item"`.
        kind: &'static str,
        /// The raw id.
        id: u64,
    },
    /// A user has fewer items left to draw as negatives than were asked for.
    #[error("user {user} has only {available} non-interacted items, {requested} negatives asked")]
    TooFewNegatives {
        /// Dense user index.
        user: u32,
        /// Items the user never interacted with.
        available: usize,
        /// Negatives asked for.
        requested: usize,
    },
    /// An operation that needs data got none.
    #[error("empty data: {0}")]
    Empty(String),
    /// Duplicate (user, item) pairs under [`crate::DuplicatePolicy::Error`].
    #[error("duplicate rating for user {user}, item {item}")]
    Duplicate {
        /// Raw user id.
        user: u64,
        /// Raw item id.
        item: u64,
    },
    /// A model file that cannot be read back as one: truncated, corrupted, of another kind or
    /// format version, or without a section asked for (see [`crate::persist`]).
    #[error("model file {}: {problem}", path.display())]
    ModelFile {
        /// The file (or the origin given for bytes in memory).
        path: PathBuf,
        /// What is wrong.
        problem: ModelFileProblem,
    },
}

/// `Result` with [`CoreError`].
pub type Result<T> = std::result::Result<T, CoreError>;

impl CoreError {
    /// A [`CoreError::Parse`] for `path` at `line`.
    pub fn parse(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Self {
        CoreError::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// A [`CoreError::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CoreError::Io {
            path: path.into(),
            source,
        }
    }

    /// A [`CoreError::InvalidParameter`].
    pub fn param(name: &'static str, reason: impl Into<String>) -> Self {
        CoreError::InvalidParameter {
            name,
            reason: reason.into(),
        }
    }
}
