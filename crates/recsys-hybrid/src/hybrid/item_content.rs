//! The content the content models share: [`CatalogContent`], the TF-IDF rows and content
//! neighbours of every catalog entry, and [`ItemContent`], the same over the dense items of one
//! interaction matrix.

use recsys_core::WrapsCore;
use recsys_core::ids::{IdMap, RawId};
use recsys_data::catalog::{Catalog, CatalogEntry};
use recsys_text::{CosineIndex, CsrMatrix};
use std::sync::Arc;

use crate::content::{ContentRecommender, check_rows};
use crate::error::HybridError;

/// Content neighbours of every catalog entry, computed once per catalog and shared by the
/// models of every fold.
#[derive(Debug, Clone)]
pub struct CatalogContent {
    rows: CsrMatrix,
    movie_ids: Vec<Option<RawId>>,
    neighbours: Vec<Vec<(u32, f32)>>,
    /// Each entry's `(vote count, vote average)` (TMDB's; zeros where unknown).
    votes: Vec<(f64, f64)>,
    /// The catalog itself, for models that read its columns (the facade's FM item features).
    catalog: Arc<Catalog>,
}

/// Which fields of a catalog entry make its document for [`CatalogContent::fit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentFields {
    /// The title.
    pub title: bool,
    /// The plot overview.
    pub overview: bool,
    /// The tagline.
    pub tagline: bool,
    /// The genre names.
    pub genres: bool,
    /// The keyword names.
    pub keywords: bool,
}

impl ContentFields {
    /// The seed's document: title + overview + tagline.
    pub const SEED: ContentFields = ContentFields {
        title: true,
        overview: true,
        tagline: true,
        genres: false,
        keywords: false,
    };
    /// Every text field: title, overview, tagline, genres and keywords. MovieLens movies without
    /// TMDB 5000 metadata still have genres and (from The Movies Dataset's `keywords.csv`)
    /// keywords, so this gives nearly every movie content.
    pub const ALL: ContentFields = ContentFields {
        title: true,
        overview: true,
        tagline: true,
        genres: true,
        keywords: true,
    };

    /// The document of `e`: the chosen fields joined by spaces.
    pub fn document(&self, e: &CatalogEntry) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if self.title {
            parts.push(&e.title);
        }
        if self.overview {
            parts.push(&e.details.overview);
        }
        if self.tagline {
            parts.push(&e.details.tagline);
        }
        if self.genres {
            parts.extend(e.genres.iter().map(String::as_str));
        }
        if self.keywords {
            parts.extend(e.details.keywords.iter().map(String::as_str));
        }
        parts.join(" ")
    }
}

impl Default for ContentFields {
    fn default() -> Self {
        Self::SEED
    }
}

impl CatalogContent {
    /// Vectorizes the documents of `catalog` made of `fields` (TF-IDF of word 1–2 grams without
    /// English stop words, as the seed) and keeps each entry's `k` most similar entries.
    pub fn fit(catalog: &Catalog, fields: ContentFields, k: usize) -> Result<Self, HybridError> {
        let docs: Vec<String> = catalog
            .entries()
            .iter()
            .map(|e| fields.document(e))
            .collect();
        let rec = ContentRecommender::fit_documents(catalog, &docs)?;
        Self::from_recommender(&rec, catalog, k)
    }

    /// The TF-IDF rows of `index` (one per catalog entry, as [`ContentRecommender`] builds them)
    /// and each entry's `k` most similar entries.
    pub fn new(index: &CosineIndex, catalog: &Catalog, k: usize) -> Result<Self, HybridError> {
        check_rows("index", index.n_rows(), catalog)?;
        if k == 0 {
            return Err(HybridError::param("k", "at least one neighbour"));
        }
        let neighbours = index
            .all_neighbours(k)
            .into_iter()
            .map(|ns| {
                ns.into_iter()
                    .map(|n| (n.index as u32, n.score))
                    .collect::<Vec<_>>()
            })
            .collect();
        Ok(Self {
            rows: index.rows().clone(),
            movie_ids: catalog.entries().iter().map(|e| e.movie_id).collect(),
            neighbours,
            votes: catalog
                .entries()
                .iter()
                .map(|e| {
                    (
                        f64::from(e.details.vote_count),
                        f64::from(e.details.vote_average),
                    )
                })
                .collect(),
            catalog: Arc::new(catalog.clone()),
        })
    }

    /// The catalog the content was built from (genres, year, keywords of every entry).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// [`CatalogContent::new`] from a fitted [`ContentRecommender`].
    pub fn from_recommender(
        rec: &ContentRecommender,
        catalog: &Catalog,
        k: usize,
    ) -> Result<Self, HybridError> {
        Self::new(rec.index(), catalog, k)
    }

    /// Number of catalog entries.
    pub fn len(&self) -> usize {
        self.movie_ids.len()
    }

    /// Whether the catalog was empty.
    pub fn is_empty(&self) -> bool {
        self.movie_ids.is_empty()
    }

    /// The IMDB weighted rating of every item of `items` from the catalog's votes
    /// ([`WeightedRating`](crate::WeightedRating) fitted on the entries with votes at
    /// `quantile`): the prior of a movie nobody has rated yet. Items not in the catalog, or
    /// without votes, get the mean vote `C`. Errors when no entry has votes.
    pub fn item_priors(&self, items: &IdMap, quantile: f64) -> Result<Vec<f32>, HybridError> {
        let voted: Vec<(f64, f64)> = self.votes.iter().copied().filter(|v| v.0 > 0.0).collect();
        let wr = crate::WeightedRating::fit(&voted, quantile)?;
        let mut prior = vec![wr.c as f32; items.len()];
        for (id, &(v, r)) in self.movie_ids.iter().zip(&self.votes) {
            if let Some(i) = id.and_then(|id| items.index(id))
                && v > 0.0
            {
                prior[i as usize] = wr.score(v, r) as f32;
            }
        }
        Ok(prior)
    }

    /// The content of the items of `items` (dense item index → catalog row by MovieLens id).
    pub fn for_items(&self, items: &IdMap) -> ItemContent {
        let mut row_of = vec![None; items.len()];
        for (row, id) in self.movie_ids.iter().enumerate() {
            if let Some(i) = id.and_then(|id| items.index(id))
                && row_of[i as usize].is_none()
            {
                row_of[i as usize] = Some(row as u32);
            }
        }
        let item_of_row: Vec<Option<u32>> = self
            .movie_ids
            .iter()
            .map(|id| id.and_then(|id| items.index(id)))
            .collect();
        let neighbours = row_of
            .iter()
            .map(|row| match row {
                Some(r) => self.neighbours[*r as usize]
                    .iter()
                    .filter_map(|&(n, s)| item_of_row[n as usize].map(|j| (j, s)))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        ItemContent {
            rows: self.rows.clone(),
            row_of,
            neighbours,
        }
    }
}

/// The content of the dense items of one interaction matrix: each item's TF-IDF row (if the
/// catalog has the movie) and its content neighbours among the items, most similar first.
#[derive(Debug, Clone)]
pub struct ItemContent {
    /// The TF-IDF rows of the catalog.
    pub(super) rows: CsrMatrix,
    /// Each item's row in `rows`, if the catalog has the movie.
    pub(super) row_of: Vec<Option<u32>>,
    /// Each item's content neighbours among the items, most similar first.
    pub(super) neighbours: Vec<Vec<(u32, f32)>>,
}

impl ItemContent {
    /// Items with a catalog row.
    pub fn items_with_text(&self) -> usize {
        self.row_of.iter().flatten().count()
    }

    /// The content neighbours of dense item `i` (empty when it has no text).
    pub fn neighbours(&self, i: u32) -> &[(u32, f32)] {
        self.neighbours.get(i as usize).map_or(&[], Vec::as_slice)
    }

    /// The normalized TF-IDF row of dense item `i`.
    pub(super) fn row(&self, i: u32) -> Option<(&[u32], &[f32])> {
        let r = (*self.row_of.get(i as usize)?)?;
        Some(self.rows.row(r as usize))
    }

    /// An error unless the content was built for the `n_items` items of the training data.
    pub(super) fn check_items(&self, n_items: usize) -> Result<(), HybridError> {
        if self.row_of.len() == n_items {
            Ok(())
        } else {
            Err(HybridError::param(
                "content",
                format!(
                    "built for {} items, the training data has {n_items}",
                    self.row_of.len()
                ),
            ))
        }
    }
}
