//! [`CatalogItemFeatures`]: a catalog's movie features (genres, release decade, TMDB keywords)
//! as item side features.

use std::collections::HashMap;

use recsys_core::CoreError;
use recsys_core::ids::RawId;
use recsys_core::side::SideFeatures;

use super::vocabulary;
use crate::catalog::Catalog;

/// Keywords kept as features: those of at least this many catalog movies.
pub const MIN_KEYWORD_MOVIES: usize = 5;

/// One movie's columns in the groups of [`CatalogItemFeatures`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovieRow {
    /// Columns of its genres (ascending).
    pub genres: Vec<u32>,
    /// Column of its release decade (the last column: year unknown).
    pub decade: u32,
    /// Columns of its kept keywords (ascending).
    pub keywords: Vec<u32>,
}

/// The movie features of a catalog: the vocabularies of the groups `genre`, `decade` and
/// `keyword` and every movie's row by MovieLens id.
///
/// ```
/// use recsys_data::catalog::{Catalog, CatalogEntry};
/// use recsys_data::side::CatalogItemFeatures;
/// let movie = |id, genres: &[&str], year| CatalogEntry {
///     movie_id: Some(id),
///     year: Some(year),
///     genres: genres.iter().map(|g| g.to_string()).collect(),
///     ..CatalogEntry::default()
/// };
/// let catalog = Catalog::new(vec![movie(1, &["Comedy"], 1995), movie(2, &["Drama"], 1972)]);
/// let f = CatalogItemFeatures::from_catalog(&catalog, 1);
/// assert_eq!(f.genres(), ["Comedy", "Drama"]);
/// assert_eq!(f.row(2)?.genres, [1]);
/// assert!(f.row(3).is_err());
/// let side = f.side()?;
/// assert_eq!(side.row(2).len(), 2); // Drama and the 1970s
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogItemFeatures {
    genres: Vec<String>,
    decades: Vec<u16>,
    keywords: Vec<String>,
    rows: HashMap<RawId, MovieRow>,
}

/// The columns of `names` under `index`, ascending and distinct, unknown names skipped.
fn columns(names: &[String], index: &HashMap<String, u32>) -> Vec<u32> {
    let mut c: Vec<u32> = names.iter().filter_map(|n| index.get(n).copied()).collect();
    c.sort_unstable();
    c.dedup();
    c
}

impl CatalogItemFeatures {
    /// The features of every catalog entry with a MovieLens id: its genres, its release decade
    /// and the keywords of at least `min_keyword_movies` movies (TMDB's, where joined).
    pub fn from_catalog(catalog: &Catalog, min_keyword_movies: usize) -> Self {
        let movies: Vec<_> = catalog
            .entries()
            .iter()
            .filter_map(|e| e.movie_id.map(|id| (id, e)))
            .collect();
        let (genres, genre_col) = vocabulary(movies.iter().flat_map(|(_, e)| e.genres.clone()));
        let (decades, decade_col) =
            vocabulary(movies.iter().filter_map(|(_, e)| e.year.map(|y| y / 10)));
        let mut df: HashMap<&str, usize> = HashMap::new();
        for (_, e) in &movies {
            let mut ks: Vec<&str> = e.details.keywords.iter().map(String::as_str).collect();
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                *df.entry(k).or_default() += 1;
            }
        }
        let (keywords, keyword_col) = vocabulary(
            df.iter()
                .filter(|&(_, &n)| n >= min_keyword_movies.max(1))
                .map(|(k, _)| k.to_string()),
        );
        let rows = movies
            .iter()
            .map(|(id, e)| {
                let decade = e
                    .year
                    .and_then(|y| decade_col.get(&(y / 10)).copied())
                    .unwrap_or(decades.len() as u32);
                let row = MovieRow {
                    genres: columns(&e.genres, &genre_col),
                    decade,
                    keywords: columns(&e.details.keywords, &keyword_col),
                };
                (*id, row)
            })
            .collect();
        Self {
            genres,
            decades,
            keywords,
            rows,
        }
    }

    /// The genre names, in column order.
    pub fn genres(&self) -> &[String] {
        &self.genres
    }

    /// The release decades (`199` for the 1990s), in column order; one more column follows for
    /// an unknown year.
    pub fn decades(&self) -> &[u16] {
        &self.decades
    }

    /// The kept keywords, in column order.
    pub fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Number of movies with a row.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no movie has a row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row of MovieLens movie `movie_id`; [`CoreError::UnknownId`] when the catalog has no
    /// such movie.
    pub fn row(&self, movie_id: RawId) -> Result<&MovieRow, CoreError> {
        self.rows.get(&movie_id).ok_or(CoreError::UnknownId {
            kind: "catalog movie",
            id: movie_id,
        })
    }

    /// The side features by MovieLens id: the groups `genre`, `decade` (one-hot, the last
    /// column for an unknown year) and `keyword`, genres and keywords `1/√n` within their group.
    pub fn side(&self) -> Result<SideFeatures, CoreError> {
        let mut s = SideFeatures::default();
        let genre = s.group("genre", self.genres.len().max(1))?;
        let decade = s.group("decade", self.decades.len() + 1)?;
        let keyword = s.group("keyword", self.keywords.len().max(1))?;
        for (&id, row) in &self.rows {
            s.set(id, decade, row.decade as usize, 1.0)?;
            s.set_normalized(id, genre, &row.genres)?;
            s.set_normalized(id, keyword, &row.keywords)?;
        }
        Ok(s)
    }
}
