//! [`UserKnnParams`]: the hyperparameters of [`UserKnn`](super::UserKnn) and their checks.

use serde::{Deserialize, Serialize};

use crate::NeighborsError;
use crate::topn::Weighting;
use crate::topn::item_knn::check_knn;

/// Hyperparameters of user-based k-NN for top-N on implicit data: the weightings of
/// [`ItemKnnParams`](crate::topn::ItemKnnParams) with users as the documents and items as the
/// terms (cosine between users' histories, TF-IDF or BM25 over items).
///
/// The default is [`Weighting::Bm25`] with `k` 50, chosen on validation splits carved from the
/// training data (see `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_neighbors::topn::UserKnnParams;
/// assert!(UserKnnParams::default().check().is_ok());
/// assert!(UserKnnParams::default().with_b(2.0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserKnnParams {
    /// Neighbours kept per user (>= 1); a user is never its own neighbour.
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

impl Default for UserKnnParams {
    fn default() -> Self {
        Self {
            k: 50,
            weighting: Weighting::Bm25,
            k1: 1.2,
            b: 0.75,
            use_ratings: false,
        }
    }
}

impl UserKnnParams {
    /// Checks the hyperparameters: [`recsys_core::CoreError::InvalidParameter`] names the
    /// first bad one.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check_knn(self.k, self.k1, self.b)
    }
}

recsys_core::param_setters!(UserKnnParams, |s| s; with_k => k: usize, with_weighting => weighting: Weighting,
    with_k1 => k1: f64, with_b => b: f64, with_use_ratings => use_ratings: bool);
