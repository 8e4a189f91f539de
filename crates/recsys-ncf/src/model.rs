//! The fitted [`NcfModel`], which scores through the workspace's model traits on the CPU.

use recsys_core::traits::{EpochRecord, ScorerModel};
use recsys_core::{CandidateScorer, Recommender};

use crate::fold_in_params::NcfFoldIn;
use crate::params::NcfParams;
use crate::weights::{NcfWeights, sigmoid};

/// A fitted GMF, MLP or NeuMF model.
///
/// Scores ([`CandidateScorer::score`]) are **logits**: `sigmoid(score)` is the predicted
/// probability of an interaction ([`NcfModel::predict`]); ranking by either is the same, and
/// logits do not saturate to ties. Users or items outside the training index space score
/// `f32::NEG_INFINITY`. As a [`recsys_core::Model`] it is a [`ScorerModel`]
/// ([`NcfModel::into_model`]) that folds in new users
/// ([`FoldIn`](recsys_core::traits::FoldIn), see [`crate::fold_in`]).
#[derive(Debug, Clone)]
pub struct NcfModel {
    /// The hyperparameters it was trained with.
    pub params: NcfParams,
    /// The trained weights.
    pub weights: NcfWeights,
    /// One record per training epoch (loss, seconds, validation HR@10 / NDCG@10).
    pub curve: Vec<EpochRecord>,
    /// The 1-based epoch whose weights were kept.
    pub best_epoch: usize,
    /// How [`FoldIn`](recsys_core::traits::FoldIn) fits a new user (defaults after fitting;
    /// set with [`NcfModel::with_fold_in_params`]; kept in the model file).
    pub fold_in: NcfFoldIn,
}

impl NcfModel {
    /// The model file kind of every network of this crate.
    pub const KIND: &'static str = "ncf";

    /// The predicted probability that `user` interacts with `item` (`None` out of range).
    pub fn predict(&self, user: u32, item: u32) -> Option<f32> {
        let (u, i) = (user as usize, item as usize);
        if u >= self.weights.n_users() || i >= self.weights.n_items() {
            return None;
        }
        let logit = self.weights.logit(u, i, &mut self.weights.scratch());
        Some(sigmoid(logit))
    }

    /// The model with the fold-in settings `fold_in` (see [`NcfFoldIn`]).
    pub fn with_fold_in_params(mut self, fold_in: NcfFoldIn) -> Self {
        self.fold_in = fold_in;
        self
    }

    /// The model as the workspace's [`recsys_core::Model`]: a ranking-only [`ScorerModel`]
    /// with its learning curve, which saves itself and folds in users
    /// ([`Model::as_fold_in`](recsys_core::Model::as_fold_in)).
    pub fn into_model(self) -> ScorerModel<Self> {
        let curve = self.curve.clone();
        ScorerModel::new(self).full(curve)
    }
}

impl CandidateScorer for NcfModel {
    fn n_items(&self) -> usize {
        self.weights.n_items()
    }

    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        self.weights.logits_into(user, items, out);
    }
}

impl Recommender for NcfModel {}
