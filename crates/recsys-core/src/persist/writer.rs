//! [`ModelWriter`]: builds a model file (kind, metadata, named sections) and encodes it.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use serde_json::Value;

use super::atomic::write_atomically;
use super::element::Element;
use super::xxh64::Xxh64;
use crate::error::{CoreError, Result};
use crate::format::{
    CHECKSUM_LEN, Dtype, FORMAT_VERSION, MAGIC, MAX_DIMS, MAX_NAME_LEN, PREFIX_LEN, elements,
    pad_for,
};

/// Section data held by a writer: borrowed or owned.
#[derive(Debug, Clone)]
enum Data<'a> {
    F32(Cow<'a, [f32]>),
    F64(Cow<'a, [f64]>),
    U32(Cow<'a, [u32]>),
    U64(Cow<'a, [u64]>),
    Bytes(Cow<'a, [u8]>),
}

/// Evaluates `$e` with `$d` bound to the slice of whichever variant `$data` is.
macro_rules! with_slice {
    ($data:expr, $d:ident => $e:expr) => {
        match $data {
            Data::F32($d) => $e,
            Data::F64($d) => $e,
            Data::U32($d) => $e,
            Data::U64($d) => $e,
            Data::Bytes($d) => $e,
        }
    };
}

/// The dtype of a slice's elements.
fn dtype_of<T: Element>(_: &[T]) -> Dtype {
    T::DTYPE
}

impl Data<'_> {
    fn dtype(&self) -> Dtype {
        with_slice!(self, d => dtype_of(d))
    }

    fn len(&self) -> usize {
        with_slice!(self, d => d.len())
    }

    fn byte_len(&self) -> u64 {
        self.len() as u64 * self.dtype().size() as u64
    }

    /// Writes the little-endian bytes.
    fn write_le(&self, w: &mut dyn Write) -> io::Result<()> {
        with_slice!(self, d => Element::write_le(d, w))
    }
}

#[derive(Debug, Clone)]
struct PendingSection<'a> {
    name: String,
    shape: Vec<u64>,
    data: Data<'a>,
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

/// The section methods of [`ModelWriter`], one per element type.
macro_rules! typed_sections {
    ($($(#[$doc:meta])* $method:ident, $vector:ident: $t:ty => $variant:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $method(
                &mut self,
                name: impl Into<String>,
                shape: &[u64],
                data: impl Into<Cow<'a, [$t]>>,
            ) -> Result<&mut Self> {
                self.push(name.into(), shape, Data::$variant(data.into()))
            }
            #[doc = concat!("Adds a one-dimensional section: [`ModelWriter::", stringify!($method), "`] with the shape `[data.len()]`.")]
            pub fn $vector(
                &mut self,
                name: impl Into<String>,
                data: impl Into<Cow<'a, [$t]>>,
            ) -> Result<&mut Self> {
                let data = data.into();
                self.push(name.into(), &[data.len() as u64], Data::$variant(data))
            }
        )*
    };
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

    typed_sections! {
        /// Adds a section of `f32`s with `shape` (row-major; `[]` is a scalar).
        ///
        /// Errors with [`CoreError::InvalidParameter`] if the name is empty, too long or already
        /// used, the shape has more than [`MAX_DIMS`] dimensions, or its element count differs
        /// from `data.len()`.
        section_f32, vector_f32: f32 => F32;
        /// Adds a section of `f64`s (see [`ModelWriter::section_f32`]).
        section_f64, vector_f64: f64 => F64;
        /// Adds a section of `u32`s (see [`ModelWriter::section_f32`]).
        section_u32, vector_u32: u32 => U32;
        /// Adds a section of `u64`s (see [`ModelWriter::section_f32`]).
        section_u64, vector_u64: u64 => U64;
        /// Adds a section of raw bytes (see [`ModelWriter::section_f32`]); the shape is usually
        /// `[len]`.
        section_bytes, vector_bytes: u8 => Bytes;
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

    /// The checked kind, the metadata bytes and the file length: what every encoding needs.
    fn prepare(&self) -> Result<(Vec<u8>, u64)> {
        check_name("kind", &self.kind)?;
        let meta = self.meta_bytes()?;
        let len = self.layout_len(meta.len());
        Ok((meta, len))
    }

    /// The whole file in memory.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let (meta, len) = self.prepare()?;
        let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        self.write_into(&mut out, &meta, len)
            .map_err(|e| CoreError::io("<memory>", e))?;
        Ok(out)
    }

    /// Writes the file to `path` atomically: into a temporary file in the same folder
    /// (`.NAME.tmp-PID-N`), flushed and fsynced, then renamed over `path` (and the folder
    /// fsynced). On any error the temporary file is removed and `path` is left as it was.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let (meta, len) = self.prepare()?;
        write_atomically(path.as_ref(), |w| self.write_into(w, &meta, len))
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
