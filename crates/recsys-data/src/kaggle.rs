//! Kaggle's *The Movies Dataset* (`the-movies-dataset/`): `movies_metadata.csv`, `keywords.csv`
//! and `credits.csv`, whose list columns are **Python literals** (`[{'id': 931, 'name':
//! 'jealousy'}]`), read with [`parse_py_literal`].
//!
//! Its `links.csv`, `links_small.csv` and `ratings_small.csv` are MovieLens files: read them with
//! [`movielens::read_links`](crate::movielens::read_links) and
//! [`movielens::read_ratings`](crate::movielens::read_ratings).
//!
//! Rows whose id repeats an earlier row's are dropped (the first is kept) and counted. In
//! `movies_metadata.csv` and `credits.csv`, rows with the wrong number of fields or a non-integer
//! id (the real metadata file has three rows shifted by a stray line break, their `id` a date,
//! after three truncated rows) are skipped and counted in [`Skipped`]; any other malformed value
//! is a [`CoreError::Parse`](recsys_core::CoreError::Parse) naming the file and line.

use std::fmt;
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::error::Result;
use crate::metadata::{self, Credits, META_COLS, MovieMetadata};
use crate::records::{Fields, each_record};
use recsys_core::ids::{IdHashMap, RawId};

/// The metadata file of the `the-movies-dataset` folder.
pub const METADATA_FILE: &str = "movies_metadata.csv";
/// The keywords file of the `the-movies-dataset` folder.
pub const KEYWORDS_FILE: &str = "keywords.csv";
/// The credits file of the `the-movies-dataset` folder.
pub const CREDITS_FILE: &str = "credits.csv";
/// How many skipped rows [`Skipped::first`] keeps.
pub const SKIPPED_EXAMPLES: usize = 10;

/// Keywords of one movie (a row of `keywords.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MovieKeywords {
    /// TMDB id.
    pub tmdb_id: RawId,
    /// Keyword names, in file order.
    pub keywords: Vec<String>,
}

/// Rows skipped as malformed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Skipped {
    /// Number of rows skipped.
    pub count: usize,
    /// The first [`SKIPPED_EXAMPLES`] of them: (line the record starts on, why).
    pub first: Vec<(u64, String)>,
}

/// The records of a Kaggle file, one per distinct id, with what was merged or skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed<T> {
    /// One record per distinct id, in order of first appearance.
    pub items: Vec<T>,
    /// Data rows read (CSV records after the header).
    pub rows: usize,
    /// Rows dropped because their id was already seen.
    pub duplicates: usize,
    /// Of those, rows whose content differed from the kept one.
    pub conflicting: usize,
    /// Rows skipped as malformed.
    pub skipped: Skipped,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            rows: 0,
            duplicates: 0,
            conflicting: 0,
            skipped: Skipped::default(),
        }
    }
}

impl<T: PartialEq> Parsed<T> {
    fn push(&mut self, seen: &mut IdHashMap<RawId, usize>, id: RawId, item: T) {
        if let Some(&k) = seen.get(&id) {
            self.duplicates += 1;
            self.conflicting += usize::from(self.items.get(k) != Some(&item));
        } else {
            seen.insert(id, self.items.len());
            self.items.push(item);
        }
    }
    fn skip(&mut self, line: u64, why: String) {
        self.skipped.count += 1;
        if self.skipped.first.len() < SKIPPED_EXAMPLES {
            self.skipped.first.push((line, why));
        }
    }
}

/// Reads `keywords.csv` (`id,keywords`). Every row must be well-formed.
pub fn read_keywords(path: &Path) -> Result<Parsed<MovieKeywords>> {
    let (mut out, mut seen) = (Parsed::default(), IdHashMap::default());
    each_keywords_row(path, |k| {
        out.rows += 1;
        out.push(&mut seen, k.tmdb_id, k);
    })?;
    Ok(out)
}

/// Calls `each` with every row of `keywords.csv` (`id,keywords`), in file order, rows that
/// repeat an id included; a malformed row is an error.
pub(crate) fn each_keywords_row(path: &Path, mut each: impl FnMut(MovieKeywords)) -> Result<()> {
    each_record(path, &["id", "keywords"], |f| {
        let tmdb_id = f.id(0, "id")?;
        let keywords = f.names(1, py, "keywords")?;
        each(MovieKeywords { tmdb_id, keywords });
        Ok(())
    })
}

/// Reads `movies_metadata.csv` (24 columns; `genres` a Python literal, `imdb_id` like
/// `tt0114709`). Cast, director and keywords are left empty (see [`read_credits`] and
/// [`read_keywords`]).
pub fn read_movies_metadata(path: &Path) -> Result<Parsed<MovieMetadata>> {
    let cols: Vec<&str> = META_COLS.iter().copied().chain(["imdb_id"]).collect();
    read_skipping(path, &cols, |f| {
        let mut m = metadata::metadata_row(f, py)?;
        let s = f.get(META_COLS.len())?.trim();
        let digits = s.strip_prefix("tt").unwrap_or(s);
        m.imdb_id = match s {
            "" => None,
            _ => Some(f.ctx.u32(digits.as_bytes(), "imdb_id")?).filter(|&v| v != 0),
        };
        Ok((m.tmdb_id, m))
    })
}

/// Reads The Movies Dataset's `credits.csv` (`cast,crew,id`, Python literals).
pub fn read_credits(path: &Path) -> Result<Parsed<Credits>> {
    read_skipping(path, &["id", "cast", "crew"], |f| {
        let id = f.id(0, "id")?;
        Ok((id, f.credits(id, 1, 2, py)?))
    })
}

/// Reads a file whose column 0 of `cols` is the id, skipping rows of the wrong width or with a
/// non-integer id.
fn read_skipping<T: PartialEq>(
    path: &Path,
    cols: &[&str],
    row: impl Fn(&Fields<'_>) -> Result<(RawId, T)>,
) -> Result<Parsed<T>> {
    let (mut out, mut seen) = (Parsed::default(), IdHashMap::default());
    each_record(path, cols, |f| {
        out.rows += 1;
        if !f.full_width() {
            out.skip(
                f.ctx.line,
                format!("{} fields, expected {}", f.rec.len(), f.width),
            );
        } else if f.id(0, "id").is_err() {
            out.skip(f.ctx.line, format!("id `{}` is not an integer", f.get(0)?));
        } else {
            let (id, item) = row(f)?;
            out.push(&mut seen, id, item);
        }
        Ok(())
    })?;
    Ok(out)
}

fn py(s: &str) -> std::result::Result<Value, String> {
    parse_py_literal(s).map_err(|e| format!("invalid Python literal: {e}"))
}

/// A malformed Python literal: what is wrong and where (byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyLiteralError {
    /// Byte offset in the input.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PyLiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for PyLiteralError {}

/// Nesting deeper than this is an error (the data nests two levels).
pub const MAX_PY_DEPTH: usize = 64;

/// Parses a Python literal as `repr` writes it into a JSON value: lists and tuples (arrays),
/// dicts with string or integer keys (objects), strings in either quote style with escapes
/// (`\\ \' \" \n \r \t \a \b \f \v \xhh \uhhhh \Uhhhhhhhh`, octal, line continuation; unknown
/// escapes keep the backslash, as Python does), integers, finite floats, `True`, `False`, `None`.
///
/// ```
/// use recsys_data::kaggle::parse_py_literal;
/// let v = parse_py_literal(r#"[{'id': 1, 'name': "children's book"}, {'id': -2, 'name': 'a\xa0b'}]"#)?;
/// assert_eq!(v[0]["name"], "children's book");
/// assert_eq!(v[1]["name"], "a\u{a0}b");
/// assert_eq!(v[1]["id"], -2);
/// assert!(parse_py_literal("[{'id': 1,").is_err());
/// # Ok::<(), recsys_data::kaggle::PyLiteralError>(())
/// ```
pub fn parse_py_literal(s: &str) -> std::result::Result<Value, PyLiteralError> {
    let mut p = Py { s, pos: 0 };
    let v = p.value(0)?;
    p.ws();
    if p.pos < s.len() {
        return Err(p.err("unexpected text after the literal").into());
    }
    Ok(v)
}

struct Py<'a> {
    s: &'a str,
    pos: usize,
}

type PyResult<T> = std::result::Result<T, PyLiteralError>;

impl Py<'_> {
    fn err(&self, message: impl Into<String>) -> PyLiteralError {
        PyLiteralError {
            offset: self.pos,
            message: message.into(),
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }
    fn next_char(&mut self) -> Option<char> {
        let c = self.s.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> PyResult<Value> {
        if depth > MAX_PY_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_PY_DEPTH}")).into());
        }
        self.ws();
        match self.peek() {
            None => Err(self.err("unexpected end of input").into()),
            Some(b'[') => self.seq(b']', depth).map(Value::Array),
            Some(b'(') => self.seq(b')', depth).map(Value::Array),
            Some(b'{') => self.dict(depth),
            Some(q @ (b'\'' | b'"')) => self.string(q).map(Value::String),
            Some(b'+' | b'-' | b'.' | b'0'..=b'9') => self.number(),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.pos += 1;
                }
                match self.s.get(start..self.pos) {
                    Some("True") => Ok(Value::Bool(true)),
                    Some("False") => Ok(Value::Bool(false)),
                    Some("None") => Ok(Value::Null),
                    w => {
                        self.pos = start;
                        Err(self.err(format!("unknown name `{}`", w.unwrap_or(""))).into())
                    }
                }
            }
            Some(_) => Err(self.err("unexpected character").into()),
        }
    }

    /// `[a, b, ...]` or `(a, b, ...)`, trailing comma allowed.
    fn seq(&mut self, close: u8, depth: usize) -> PyResult<Vec<Value>> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.ws();
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(out);
            }
            out.push(self.value(depth + 1)?);
            self.sep(close)?;
        }
    }

    /// After an item: a comma, or the closing bracket (left for the caller).
    fn sep(&mut self, close: u8) -> PyResult<()> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            _ => Err(self.err(format!("expected `,` or `{}`", char::from(close))).into()),
        }
    }

    fn dict(&mut self, depth: usize) -> PyResult<Value> {
        self.pos += 1;
        let mut out = Map::new();
        loop {
            self.ws();
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(Value::Object(out));
            }
            let at = self.pos;
            let key = match self.value(depth + 1)? {
                Value::String(k) => k,
                Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
                _ => {
                    self.pos = at;
                    return Err(self.err("dict key is not a string or an integer").into());
                }
            };
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected `:`").into());
            }
            self.pos += 1;
            let v = self.value(depth + 1)?;
            out.insert(key, v);
            self.sep(b'}')?;
        }
    }

    fn string(&mut self, quote: u8) -> PyResult<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.next_char() else {
                self.pos = start;
                return Err(self.err("unterminated string").into());
            };
            match c {
                _ if c == char::from(quote) => return Ok(out),
                '\n' | '\r' => {
                    self.pos = start;
                    return Err(self.err("line break in a string").into());
                }
                '\\' => self.escape(&mut out)?,
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> PyResult<()> {
        let at = self.pos.saturating_sub(1);
        let Some(c) = self.next_char() else {
            return Err(self.err("unterminated string").into());
        };
        let simple = match c {
            '\n' => return Ok(()),
            '\\' | '\'' | '"' => c,
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'v' => '\x0b',
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek().and_then(|b| char::from(b).to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(v).unwrap_or('\u{fffd}')
            }
            'x' | 'u' | 'U' => {
                let n = match c {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex = self
                    .s
                    .get(self.pos..self.pos + n)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                let ch = hex
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                let Some(ch) = ch else {
                    self.pos = at;
                    return Err(self.err(format!("bad \\{c} escape")).into());
                };
                self.pos += n;
                ch
            }
            other => {
                out.push('\\');
                other
            }
        };
        out.push(simple);
        Ok(())
    }

    fn number(&mut self) -> PyResult<Value> {
        let start = self.pos;
        let mut float = false;
        let mut prev = 0u8;
        while let Some(b) = self.peek() {
            let ok = match b {
                b'0'..=b'9' | b'_' => true,
                b'.' | b'e' | b'E' => {
                    float = true;
                    true
                }
                b'+' | b'-' => self.pos == start || matches!(prev, b'e' | b'E'),
                _ => false,
            };
            if !ok {
                break;
            }
            prev = b;
            self.pos += 1;
        }
        let text: String = self
            .s
            .get(start..self.pos)
            .unwrap_or("")
            .chars()
            .filter(|&c| c != '_')
            .collect();
        let n = if float {
            text.parse::<f64>().ok().and_then(Number::from_f64)
        } else {
            let t = text.strip_prefix('+').unwrap_or(&text);
            t.parse::<i64>()
                .map(Number::from)
                .or_else(|_| t.parse::<u64>().map(Number::from))
                .ok()
        };
        n.map(Value::Number).ok_or_else(|| {
            self.pos = start;
            self.err(format!("`{text}` is not a finite number"))
        })
    }
}
