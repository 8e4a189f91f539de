//! The one error type of `recsys-data`.

use std::path::PathBuf;

pub use recsys_core::CoreError;

/// Everything that can go wrong while finding, reading, joining or downloading data.
///
/// Reading errors are the core's ([`CoreError::Parse`] names the file and the 1-based line,
/// [`CoreError::Io`] the file); this enum adds what only datasets have.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// An error of the shared vocabulary: I/O, parsing, a parameter, an unknown id, empty data.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// A dataset folder or one of its files is missing.
    #[error("dataset `{name}` not found: {}{hint}", path.display())]
    DatasetNotFound {
        /// Dataset name, e.g. `ml-100k`.
        name: String,
        /// The file or folder that was looked for.
        path: PathBuf,
        /// How to provide it.
        hint: String,
    },
    /// A dataset name that is not known.
    #[error("unknown dataset `{name}`; valid names: {valid}")]
    UnknownDataset {
        /// The name given.
        name: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A download failed (feature `download`).
    #[error("download of {url} failed: {reason}")]
    Download {
        /// The URL fetched.
        url: String,
        /// Why it failed.
        reason: String,
    },
    /// A downloaded or cached file does not have the expected checksum.
    #[error("checksum mismatch for {}: expected sha256 {expected}, got {actual}", path.display())]
    Checksum {
        /// The file checked.
        path: PathBuf,
        /// Expected SHA-256 (hex).
        expected: String,
        /// Actual SHA-256 (hex).
        actual: String,
    },
}

/// `Result` with [`DataError`].
pub type Result<T> = std::result::Result<T, DataError>;

impl DataError {
    /// The core error inside, if this is one.
    pub fn as_core(&self) -> Option<&CoreError> {
        match self {
            DataError::Core(e) => Some(e),
            _ => None,
        }
    }
}
