//! Model files: one small, dependency-free binary container that every model crate of the
//! workspace saves to and loads from.
//!
//! A file holds a model *kind* (`"svd"`, `"ncf"`, ...), a JSON metadata blob (hyperparameters,
//! training facts) and named, typed, shaped sections of little-endian numbers (factor matrices,
//! biases, the raw ids of the id maps). It is written atomically (temporary file in the same
//! folder, fsync, rename) and verified when read: magic bytes, format version, declared length,
//! an XXH64 checksum over everything, then every length and shape against the bytes actually
//! present. A truncated or corrupted file is a [`CoreError::ModelFile`](crate::CoreError::ModelFile) naming the file, never a
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

mod atomic;
mod core_types;
mod element;
mod parse;
mod reader;
mod saved;
mod training;
mod writer;
mod xxh64;

pub use crate::error::ModelFileProblem;
pub use crate::format::{
    Dtype, FORMAT_MAJOR, FORMAT_MINOR, FORMAT_VERSION, MAGIC, MAX_DIMS, MAX_NAME_LEN,
};
pub use atomic::write_atomically;
pub use element::Element;
pub use reader::{ModelReader, SectionInfo};
pub use saved::Saved;
pub use training::{curve_meta, params_meta};
pub use writer::ModelWriter;
pub use xxh64::Xxh64;
