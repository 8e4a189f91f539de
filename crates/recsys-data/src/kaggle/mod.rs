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

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::metadata::{self, Credits, META_COLS, MovieMetadata};
use crate::records::{Fields, each_record};
use recsys_core::ids::{IdHashMap, RawId};

mod py_literal;

pub use py_literal::{MAX_PY_DEPTH, PyLiteralError, parse_py_literal};

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
