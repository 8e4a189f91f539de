//! Movie features from a catalog as factorization-machine item features, and `bfm-content`:
//! the Bayesian FM over them.
//!
//! [`CatalogItemFeatures`] reads every catalog movie's genres, release decade and TMDB keywords
//! (where the catalog join has them) into three item groups, each normalized to `1/√n` within
//! the group. Every item of a training set's item space gets its row by MovieLens id, so a movie
//! with no training rating (the `cold-items` protocol keeps the withheld movies in the item
//! space) is predicted from its features. [`BfmContentSpec`] is the registry's `bfm-content`.

use std::collections::HashMap;
use std::sync::Arc;

use recsys_core::ids::RawId;
use recsys_core::traits::BoxError;
use recsys_core::{CoreError, Interactions, Model, ModelSpec};
use recsys_data::catalog::Catalog;
use recsys_fm::BfmParams;
use recsys_fm::features::UserItemFeatures;

/// Keywords kept as features: those of at least this many catalog movies.
pub const MIN_KEYWORD_MOVIES: usize = 5;

/// The registry name of the Bayesian FM with the catalog's movie features.
pub const BFM_CONTENT: &str = "bfm-content";

/// The registry name of the WARP ranking FM with the catalog's movie features.
pub const FM_WARP_CONTENT: &str = "fm-warp-content";

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
/// use recsys::data::catalog::{Catalog, CatalogEntry};
/// use recsys::fm_content::CatalogItemFeatures;
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
/// # Ok::<(), recsys::core::CoreError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogItemFeatures {
    genres: Vec<String>,
    decades: Vec<u16>,
    keywords: Vec<String>,
    rows: HashMap<RawId, MovieRow>,
}

/// The sorted distinct values of `values` and each value's column.
fn vocabulary<T: Ord + Clone + std::hash::Hash>(
    values: impl Iterator<Item = T>,
) -> (Vec<T>, HashMap<T, u32>) {
    let mut v: Vec<T> = values.collect();
    v.sort();
    v.dedup();
    let index = v
        .iter()
        .enumerate()
        .map(|(i, x)| (x.clone(), i as u32))
        .collect();
    (v, index)
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
            let mut ks: Vec<&str> = e.keywords.iter().map(String::as_str).collect();
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
                    keywords: columns(&e.keywords, &keyword_col),
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

    /// The user and item blocks over `train`'s index spaces ([`UserItemFeatures::builders`],
    /// with the implicit sets when `implicit`) plus the item groups `genre`, `decade` and
    /// `keyword`, each `1/√n` within the group. Items of `train` with no catalog row keep only
    /// their id (and implicit) features.
    pub fn features(
        &self,
        train: &Interactions,
        implicit: bool,
    ) -> Result<UserItemFeatures, BoxError> {
        let (ub, mut ib) = UserItemFeatures::builders(train, implicit)?;
        let genre = ib.group("genre", self.genres.len().max(1))?;
        let decade = ib.group("decade", self.decades.len() + 1)?;
        let keyword = ib.group("keyword", self.keywords.len().max(1))?;
        for (i, &raw) in train.items().raw_ids().iter().enumerate() {
            let Ok(row) = self.row(raw) else {
                continue;
            };
            ib.set(i, decade, row.decade as usize, 1.0)?;
            if !row.genres.is_empty() {
                ib.set_normalized(i, genre, &row.genres)?;
            }
            if !row.keywords.is_empty() {
                ib.set_normalized(i, keyword, &row.keywords)?;
            }
        }
        Ok(UserItemFeatures::new(ub.build()?, ib.build()?)?)
    }
}

/// Fits a factorization machine of hyperparameters `P` on training data and its feature blocks.
pub type FitWithFeatures<P> =
    fn(&P, &Interactions, UserItemFeatures) -> Result<Box<dyn Model>, BoxError>;

/// A factorization machine fitted with the catalog's movie features
/// ([`CatalogItemFeatures::features`]): `bfm-content` ([`FmContentSpec::bfm`]). Its parameters
/// are those of the FM it wraps.
#[derive(Debug, Clone)]
pub struct FmContentSpec<P> {
    /// The registry name.
    pub name: &'static str,
    /// The factorization machine's hyperparameters.
    pub params: P,
    /// The movie features, shared by every fit.
    pub features: Arc<CatalogItemFeatures>,
    /// Whether the user and item blocks carry the implicit sets.
    pub implicit: fn(&P) -> bool,
    /// How `params` fit on the blocks.
    pub fit: FitWithFeatures<P>,
}

/// `bfm-content`: the Bayesian FM (the registry's `bfm` defaults) with the movie features.
pub type BfmContentSpec = FmContentSpec<BfmParams>;

impl FmContentSpec<BfmParams> {
    /// `bfm-content`: `bfm`'s defaults over `features`.
    pub fn bfm(features: Arc<CatalogItemFeatures>) -> Self {
        Self::bfm_with(BfmParams::default(), features)
    }

    /// `bfm-content` with `params`.
    pub fn bfm_with(params: BfmParams, features: Arc<CatalogItemFeatures>) -> Self {
        Self {
            name: BFM_CONTENT,
            params,
            features,
            implicit: |p| p.implicit,
            fit: |p, train, f| {
                Ok(Box::new(
                    p.fit_features(train, f)?.into_model(train.n_items()),
                ))
            },
        }
    }
}

impl FmContentSpec<recsys_fm::RankFmParams> {
    /// `fm-warp-content`: the WARP ranking FM ([`recsys_fm::RankFmParams::warp`]) over the
    /// user and item ids and `features`.
    pub fn warp(features: Arc<CatalogItemFeatures>) -> Self {
        Self {
            name: FM_WARP_CONTENT,
            params: recsys_fm::RankFmParams::warp(),
            features,
            implicit: |_| false,
            fit: |p, train, f| Ok(Box::new(p.fit_features(train, f)?.into_model())),
        }
    }
}

impl<P: ModelSpec + Clone> ModelSpec for FmContentSpec<P> {
    fn name(&self) -> String {
        self.name.to_string()
    }
    fn params(&self) -> Vec<(String, String)> {
        self.params.params()
    }
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        self.params.set_param(key, value)
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let features = self
            .features
            .features(train, (self.implicit)(&self.params))?;
        (self.fit)(&self.params, train, features)
    }
}
