//! The content-based recommender of the seed: TF-IDF (word 1–2 grams, English stop words) over
//! title + overview + tagline, the `pool` most cosine-similar movies to a title, re-ranked by the
//! IMDB weighted rating, top `top` returned — the Kaggle kernel's "improved recommendations", where
//! C and m are computed **within the candidate pool** (m = the `quantile` of the candidates' vote
//! counts; candidates with fewer votes are dropped).
//!
//! The recommender works over any [`Catalog`] and any document-term matrix of its entries
//! ([`ContentRecommender::from_matrix`]); this module also builds the corpora of the project:
//!
//! - TMDB 5000: [`description`] (title + overview + tagline) of each movie;
//! - ml-latest-small: [`movielens_documents`] (the peers' title without year + genres + tags), over
//!   the MovieLens catalog joined to TMDB metadata (`recsys_data::catalog::load_catalog`);
//! - the-movies-dataset `keywords.csv`: [`keywords_catalog`], every row (duplicated ids
//!   included, as pandas reads it) with titles from MovieLens links and TMDB 5000;
//! - the "metadata soup" of keywords, cast, director and genres: [`crate::soup`].

mod corpora;

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_data::catalog::{Catalog, CatalogEntry};
use recsys_text::{CosineIndex, CsrMatrix, Neighbour, StopWords, TfidfVectorizer};

use crate::chart::vote_average;
use crate::error::HybridError;
use crate::title::TitleIndex;
use crate::weighted::WeightedRating;

pub use corpora::{clean_movielens_title, keywords_catalog, movielens_corpus, movielens_documents};

/// Settings of [`ContentRecommender`] (defaults: the seed's — 30 candidates, top 10, m at the
/// 0.60 quantile).
#[derive(Debug, Clone, PartialEq)]
pub struct ContentParams {
    /// Candidates taken by cosine similarity (default 30).
    pub pool: usize,
    /// Movies returned (default 10).
    pub top: usize,
    /// Quantile of the candidates' vote counts used as m (default 0.60).
    pub quantile: f64,
}

impl Default for ContentParams {
    fn default() -> Self {
        Self {
            pool: 30,
            top: 10,
            quantile: 0.6,
        }
    }
}

/// One recommended movie.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ContentItem {
    /// Position in the catalog's entries.
    pub index: usize,
    /// Title.
    pub title: String,
    /// Release year.
    pub year: Option<u16>,
    /// Cosine similarity with the query movie.
    pub similarity: f32,
    /// Weighted rating within the candidate pool; `None` when no candidate of the pool has
    /// votes (the list is then the cosine order).
    pub wr: Option<f64>,
}

/// A cosine index over a catalog's documents, with a title index and the votes used to re-rank.
#[derive(Debug)]
pub struct ContentRecommender {
    index: CosineIndex,
    titles: TitleIndex,
    votes: Votes,
    terms: usize,
    nnz: usize,
}

/// Votes of the re-ranking, one per catalog entry: `(vote count, vote average)`, `None` where
/// unknown.
pub type Votes = Vec<Option<(f64, f64)>>;

/// The document of a catalog entry: `title + " " + overview + " " + tagline`, as the peers build it.
pub fn description(e: &CatalogEntry) -> String {
    format!("{} {} {}", e.title, e.details.overview, e.details.tagline)
}

/// The votes of every entry as the TMDB 5000 kernel uses them: `(vote_count, vote_average)`.
pub fn catalog_votes(catalog: &Catalog) -> Votes {
    catalog
        .entries()
        .iter()
        .map(|e| Some((f64::from(e.details.vote_count), vote_average(e))))
        .collect()
}

/// The votes of every entry from MovieLens ratings: `(number of ratings, mean rating)` of the
/// entry's `movie_id` in `ratings`, `None` for entries without a movie id or without ratings (as
/// the peers' `weighted_rating.py --source ml-latest-small` counts them).
///
/// ```
/// use recsys_data::catalog::{Catalog, CatalogEntry};
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// let cat = Catalog::new(vec![
///     CatalogEntry { movie_id: Some(7), ..Default::default() },
///     CatalogEntry { movie_id: Some(8), ..Default::default() },
/// ]);
/// let mut b = InteractionsBuilder::new();
/// for (u, r) in [(1, 4.0), (2, 2.0)] { b.push(u, 7, r, None)?; }
/// let ratings = b.build(DuplicatePolicy::KeepLast)?;
/// assert_eq!(recsys_hybrid::content::rating_votes(&ratings, &cat), vec![Some((2.0, 3.0)), None]);
/// # Ok::<(), recsys_data::DataError>(())
/// ```
pub fn rating_votes(ratings: &Interactions, catalog: &Catalog) -> Votes {
    let by_item = ratings.by_item();
    catalog
        .entries()
        .iter()
        .map(|e| {
            let i = ratings.items().index(e.movie_id?)?;
            let (_, r) = by_item.item(i);
            if r.is_empty() {
                return None;
            }
            let n = r.len() as f64;
            Some((n, r.iter().map(|&x| f64::from(x)).sum::<f64>() / n))
        })
        .collect()
}

/// An error unless a matrix `name` of `rows` rows has one row per entry of `catalog`.
pub(crate) fn check_rows(
    name: &'static str,
    rows: usize,
    catalog: &Catalog,
) -> Result<(), HybridError> {
    if rows == catalog.len() {
        Ok(())
    } else {
        Err(HybridError::param(
            name,
            format!("{rows} rows for a catalog of {} movies", catalog.len()),
        ))
    }
}

impl ContentRecommender {
    /// TF-IDF over every entry's [`description`] (word 1–2 grams, scikit-learn's English stop
    /// words, smooth idf, l2 norm), votes from the catalog ([`catalog_votes`]).
    pub fn fit(catalog: &Catalog) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::empty("the catalog has no movies"));
        }
        let docs: Vec<String> = catalog.entries().iter().map(description).collect();
        Self::fit_documents(catalog, &docs)
    }

    /// TF-IDF (as [`fit`](Self::fit)) over the given documents, one per catalog entry.
    pub fn fit_documents<S: AsRef<str> + Sync>(
        catalog: &Catalog,
        docs: &[S],
    ) -> Result<Self, HybridError> {
        let mut v = TfidfVectorizer::new()
            .ngram_range(1, 2)
            .stop_words(StopWords::english());
        let x = v.fit_transform(docs)?;
        let terms = v.vocabulary().map_or(0, |t| t.len());
        Self::from_matrix(catalog, &x, terms)
    }

    /// A recommender over `x`, whose row `i` describes catalog entry `i` (TF-IDF, counts, …;
    /// rows are L2-normalized by the cosine index), with `terms` the vocabulary size.
    ///
    /// Errors: [`CoreError::Empty`](recsys_core::CoreError::Empty) for an empty catalog, [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter)
    /// when `x` has not one row per entry.
    pub fn from_matrix(
        catalog: &Catalog,
        x: &CsrMatrix,
        terms: usize,
    ) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::empty("the catalog has no movies"));
        }
        check_rows("x", x.n_rows(), catalog)?;
        Ok(Self {
            index: CosineIndex::new(x),
            titles: TitleIndex::new(catalog),
            votes: catalog_votes(catalog),
            terms,
            nnz: x.nnz(),
        })
    }

    /// Replaces the votes used by the re-ranking: `(count, average)` per catalog entry, `None`
    /// where unknown (such candidates are left out of the re-ranked list, as the kernel drops
    /// missing vote counts). Errors when `votes` has not one entry per catalog entry.
    pub fn with_votes(mut self, votes: Votes) -> Result<Self, HybridError> {
        if votes.len() != self.votes.len() {
            return Err(HybridError::param(
                "votes",
                format!("{} votes for {} movies", votes.len(), self.votes.len()),
            ));
        }
        self.votes = votes;
        Ok(self)
    }

    /// Vocabulary size.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// Non-zeros of the document-term matrix.
    pub fn nnz(&self) -> usize {
        self.nnz
    }

    /// The cosine index (for all-neighbour runs).
    pub fn index(&self) -> &CosineIndex {
        &self.index
    }

    /// The title index.
    pub fn titles(&self) -> &TitleIndex {
        &self.titles
    }

    /// The `k` movies most similar to catalog entry `entry` by cosine.
    pub fn neighbours(&self, entry: usize, k: usize) -> Result<Vec<Neighbour>, HybridError> {
        Ok(self.index.neighbours(entry, k)?)
    }

    /// The seed's improved recommendations for `title` (looked up forgivingly; the most-voted
    /// match when several movies share it): the `pool` most similar, those with at least m votes,
    /// ranked by weighted rating, top `top`. An unknown title is [`HybridError::UnknownTitle`]
    /// with suggestions.
    pub fn similar(
        &self,
        catalog: &Catalog,
        title: &str,
        p: &ContentParams,
    ) -> Result<Vec<ContentItem>, HybridError> {
        let entry = self.titles.find_first(title)?;
        self.similar_to(catalog, entry, p)
    }

    /// [`ContentRecommender::similar`] for a catalog position.
    pub fn similar_to(
        &self,
        catalog: &Catalog,
        entry: usize,
        p: &ContentParams,
    ) -> Result<Vec<ContentItem>, HybridError> {
        let entries = catalog.entries();
        if entries.len() != self.votes.len() {
            return Err(HybridError::param(
                "catalog",
                "not the catalog the recommender was fitted on",
            ));
        }
        let cands = self.neighbours(entry, p.pool)?;
        let item = |n: &Neighbour, wr: Option<f64>| ContentItem {
            index: n.index,
            title: entries[n.index].title.clone(),
            year: entries[n.index].year,
            similarity: n.score,
            wr,
        };
        let voted: Vec<(&Neighbour, (f64, f64))> = cands
            .iter()
            .filter_map(|n| self.votes[n.index].map(|v| (n, v)))
            .collect();
        if voted.is_empty() {
            return Ok(cands.iter().take(p.top).map(|n| item(n, None)).collect());
        }
        let pairs: Vec<(f64, f64)> = voted.iter().map(|x| x.1).collect();
        let wr = WeightedRating::fit(&pairs, p.quantile)?;
        let mut out: Vec<ContentItem> = voted
            .iter()
            .filter(|(_, (v, _))| *v >= wr.m)
            .map(|&(n, (v, r))| item(n, Some(wr.score(v, r))))
            .collect();
        out.sort_by(|a, b| {
            b.wr.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.wr.unwrap_or(f64::NEG_INFINITY))
                .then(a.index.cmp(&b.index))
        });
        out.truncate(p.top);
        Ok(out)
    }
}
