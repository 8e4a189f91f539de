//! Python literals as `repr` writes them (the list columns of The Movies Dataset), parsed into
//! JSON values.

use std::fmt;

use serde_json::{Map, Number, Value};

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
        return Err(p.err("unexpected text after the literal"));
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
            return Err(self.err(format!("nested deeper than {MAX_PY_DEPTH}")));
        }
        self.ws();
        match self.peek() {
            None => Err(self.err("unexpected end of input")),
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
                        Err(self.err(format!("unknown name `{}`", w.unwrap_or(""))))
                    }
                }
            }
            Some(_) => Err(self.err("unexpected character")),
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
            _ => Err(self.err(format!("expected `,` or `{}`", char::from(close)))),
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
                    return Err(self.err("dict key is not a string or an integer"));
                }
            };
            self.ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected `:`"));
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
                return Err(self.err("unterminated string"));
            };
            match c {
                _ if c == char::from(quote) => return Ok(out),
                '\n' | '\r' => {
                    self.pos = start;
                    return Err(self.err("line break in a string"));
                }
                '\\' => self.escape(&mut out)?,
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> PyResult<()> {
        let at = self.pos.saturating_sub(1);
        let Some(c) = self.next_char() else {
            return Err(self.err("unterminated string"));
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
                    return Err(self.err(format!("bad \\{c} escape")));
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
