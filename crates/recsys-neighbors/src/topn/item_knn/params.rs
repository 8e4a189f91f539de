//! [`ItemKnnParams`]: the hyperparameters of [`ItemKnn`](super::ItemKnn) and their checks.

use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::NeighborsError;
use crate::topn::Weighting;

/// Hyperparameters of item-based k-NN for top-N on implicit data, after the `implicit` library's
/// `ItemItemRecommender` family (`CosineRecommender`, `TFIDFRecommender`, `BM25Recommender`).
///
/// The default is [`Weighting::Bm25`] with `k` 400, chosen on validation splits carved from the
/// training data (see `docs/BENCHMARKS.md`); `k1` and `b` are implicit's defaults.
///
/// ```
/// use recsys_neighbors::topn::{ItemKnnParams, Weighting};
/// let p = ItemKnnParams::default().with_k(50).with_weighting(Weighting::Cosine);
/// assert!(p.check().is_ok());
/// assert!(ItemKnnParams::default().with_k(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemKnnParams {
    /// Neighbours kept per item (>= 1). As in implicit, an item is among its own neighbours
    /// when it scores high enough (with cosine it is always the first), so it takes one of the
    /// `k` places.
    pub k: usize,
    /// How interactions are weighted before the dot products (default BM25).
    pub weighting: Weighting,
    /// BM25's term-frequency saturation (default 1.2; finite, >= 0).
    pub k1: f64,
    /// BM25's length normalization (default 0.75; in [0, 1]).
    pub b: f64,
    /// Use each rating as the interaction's value instead of 1 (default false; ratings must
    /// then be positive).
    pub use_ratings: bool,
}

impl Default for ItemKnnParams {
    fn default() -> Self {
        Self {
            k: 400,
            weighting: Weighting::Bm25,
            k1: 1.2,
            b: 0.75,
            use_ratings: false,
        }
    }
}

impl ItemKnnParams {
    /// Whether a history's values are its ratings (else every interaction counts 1): how a
    /// folded-in history is weighed.
    pub(crate) fn uses_ratings(&self) -> bool {
        self.use_ratings
    }

    /// Checks the hyperparameters: [`recsys_core::CoreError::InvalidParameter`] names the
    /// first bad one.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check_knn(self.k, self.k1, self.b)
    }
}

/// The checks the two k-NN models share.
pub(crate) fn check_knn(k: usize, k1: f64, b: f64) -> Result<(), NeighborsError> {
    check::at_least_one("k", k)?;
    check::non_negative("k1", k1)?;
    check::unit_interval("b", b)?;
    Ok(())
}

recsys_core::param_setters!(ItemKnnParams, |s| s; with_k => k: usize, with_weighting => weighting: Weighting,
    with_k1 => k1: f64, with_b => b: f64, with_use_ratings => use_ratings: bool);
