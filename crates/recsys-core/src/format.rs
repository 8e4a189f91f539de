//! The model-file format's vocabulary: magic bytes, version, limits, the element types of
//! sections and the layout arithmetic. [`crate::persist`] re-exports the public part; it lives
//! apart so that [`crate::error`] can name a [`Dtype`] without depending on the reader and
//! writer.

use std::fmt;

/// The first 8 bytes of every model file.
pub const MAGIC: [u8; 8] = *b"RECSYS\0\x01";

/// Major format version written: readers reject files of a newer major version.
pub const FORMAT_MAJOR: u16 = 1;

/// Minor format version written: readers accept any minor version of their major version.
pub const FORMAT_MINOR: u16 = 0;

/// The format version field as written: `FORMAT_MAJOR << 16 | FORMAT_MINOR`.
pub const FORMAT_VERSION: u32 = ((FORMAT_MAJOR as u32) << 16) | FORMAT_MINOR as u32;

/// Longest model kind or section name, in bytes.
pub const MAX_NAME_LEN: usize = 1024;

/// Most dimensions a section's shape may have.
pub const MAX_DIMS: usize = 16;

/// Bytes before the kind: magic, version, total length.
pub(crate) const PREFIX_LEN: usize = 8 + 4 + 8;
/// Bytes of the trailing checksum.
pub(crate) const CHECKSUM_LEN: usize = 8;
/// The smallest section header: name length, dtype, ndim, data length.
pub(crate) const MIN_SECTION_HEADER: usize = 4 + 1 + 4 + 8;

/// The element type of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dtype {
    /// 32-bit IEEE float.
    F32,
    /// 64-bit IEEE float.
    F64,
    /// 32-bit unsigned integer.
    U32,
    /// 64-bit unsigned integer.
    U64,
    /// Raw bytes (serialized blobs, UTF-8 text).
    Bytes,
}

impl Dtype {
    /// Every dtype, in code order.
    pub const ALL: [Dtype; 5] = [Dtype::F32, Dtype::F64, Dtype::U32, Dtype::U64, Dtype::Bytes];

    /// The code stored in the file.
    pub fn code(self) -> u8 {
        match self {
            Dtype::F32 => 1,
            Dtype::F64 => 2,
            Dtype::U32 => 3,
            Dtype::U64 => 4,
            Dtype::Bytes => 5,
        }
    }

    /// The dtype of a stored code, `None` for an unknown code.
    pub fn from_code(code: u8) -> Option<Dtype> {
        Dtype::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            Dtype::F32 | Dtype::U32 => 4,
            Dtype::F64 | Dtype::U64 => 8,
            Dtype::Bytes => 1,
        }
    }

    /// Short name: `f32`, `f64`, `u32`, `u64` or `bytes`.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::F32 => "f32",
            Dtype::F64 => "f64",
            Dtype::U32 => "u32",
            Dtype::U64 => "u64",
            Dtype::Bytes => "bytes",
        }
    }
}

impl fmt::Display for Dtype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Zero bytes that bring `pos` to a multiple of 8.
pub(crate) fn pad_for(pos: u64) -> u64 {
    (8 - pos % 8) % 8
}

/// Number of elements of `shape` (1 for the scalar shape `[]`), `None` on overflow.
pub(crate) fn elements(shape: &[u64]) -> Option<u64> {
    shape.iter().try_fold(1u64, |n, &d| n.checked_mul(d))
}

/// A fixed-size little-endian array from the first `N` bytes of a slice at least that long
/// (callers slice it).
pub(crate) fn le<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}
