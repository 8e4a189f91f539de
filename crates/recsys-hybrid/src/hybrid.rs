//! Hybrids of content and collaborative filtering.
//!
//! - [`seed_hybrid`]: the seed's hybrid — for a user and a movie they liked, the `pool` most
//!   content-similar movies the user has not rated, re-ranked by the user's predicted rating from
//!   any [`RatingPredictor`].
//! - [`ContentKnn`]: a content-based rating predictor (item-item k-nearest neighbours over TF-IDF
//!   cosine, on top of damped baseline biases). It predicts for items nobody has rated yet.
//! - [`ContentProfile`]: a user-profile scorer — the user's rated movies' TF-IDF rows weighted by
//!   how much the user liked them, scored by dot product with each candidate's row.
//! - [`Hybrid`]: a collaborative model blended with [`ContentKnn`], switching toward content for
//!   items and users with few ratings:
//!
//!   `r̂(u, i) = α·r̂_cf(u, i) + (1 − α)·r̂_content(u, i)`, with
//!   `α = (γ + (1 − γ)·n_i / (n_i + β_item)) · n_u / (n_u + β_user)`,
//!
//!   where `n_i` and `n_u` are the item's and the user's training ratings and `γ` is the
//!   collaborative weight left for an item nobody has rated. `β_item`, `β_user` and `γ` are chosen
//!   by [`HybridSpec`] on a validation split carved from the training data only.
//!
//! Everything reaches the collaborative model through `recsys-data`'s traits
//! ([`ModelSpec`], [`Model`], [`RatingPredictor`]); no model crate is named.

use std::sync::Arc;

use recsys_data::catalog::Catalog;
use recsys_core::ids::{IdMap, RawId};
use recsys_core::traits::{BoxError, CandidateScorer, EpochRecord, Model, ModelSpec};
use recsys_core::{Interactions, RatingPredictor};
use recsys_text::{CosineIndex, CsrMatrix};

use crate::{ContentRecommender, HybridError};

mod persist;
pub use persist::{CONTENT_KNN_KIND, CONTENT_PROFILE_KIND, HYBRID_KIND, LoadModel};

/// Content neighbours of every catalog entry, computed once per catalog and shared by the
/// models of every fold.
#[derive(Debug, Clone)]
pub struct CatalogContent {
    rows: CsrMatrix,
    movie_ids: Vec<Option<RawId>>,
    neighbours: Vec<Vec<(u32, f32)>>,
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
    pub fn document(&self, e: &recsys_data::catalog::CatalogEntry) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if self.title {
            parts.push(&e.title);
        }
        if self.overview {
            parts.push(&e.overview);
        }
        if self.tagline {
            parts.push(&e.tagline);
        }
        if self.genres {
            parts.extend(e.genres.iter().map(String::as_str));
        }
        if self.keywords {
            parts.extend(e.keywords.iter().map(String::as_str));
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
        if index.n_rows() != catalog.len() {
            return Err(HybridError::InvalidParameter {
                name: "index",
                reason: format!(
                    "the index has {} rows, the catalog {} entries",
                    index.n_rows(),
                    catalog.len()
                ),
            });
        }
        if k == 0 {
            return Err(HybridError::InvalidParameter {
                name: "k",
                reason: "at least one neighbour".into(),
            });
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
        })
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
    rows: CsrMatrix,
    row_of: Vec<Option<u32>>,
    neighbours: Vec<Vec<(u32, f32)>>,
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
    fn row(&self, i: u32) -> Option<(&[u32], &[f32])> {
        let r = (*self.row_of.get(i as usize)?)?;
        Some(self.rows.row(r as usize))
    }
}

/// Damped baseline biases: `b_i = Σ(r − μ) / (λ_i + n_i)`, then
/// `b_u = Σ(r − μ − b_i) / (λ_u + n_u)` (Koren 2010, λ_i = 25, λ_u = 10).
#[derive(Debug, Clone)]
struct Biases {
    mean: f32,
    user: Vec<f32>,
    item: Vec<f32>,
    lo: f32,
    hi: f32,
}

impl Biases {
    fn fit(train: &Interactions) -> Result<Self, HybridError> {
        let mean = train
            .global_mean()
            .ok_or(HybridError::Empty("no training ratings"))? as f32;
        let ni = train.n_items();
        let mut isum = vec![0.0f64; ni];
        let mut icnt = vec![0u32; ni];
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for e in train.iter() {
            isum[e.item as usize] += f64::from(e.rating - mean);
            icnt[e.item as usize] += 1;
            lo = lo.min(e.rating);
            hi = hi.max(e.rating);
        }
        let item: Vec<f32> = isum
            .iter()
            .zip(&icnt)
            .map(|(s, &n)| (s / (25.0 + f64::from(n))) as f32)
            .collect();
        let user = Self::user_biases(train, mean, &item);
        Ok(Self {
            mean,
            user,
            item,
            lo,
            hi,
        })
    }

    /// [`Biases::fit`], then the item biases refitted with the content neighbours' mean bias as
    /// their shrinkage target, then the user biases refitted on those.
    fn fit_with_prior(
        train: &Interactions,
        content: &ItemContent,
        k: usize,
        shrink: f32,
    ) -> Result<Self, HybridError> {
        let mut b = Self::fit(train)?;
        let counts = train.item_counts();
        let prior: Vec<f32> = (0..train.n_items() as u32)
            .map(|i| {
                let (mut num, mut den) = (0.0f32, 0.0f32);
                for &(j, s) in content.neighbours(i).iter().take(k) {
                    if s > 0.0 && counts.get(j as usize).copied().unwrap_or(0) > 0 {
                        num += s * b.item[j as usize];
                        den += s;
                    }
                }
                if den > 0.0 { num / (den + shrink) } else { 0.0 }
            })
            .collect();
        let mut isum = vec![0.0f64; train.n_items()];
        for e in train.iter() {
            isum[e.item as usize] += f64::from(e.rating - b.mean);
        }
        b.item = isum
            .iter()
            .zip(&counts)
            .zip(&prior)
            .map(|((s, &n), &p)| ((s + 25.0 * f64::from(p)) / (25.0 + f64::from(n))) as f32)
            .collect();
        b.user = Self::user_biases(train, b.mean, &b.item);
        Ok(b)
    }

    fn user_biases(train: &Interactions, mean: f32, item: &[f32]) -> Vec<f32> {
        (0..train.n_users() as u32)
            .map(|u| {
                let r = train.row(u);
                let s: f64 = r
                    .items
                    .iter()
                    .zip(r.ratings)
                    .map(|(&i, &x)| f64::from(x - mean - item[i as usize]))
                    .sum();
                (s / (10.0 + r.len() as f64)) as f32
            })
            .collect()
    }

    fn base(&self, u: u32, i: u32) -> f32 {
        self.mean
            + self.user.get(u as usize).copied().unwrap_or(0.0)
            + self.item.get(i as usize).copied().unwrap_or(0.0)
    }
}

/// Settings of [`ContentKnn`].
#[derive(Debug, Clone, PartialEq)]
pub struct ContentKnnParams {
    /// At most this many of the item's content neighbours that the user rated enter a
    /// prediction (default 40).
    pub k: usize,
    /// Added to the sum of similarities in the denominator, pulling thin evidence toward the
    /// baseline (default 0.1).
    pub shrink: f32,
    /// Shrink each item's bias toward the similarity-weighted mean bias of its content
    /// neighbours instead of toward 0 (default true): an item with few or no ratings then starts
    /// from what similar movies are rated, `b_i = (Σ(r − μ) + λ_i·b̃_i) / (λ_i + n_i)` with
    /// `b̃_i = Σ_j s_ij b_j / (Σ_j s_ij + shrink)` over its rated neighbours.
    pub content_prior: bool,
}

impl Default for ContentKnnParams {
    fn default() -> Self {
        Self {
            k: 40,
            shrink: 0.1,
            content_prior: true,
        }
    }
}

impl ContentKnnParams {
    /// Checks the settings.
    pub fn check(&self) -> Result<(), HybridError> {
        if self.k == 0 {
            return Err(HybridError::InvalidParameter {
                name: "k",
                reason: "at least one neighbour".into(),
            });
        }
        if !self.shrink.is_finite() || self.shrink < 0.0 {
            return Err(HybridError::InvalidParameter {
                name: "shrink",
                reason: format!("must be finite and >= 0, got {}", self.shrink),
            });
        }
        Ok(())
    }

    /// Fits on `train` with the items' content.
    pub fn fit(
        &self,
        train: &Interactions,
        content: Arc<ItemContent>,
    ) -> Result<ContentKnn, HybridError> {
        self.check()?;
        if content.row_of.len() != train.n_items() {
            return Err(HybridError::InvalidParameter {
                name: "content",
                reason: format!(
                    "built for {} items, the training data has {}",
                    content.row_of.len(),
                    train.n_items()
                ),
            });
        }
        Ok(ContentKnn {
            biases: if self.content_prior {
                Biases::fit_with_prior(train, &content, self.k, self.shrink)?
            } else {
                Biases::fit(train)?
            },
            train: train.clone(),
            content,
            params: self.clone(),
        })
    }
}

/// Content-based rating prediction: the baseline `b_ui = μ + b_u + b_i` plus the
/// similarity-weighted mean of the user's residuals `r_uj − b_uj` over the (at most `k`) content
/// neighbours `j` of `i` the user rated:
/// `r̂ = b_ui + Σ s_ij (r_uj − b_uj) / (Σ s_ij + shrink)`, clipped to the training ratings' range.
#[derive(Debug, Clone)]
pub struct ContentKnn {
    biases: Biases,
    train: Interactions,
    content: Arc<ItemContent>,
    params: ContentKnnParams,
}

impl ContentKnn {
    /// How many rated neighbours entered the prediction of `(u, i)` and the prediction.
    pub fn explain(&self, u: u32, i: u32) -> (usize, f32) {
        let base = self.biases.base(u, i);
        let row = self.train.row(u);
        let (mut num, mut den, mut used) = (0.0f32, 0.0f32, 0usize);
        for &(j, s) in self.content.neighbours(i) {
            if used == self.params.k {
                break;
            }
            if s <= 0.0 {
                break;
            }
            if let Ok(at) = row.items.binary_search(&j) {
                num += s * (row.ratings[at] - self.biases.base(u, j));
                den += s;
                used += 1;
            }
        }
        let p = if used > 0 {
            base + num / (den + self.params.shrink)
        } else {
            base
        };
        (used, p.clamp(self.biases.lo, self.biases.hi))
    }
}

impl RatingPredictor for ContentKnn {
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.explain(user, item).1
    }
}

/// Scores `items` by `p`'s predicted rating; items outside `0..n_items` get
/// `f32::NEG_INFINITY`, as [`CandidateScorer::score`] asks.
fn score_by_prediction(
    p: &dyn RatingPredictor,
    n_items: usize,
    user: u32,
    items: &[u32],
    out: &mut [f32],
) {
    for (o, &i) in out.iter_mut().zip(items) {
        *o = if (i as usize) < n_items {
            p.predict(user, i)
        } else {
            f32::NEG_INFINITY
        };
    }
}

impl CandidateScorer for ContentKnn {
    fn n_items(&self) -> usize {
        self.train.n_items()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        score_by_prediction(self, self.n_items(), user, items, out);
    }
}

impl Model for ContentKnn {
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        Some(self)
    }
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self)
    }
    fn as_save(&self) -> Option<&dyn recsys_core::traits::SaveModel> {
        Some(self)
    }
}

/// The user-profile content recommender: `profile_u = Σ_j w_uj x_j` over the user's training
/// ratings, with `w_uj = r_uj − r̄_u` (how much more than usual the user liked `j`; every
/// `w_uj = 1` when all of the user's ratings are equal), and `score(u, i) = x_i · profile_u`.
/// Items without text score 0 — as does every item for a user without ratings.
#[derive(Debug, Clone)]
pub struct ContentProfile {
    train: Interactions,
    content: Arc<ItemContent>,
    /// One past the largest term index of any item row: the length of a dense profile (at most
    /// the vocabulary, whose size a loaded file could overstate).
    dim: usize,
}

impl ContentProfile {
    /// A profile scorer over `train` with the items' content.
    pub fn new(train: &Interactions, content: Arc<ItemContent>) -> Result<Self, HybridError> {
        if content.row_of.len() != train.n_items() {
            return Err(HybridError::InvalidParameter {
                name: "content",
                reason: format!(
                    "built for {} items, the training data has {}",
                    content.row_of.len(),
                    train.n_items()
                ),
            });
        }
        Ok(Self::from_parts(train.clone(), content))
    }

    fn from_parts(train: Interactions, content: Arc<ItemContent>) -> Self {
        let dim = content
            .rows
            .indices()
            .iter()
            .max()
            .map_or(0, |&c| c as usize + 1);
        Self {
            train,
            content,
            dim,
        }
    }

    /// The dense profile of user `u` over the terms.
    fn profile(&self, u: u32) -> Vec<f32> {
        let mut p = vec![0.0f32; self.dim];
        let row = self.train.row(u);
        if row.is_empty() {
            return p;
        }
        let mean = row.ratings.iter().sum::<f32>() / row.len() as f32;
        let flat = row.ratings.iter().all(|&r| (r - mean).abs() < 1e-6);
        for (&j, &r) in row.items.iter().zip(row.ratings) {
            let w = if flat { 1.0 } else { r - mean };
            if let Some((cols, vals)) = self.content.row(j) {
                for (&c, &v) in cols.iter().zip(vals) {
                    p[c as usize] += w * v;
                }
            }
        }
        p
    }
}

impl CandidateScorer for ContentProfile {
    fn n_items(&self) -> usize {
        self.train.n_items()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let p = self.profile(user);
        let n_items = self.n_items();
        for (o, &i) in out.iter_mut().zip(items) {
            if i as usize >= n_items {
                *o = f32::NEG_INFINITY;
                continue;
            }
            *o = self.content.row(i).map_or(0.0, |(cols, vals)| {
                cols.iter()
                    .zip(vals)
                    .map(|(&c, &v)| v * p[c as usize])
                    .sum()
            });
        }
    }
}

impl Model for ContentProfile {
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self)
    }
    fn as_save(&self) -> Option<&dyn recsys_core::traits::SaveModel> {
        Some(self)
    }
}

/// The blend of a collaborative model and [`ContentKnn`] (see the [module docs](self)).
pub struct Hybrid {
    cf: Box<dyn Model>,
    content: ContentKnn,
    user_counts: Vec<u32>,
    item_counts: Vec<u32>,
    beta_item: f64,
    beta_user: f64,
    cold_floor: f64,
    curve: Vec<EpochRecord>,
}

impl std::fmt::Debug for Hybrid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hybrid")
            .field("beta_item", &self.beta_item)
            .field("beta_user", &self.beta_user)
            .field("cold_floor", &self.cold_floor)
            .finish_non_exhaustive()
    }
}

/// `n / (n + β)`, with `β = ∞` giving 0 and `β = 0` giving 1 (also for `n = 0`).
fn trust(n: u32, beta: f64) -> f64 {
    if beta <= 0.0 {
        1.0
    } else if beta.is_infinite() {
        0.0
    } else {
        f64::from(n) / (f64::from(n) + beta)
    }
}

/// The item's trust `(n + γβ) / (n + β)`: [`trust`] lifted to `γ` at `n = 0`.
fn item_trust(n: u32, beta: f64, floor: f64) -> f64 {
    floor + (1.0 - floor) * trust(n, beta)
}

impl Hybrid {
    /// Blends `cf` (which must predict ratings) with `content`, both fitted on `train`.
    pub fn new(
        cf: Box<dyn Model>,
        content: ContentKnn,
        train: &Interactions,
        beta_item: f64,
        beta_user: f64,
    ) -> Result<Self, HybridError> {
        if cf.as_rating_predictor().is_none() {
            return Err(HybridError::InvalidParameter {
                name: "cf",
                reason: "the collaborative model does not predict ratings".into(),
            });
        }
        for (name, b) in [("beta_item", beta_item), ("beta_user", beta_user)] {
            if b.is_nan() || b < 0.0 {
                return Err(HybridError::InvalidParameter {
                    name,
                    reason: format!("must be >= 0 (∞ allowed), got {b}"),
                });
            }
        }
        let curve = cf.learning_curve();
        Ok(Self {
            cf,
            content,
            user_counts: train.user_counts(),
            item_counts: train.item_counts(),
            beta_item,
            beta_user,
            cold_floor: 0.0,
            curve,
        })
    }

    /// Sets `γ`, the item trust of an item without training ratings (default 0: content only
    /// for unrated items): the item's trust becomes `γ + (1 − γ)·n_i/(n_i + β_item)`.
    pub fn with_cold_floor(mut self, gamma: f64) -> Result<Self, HybridError> {
        if !(0.0..=1.0).contains(&gamma) {
            return Err(HybridError::InvalidParameter {
                name: "cold_floor",
                reason: format!("must be in [0, 1], got {gamma}"),
            });
        }
        self.cold_floor = gamma;
        Ok(self)
    }

    /// The weight of the collaborative prediction for `(u, i)`.
    pub fn alpha(&self, u: u32, i: u32) -> f64 {
        let ni = self.item_counts.get(i as usize).copied().unwrap_or(0);
        let nu = self.user_counts.get(u as usize).copied().unwrap_or(0);
        item_trust(ni, self.beta_item, self.cold_floor) * trust(nu, self.beta_user)
    }

    /// `(β_item, β_user)`.
    pub fn betas(&self) -> (f64, f64) {
        (self.beta_item, self.beta_user)
    }

    /// `γ`, the item trust at zero training ratings (see [`Hybrid::with_cold_floor`]).
    pub fn cold_floor(&self) -> f64 {
        self.cold_floor
    }
}

impl RatingPredictor for Hybrid {
    fn predict(&self, user: u32, item: u32) -> f32 {
        let a = self.alpha(user, item);
        let cb = f64::from(self.content.predict(user, item));
        let cf = self
            .cf
            .as_rating_predictor()
            .map_or(cb, |p| f64::from(p.predict(user, item)));
        (a * cf + (1.0 - a) * cb) as f32
    }
}

impl CandidateScorer for Hybrid {
    fn n_items(&self) -> usize {
        self.item_counts.len()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        score_by_prediction(self, self.n_items(), user, items, out);
    }
}

impl Model for Hybrid {
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        Some(self)
    }
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self)
    }
    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }
    fn as_save(&self) -> Option<&dyn recsys_core::traits::SaveModel> {
        Some(self)
    }
}

/// Settings of [`HybridSpec`].
#[derive(Debug, Clone, PartialEq)]
pub struct HybridParams {
    /// The content predictor's settings.
    pub knn: ContentKnnParams,
    /// Candidate values of `β_item` (`f64::INFINITY` = content only for every item).
    pub beta_item: Vec<f64>,
    /// Candidate values of `β_user`.
    pub beta_user: Vec<f64>,
    /// Candidate values of `γ`, the collaborative weight's item factor for items without
    /// training ratings (see [`Hybrid::with_cold_floor`]); each in `[0, 1]`.
    pub cold_floor: Vec<f64>,
    /// Share of the training ratings held out to choose the betas (default 0.1).
    pub validation: f64,
    /// Seed of the validation split.
    pub seed: u64,
}

impl Default for HybridParams {
    fn default() -> Self {
        Self {
            knn: ContentKnnParams::default(),
            beta_item: vec![0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0],
            beta_user: vec![0.0, 2.0, 5.0, 10.0],
            cold_floor: vec![0.0, 0.25, 0.5, 0.75],
            validation: 0.1,
            seed: 0,
        }
    }
}

impl HybridParams {
    /// Checks the settings.
    pub fn check(&self) -> Result<(), HybridError> {
        self.knn.check()?;
        if self.cold_floor.is_empty() || self.cold_floor.iter().any(|g| !(0.0..=1.0).contains(g)) {
            return Err(HybridError::InvalidParameter {
                name: "cold_floor",
                reason: format!("one or more values in [0, 1], got {:?}", self.cold_floor),
            });
        }
        if self.beta_item.is_empty() || self.beta_user.is_empty() {
            return Err(HybridError::InvalidParameter {
                name: "beta",
                reason: "at least one candidate value for each beta".into(),
            });
        }
        if let Some(b) = self
            .beta_item
            .iter()
            .chain(&self.beta_user)
            .find(|b| b.is_nan() || **b < 0.0)
        {
            return Err(HybridError::InvalidParameter {
                name: "beta",
                reason: format!("must be >= 0 (∞ allowed), got {b}"),
            });
        }
        if !(self.validation > 0.0 && self.validation < 1.0) {
            return Err(HybridError::InvalidParameter {
                name: "validation",
                reason: format!("a share in (0, 1), got {}", self.validation),
            });
        }
        Ok(())
    }
}

/// The blend settings chosen on validation data.
struct Chosen {
    beta_item: f64,
    beta_user: f64,
    cold_floor: f64,
    rmse: f64,
}

/// The betas and cold floor with the lowest validation RMSE: `cf` and `cb` fitted on the
/// validation split's training part, scored on its held-out part; ties go to the first in grid
/// order.
fn choose_betas(
    p: &HybridParams,
    val: &recsys_core::Split,
    cf: &dyn RatingPredictor,
    cb: &ContentKnn,
) -> Chosen {
    let uc = val.train.user_counts();
    let ic = val.train.item_counts();
    let cases: Vec<(u32, u32, f64, f64, f64)> = val
        .test
        .iter()
        .map(|e| {
            (
                uc.get(e.user as usize).copied().unwrap_or(0),
                ic.get(e.item as usize).copied().unwrap_or(0),
                f64::from(cf.predict(e.user, e.item)),
                f64::from(cb.predict(e.user, e.item)),
                f64::from(e.rating),
            )
        })
        .collect();
    let mut best = (
        f64::INFINITY,
        p.beta_item[0],
        p.beta_user[0],
        p.cold_floor[0],
    );
    for &bi in &p.beta_item {
        for &bu in &p.beta_user {
            for &g in &p.cold_floor {
                let se: f64 = cases
                    .iter()
                    .map(|&(nu, ni, f, c, r)| {
                        let a = item_trust(ni, bi, g) * trust(nu, bu);
                        let d = a * f + (1.0 - a) * c - r;
                        d * d
                    })
                    .sum();
                let rmse = (se / cases.len().max(1) as f64).sqrt();
                if rmse < best.0 {
                    best = (rmse, bi, bu, g);
                }
            }
        }
    }
    Chosen {
        beta_item: best.1,
        beta_user: best.2,
        cold_floor: best.3,
        rmse: best.0,
    }
}

/// A [`Hybrid`] as a [`ModelSpec`]: fits the collaborative spec and the content predictor,
/// chooses the betas on a validation split of the training data, then refits both on all of it.
pub struct HybridSpec {
    name: String,
    cf: Arc<dyn ModelSpec>,
    content: Arc<CatalogContent>,
    params: HybridParams,
}

impl HybridSpec {
    /// A hybrid of `cf` and the content of `content`, named `name` in reports.
    pub fn new(
        name: impl Into<String>,
        cf: Arc<dyn ModelSpec>,
        content: Arc<CatalogContent>,
        params: HybridParams,
    ) -> Result<Self, HybridError> {
        params.check()?;
        Ok(Self {
            name: name.into(),
            cf,
            content,
            params,
        })
    }

    /// Fits and returns the concrete [`Hybrid`] with its validation RMSE.
    pub fn fit_hybrid(&self, train: &Interactions) -> Result<(Hybrid, f64), BoxError> {
        let p = &self.params;
        let val = recsys_core::split::random_holdout(train, p.validation, p.seed)?;
        let items = self.content.for_items(train.items());
        let content = Arc::new(items);
        let cf_val = self.cf.fit_model(&val.train)?;
        let cfp = cf_val
            .as_rating_predictor()
            .ok_or("the collaborative model does not predict ratings")?;
        let cb_val = p.knn.fit(&val.train, Arc::clone(&content))?;
        let c = choose_betas(p, &val, cfp, &cb_val);
        let cf = self.cf.fit_model(train)?;
        let cb = p.knn.fit(train, content)?;
        let h =
            Hybrid::new(cf, cb, train, c.beta_item, c.beta_user)?.with_cold_floor(c.cold_floor)?;
        Ok((h, c.rmse))
    }
}

impl ModelSpec for HybridSpec {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn params(&self) -> Vec<(String, String)> {
        let list = |v: &[f64]| {
            v.iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut out = vec![
            ("cf".to_string(), self.cf.name()),
            ("knn_k".to_string(), self.params.knn.k.to_string()),
            ("knn_shrink".to_string(), self.params.knn.shrink.to_string()),
            ("beta_item".to_string(), list(&self.params.beta_item)),
            ("beta_user".to_string(), list(&self.params.beta_user)),
            ("cold_floor".to_string(), list(&self.params.cold_floor)),
            ("validation".to_string(), self.params.validation.to_string()),
        ];
        out.extend(
            self.cf
                .params()
                .into_iter()
                .map(|(k, v)| (format!("cf.{k}"), v)),
        );
        out
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        Ok(Box::new(self.fit_hybrid(train)?.0))
    }
}

/// [`ContentKnn`] as a [`ModelSpec`] (`content-knn` in `compare`).
pub struct ContentKnnSpec {
    /// The content of the catalog.
    pub content: Arc<CatalogContent>,
    /// The predictor's settings.
    pub params: ContentKnnParams,
}

impl ModelSpec for ContentKnnSpec {
    fn name(&self) -> String {
        "content-knn".into()
    }
    fn params(&self) -> Vec<(String, String)> {
        vec![
            ("k".into(), self.params.k.to_string()),
            ("shrink".into(), self.params.shrink.to_string()),
        ]
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let items = Arc::new(self.content.for_items(train.items()));
        Ok(Box::new(self.params.fit(train, items)?))
    }
}

/// [`ContentProfile`] as a [`ModelSpec`] (`content-profile` in `compare`).
pub struct ContentProfileSpec {
    /// The content of the catalog.
    pub content: Arc<CatalogContent>,
}

impl ModelSpec for ContentProfileSpec {
    fn name(&self) -> String {
        "content-profile".into()
    }
    fn params(&self) -> Vec<(String, String)> {
        vec![("weights".into(), "rating - user mean".into())]
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let items = Arc::new(self.content.for_items(train.items()));
        Ok(Box::new(ContentProfile::new(train, items)?))
    }
}

/// One movie of [`seed_hybrid`]'s list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HybridItem {
    /// Position in the catalog's entries.
    pub index: usize,
    /// MovieLens movie id.
    pub movie_id: RawId,
    /// Title.
    pub title: String,
    /// Release year.
    pub year: Option<u16>,
    /// Cosine similarity with the liked movie.
    pub similarity: f32,
    /// The user's predicted rating.
    pub predicted: f32,
}

/// The seed's hybrid: for user `user` (raw id of `train`) and a movie they liked (`title`,
/// looked up forgivingly in `rec`'s catalog), the `pool` most content-similar movies that the user
/// has not rated and that `model` knows (they have an index in `train`), re-ranked by the user's
/// predicted rating, best `top` returned. The liked movie itself is never returned.
///
/// An unknown user is [`recsys_core::CoreError::UnknownId`]; an unknown title is
/// [`HybridError::UnknownTitle`] with suggestions.
#[allow(clippy::too_many_arguments)]
pub fn seed_hybrid(
    rec: &ContentRecommender,
    catalog: &Catalog,
    train: &Interactions,
    model: &dyn RatingPredictor,
    user: RawId,
    title: &str,
    pool: usize,
    top: usize,
) -> Result<Vec<HybridItem>, HybridError> {
    if pool == 0 || top == 0 {
        return Err(HybridError::InvalidParameter {
            name: "pool/top",
            reason: "both must be at least 1".into(),
        });
    }
    let u = train
        .users()
        .index(user)
        .ok_or(recsys_core::CoreError::UnknownId {
            kind: "user",
            id: user,
        })?;
    let seen = train.row(u);
    let entry = rec.titles().find_first(title)?;
    let entries = catalog.entries();
    // ask for enough neighbours that `pool` remain after dropping seen and unknown movies
    let mut want = pool + seen.len() + 1;
    let mut picked = Vec::new();
    loop {
        let ns = rec.neighbours(entry, want.min(entries.len()))?;
        picked.clear();
        for n in &ns {
            let Some(e) = entries.get(n.index) else {
                continue;
            };
            let Some(id) = e.movie_id else { continue };
            let Some(i) = train.items().index(id) else {
                continue;
            };
            if seen.items.binary_search(&i).is_ok() {
                continue;
            }
            picked.push((n.index, id, i, n.score));
            if picked.len() == pool {
                break;
            }
        }
        if picked.len() == pool || ns.len() < want || want >= entries.len() {
            break;
        }
        want = (want * 2).min(entries.len());
    }
    let mut out: Vec<HybridItem> = picked
        .into_iter()
        .map(|(index, movie_id, i, similarity)| HybridItem {
            index,
            movie_id,
            title: entries[index].title.clone(),
            year: entries[index].year,
            similarity,
            predicted: model.predict(u, i),
        })
        .collect();
    out.sort_by(|a, b| {
        b.predicted
            .total_cmp(&a.predicted)
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.index.cmp(&b.index))
    });
    out.truncate(top);
    Ok(out)
}
