//! Kaggle's *TMDB 5000 Movie Dataset* (`tmdb-5000/`): `tmdb_5000_movies.csv` (metadata, with
//! JSON-array columns `genres`, `keywords`, ...) and `tmdb_5000_credits.csv`
//! (`movie_id,title,cast,crew`, JSON arrays).
//!
//! Records are read with a real CSV parser: three `overview` fields of the movies file hold a bare
//! CR inside quotes, which is text, not a record end. Malformed records are
//! [`CoreError::Parse`](recsys_core::CoreError::Parse) errors naming the file and the line the
//! record starts on.

use std::path::Path;

use serde_json::Value;

use crate::error::Result;
use crate::metadata::{self, Credits, META_COLS, MovieMetadata};
use crate::records::each_record;

/// The metadata file of the `tmdb-5000` folder.
pub const MOVIES_FILE: &str = "tmdb_5000_movies.csv";
/// The credits file of the `tmdb-5000` folder.
pub const CREDITS_FILE: &str = "tmdb_5000_credits.csv";

fn json(s: &str) -> std::result::Result<Value, String> {
    serde_json::from_str(s).map_err(|e| format!("invalid JSON: {e}"))
}

/// Reads `tmdb_5000_movies.csv`: one [`MovieMetadata`] per record, in file order, with genres and
/// keywords (cast and director are empty: see [`read_tmdb5000`]).
pub fn read_tmdb_movies(path: &Path) -> Result<Vec<MovieMetadata>> {
    let cols: Vec<&str> = META_COLS.iter().copied().chain(["keywords"]).collect();
    let mut out = Vec::new();
    each_record(path, &cols, |f| {
        f.check_width()?;
        let mut m = metadata::metadata_row(f, json)?;
        m.details.keywords = f.names(META_COLS.len(), json, "keywords")?;
        out.push(m);
        Ok(())
    })?;
    Ok(out)
}

/// Reads `tmdb_5000_credits.csv`: cast ordered by `order`, director the first crew member with
/// job `Director`.
pub fn read_tmdb_credits(path: &Path) -> Result<Vec<Credits>> {
    let mut out = Vec::new();
    each_record(path, &["movie_id", "cast", "crew"], |f| {
        f.check_width()?;
        out.push(f.credits(f.id(0, "movie_id")?, 1, 2, json)?);
        Ok(())
    })?;
    Ok(out)
}

/// Reads both files and merges the credits into the metadata (top cast and director).
pub fn read_tmdb5000(movies: &Path, credits: &Path) -> Result<Vec<MovieMetadata>> {
    let mut m = read_tmdb_movies(movies)?;
    metadata::merge_credits(&mut m, &read_tmdb_credits(credits)?);
    Ok(m)
}
