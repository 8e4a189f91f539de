//! Model files: one small, dependency-free binary container that every model crate of the
//! workspace saves to and loads from.
//!
//! A file holds a model *kind* (`"svd"`, `"ncf"`, ...), a JSON metadata blob (hyperparameters,
//! training facts) and named, typed, shaped sections of little-endian numbers (factor matrices,
//! biases, the raw ids of the id maps). It is written atomically (temporary file in the same
//! folder, fsync, rename) and verified when read: magic bytes, format version, declared length,
//! an XXH64 checksum over everything, then every length and shape against the bytes actually
//! present. A truncated or corrupted file is a [`CoreError::ModelFile`] naming the file, never a
//! panic and never an allocation larger than the file.
//!
//! ```
//! use recsys_core::persist::{ModelReader, ModelWriter};
//! use serde_json::json;
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("model.bin");
//! let factors = vec![0.5f32, -1.0, 2.0, 0.25, 1.5, -0.5];
//! let mut w = ModelWriter::new("svd", json!({"factors": 2, "epochs": 20}));
//! w.section_f32("user_factors", &[3, 2], &factors)?;
//! w.section_f64("global_mean", &[], vec![3.5])?;
//! w.save(&path)?;
//!
//! let r = ModelReader::load(&path, "svd")?;
//! assert_eq!(r.meta_field::<u32>("factors")?, 2);
//! let (shape, p) = r.f32("user_factors")?;
//! assert_eq!((shape, p), (vec![3, 2], factors));
//! assert_eq!(r.f64_with_shape("global_mean", &[])?, vec![3.5]);
//! assert!(r.f32("item_factors").is_err()); // a missing section is a typed error
//! assert!(ModelReader::load(&path, "ncf").is_err()); // so is the wrong kind
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layout (format 1.0)
//!
//! All integers little-endian; offsets from the start of the file.
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `RECSYS\0\x01` ([`MAGIC`]) |
//! | 4 | format version `u32`: major in the high 16 bits, minor in the low 16 ([`FORMAT_VERSION`]) |
//! | 8 | total file length `u64`, checksum included |
//! | 4 + k | model kind: length `u32`, UTF-8 bytes |
//! | 8 + m | metadata: length `u64`, UTF-8 JSON |
//! | 4 | number of sections `u32` |
//! | ... | each section: name (length `u32` + UTF-8), dtype code `u8` ([`Dtype::code`]), number of dimensions `u32`, dimensions `u64` each, data length in bytes `u64`, zero padding to a multiple of 8 from the start of the file, the data |
//! | 8 | XXH64 (seed 0) of every byte before it ([`Xxh64`]) |
//!
//! A reader accepts every minor version of its major version (minor revisions may only add
//! metadata keys and sections) and rejects a newer major version with
//! [`ModelFileProblem::UnsupportedVersion`]. The data of each section starts 8-byte aligned, so
//! a later reader may map sections without copying.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{CoreError, Result};
use crate::ids::{IdMap, RawId};
use crate::interactions::Interactions;
use std::sync::Arc;

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
const PREFIX_LEN: usize = 8 + 4 + 8;
/// Bytes of the trailing checksum.
const CHECKSUM_LEN: usize = 8;
/// The smallest section header: name length, dtype, ndim, data length.
const MIN_SECTION_HEADER: usize = 4 + 1 + 4 + 8;

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

/// What is wrong with a model file; carried by [`CoreError::ModelFile`] with the file's path.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelFileProblem {
    /// The file does not start with [`MAGIC`]: not a model file.
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

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
    impl Sealed for u8 {}
}

/// An element type a section can hold: `f32`, `f64`, `u32`, `u64`, or `u8` for [`Dtype::Bytes`].
pub trait Element: sealed::Sealed + Copy + Send + Sync + fmt::Debug + 'static {
    /// The dtype stored for this type.
    const DTYPE: Dtype;
    /// Decodes little-endian bytes (`bytes.len()` a multiple of the element size).
    #[doc(hidden)]
    fn decode(bytes: &[u8]) -> Vec<Self>;
    /// Appends the little-endian bytes of `items` to `out`.
    #[doc(hidden)]
    fn encode(items: &[Self], out: &mut Vec<u8>);
}

macro_rules! element {
    ($t:ty, $d:expr, $n:literal) => {
        impl Element for $t {
            const DTYPE: Dtype = $d;
            fn decode(bytes: &[u8]) -> Vec<Self> {
                let (chunks, _) = bytes.as_chunks::<$n>();
                chunks.iter().map(|c| <$t>::from_le_bytes(*c)).collect()
            }
            fn encode(items: &[Self], out: &mut Vec<u8>) {
                out.reserve(items.len() * $n);
                for x in items {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    };
}
element!(f32, Dtype::F32, 4);
element!(f64, Dtype::F64, 8);
element!(u32, Dtype::U32, 4);
element!(u64, Dtype::U64, 8);

impl Element for u8 {
    const DTYPE: Dtype = Dtype::Bytes;
    fn decode(bytes: &[u8]) -> Vec<Self> {
        bytes.to_vec()
    }
    fn encode(items: &[Self], out: &mut Vec<u8>) {
        out.extend_from_slice(items);
    }
}

/// Section data held by a writer: borrowed or owned.
#[derive(Debug, Clone)]
enum Data<'a> {
    F32(Cow<'a, [f32]>),
    F64(Cow<'a, [f64]>),
    U32(Cow<'a, [u32]>),
    U64(Cow<'a, [u64]>),
    Bytes(Cow<'a, [u8]>),
}

impl Data<'_> {
    fn dtype(&self) -> Dtype {
        match self {
            Data::F32(_) => Dtype::F32,
            Data::F64(_) => Dtype::F64,
            Data::U32(_) => Dtype::U32,
            Data::U64(_) => Dtype::U64,
            Data::Bytes(_) => Dtype::Bytes,
        }
    }

    fn len(&self) -> usize {
        match self {
            Data::F32(d) => d.len(),
            Data::F64(d) => d.len(),
            Data::U32(d) => d.len(),
            Data::U64(d) => d.len(),
            Data::Bytes(d) => d.len(),
        }
    }

    fn byte_len(&self) -> u64 {
        self.len() as u64 * self.dtype().size() as u64
    }

    /// Writes the little-endian bytes in chunks (bounded extra memory).
    fn write_le(&self, w: &mut impl Write) -> io::Result<()> {
        const CHUNK: usize = 1 << 14;
        fn chunks<T: Element>(items: &[T], w: &mut impl Write) -> io::Result<()> {
            let mut buf = Vec::with_capacity(CHUNK * T::DTYPE.size());
            for c in items.chunks(CHUNK) {
                buf.clear();
                T::encode(c, &mut buf);
                w.write_all(&buf)?;
            }
            Ok(())
        }
        match self {
            Data::F32(d) => chunks(d, w),
            Data::F64(d) => chunks(d, w),
            Data::U32(d) => chunks(d, w),
            Data::U64(d) => chunks(d, w),
            Data::Bytes(d) => w.write_all(d),
        }
    }
}

#[derive(Debug, Clone)]
struct PendingSection<'a> {
    name: String,
    shape: Vec<u64>,
    data: Data<'a>,
}

/// Zero bytes that bring `pos` to a multiple of 8.
fn pad_for(pos: u64) -> u64 {
    (8 - pos % 8) % 8
}

/// Number of elements of `shape` (1 for the scalar shape `[]`), `None` on overflow.
fn elements(shape: &[u64]) -> Option<u64> {
    shape.iter().try_fold(1u64, |n, &d| n.checked_mul(d))
}

fn check_name(what: &'static str, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(CoreError::param(what, "must not be empty"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(CoreError::param(
            what,
            format!("`{name}` is longer than {MAX_NAME_LEN} bytes"),
        ));
    }
    Ok(())
}

/// Implements `save`, `load` and [`SaveModel`](crate::traits::SaveModel) for model types that
/// have `writer(&self, users, items) -> Result<ModelWriter, E>` and
/// `from_reader(&ModelReader) -> Result<Saved<Self>, E>`, with `E: From<CoreError>` and
/// `BoxError: From<E>`; every model crate of the workspace uses it, so their files are saved and
/// opened one way. `$open` opens a path as a [`ModelReader`], checking the kind where the type
/// has one.
///
/// ```text
/// recsys_core::persisted_models!(MfError; Baseline => |p| ModelReader::load(p, "baseline"));
/// ```
#[macro_export]
macro_rules! persisted_models {
    ($err:ty; $($ty:ident => $open:expr),* $(,)?) => {
        $(
            impl $ty {
                /// Saves the model and the id maps of its training data to `path`, atomically
                /// (see [`recsys_core::persist`]).
                pub fn save(
                    &self,
                    path: impl AsRef<std::path::Path>,
                    users: &$crate::IdMap,
                    items: &$crate::IdMap,
                ) -> std::result::Result<(), $err> {
                    self.writer(users, items)?.save(path)?;
                    Ok(())
                }

                #[doc = concat!("Loads a model saved by [`", stringify!($ty), "::save`]; it predicts and scores as the saved model did, bit for bit. A truncated, corrupted or inconsistent file is an error.")]
                pub fn load(
                    path: impl AsRef<std::path::Path>,
                ) -> std::result::Result<$crate::persist::Saved<$ty>, $err> {
                    let open: fn(&std::path::Path) -> $crate::Result<$crate::persist::ModelReader> =
                        $open;
                    Self::from_reader(&open(path.as_ref())?)
                }
            }

            impl $crate::traits::SaveModel for $ty {
                fn model_writer<'a>(
                    &'a self,
                    users: &'a $crate::IdMap,
                    items: &'a $crate::IdMap,
                ) -> std::result::Result<$crate::persist::ModelWriter<'a>, $crate::traits::BoxError> {
                    Ok(self.writer(users, items)?)
                }
            }
        )*
    };
}

/// A loaded model with the id maps of the data it was fitted on (what every model's `load`
/// returns).
#[derive(Debug, Clone)]
pub struct Saved<M> {
    /// The model.
    pub model: M,
    /// Raw user ids by the model's user index.
    pub users: IdMap,
    /// Raw item ids by the model's item index.
    pub items: IdMap,
}

/// Builds a model file: kind, metadata and named sections, then [`ModelWriter::save`].
///
/// Sections borrow their data (or own it: anything that converts into a `Cow` slice, such as a
/// `Vec`), so saving a large model copies nothing but a small conversion buffer.
#[derive(Debug, Clone)]
pub struct ModelWriter<'a> {
    kind: String,
    meta: Value,
    sections: Vec<PendingSection<'a>>,
}

impl<'a> ModelWriter<'a> {
    /// A writer for a model of `kind` (e.g. `"svd"`) with `meta` (hyperparameters, facts about
    /// training; any JSON). The kind must be non-empty and at most [`MAX_NAME_LEN`] bytes;
    /// [`ModelWriter::save`] checks it.
    pub fn new(kind: impl Into<String>, meta: Value) -> Self {
        Self {
            kind: kind.into(),
            meta,
            sections: Vec::new(),
        }
    }

    /// Adds a section of `f32`s with `shape` (row-major; `[]` is a scalar).
    ///
    /// Errors with [`CoreError::InvalidParameter`] if the name is empty, too long or already
    /// used, the shape has more than [`MAX_DIMS`] dimensions, or its element count differs
    /// from `data.len()`.
    pub fn section_f32(
        &mut self,
        name: impl Into<String>,
        shape: &[u64],
        data: impl Into<Cow<'a, [f32]>>,
    ) -> Result<&mut Self> {
        self.push(name.into(), shape, Data::F32(data.into()))
    }

    /// Adds a section of `f64`s (see [`ModelWriter::section_f32`]).
    pub fn section_f64(
        &mut self,
        name: impl Into<String>,
        shape: &[u64],
        data: impl Into<Cow<'a, [f64]>>,
    ) -> Result<&mut Self> {
        self.push(name.into(), shape, Data::F64(data.into()))
    }

    /// Adds a section of `u32`s (see [`ModelWriter::section_f32`]).
    pub fn section_u32(
        &mut self,
        name: impl Into<String>,
        shape: &[u64],
        data: impl Into<Cow<'a, [u32]>>,
    ) -> Result<&mut Self> {
        self.push(name.into(), shape, Data::U32(data.into()))
    }

    /// Adds a section of `u64`s (see [`ModelWriter::section_f32`]).
    pub fn section_u64(
        &mut self,
        name: impl Into<String>,
        shape: &[u64],
        data: impl Into<Cow<'a, [u64]>>,
    ) -> Result<&mut Self> {
        self.push(name.into(), shape, Data::U64(data.into()))
    }

    /// Adds a section of raw bytes (see [`ModelWriter::section_f32`]); the shape is usually
    /// `[len]`.
    pub fn section_bytes(
        &mut self,
        name: impl Into<String>,
        shape: &[u64],
        data: impl Into<Cow<'a, [u8]>>,
    ) -> Result<&mut Self> {
        self.push(name.into(), shape, Data::Bytes(data.into()))
    }

    /// Stores an [`IdMap`] as a 1-D `u64` section of its raw ids in dense-index order;
    /// [`ModelReader::id_map`] restores it with the same indices.
    pub fn id_map(&mut self, name: impl Into<String>, map: &'a IdMap) -> Result<&mut Self> {
        let ids = map.raw_ids();
        self.section_u64(name, &[ids.len() as u64], ids)
    }

    /// Adds the ratings of `train` (not its id maps) as sections `{prefix}_row_len` (ratings per
    /// user), `{prefix}_items`, `{prefix}_ratings` and, when it has them, `{prefix}_timestamps`;
    /// [`ModelReader::interactions`] reads them back.
    pub fn interactions(&mut self, prefix: &str, train: &'a Interactions) -> Result<&mut Self> {
        let m = train.matrix();
        let row_len: Vec<u64> = m
            .indptr()
            .as_slice()
            .map(|ip| ip.windows(2).map(|w| (w[1] - w[0]) as u64).collect())
            .unwrap_or_else(|| {
                (0..train.n_users() as u32)
                    .map(|u| train.row(u).len() as u64)
                    .collect()
            });
        let nnz = train.nnz() as u64;
        self.section_u64(
            format!("{prefix}_row_len"),
            &[row_len.len() as u64],
            row_len,
        )?;
        self.section_u32(format!("{prefix}_items"), &[nnz], m.indices())?;
        self.section_f32(format!("{prefix}_ratings"), &[nnz], m.data())?;
        if train.has_timestamps() {
            self.section_u32(format!("{prefix}_timestamps"), &[nnz], train.timestamps())?;
        }
        Ok(self)
    }

    fn push(&mut self, name: String, shape: &[u64], data: Data<'a>) -> Result<&mut Self> {
        check_name("section name", &name)?;
        if self.sections.iter().any(|s| s.name == name) {
            return Err(CoreError::param(
                "section name",
                format!("`{name}` is already used"),
            ));
        }
        if shape.len() > MAX_DIMS {
            return Err(CoreError::param(
                "shape",
                format!(
                    "section `{name}`: {} dimensions, at most {MAX_DIMS}",
                    shape.len()
                ),
            ));
        }
        if elements(shape) != Some(data.len() as u64) {
            return Err(CoreError::param(
                "shape",
                format!(
                    "section `{name}`: shape {shape:?} does not hold the {} values given",
                    data.len()
                ),
            ));
        }
        self.sections.push(PendingSection {
            name,
            shape: shape.to_vec(),
            data,
        });
        Ok(self)
    }

    /// The kind given to [`ModelWriter::new`].
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The metadata given to [`ModelWriter::new`].
    pub fn meta(&self) -> &Value {
        &self.meta
    }

    /// Number of sections added.
    pub fn n_sections(&self) -> usize {
        self.sections.len()
    }

    fn meta_bytes(&self) -> Result<Vec<u8>> {
        serde_json::to_vec(&self.meta).map_err(|e| CoreError::param("meta", e.to_string()))
    }

    /// The size of the file in bytes, checksum included.
    pub fn encoded_len(&self) -> Result<u64> {
        let meta = self.meta_bytes()?;
        Ok(self.layout_len(meta.len()))
    }

    fn layout_len(&self, meta_len: usize) -> u64 {
        let mut pos = (PREFIX_LEN + 4 + self.kind.len() + 8 + meta_len + 4) as u64;
        for s in &self.sections {
            pos += (4 + s.name.len() + 1 + 4 + 8 * s.shape.len() + 8) as u64;
            pos += pad_for(pos) + s.data.byte_len();
        }
        pos + CHECKSUM_LEN as u64
    }

    /// The whole file in memory.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        check_name("kind", &self.kind)?;
        let meta = self.meta_bytes()?;
        let len = self.layout_len(meta.len());
        let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        self.write_into(&mut out, &meta, len)
            .map_err(|e| CoreError::io("<memory>", e))?;
        Ok(out)
    }

    /// Writes the file to `path` atomically: into a temporary file in the same folder
    /// (`.NAME.tmp-PID-N`), flushed and fsynced, then renamed over `path` (and the folder
    /// fsynced). On any error the temporary file is removed and `path` is left as it was.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = path.as_ref();
        check_name("kind", &self.kind)?;
        let meta = self.meta_bytes()?;
        let len = self.layout_len(meta.len());
        let file_name = path.file_name().ok_or_else(|| {
            CoreError::io(
                path,
                io::Error::new(io::ErrorKind::InvalidInput, "not a file path"),
            )
        })?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut attempt = 0;
        let (tmp, file) = loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let mut name = std::ffi::OsString::from(".");
            name.push(file_name);
            name.push(format!(".tmp-{}-{n}", std::process::id()));
            let tmp = dir.join(name);
            match File::create_new(&tmp) {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(CoreError::io(path, e)),
            }
        };
        let written = (|| -> io::Result<()> {
            let mut w = BufWriter::with_capacity(1 << 20, file);
            self.write_into(&mut w, &meta, len)?;
            let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()?;
            drop(file);
            std::fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(CoreError::io(path, e));
        }
        // Make the rename durable; not every platform lets a folder be opened and synced.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    fn write_into(&self, w: &mut impl Write, meta: &[u8], len: u64) -> io::Result<()> {
        let mut h = HashingWriter {
            inner: w,
            hash: Xxh64::new(0),
            pos: 0,
        };
        h.write_all(&MAGIC)?;
        h.write_all(&FORMAT_VERSION.to_le_bytes())?;
        h.write_all(&len.to_le_bytes())?;
        h.write_all(&(self.kind.len() as u32).to_le_bytes())?;
        h.write_all(self.kind.as_bytes())?;
        h.write_all(&(meta.len() as u64).to_le_bytes())?;
        h.write_all(meta)?;
        h.write_all(&(self.sections.len() as u32).to_le_bytes())?;
        for s in &self.sections {
            h.write_all(&(s.name.len() as u32).to_le_bytes())?;
            h.write_all(s.name.as_bytes())?;
            h.write_all(&[s.data.dtype().code()])?;
            h.write_all(&(s.shape.len() as u32).to_le_bytes())?;
            for d in &s.shape {
                h.write_all(&d.to_le_bytes())?;
            }
            h.write_all(&s.data.byte_len().to_le_bytes())?;
            let pad = pad_for(h.pos) as usize;
            h.write_all(&[0u8; 8][..pad])?;
            s.data.write_le(&mut h)?;
        }
        let sum = h.hash.finish();
        let pos = h.pos;
        w.write_all(&sum.to_le_bytes())?;
        w.flush()?;
        if pos + CHECKSUM_LEN as u64 != len {
            return Err(io::Error::other(format!(
                "internal error: wrote {} bytes, laid out {len}",
                pos + CHECKSUM_LEN as u64
            )));
        }
        Ok(())
    }
}

/// A writer that hashes and counts what passes through.
struct HashingWriter<'w, W: Write> {
    inner: &'w mut W,
    hash: Xxh64,
    pos: u64,
}

impl<W: Write> Write for HashingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.pos += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A section's name, dtype and shape, as listed by [`ModelReader::sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionInfo<'a> {
    /// The section name.
    pub name: &'a str,
    /// The element type.
    pub dtype: Dtype,
    /// The shape (row-major; `[]` is a scalar).
    pub shape: &'a [u64],
}

#[derive(Debug, Clone)]
struct Section {
    name: String,
    dtype: Dtype,
    shape: Vec<u64>,
    start: usize,
    len: usize,
}

/// A verified model file in memory: kind, metadata and typed access to its sections.
///
/// Every error is a [`CoreError::ModelFile`] naming the file, with a [`ModelFileProblem`].
#[derive(Debug, Clone)]
pub struct ModelReader {
    path: PathBuf,
    version: u32,
    kind: String,
    meta: Value,
    bytes: Vec<u8>,
    sections: Vec<Section>,
}

impl ModelReader {
    /// Reads and verifies the model file at `path`, which must hold a model of `expected_kind`.
    pub fn load(path: impl AsRef<Path>, expected_kind: &str) -> Result<Self> {
        let path = path.as_ref();
        Self::from_bytes(read_model_bytes(path)?, path, Some(expected_kind))
    }

    /// Reads and verifies the model file at `path`, whatever its kind (see
    /// [`ModelReader::kind`]).
    pub fn load_any(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::from_bytes(read_model_bytes(path)?, path, None)
    }

    /// Verifies a model file already in memory; `origin` names it in errors. With
    /// `expected_kind`, a file of another kind is a [`ModelFileProblem::WrongKind`].
    pub fn from_bytes(
        bytes: Vec<u8>,
        origin: impl Into<PathBuf>,
        expected_kind: Option<&str>,
    ) -> Result<Self> {
        let path = origin.into();
        let fail = |problem| CoreError::ModelFile {
            path: path.clone(),
            problem,
        };
        let actual = bytes.len() as u64;
        let min = (PREFIX_LEN + CHECKSUM_LEN) as u64;
        if bytes.len() < MAGIC.len() {
            return Err(fail(if MAGIC.starts_with(&bytes) {
                ModelFileProblem::Truncated {
                    expected: min,
                    actual,
                }
            } else {
                ModelFileProblem::BadMagic
            }));
        }
        if bytes[..8] != MAGIC {
            return Err(fail(ModelFileProblem::BadMagic));
        }
        if bytes.len() < PREFIX_LEN {
            return Err(fail(ModelFileProblem::Truncated {
                expected: min,
                actual,
            }));
        }
        let version = u32::from_le_bytes(le(&bytes[8..12]));
        if version >> 16 != u32::from(FORMAT_MAJOR) {
            return Err(fail(ModelFileProblem::UnsupportedVersion {
                found: version,
            }));
        }
        let declared = u64::from_le_bytes(le(&bytes[12..20]));
        if actual < declared || actual < min {
            return Err(fail(ModelFileProblem::Truncated {
                expected: declared.max(min),
                actual,
            }));
        }
        if actual > declared {
            return Err(fail(ModelFileProblem::Corrupt {
                offset: 12,
                what: format!("the header declares {declared} bytes, the file has {actual}"),
            }));
        }
        let body_len = bytes.len() - CHECKSUM_LEN;
        let stored = u64::from_le_bytes(le(&bytes[body_len..]));
        let computed = Xxh64::hash(&bytes[..body_len], 0);
        if stored != computed {
            return Err(fail(ModelFileProblem::Checksum { stored, computed }));
        }

        let mut c = Cursor {
            buf: &bytes[..body_len],
            pos: PREFIX_LEN,
        };
        let (kind, meta, sections) = parse_body(&mut c).map_err(&fail)?;
        if let Some(expected) = expected_kind
            && expected != kind
        {
            return Err(fail(ModelFileProblem::WrongKind {
                expected: expected.to_string(),
                found: kind,
            }));
        }
        Ok(Self {
            path,
            version,
            kind,
            meta,
            bytes,
            sections,
        })
    }

    fn err(&self, problem: ModelFileProblem) -> CoreError {
        CoreError::ModelFile {
            path: self.path.clone(),
            problem,
        }
    }

    /// The file read (or the origin given to [`ModelReader::from_bytes`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The format version field (major in the high 16 bits).
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The model kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The metadata.
    pub fn meta(&self) -> &Value {
        &self.meta
    }

    /// The metadata field `key` (of a JSON object) as a `T`; a missing key or a value of
    /// another type is a [`ModelFileProblem::Metadata`].
    pub fn meta_field<T: DeserializeOwned>(&self, key: &str) -> Result<T> {
        let v = self.meta.get(key).ok_or_else(|| {
            self.err(ModelFileProblem::Metadata {
                key: key.to_string(),
                what: "missing".to_string(),
            })
        })?;
        T::deserialize(v).map_err(|e| {
            self.err(ModelFileProblem::Metadata {
                key: key.to_string(),
                what: e.to_string(),
            })
        })
    }

    /// The sections, in file order.
    pub fn sections(&self) -> impl ExactSizeIterator<Item = SectionInfo<'_>> + '_ {
        self.sections.iter().map(|s| SectionInfo {
            name: &s.name,
            dtype: s.dtype,
            shape: &s.shape,
        })
    }

    /// Whether a section called `name` exists.
    pub fn has_section(&self, name: &str) -> bool {
        self.sections.iter().any(|s| s.name == name)
    }

    fn find(&self, name: &str) -> Result<&Section> {
        self.sections
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| {
                self.err(ModelFileProblem::MissingSection {
                    name: name.to_string(),
                })
            })
    }

    /// The dtype and shape of section `name`.
    pub fn section(&self, name: &str) -> Result<SectionInfo<'_>> {
        let s = self.find(name)?;
        Ok(SectionInfo {
            name: &s.name,
            dtype: s.dtype,
            shape: &s.shape,
        })
    }

    /// The raw little-endian bytes of section `name`, with its dtype and shape (no copy).
    pub fn raw(&self, name: &str) -> Result<(SectionInfo<'_>, &[u8])> {
        let s = self.find(name)?;
        Ok((
            SectionInfo {
                name: &s.name,
                dtype: s.dtype,
                shape: &s.shape,
            },
            &self.bytes[s.start..s.start + s.len],
        ))
    }

    /// Section `name` as a shape and `T` values; a section of another dtype is a
    /// [`ModelFileProblem::WrongDtype`].
    pub fn array<T: Element>(&self, name: &str) -> Result<(Vec<u64>, Vec<T>)> {
        let s = self.find(name)?;
        if s.dtype != T::DTYPE {
            return Err(self.err(ModelFileProblem::WrongDtype {
                name: name.to_string(),
                expected: T::DTYPE,
                found: s.dtype,
            }));
        }
        Ok((
            s.shape.clone(),
            T::decode(&self.bytes[s.start..s.start + s.len]),
        ))
    }

    /// Section `name` as `T` values, which must have `shape`
    /// ([`ModelFileProblem::WrongShape`] otherwise).
    pub fn array_with_shape<T: Element>(&self, name: &str, shape: &[u64]) -> Result<Vec<T>> {
        let s = self.find(name)?;
        if s.shape != shape {
            return Err(self.err(ModelFileProblem::WrongShape {
                name: name.to_string(),
                expected: shape.to_vec(),
                found: s.shape.clone(),
            }));
        }
        self.array(name).map(|(_, v)| v)
    }

    /// Section `name` as `f32`s with its shape.
    pub fn f32(&self, name: &str) -> Result<(Vec<u64>, Vec<f32>)> {
        self.array(name)
    }

    /// Section `name` as `f64`s with its shape.
    pub fn f64(&self, name: &str) -> Result<(Vec<u64>, Vec<f64>)> {
        self.array(name)
    }

    /// Section `name` as `u32`s with its shape.
    pub fn u32(&self, name: &str) -> Result<(Vec<u64>, Vec<u32>)> {
        self.array(name)
    }

    /// Section `name` as `u64`s with its shape.
    pub fn u64(&self, name: &str) -> Result<(Vec<u64>, Vec<u64>)> {
        self.array(name)
    }

    /// Section `name` as bytes with its shape.
    pub fn bytes(&self, name: &str) -> Result<(Vec<u64>, Vec<u8>)> {
        self.array(name)
    }

    /// Section `name` as `f32`s, which must have `shape`.
    pub fn f32_with_shape(&self, name: &str, shape: &[u64]) -> Result<Vec<f32>> {
        self.array_with_shape(name, shape)
    }

    /// Section `name` as `f64`s, which must have `shape`.
    pub fn f64_with_shape(&self, name: &str, shape: &[u64]) -> Result<Vec<f64>> {
        self.array_with_shape(name, shape)
    }

    /// Section `name` as `u32`s, which must have `shape`.
    pub fn u32_with_shape(&self, name: &str, shape: &[u64]) -> Result<Vec<u32>> {
        self.array_with_shape(name, shape)
    }

    /// Section `name` as `u64`s, which must have `shape`.
    pub fn u64_with_shape(&self, name: &str, shape: &[u64]) -> Result<Vec<u64>> {
        self.array_with_shape(name, shape)
    }

    /// The ratings [`ModelWriter::interactions`] wrote under `prefix`, over the index space of
    /// `users` × `items` (the maps the writer's data was indexed by). Inconsistent sections are
    /// a [`CoreError::ModelFile`].
    pub fn interactions(
        &self,
        prefix: &str,
        users: Arc<IdMap>,
        items: Arc<IdMap>,
    ) -> Result<Interactions> {
        let name = format!("{prefix}_row_len");
        let row_len = self.u64_with_shape(&name, &[users.len() as u64])?;
        let total = row_len.iter().try_fold(0u64, |a, &b| a.checked_add(b));
        let Some(nnz) = total else {
            return Err(self.err(ModelFileProblem::InvalidSection {
                name,
                what: "row lengths overflow".into(),
            }));
        };
        let item = self.u32_with_shape(&format!("{prefix}_items"), &[nnz])?;
        let rating = self.f32_with_shape(&format!("{prefix}_ratings"), &[nnz])?;
        let ts_name = format!("{prefix}_timestamps");
        let ts = if self.has_section(&ts_name) {
            Some(self.u32_with_shape(&ts_name, &[nnz])?)
        } else {
            None
        };
        let mut entries = Vec::with_capacity(item.len());
        let mut at = 0usize;
        for (u, &n) in row_len.iter().enumerate() {
            for _ in 0..n {
                entries.push(crate::Interaction {
                    user: u as u32,
                    item: item[at],
                    rating: rating[at],
                    timestamp: ts.as_ref().map_or(0, |t| t[at]),
                });
                at += 1;
            }
        }
        Interactions::from_parts(
            users,
            items,
            entries,
            crate::DuplicatePolicy::Error,
            ts.is_some(),
        )
        .map_err(|e| {
            self.err(ModelFileProblem::InvalidSection {
                name: format!("{prefix}_items"),
                what: e.to_string(),
            })
        })
    }

    /// The [`IdMap`] stored by [`ModelWriter::id_map`]: a 1-D `u64` section of distinct raw
    /// ids (duplicates would shift indices: [`ModelFileProblem::InvalidSection`]).
    pub fn id_map(&self, name: &str) -> Result<IdMap> {
        let (shape, ids) = self.u64(name)?;
        if shape.len() != 1 {
            return Err(self.err(ModelFileProblem::WrongShape {
                name: name.to_string(),
                expected: vec![ids.len() as u64],
                found: shape,
            }));
        }
        let invalid = |what: String| {
            self.err(ModelFileProblem::InvalidSection {
                name: name.to_string(),
                what,
            })
        };
        if ids.len() >= u32::MAX as usize {
            return Err(invalid(format!("{} ids, at most u32::MAX - 1", ids.len())));
        }
        let n = ids.len();
        let map = IdMap::from_raw(ids.iter().copied());
        if map.len() != n {
            let dup = first_duplicate(&ids).unwrap_or_default();
            return Err(invalid(format!("raw id {dup} occurs more than once")));
        }
        Ok(map)
    }
}

/// The bytes of the file at `path`; a file that does not start with [`MAGIC`] is rejected
/// after reading 8 bytes, whatever its size.
fn read_model_bytes(path: &Path) -> Result<Vec<u8>> {
    let io_err = |e| CoreError::io(path, e);
    let mut f = File::open(path).map_err(io_err)?;
    let md = f.metadata().map_err(io_err)?;
    if md.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a directory, expected a file",
        )));
    }
    let mut bytes = Vec::new();
    (&mut f)
        .take(MAGIC.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() == MAGIC.len() && bytes[..] != MAGIC {
        return Err(CoreError::ModelFile {
            path: path.to_path_buf(),
            problem: ModelFileProblem::BadMagic,
        });
    }
    // The size is a hint (the file may change while read); allocate what it says, if possible.
    let rest = usize::try_from(md.len().saturating_sub(MAGIC.len() as u64)).unwrap_or(0);
    if bytes.try_reserve_exact(rest).is_err() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::OutOfMemory,
            format!("cannot allocate {} bytes to read the file", md.len()),
        )));
    }
    f.read_to_end(&mut bytes).map_err(io_err)?;
    Ok(bytes)
}

fn first_duplicate(ids: &[RawId]) -> Option<RawId> {
    let mut seen = crate::ids::IdHashMap::default();
    ids.iter()
        .copied()
        .find(|&id| seen.insert(id, ()).is_some())
}

/// A fixed-size little-endian array from a slice of exactly that length (callers slice it).
fn le<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    a.copy_from_slice(&b[..N]);
    a
}

/// Bounds-checked reads over the checksummed body.
struct Cursor<'b> {
    buf: &'b [u8],
    pos: usize,
}

impl<'b> Cursor<'b> {
    fn corrupt(&self, offset: usize, what: impl Into<String>) -> ModelFileProblem {
        ModelFileProblem::Corrupt {
            offset: offset as u64,
            what: what.into(),
        }
    }

    fn take(&mut self, n: u64, what: &str) -> std::result::Result<&'b [u8], ModelFileProblem> {
        let left = (self.buf.len() - self.pos) as u64;
        if n > left {
            return Err(self.corrupt(
                self.pos,
                format!("{what} of {n} bytes runs past the end ({left} bytes left)"),
            ));
        }
        let s = &self.buf[self.pos..self.pos + n as usize];
        self.pos += n as usize;
        Ok(s)
    }

    fn u8(&mut self, what: &str) -> std::result::Result<u8, ModelFileProblem> {
        Ok(self.take(1, what)?[0])
    }

    fn u32(&mut self, what: &str) -> std::result::Result<u32, ModelFileProblem> {
        Ok(u32::from_le_bytes(le(self.take(4, what)?)))
    }

    fn u64(&mut self, what: &str) -> std::result::Result<u64, ModelFileProblem> {
        Ok(u64::from_le_bytes(le(self.take(8, what)?)))
    }

    fn name(&mut self, what: &str) -> std::result::Result<String, ModelFileProblem> {
        let at = self.pos;
        let n = self.u32(what)?;
        if n == 0 || n as usize > MAX_NAME_LEN {
            return Err(self.corrupt(
                at,
                format!("{what} of {n} bytes (1 to {MAX_NAME_LEN} allowed)"),
            ));
        }
        let at = self.pos;
        let b = self.take(u64::from(n), what)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.corrupt(at, format!("{what} is not UTF-8")))
    }
}

type Body = (String, Value, Vec<Section>);

fn parse_body(c: &mut Cursor<'_>) -> std::result::Result<Body, ModelFileProblem> {
    let kind = c.name("model kind")?;
    let meta_len = c.u64("metadata length")?;
    let at = c.pos;
    let meta_bytes = c.take(meta_len, "metadata")?;
    let meta: Value = serde_json::from_slice(meta_bytes)
        .map_err(|e| c.corrupt(at, format!("metadata is not JSON: {e}")))?;
    let at = c.pos;
    let count = c.u32("section count")? as usize;
    if count > (c.buf.len() - c.pos) / MIN_SECTION_HEADER {
        return Err(c.corrupt(at, format!("{count} sections cannot fit in the bytes left")));
    }
    let mut sections: Vec<Section> = Vec::with_capacity(count);
    for k in 0..count {
        let at = c.pos;
        let name = c.name("section name")?;
        if sections.iter().any(|s| s.name == name) {
            return Err(c.corrupt(at, format!("section `{name}` occurs twice")));
        }
        let at = c.pos;
        let code = c.u8("dtype")?;
        let dtype = Dtype::from_code(code)
            .ok_or_else(|| c.corrupt(at, format!("section `{name}`: unknown dtype code {code}")))?;
        let at = c.pos;
        let ndim = c.u32("dimension count")? as usize;
        if ndim > MAX_DIMS {
            return Err(c.corrupt(
                at,
                format!("section `{name}`: {ndim} dimensions, at most {MAX_DIMS}"),
            ));
        }
        let mut shape = Vec::with_capacity(ndim);
        for _ in 0..ndim {
            shape.push(c.u64("dimension")?);
        }
        let at = c.pos;
        let byte_len = c.u64("data length")?;
        let expected = elements(&shape).and_then(|n| n.checked_mul(dtype.size() as u64));
        if expected != Some(byte_len) {
            return Err(c.corrupt(
                at,
                format!(
                    "section `{name}` (#{k}): shape {shape:?} of {dtype} does not match {byte_len} data bytes"
                ),
            ));
        }
        let at = c.pos;
        let pad = c.take(pad_for(c.pos as u64), "padding")?;
        if pad.iter().any(|&b| b != 0) {
            return Err(c.corrupt(at, "non-zero padding"));
        }
        let start = c.pos;
        c.take(byte_len, "section data")?;
        sections.push(Section {
            name,
            dtype,
            shape,
            start,
            len: byte_len as usize,
        });
    }
    if c.pos != c.buf.len() {
        return Err(c.corrupt(
            c.pos,
            format!(
                "{} unexpected bytes after the sections",
                c.buf.len() - c.pos
            ),
        ));
    }
    Ok((kind, meta, sections))
}

/// XXH64, the 64-bit xxHash (Yann Collet's public-domain algorithm), written out here: the
/// model files' checksum. Streaming: [`Xxh64::update`] any number of times, then
/// [`Xxh64::finish`].
///
/// ```
/// use recsys_core::persist::Xxh64;
/// assert_eq!(Xxh64::hash(b"", 0), 0xEF46_DB37_51D8_E999);
/// let mut h = Xxh64::new(0);
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finish(), Xxh64::hash(b"abc", 0));
/// ```
#[derive(Debug, Clone)]
pub struct Xxh64 {
    seed: u64,
    v: [u64; 4],
    buf: [u8; 32],
    buf_len: usize,
    total: u64,
}

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

#[inline]
fn xxh_round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

#[inline]
fn xxh_merge(acc: u64, val: u64) -> u64 {
    (acc ^ xxh_round(0, val)).wrapping_mul(P1).wrapping_add(P4)
}

impl Xxh64 {
    /// A hasher with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            v: [
                seed.wrapping_add(P1).wrapping_add(P2),
                seed.wrapping_add(P2),
                seed,
                seed.wrapping_sub(P1),
            ],
            buf: [0; 32],
            buf_len: 0,
            total: 0,
        }
    }

    /// The hash of `data` with `seed`.
    pub fn hash(data: &[u8], seed: u64) -> u64 {
        let mut h = Self::new(seed);
        h.update(data);
        h.finish()
    }

    #[inline]
    fn stripe(&mut self, s: &[u8; 32]) {
        let (words, _) = s.as_chunks::<8>();
        for (v, w) in self.v.iter_mut().zip(words) {
            *v = xxh_round(*v, u64::from_le_bytes(*w));
        }
    }

    /// Adds `data`.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buf_len > 0 {
            let fill = (32 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + fill].copy_from_slice(&data[..fill]);
            self.buf_len += fill;
            data = &data[fill..];
            if self.buf_len < 32 {
                return;
            }
            let b = self.buf;
            self.stripe(&b);
            self.buf_len = 0;
        }
        let (stripes, rest) = data.as_chunks::<32>();
        for s in stripes {
            self.stripe(s);
        }
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    /// The hash of everything added.
    pub fn finish(&self) -> u64 {
        let mut h = if self.total >= 32 {
            let [a, b, c, d] = self.v;
            let mut h = a
                .rotate_left(1)
                .wrapping_add(b.rotate_left(7))
                .wrapping_add(c.rotate_left(12))
                .wrapping_add(d.rotate_left(18));
            for v in self.v {
                h = xxh_merge(h, v);
            }
            h
        } else {
            self.seed.wrapping_add(P5)
        };
        h = h.wrapping_add(self.total);
        let mut rest = &self.buf[..self.buf_len];
        while rest.len() >= 8 {
            let k = xxh_round(0, u64::from_le_bytes(le(rest)));
            h = (h ^ k).rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
            rest = &rest[8..];
        }
        if rest.len() >= 4 {
            let k = u64::from(u32::from_le_bytes(le(rest)));
            h = (h ^ k.wrapping_mul(P1))
                .rotate_left(23)
                .wrapping_mul(P2)
                .wrapping_add(P3);
            rest = &rest[4..];
        }
        for &b in rest {
            h = (h ^ u64::from(b).wrapping_mul(P5))
                .rotate_left(11)
                .wrapping_mul(P1);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(P2);
        h ^= h >> 29;
        h = h.wrapping_mul(P3);
        h ^ (h >> 32)
    }
}
