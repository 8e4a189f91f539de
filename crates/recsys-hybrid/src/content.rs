//! The content-based recommender of the seed: TF-IDF (word 1–2 grams, English stop words) over
//! title + overview + tagline, the `pool` most cosine-similar movies to a title, re-ranked by the
//! IMDB weighted rating, top `top` returned — the Kaggle kernel's "improved recommendations", where
//! C and m are computed **within the candidate pool** (m = the `quantile` of the candidates' vote
//! counts; candidates with fewer votes are dropped).

use recsys_data::catalog::Catalog;
use recsys_text::{CosineIndex, Neighbour, StopWords, TfidfVectorizer};

use crate::chart::vote_average;
use crate::{HybridError, TitleIndex, WeightedRating};

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
    /// Weighted rating within the candidate pool.
    pub wr: f64,
}

/// TF-IDF over a catalog's title + overview + tagline, with a title index.
#[derive(Debug)]
pub struct ContentRecommender {
    index: CosineIndex,
    titles: TitleIndex,
    terms: usize,
    nnz: usize,
}

/// The document of a catalog entry: `title + " " + overview + " " + tagline`, as the peers build it.
pub fn description(e: &recsys_data::catalog::CatalogEntry) -> String {
    format!("{} {} {}", e.title, e.overview, e.tagline)
}

impl ContentRecommender {
    /// Vectorizes every catalog entry (word 1–2 grams, scikit-learn's English stop words,
    /// smooth idf, l2 norm).
    pub fn fit(catalog: &Catalog) -> Result<Self, HybridError> {
        if catalog.is_empty() {
            return Err(HybridError::Empty("the catalog has no movies"));
        }
        let docs: Vec<String> = catalog.entries().iter().map(description).collect();
        let mut v = TfidfVectorizer::new()
            .ngram_range(1, 2)
            .stop_words(StopWords::english());
        let x = v.fit_transform(&docs)?;
        let terms = v.vocabulary().map_or(0, |t| t.len());
        let nnz = x.indices().len();
        Ok(Self {
            index: CosineIndex::new(&x),
            titles: TitleIndex::new(catalog),
            terms,
            nnz,
        })
    }

    /// Vocabulary size.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// Non-zeros of the TF-IDF matrix.
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
        let cands = self.neighbours(entry, p.pool)?;
        if cands.is_empty() {
            return Ok(Vec::new());
        }
        let votes: Vec<(f64, f64)> = cands
            .iter()
            .map(|n| {
                (
                    f64::from(entries[n.index].vote_count),
                    vote_average(&entries[n.index]),
                )
            })
            .collect();
        let wr = WeightedRating::fit(&votes, p.quantile)?;
        let mut out: Vec<ContentItem> = cands
            .iter()
            .zip(&votes)
            .filter(|(_, (v, _))| *v >= wr.m)
            .map(|(n, &(v, r))| ContentItem {
                index: n.index,
                title: entries[n.index].title.clone(),
                year: entries[n.index].year,
                similarity: n.score,
                wr: wr.score(v, r),
            })
            .collect();
        out.sort_by(|a, b| b.wr.total_cmp(&a.wr).then(a.index.cmp(&b.index)));
        out.truncate(p.top);
        Ok(out)
    }
}
