//! The movie catalog: MovieLens movies joined through `links.csv` (movieId ↔ tmdbId ↔ imdbId) to
//! TMDB metadata (TMDB 5000 or The Movies Dataset's `movies_metadata.csv`), keywords and credits.
//!
//! [`load_catalog`] builds the catalog of a [`Dataset`](crate::Dataset) from a [`DataDir`](crate::DataDir); [`join`] is the join
//! itself on data already loaded, and [`JoinReport`] says how much of it matched.
//!
//! ```
//! use recsys_data::catalog::{join, Credits, MovieMetadata};
//! use recsys_data::movielens::{Link, Movie};
//!
//! let movie = Movie { id: 1, title: "Toy Story (1995)".into(), year: Some(1995),
//!     genres: vec!["Animation".into()], release_date: None, imdb_url: None };
//! let link = Link { movie_id: 1, imdb_id: Some(114709), tmdb_id: Some(862) };
//! let meta = MovieMetadata { tmdb_id: 862, title: "Toy Story".into(), ..Default::default() };
//! let credits = Credits { tmdb_id: 862, cast: vec!["Tom Hanks".into()], director: Some("John Lasseter".into()) };
//! let (catalog, report) = join(&[movie], &[link], &[meta], None, Some(&[credits]));
//! assert_eq!((report.movies, report.matched_metadata, report.matched_credits), (1, 1, 1));
//! let e = catalog.by_tmdb_id(862).unwrap();
//! assert_eq!((e.movie_id, e.title.as_str()), (Some(1), "Toy Story"));
//! assert_eq!(e.details.director.as_deref(), Some("John Lasseter"));
//! ```

use serde::Serialize;

use crate::id_index::first_index;
use recsys_core::ids::{IdHashMap, RawId};

mod join;
mod load;
mod title_match;

pub use crate::metadata::{Credits, MovieDetails, MovieMetadata, TOP_CAST, merge_credits};
pub use join::{JoinReport, from_metadata, join};
pub use load::load_catalog;
pub use title_match::{match_by_title, normalize_title};

/// One movie of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CatalogEntry {
    /// MovieLens movie id (`None` for the TMDB 5000 catalog).
    pub movie_id: Option<RawId>,
    /// TMDB id: the matched metadata's, else the one from `links.csv` or the title match.
    pub tmdb_id: Option<RawId>,
    /// IMDb id without `tt`.
    pub imdb_id: Option<u32>,
    /// The metadata title when matched, else the MovieLens title in display form
    /// ([`movielens::display_title`](crate::movielens::display_title)); empty when neither is known.
    pub title: String,
    /// Year: MovieLens's, else the metadata's.
    pub year: Option<u16>,
    /// Genres: MovieLens's for MovieLens movies that have some, else the metadata's.
    pub genres: Vec<String>,
    /// The matched metadata's text, credits, votes and money (serialized flat); the keywords
    /// are `keywords.csv`'s when it has the movie, else the metadata's own.
    #[serde(flatten)]
    pub details: MovieDetails,
}

/// Movies with lookups by MovieLens id and by TMDB id (the first entry wins when several
/// MovieLens movies share a TMDB id).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
    by_movie: IdHashMap<RawId, usize>,
    by_tmdb: IdHashMap<RawId, usize>,
}

impl Catalog {
    /// A catalog of `entries`, indexed.
    pub fn new(entries: Vec<CatalogEntry>) -> Self {
        Self {
            by_movie: first_index(entries.iter().map(|e| e.movie_id)),
            by_tmdb: first_index(entries.iter().map(|e| e.tmdb_id)),
            entries,
        }
    }
    /// All entries, in input order.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The entry of a MovieLens movie id.
    pub fn by_movie_id(&self, movie_id: RawId) -> Option<&CatalogEntry> {
        self.by_movie
            .get(&movie_id)
            .and_then(|&k| self.entries.get(k))
    }
    /// The (first) entry with a TMDB id.
    pub fn by_tmdb_id(&self, tmdb_id: RawId) -> Option<&CatalogEntry> {
        self.by_tmdb
            .get(&tmdb_id)
            .and_then(|&k| self.entries.get(k))
    }
}
