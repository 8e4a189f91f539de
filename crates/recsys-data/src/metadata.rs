//! TMDB movie metadata and credits, as TMDB 5000 and The Movies Dataset both hold them: the
//! record types ([`MovieMetadata`], [`Credits`]), how their shared columns parse (JSON in one
//! dataset, Python literals in the other), and [`merge_credits`].

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use crate::id_index::first_index;
use crate::records::Fields;
use recsys_core::ids::RawId;

/// How many top-billed cast members a [`MovieMetadata`] and a [`CatalogEntry`](crate::catalog::CatalogEntry) keep.
pub const TOP_CAST: usize = 10;

/// Metadata of one TMDB movie, from TMDB 5000 ([`tmdb::read_tmdb_movies`](crate::tmdb::read_tmdb_movies)) or The Movies
/// Dataset ([`kaggle::read_movies_metadata`](crate::kaggle::read_movies_metadata)). Unknown numbers are 0, as in TMDB.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MovieMetadata {
    /// TMDB id.
    pub tmdb_id: RawId,
    /// IMDb id without `tt` (The Movies Dataset only).
    pub imdb_id: Option<u32>,
    /// Title.
    pub title: String,
    /// Title in the original language.
    pub original_title: String,
    /// Genre names.
    pub genres: Vec<String>,
    /// Release year.
    pub year: Option<u16>,
    /// Runtime in minutes.
    pub runtime: Option<u32>,
    /// The text, credits, votes and money of the movie: what a
    /// [`CatalogEntry`](crate::catalog::CatalogEntry) carries over (serialized flat, beside the
    /// fields above).
    #[serde(flatten)]
    pub details: MovieDetails,
}

/// What TMDB says of a movie besides its ids, titles, genres and dates: its text, credits, votes
/// and money. A [`MovieMetadata`] holds it as read; a [`CatalogEntry`](crate::catalog::CatalogEntry)
/// carries it over, with the keywords of `keywords.csv` where that file has the movie.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MovieDetails {
    /// Plot overview (may be empty).
    pub overview: String,
    /// Tagline (may be empty).
    pub tagline: String,
    /// Keyword names (TMDB 5000 carries them; for The Movies Dataset see [`kaggle::read_keywords`](crate::kaggle::read_keywords)).
    pub keywords: Vec<String>,
    /// Top-billed cast (at most [`TOP_CAST`]), in billing order; filled by [`merge_credits`].
    pub cast: Vec<String>,
    /// The (first) director; filled by [`merge_credits`].
    pub director: Option<String>,
    /// Number of TMDB votes.
    pub vote_count: u32,
    /// Mean TMDB vote (0–10).
    pub vote_average: f32,
    /// Budget in dollars (0: unknown).
    pub budget: u64,
    /// Revenue in dollars (0: unknown).
    pub revenue: u64,
    /// Release date, `YYYY-MM-DD`.
    pub release_date: Option<String>,
    /// TMDB popularity score.
    pub popularity: f64,
}

/// The credits of one movie: cast in billing order and the director.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Credits {
    /// TMDB id.
    pub tmdb_id: RawId,
    /// Every cast member's name, ordered by the `order` field.
    pub cast: Vec<String>,
    /// The first crew member whose job is `Director`.
    pub director: Option<String>,
}

/// Fills `cast` (top [`TOP_CAST`]) and `director` of each movie from the credits with its TMDB
/// id; returns how many movies got credits.
pub fn merge_credits(metadata: &mut [MovieMetadata], credits: &[Credits]) -> usize {
    let by_id = first_index(credits.iter().map(|c| c.tmdb_id));
    let mut n = 0;
    for m in metadata {
        if let Some(c) = by_id.get(&m.tmdb_id).and_then(|&k| credits.get(k)) {
            m.details.cast = top_cast(&c.cast);
            m.details.director.clone_from(&c.director);
            n += 1;
        }
    }
    n
}

/// The first [`TOP_CAST`] names of a cast list.
pub(crate) fn top_cast(cast: &[String]) -> Vec<String> {
    cast.iter().take(TOP_CAST).cloned().collect()
}

/// Parses a JSON or Python-literal field into a JSON value (error message without position).
pub(crate) type Literal = fn(&str) -> std::result::Result<Value, String>;

/// The metadata columns both files have, in the order [`metadata_row`] reads them.
pub(crate) const META_COLS: [&str; 13] = [
    "id",
    "title",
    "original_title",
    "overview",
    "tagline",
    "genres",
    "vote_count",
    "vote_average",
    "budget",
    "revenue",
    "release_date",
    "popularity",
    "runtime",
];

impl Fields<'_> {
    /// A list of `{"name": ...}` objects (an empty field is an empty list).
    pub fn names(&self, k: usize, lit: Literal, what: &str) -> Result<Vec<String>> {
        #[derive(Deserialize)]
        struct Named {
            name: String,
        }
        let v: Vec<Named> = self.literal(k, lit, what)?;
        Ok(v.into_iter().map(|n| n.name).collect())
    }
    /// Field `k` parsed by `lit` and deserialized into `T`.
    pub fn literal<T: serde::de::DeserializeOwned>(
        &self,
        k: usize,
        lit: Literal,
        what: &str,
    ) -> Result<T> {
        let s = self.get(k)?.trim();
        let v = if s.is_empty() {
            Value::Array(Vec::new())
        } else {
            lit(s).map_err(|e| self.ctx.err(format!("{what}: {e}")))?
        };
        T::deserialize(v).map_err(|e| self.ctx.err(format!("{what}: {e}")).into())
    }
    /// Credits from a cast and a crew list.
    pub fn credits(
        &self,
        tmdb_id: RawId,
        cast: usize,
        crew: usize,
        lit: Literal,
    ) -> Result<Credits> {
        #[derive(Deserialize)]
        struct Cast {
            name: String,
            #[serde(default)]
            order: i64,
        }
        #[derive(Deserialize)]
        struct Crew {
            name: String,
            #[serde(default)]
            job: String,
        }
        let mut c: Vec<Cast> = self.literal(cast, lit, "cast")?;
        c.sort_by_key(|m| m.order);
        let crew: Vec<Crew> = self.literal(crew, lit, "crew")?;
        Ok(Credits {
            tmdb_id,
            cast: c.into_iter().map(|m| m.name).collect(),
            director: crew
                .into_iter()
                .find(|m| m.job == "Director")
                .map(|m| m.name),
        })
    }
}

/// Reads the [`META_COLS`] of a record (indices `0..13` of `f.idx`).
pub(crate) fn metadata_row(f: &Fields<'_>, lit: Literal) -> Result<MovieMetadata> {
    let text = |k| f.get(k).map(str::to_string);
    let date = f.get(10)?.trim();
    let valid = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !date.is_empty() && !valid {
        return Err(f
            .ctx
            .err(format!("release_date `{date}` is not YYYY-MM-DD"))
            .into());
    }
    let vote_count = f.count(6, "vote_count")?.unwrap_or(0);
    Ok(MovieMetadata {
        tmdb_id: f.id(0, "id")?,
        imdb_id: None,
        title: text(1)?,
        original_title: text(2)?,
        genres: f.names(5, lit, "genres")?,
        year: date.get(..4).and_then(|y| y.parse().ok()),
        runtime: match f.number(12, "runtime")? {
            Some(v) if (0.0..1e6).contains(&v) => Some(v.round() as u32),
            Some(v) => return Err(f.ctx.err(format!("runtime {v} out of range")).into()),
            None => None,
        },
        details: MovieDetails {
            overview: text(3)?,
            tagline: text(4)?,
            keywords: Vec::new(),
            cast: Vec::new(),
            director: None,
            vote_count: u32::try_from(vote_count)
                .map_err(|_| f.ctx.err(format!("vote_count {vote_count} out of range")))?,
            vote_average: f.number(7, "vote_average")?.unwrap_or(0.0) as f32,
            budget: f.count(8, "budget")?.unwrap_or(0),
            revenue: f.count(9, "revenue")?.unwrap_or(0),
            release_date: valid.then(|| date.to_string()),
            popularity: f.number(11, "popularity")?.unwrap_or(0.0),
        },
    })
}
