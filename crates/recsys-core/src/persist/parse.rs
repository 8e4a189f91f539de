//! Verifying a model file's bytes: header, declared length and checksum, then the section
//! table, every length and shape checked against the bytes present.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use serde_json::Value;

use super::xxh64::Xxh64;
use crate::error::{CoreError, ModelFileProblem, Result};
use crate::format::{
    CHECKSUM_LEN, Dtype, FORMAT_MAJOR, MAGIC, MAX_DIMS, MAX_NAME_LEN, MIN_SECTION_HEADER,
    PREFIX_LEN, elements, le, pad_for,
};

/// A section of a verified file: where its data lies in the file's bytes.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub name: String,
    pub dtype: Dtype,
    pub shape: Vec<u64>,
    pub start: usize,
    pub len: usize,
}

/// What a verified file holds besides the section data.
pub(super) struct Parsed {
    pub version: u32,
    pub kind: String,
    pub meta: Value,
    pub sections: Vec<Section>,
}

type Checked<T> = std::result::Result<T, ModelFileProblem>;

/// Verifies the bytes of a whole model file: magic, major version, declared length, checksum,
/// then the body.
pub(super) fn parse(bytes: &[u8]) -> Checked<Parsed> {
    let actual = bytes.len() as u64;
    let min = (PREFIX_LEN + CHECKSUM_LEN) as u64;
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) {
            ModelFileProblem::Truncated {
                expected: min,
                actual,
            }
        } else {
            ModelFileProblem::BadMagic
        });
    }
    if bytes[..8] != MAGIC {
        return Err(ModelFileProblem::BadMagic);
    }
    if bytes.len() < PREFIX_LEN {
        return Err(ModelFileProblem::Truncated {
            expected: min,
            actual,
        });
    }
    let version = u32::from_le_bytes(le(&bytes[8..12]));
    if version >> 16 != u32::from(FORMAT_MAJOR) {
        return Err(ModelFileProblem::UnsupportedVersion { found: version });
    }
    let declared = u64::from_le_bytes(le(&bytes[12..20]));
    if actual < declared || actual < min {
        return Err(ModelFileProblem::Truncated {
            expected: declared.max(min),
            actual,
        });
    }
    if actual > declared {
        return Err(ModelFileProblem::Corrupt {
            offset: 12,
            what: format!("the header declares {declared} bytes, the file has {actual}"),
        });
    }
    let body_len = bytes.len() - CHECKSUM_LEN;
    let stored = u64::from_le_bytes(le(&bytes[body_len..]));
    let computed = Xxh64::hash(&bytes[..body_len], 0);
    if stored != computed {
        return Err(ModelFileProblem::Checksum { stored, computed });
    }
    let mut c = Cursor {
        buf: &bytes[..body_len],
        pos: PREFIX_LEN,
    };
    let (kind, meta, sections) = parse_body(&mut c)?;
    Ok(Parsed {
        version,
        kind,
        meta,
        sections,
    })
}

/// The bytes of the file at `path`; a file that does not start with [`MAGIC`] is rejected
/// after reading 8 bytes, whatever its size.
pub(super) fn read_model_bytes(path: &Path) -> Result<Vec<u8>> {
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

    fn take(&mut self, n: u64, what: &str) -> Checked<&'b [u8]> {
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

    fn u8(&mut self, what: &str) -> Checked<u8> {
        Ok(self.take(1, what)?[0])
    }

    fn u32(&mut self, what: &str) -> Checked<u32> {
        Ok(u32::from_le_bytes(le(self.take(4, what)?)))
    }

    fn u64(&mut self, what: &str) -> Checked<u64> {
        Ok(u64::from_le_bytes(le(self.take(8, what)?)))
    }

    fn name(&mut self, what: &str) -> Checked<String> {
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

fn parse_body(c: &mut Cursor<'_>) -> Checked<Body> {
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
        let section = parse_section(c, k, &sections)?;
        sections.push(section);
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

/// Section `k`'s header, padding and data, after the sections `before` it.
fn parse_section(c: &mut Cursor<'_>, k: usize, before: &[Section]) -> Checked<Section> {
    let at = c.pos;
    let name = c.name("section name")?;
    if before.iter().any(|s| s.name == name) {
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
    Ok(Section {
        name,
        dtype,
        shape,
        start,
        len: byte_len as usize,
    })
}
