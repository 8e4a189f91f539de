//! Reading helpers shared by the loaders: whole-file reads with path-aware errors, line
//! iteration that tolerates CRLF, latin-1 decoding and field parsers that report file and line.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// Text encodings of the dataset files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (invalid bytes are an error).
    Utf8,
    /// ISO-8859-1: every byte is the code point of the same value (MovieLens 100K `u.item`, 1M `movies.dat`).
    Latin1,
}

/// Reads a whole file; a missing file, a directory or an unreadable file is a [`CoreError::Io`]
/// naming the path.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    if path.is_dir() {
        return Err(CoreError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "is a directory, expected a file",
            ),
        ));
    }
    std::fs::read(path).map_err(|e| CoreError::io(path, e))
}

/// Decodes one line in `enc`; invalid UTF-8 is a parse error at `line`.
pub fn decode<'a>(bytes: &'a [u8], enc: Encoding, path: &Path, line: u64) -> Result<Cow<'a, str>> {
    match enc {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|e| CoreError::parse(path, line, format!("invalid UTF-8: {e}"))),
        Encoding::Latin1 => Ok(match std::str::from_utf8(bytes) {
            Ok(s) if s.is_ascii() => Cow::Borrowed(s),
            _ => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
        }),
    }
}

/// Iterates the lines of a buffer as `(1-based line number, bytes)`, without the `\n` or a
/// trailing `\r`. A UTF-8 byte-order mark at the start is skipped. Blank lines are yielded.
pub fn lines(buf: &[u8]) -> impl Iterator<Item = (u64, &[u8])> {
    let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(buf);
    let mut rest = buf;
    let mut n = 0u64;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        n += 1;
        let (line, next) = match memchr(b'\n', rest) {
            Some(k) => (&rest[..k], &rest[k + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        rest = next;
        Some((n, line.strip_suffix(b"\r").unwrap_or(line)))
    })
}

/// Calls `each` for every non-blank line of `buf`, the contents of `path`, with a [`Ctx`] at
/// that line and the line's bytes (as [`lines`] yields them). Stops at the first error.
/// Returns the number of the last line, blank ones included (0 for an empty buffer).
pub fn each_line<E>(
    path: &Path,
    buf: &[u8],
    mut each: impl FnMut(&Ctx, &[u8]) -> std::result::Result<(), E>,
) -> std::result::Result<u64, E> {
    let mut ctx = Ctx::new(path);
    for (line, bytes) in lines(buf) {
        ctx.line = line;
        if !trim(bytes).is_empty() {
            each(&ctx, bytes)?;
        }
    }
    Ok(ctx.line)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Splits a line on a separator (one byte or a multi-byte string such as `::`).
pub fn split_fields<'a>(line: &'a [u8], sep: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        if sep.len() == 1 {
            match memchr(sep[0], r) {
                Some(k) => {
                    rest = Some(&r[k + 1..]);
                    Some(&r[..k])
                }
                None => {
                    rest = None;
                    Some(r)
                }
            }
        } else {
            match r.windows(sep.len()).position(|w| w == sep) {
                Some(k) => {
                    rest = Some(&r[k + sep.len()..]);
                    Some(&r[..k])
                }
                None => {
                    rest = None;
                    Some(r)
                }
            }
        }
    })
}

/// A parsing context: the file and the current line, for error messages.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The file being parsed.
    pub path: PathBuf,
    /// The current 1-based line.
    pub line: u64,
}

impl Ctx {
    /// A context for `path`.
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            line: 0,
        }
    }

    /// A parse error at the current line.
    pub fn err(&self, message: impl Into<String>) -> CoreError {
        CoreError::parse(&self.path, self.line, message)
    }

    /// Parses an unsigned integer field named `what`.
    pub fn u64(&self, field: &[u8], what: &str) -> Result<u64> {
        let f = trim(field);
        if f.is_empty() {
            return Err(self.err(format!("empty {what}")));
        }
        let mut v: u64 = 0;
        for &b in f {
            if !b.is_ascii_digit() {
                return Err(self.err(format!(
                    "{what} `{}` is not an unsigned integer",
                    String::from_utf8_lossy(f)
                )));
            }
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or_else(|| {
                    self.err(format!("{what} `{}` overflows", String::from_utf8_lossy(f)))
                })?;
        }
        Ok(v)
    }

    /// Parses a `u32` field (timestamps).
    pub fn u32(&self, field: &[u8], what: &str) -> Result<u32> {
        let v = self.u64(field, what)?;
        u32::try_from(v)
            .map_err(|_| self.err(format!("{what} {v} is out of range (max {})", u32::MAX)))
    }

    /// Parses a finite `f32` field.
    pub fn f32(&self, field: &[u8], what: &str) -> Result<f32> {
        let f = trim(field);
        let s =
            std::str::from_utf8(f).map_err(|_| self.err(format!("{what} is not valid text")))?;
        let v: f32 = s
            .parse()
            .map_err(|_| self.err(format!("{what} `{s}` is not a number")))?;
        if !v.is_finite() {
            return Err(self.err(format!("{what} `{s}` is not finite")));
        }
        Ok(v)
    }

    /// Parses a rating and checks it lies in `[lo, hi]`.
    pub fn rating(&self, field: &[u8], lo: f32, hi: f32) -> Result<f32> {
        let r = self.f32(field, "rating")?;
        if r < lo || r > hi {
            return Err(self.err(format!("rating {r} outside [{lo}, {hi}]")));
        }
        Ok(r)
    }
}

/// Trims ASCII whitespace.
pub fn trim(f: &[u8]) -> &[u8] {
    let s = f
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(f.len());
    let e = f
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(s, |k| k + 1);
    &f[s..e]
}

/// A CSV reader over a whole file (quoted fields, embedded newlines and bare CRs), with headers.
pub fn csv_reader(path: &Path) -> Result<csv::Reader<std::io::Cursor<Vec<u8>>>> {
    let buf = read_file(path)?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(std::io::Cursor::new(buf)))
}

/// Maps a `csv` error to a [`CoreError`] naming the file and line.
pub fn csv_error(path: &Path, e: &csv::Error) -> CoreError {
    let line = e.position().map_or(0, |p| p.line());
    CoreError::parse(path, line, e.to_string())
}

/// Column positions of named headers in a CSV file; a missing column is a parse error at line 1.
pub fn header_indices(
    path: &Path,
    headers: &csv::StringRecord,
    names: &[&str],
) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|n| {
            headers
                .iter()
                .position(|h| h.trim().trim_start_matches('\u{feff}') == *n)
                .ok_or_else(|| {
                    CoreError::parse(
                        path,
                        1,
                        format!(
                            "missing column `{n}` (header: {})",
                            headers.iter().collect::<Vec<_>>().join(",")
                        ),
                    )
                })
        })
        .collect()
}

/// A CSV file read record by record, with the columns a reader wants and true line numbers.
pub struct CsvRows<'p> {
    path: &'p Path,
    rdr: csv::Reader<std::io::Cursor<Vec<u8>>>,
    /// Number of header fields.
    pub width: usize,
    /// Positions of the wanted columns.
    pub idx: Vec<usize>,
}

impl<'p> CsvRows<'p> {
    /// Opens a CSV file and finds `cols` in its header.
    pub fn open(path: &'p Path, cols: &[&str]) -> Result<Self> {
        let mut rdr = csv_reader(path)?;
        let headers = rdr.headers().map_err(|e| csv_error(path, &e))?.clone();
        let idx = header_indices(path, &headers, cols)?;
        let width = headers.len();
        Ok(Self {
            path,
            rdr,
            width,
            idx,
        })
    }

    /// Reads the next record into `rec`; returns the line it starts on, `None` at the end.
    pub fn next(&mut self, rec: &mut csv::StringRecord) -> Result<Option<u64>> {
        match self.rdr.read_record(rec) {
            Ok(true) => Ok(Some(self.line(rec.position()))),
            Ok(false) => Ok(None),
            Err(e) => Err(CoreError::parse(
                self.path,
                self.line(e.position()),
                e.to_string(),
            )),
        }
    }

    /// The `csv` crate reports a record of a CRLF file at the `\n` ending the previous one (one
    /// line early): skip line ends from the reported byte to the record's first byte.
    fn line(&self, pos: Option<&csv::Position>) -> u64 {
        let Some(pos) = pos else { return 0 };
        let buf = self.rdr.get_ref().get_ref();
        let start = usize::try_from(pos.byte()).unwrap_or(usize::MAX);
        let newlines = buf
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .filter(|&&b| b == b'\n')
            .count();
        pos.line() + newlines as u64
    }
}
