//! CSV records of the dataset files: [`Fields`], one record with the columns a reader wants,
//! and [`each_record`], which reads a whole file record by record.

use std::path::Path;

use csv::StringRecord;

use crate::error::Result;
use recsys_core::ids::RawId;
use recsys_core::reader::{CsvRows, Ctx};

/// One CSV record with the positions of the columns the reader wants.
pub(crate) struct Fields<'a> {
    /// The file and the line the record starts on, for errors.
    pub ctx: Ctx,
    /// The record.
    pub rec: &'a StringRecord,
    /// Positions of the wanted columns in the record.
    pub idx: &'a [usize],
    /// Number of header fields.
    pub width: usize,
}

/// Calls `each` with every record of the CSV file at `path` (quoted fields, embedded newlines),
/// whose header must name `cols`; stops at the first error.
pub(crate) fn each_record(
    path: &Path,
    cols: &[&str],
    mut each: impl FnMut(&Fields<'_>) -> Result<()>,
) -> Result<()> {
    let mut csv = CsvRows::open(path, cols)?;
    let mut rec = StringRecord::new();
    while let Some(line) = csv.next(&mut rec)? {
        let mut ctx = Ctx::new(path);
        ctx.line = line;
        each(&Fields {
            ctx,
            rec: &rec,
            idx: &csv.idx,
            width: csv.width,
        })?;
    }
    Ok(())
}

impl<'a> Fields<'a> {
    /// Whether the record has as many fields as the header.
    pub fn full_width(&self) -> bool {
        self.rec.len() == self.width
    }

    /// An error unless the record has as many fields as the header.
    pub fn check_width(&self) -> Result<()> {
        if self.full_width() {
            return Ok(());
        }
        let (width, got) = (self.width, self.rec.len());
        Err(self
            .ctx
            .err(format!("expected {width} fields, got {got}"))
            .into())
    }

    /// The `k`-th wanted column.
    pub fn get(&self, k: usize) -> Result<&'a str> {
        self.idx
            .get(k)
            .and_then(|&i| self.rec.get(i))
            .ok_or_else(|| self.ctx.err("too few fields").into())
    }

    /// A finite number; empty is `None`.
    pub fn number(&self, k: usize, what: &str) -> Result<Option<f64>> {
        let s = self.get(k)?.trim();
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.ctx.err(format!("{what} `{s}` is not a number")).into()),
        }
    }

    /// A non-negative whole number, also written as a float (`5415.0`); empty is `None`.
    pub fn count(&self, k: usize, what: &str) -> Result<Option<u64>> {
        match self.number(k, what)? {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v < 1.8e19 => Ok(Some(v as u64)),
            Some(v) => Err(self
                .ctx
                .err(format!("{what} {v} is not a whole number"))
                .into()),
            None => Ok(None),
        }
    }

    /// An id (an unsigned integer) in the `k`-th wanted column.
    pub fn id(&self, k: usize, what: &str) -> Result<RawId> {
        Ok(self.ctx.u64(self.get(k)?.as_bytes(), what)?)
    }
}
