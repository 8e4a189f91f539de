//! [`ModelFileProblem`]: what is wrong with a model file, carried by
//! [`CoreError::ModelFile`](super::CoreError::ModelFile).

use crate::format::{Dtype, FORMAT_MAJOR};

/// What is wrong with a model file; carried by [`CoreError::ModelFile`](super::CoreError::ModelFile)
/// with the file's path.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelFileProblem {
    /// The file does not start with [`MAGIC`](crate::persist::MAGIC): not a model file.
    #[error("not a recsys model file (bad magic bytes)")]
    BadMagic,
    /// The file was written by a newer major format version (or has an invalid version).
    #[error(
        "format version {}.{} is not supported (this build reads {}.x)",
        found >> 16,
        found & 0xFFFF,
        FORMAT_MAJOR
    )]
    UnsupportedVersion {
        /// The version field found.
        found: u32,
    },
    /// The file is shorter than its header says (or than any model file can be).
    #[error("truncated: {actual} bytes, expected {expected}")]
    Truncated {
        /// Bytes the header declares (or the minimum for a model file).
        expected: u64,
        /// Bytes present.
        actual: u64,
    },
    /// The stored checksum does not match the contents.
    #[error("checksum mismatch (stored {stored:#018x}, computed {computed:#018x}): corrupted")]
    Checksum {
        /// The checksum stored at the end of the file.
        stored: u64,
        /// The checksum of the bytes read.
        computed: u64,
    },
    /// A malformed header or section (a length past the end, an unknown dtype, ...).
    #[error("corrupted at byte {offset}: {what}")]
    Corrupt {
        /// Offset of the malformed field.
        offset: u64,
        /// What is wrong.
        what: String,
    },
    /// The file holds another kind of model.
    #[error("holds a `{found}` model, expected `{expected}`")]
    WrongKind {
        /// The kind asked for.
        expected: String,
        /// The kind in the file.
        found: String,
    },
    /// A section the reader asked for is absent.
    #[error("no section `{name}`")]
    MissingSection {
        /// The section name.
        name: String,
    },
    /// A section holds another element type than asked for.
    #[error("section `{name}` holds {found}, not {expected}")]
    WrongDtype {
        /// The section name.
        name: String,
        /// The dtype asked for.
        expected: Dtype,
        /// The dtype stored.
        found: Dtype,
    },
    /// A section has another shape than the reader expects.
    #[error("section `{name}` has shape {found:?}, expected {expected:?}")]
    WrongShape {
        /// The section name.
        name: String,
        /// The shape expected.
        expected: Vec<u64>,
        /// The shape stored.
        found: Vec<u64>,
    },
    /// A section's contents are invalid for what it stores (duplicate raw ids of an id map, ...).
    #[error("section `{name}`: {what}")]
    InvalidSection {
        /// The section name.
        name: String,
        /// What is wrong.
        what: String,
    },
    /// A metadata key is missing or has the wrong type.
    #[error("metadata `{key}`: {what}")]
    Metadata {
        /// The key asked for.
        key: String,
        /// What is wrong.
        what: String,
    },
}
