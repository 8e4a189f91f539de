//! [`UserKnn`]: a fitted user-based k-NN model.

use recsys_core::WrapsCore;
use recsys_core::traits::ScorerModel;
use recsys_core::{CandidateScorer, Recommender};

use super::UserKnnParams;
use super::fold_in::FoldInCache;
use crate::NeighborsError;
use crate::topn::known::scores_of_known;
use crate::topn::sparse::SparseRows;

/// A fitted user-based k-NN model: each user's `k` most similar users and the training
/// histories. A user's score for item `j` is `Σ_{v ∈ N(u)} sim(u, v) · x_vj`.
#[derive(Debug, Clone, PartialEq)]
pub struct UserKnn {
    neighbours: SparseRows,
    histories: SparseRows,
    known: Vec<bool>,
    params: UserKnnParams,
    /// What folding in needs beyond the fields above, computed on the first fold-in.
    pub(super) fold_in_cache: FoldInCache,
}

impl UserKnn {
    /// The kind of its model files.
    pub const KIND: &'static str = "user-knn";

    /// The model from its neighbour lists (users × users) and histories (users × items).
    pub(crate) fn from_parts(
        neighbours: SparseRows,
        histories: SparseRows,
        params: UserKnnParams,
    ) -> Result<Self, NeighborsError> {
        let n = histories.n_rows();
        if neighbours.n_rows() != n || neighbours.n_cols() != n {
            return Err(NeighborsError::param(
                "model",
                format!(
                    "a {}×{} user matrix for {n} users",
                    neighbours.n_rows(),
                    neighbours.n_cols()
                ),
            ));
        }
        let known = histories.nonempty_cols();
        Ok(Self {
            neighbours,
            histories,
            known,
            params,
            fold_in_cache: FoldInCache::default(),
        })
    }

    /// The hyperparameters it was fitted with.
    pub fn params(&self) -> &UserKnnParams {
        &self.params
    }

    /// The neighbour lists: row `u` holds user `u`'s neighbours with their similarities, best
    /// first.
    pub fn neighbours(&self) -> &SparseRows {
        &self.neighbours
    }

    /// The training histories (users × items).
    pub fn histories(&self) -> &SparseRows {
        &self.histories
    }

    /// The `n` users most similar to `user`, best first (at most `k`); a `user` outside the
    /// index space is [`recsys_core::CoreError::InvalidParameter`].
    pub fn similar_users(&self, user: u32, n: usize) -> Result<Vec<(u32, f32)>, NeighborsError> {
        if user as usize >= self.neighbours.n_rows() {
            return Err(NeighborsError::param(
                "user",
                format!(
                    "user index {user} outside the model's {} users",
                    self.neighbours.n_rows()
                ),
            ));
        }
        let (vs, ss) = self.neighbours.row(user as usize);
        Ok(vs.iter().copied().zip(ss.iter().copied()).take(n).collect())
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] that also saves
    /// itself and folds in new users.
    pub fn into_model(self) -> ScorerModel<UserKnn> {
        ScorerModel::new(self).with_save().with_fold_in()
    }

    /// Scores of `items` from the neighbours `vs` with the similarities `sims`:
    /// `Σ_v sim_v · x_vj`, summed in the order of `vs`; `-inf` for items without training
    /// interactions and items outside the index space (a training user's scores, or a folded-in
    /// one's).
    pub(super) fn score_neighbours(
        &self,
        vs: &[u32],
        sims: &[f32],
        items: &[u32],
        out: &mut [f32],
    ) {
        let acc = self.histories.weighted_rows(vs, sims);
        scores_of_known(&acc, &self.known, items, out);
    }
}

impl CandidateScorer for UserKnn {
    fn n_items(&self) -> usize {
        self.histories.n_cols()
    }

    /// `Σ_{v ∈ N(u)} sim(u, v) · x_vj`; items without training interactions and items outside
    /// the index space get `-inf`; a user outside the index space scores 0.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let (vs, sims) = self.neighbours.row(user as usize);
        self.score_neighbours(vs, sims, items, out);
    }
}

impl Recommender for UserKnn {}
