//! [`ModelReader`]: a verified model file in memory, with typed access to its sections.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::element::Element;
use super::parse::{self, Section};
use crate::error::{CoreError, ModelFileProblem, Result};
use crate::format::Dtype;

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

impl Section {
    fn info(&self) -> SectionInfo<'_> {
        SectionInfo {
            name: &self.name,
            dtype: self.dtype,
            shape: &self.shape,
        }
    }
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

/// The typed shorthands of [`ModelReader::array`] and [`ModelReader::array_with_shape`], one
/// pair per element type.
macro_rules! typed_arrays {
    ($($t:ty => $plain:ident, $shaped:ident;)*) => {
        $(
            #[doc = concat!("Section `name` as `", stringify!($t), "` values with its shape.")]
            pub fn $plain(&self, name: &str) -> Result<(Vec<u64>, Vec<$t>)> {
                self.array(name)
            }

            #[doc = concat!("Section `name` as `", stringify!($t), "` values, which must have `shape`.")]
            pub fn $shaped(&self, name: &str, shape: &[u64]) -> Result<Vec<$t>> {
                self.array_with_shape(name, shape)
            }
        )*
    };
}

impl ModelReader {
    /// Reads and verifies the model file at `path`, which must hold a model of `expected_kind`.
    pub fn load(path: impl AsRef<Path>, expected_kind: &str) -> Result<Self> {
        let path = path.as_ref();
        Self::from_bytes(parse::read_model_bytes(path)?, path, Some(expected_kind))
    }

    /// Reads and verifies the model file at `path`, whatever its kind (see
    /// [`ModelReader::kind`]).
    pub fn load_any(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        Self::from_bytes(parse::read_model_bytes(path)?, path, None)
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
        let p = parse::parse(&bytes).map_err(fail)?;
        if let Some(expected) = expected_kind
            && expected != p.kind
        {
            return Err(fail(ModelFileProblem::WrongKind {
                expected: expected.to_string(),
                found: p.kind,
            }));
        }
        Ok(Self {
            path,
            version: p.version,
            kind: p.kind,
            meta: p.meta,
            bytes,
            sections: p.sections,
        })
    }

    /// A [`CoreError::ModelFile`] for this file.
    pub(super) fn err(&self, problem: ModelFileProblem) -> CoreError {
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
        let metadata = |what: String| {
            self.err(ModelFileProblem::Metadata {
                key: key.to_string(),
                what,
            })
        };
        let v = self
            .meta
            .get(key)
            .ok_or_else(|| metadata("missing".to_string()))?;
        T::deserialize(v).map_err(|e| metadata(e.to_string()))
    }

    /// The sections, in file order.
    pub fn sections(&self) -> impl ExactSizeIterator<Item = SectionInfo<'_>> + '_ {
        self.sections.iter().map(Section::info)
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

    fn data(&self, s: &Section) -> &[u8] {
        &self.bytes[s.start..s.start + s.len]
    }

    /// The dtype and shape of section `name`.
    pub fn section(&self, name: &str) -> Result<SectionInfo<'_>> {
        self.find(name).map(Section::info)
    }

    /// The raw little-endian bytes of section `name`, with its dtype and shape (no copy).
    pub fn raw(&self, name: &str) -> Result<(SectionInfo<'_>, &[u8])> {
        let s = self.find(name)?;
        Ok((s.info(), self.data(s)))
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
        Ok((s.shape.clone(), T::decode(self.data(s))))
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

    typed_arrays! {
        f32 => f32, f32_with_shape;
        f64 => f64, f64_with_shape;
        u32 => u32, u32_with_shape;
        u64 => u64, u64_with_shape;
    }

    /// Section `name` as bytes with its shape.
    pub fn bytes(&self, name: &str) -> Result<(Vec<u64>, Vec<u8>)> {
        self.array(name)
    }
}
