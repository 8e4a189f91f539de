//! MovieLens movie lists: 100K `u.item` and `u.genre`, `.dat` `movies.dat`, CSV `movies.csv`.

use std::path::Path;

use super::dat::read_dat_records;
use super::titles::{display_title, split_title_year};
use crate::error::Result;
use crate::records::each_record;
use recsys_core::ids::RawId;
use recsys_core::reader::{self, Ctx, Encoding};

/// The 19 genres of MovieLens 100K, in `u.genre` order (flag columns of `u.item`).
pub const ML100K_GENRES: [&str; 19] = [
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western",
];

/// A movie of a MovieLens catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Movie {
    /// MovieLens movie id.
    pub id: RawId,
    /// The title as in the file, e.g. `"Shawshank Redemption, The (1994)"`.
    pub title: String,
    /// The year parsed from the title's trailing `(YYYY)` (or the 100K release date).
    pub year: Option<u16>,
    /// Genres; empty for `(no genres listed)`.
    pub genres: Vec<String>,
    /// 100K only: the release date as written (`01-Jan-1995`).
    pub release_date: Option<String>,
    /// 100K only: the IMDb URL as written.
    pub imdb_url: Option<String>,
}

impl Movie {
    /// The title without its trailing year and with a trailing article moved to the front:
    /// `"Shawshank Redemption, The (1994)"` → `"The Shawshank Redemption"`.
    pub fn display_title(&self) -> String {
        display_title(&self.title)
    }
}

/// Reads 100K `u.item` (latin-1, `|`-separated, 24 fields: id, title, release date, video release
/// date, IMDb URL, 19 genre flags).
pub fn read_ml100k_items(path: &Path) -> Result<Vec<Movie>> {
    let buf = reader::read_file(path)?;
    let mut out = Vec::with_capacity(1700);
    reader::each_line(path, &buf, |ctx, bytes| {
        let text = reader::decode(bytes, Encoding::Latin1, path, ctx.line)?;
        let f: Vec<&str> = text.split('|').collect();
        if f.len() != 5 + ML100K_GENRES.len() {
            return Err(ctx.err(format!("expected 24 `|`-separated fields, got {}", f.len())));
        }
        let id = ctx.u64(f[0].as_bytes(), "movie id")?;
        let mut genres = Vec::new();
        for (k, flag) in f[5..].iter().enumerate() {
            match flag.trim() {
                "1" => genres.push(ML100K_GENRES[k].to_string()),
                "0" => {}
                other => return Err(ctx.err(format!("genre flag `{other}` is not 0 or 1"))),
            }
        }
        let release = f[2].trim();
        let (_, title_year) = split_title_year(f[1]);
        let year = title_year.or_else(|| release.rsplit('-').next().and_then(|y| y.parse().ok()));
        out.push(Movie {
            id,
            title: f[1].to_string(),
            year,
            genres,
            release_date: (!release.is_empty()).then(|| release.to_string()),
            imdb_url: (!f[4].trim().is_empty()).then(|| f[4].trim().to_string()),
        });
        Ok(())
    })?;
    Ok(out)
}

/// Reads 100K `u.genre` (`name|id`), returning names by id. The trailing empty line is ignored.
pub fn read_ml100k_genres(path: &Path) -> Result<Vec<String>> {
    let buf = reader::read_file(path)?;
    let mut out: Vec<(u64, String)> = Vec::new();
    reader::each_line(path, &buf, |ctx, bytes| {
        let text = reader::decode(bytes, Encoding::Latin1, path, ctx.line)?;
        let Some((name, id)) = text.rsplit_once('|') else {
            return Err(ctx.err("expected `name|id`"));
        };
        out.push((ctx.u64(id.as_bytes(), "genre id")?, name.to_string()));
        Ok(())
    })?;
    out.sort_by_key(|(id, _)| *id);
    Ok(out.into_iter().map(|(_, n)| n).collect())
}

/// Reads `movies.dat` (`MovieID::Title::Genres`, latin-1 in 1M; UTF-8 text is accepted too).
pub fn read_dat_movies(path: &Path) -> Result<Vec<Movie>> {
    read_dat_records(path, "MovieID::Title::Genres", |ctx, f| {
        movie_from_fields(ctx, f[0], f[1], f[2])
    })
}

/// Reads `movies.csv` (`movieId,title,genres`; quoted titles with commas).
pub fn read_csv_movies(path: &Path) -> Result<Vec<Movie>> {
    let mut out = Vec::new();
    each_record(path, &["movieId", "title", "genres"], |f| {
        out.push(movie_from_fields(&f.ctx, f.get(0)?, f.get(1)?, f.get(2)?)?);
        Ok(())
    })?;
    Ok(out)
}

fn movie_from_fields(ctx: &Ctx, id: &str, title: &str, genres: &str) -> Result<Movie> {
    let id = ctx.u64(id.as_bytes(), "movie id")?;
    let genres = match genres.trim() {
        "" | "(no genres listed)" => Vec::new(),
        g => g.split('|').map(str::to_string).collect(),
    };
    Ok(Movie {
        id,
        year: split_title_year(title).1,
        title: title.to_string(),
        genres,
        release_date: None,
        imdb_url: None,
    })
}
