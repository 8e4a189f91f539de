//! Folding a user into a fitted [`UserKnn`]: the history weighted as the fit weighs a training
//! user's row, its similarity to every training user, then the fit's neighbourhood and scoring.

use std::sync::OnceLock;

use recsys_core::traits::{FoldIn, FoldedUser};
use recsys_core::{CandidateScorer, CoreError};

use super::UserKnn;
use crate::topn::fold_in::history_state;
use crate::topn::pairs::{best, row_product};
use crate::topn::sparse::SparseRows;
use crate::topn::weighting::{Bm25, Corpus};

/// What folding in needs that the model does not keep: the weighted training histories
/// (transposed, items × users) and the weighting's corpus statistics, both recomputed from the
/// kept histories and hyperparameters exactly as the fit computed them. Filled on the first
/// fold-in; a cache, so it never makes two models unequal.
#[derive(Debug, Clone, Default)]
pub(crate) struct FoldInCache(OnceLock<Weighted>);

/// The weighted training users as the fit had them.
#[derive(Debug, Clone)]
struct Weighted {
    /// The weighted histories transposed: row `i` holds the users of item `i` with their
    /// weights.
    docs_t: SparseRows,
    /// The idf of each item and the mean history length, of the training histories.
    corpus: Corpus,
}

impl PartialEq for FoldInCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl UserKnn {
    /// Folds `history` in as training user `user`'s row, leaving `user`'s own training row out
    /// of the candidate neighbours as the fit leaves every user out of its own neighbourhood.
    /// With `user`'s training row as `history` the scores are exactly [`CandidateScorer::score`]'s
    /// for `user`, bit for bit (`tests/fold_in.rs`). A `user` outside the training users is a
    /// [`CoreError::InvalidParameter`] naming `user`; a bad history is one naming `history`.
    ///
    /// [`FoldIn::fold_in`] treats a history as a new user's, for whom every training user is a
    /// candidate neighbour.
    pub fn fold_in_as(&self, user: u32, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let n_users = self.histories().n_rows();
        if user as usize >= n_users {
            return Err(CoreError::param(
                "user",
                format!("user index {user} outside the model's {n_users} users"),
            ));
        }
        self.fold_in_excluding(history, Some(user))
    }

    /// The folded state of `history` with the training user `own` (if any) no candidate.
    fn fold_in_excluding(
        &self,
        history: &[(u32, f32)],
        own: Option<u32>,
    ) -> recsys_core::Result<FoldedUser> {
        let folded = history_state(history, self.n_items(), self.params().use_ratings)?;
        let w = self.weighted();
        let p = self.params();
        let bm25 = Bm25 { k1: p.k1, b: p.b };
        let (items, weights): (Vec<u32>, Vec<f32>) = p
            .weighting
            .weigh_row(&w.corpus, &folded.seen, &folded.state, bm25)
            .into_iter()
            .unzip();
        let (users, sims) = row_product(&items, &weights, &w.docs_t);
        let mut state = vec![f32::NEG_INFINITY; self.histories().n_rows()];
        for (&v, &s) in users.iter().zip(&sims) {
            if Some(v) != own
                && let Some(x) = state.get_mut(v as usize)
            {
                *x = s;
            }
        }
        Ok(FoldedUser {
            state,
            seen: folded.seen,
        })
    }

    /// The weighted training histories and their corpus, computed once.
    fn weighted(&self) -> &Weighted {
        self.fold_in_cache.0.get_or_init(|| {
            let p = self.params();
            let histories = self.histories();
            let docs = p.weighting.apply(histories, Bm25 { k1: p.k1, b: p.b });
            Weighted {
                docs_t: docs.transpose(),
                corpus: Corpus::of(histories),
            }
        })
    }
}

/// The state is the history's similarity to every training user, one value per training user
/// (`state[v]`, `n_users` values): the dot product of the history weighted as the fit weighs a
/// training user's row (the training items' idf and mean history length; values 1, or the
/// ratings with `use_ratings`, which must then be positive) with user `v`'s weighted row, summed
/// in the fit's order; `-inf` for a user who shares no item with the history (not a candidate,
/// as in the fit). Scoring takes the `k` best candidates, as the fit cuts a training user's row,
/// and sums `Σ_v sim_v · x_vj` in the fit's order, so every neighbourhood and score is the
/// fit's arithmetic.
///
/// A new user is nobody in the training data: every training user is a candidate. A training
/// user folded in from their own row therefore finds their own training row among the
/// candidates (the fit leaves a user out of their own neighbourhood), which adds their own
/// items to the scores and, when they have more than `k` candidates, can push their `k`-th
/// neighbour out: with `k` at least the number of training users the scores of items they have
/// not interacted with are exactly the fitted ones. [`UserKnn::fold_in_as`] leaves the user out
/// and gives their fitted scores exactly, bit for bit. An empty history has no candidates: every
/// score 0 (`-inf` for items without training interactions).
impl FoldIn for UserKnn {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        self.fold_in_excluding(history, None)
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let (users, sims): (Vec<u32>, Vec<f32>) = user
            .state
            .iter()
            .enumerate()
            .filter(|&(v, s)| *s > f32::NEG_INFINITY && v < self.histories().n_rows())
            .map(|(v, &s)| (v as u32, s))
            .unzip();
        let (vs, ss): (Vec<u32>, Vec<f32>) = best(users, sims, self.params().k).into_iter().unzip();
        self.score_neighbours(&vs, &ss, items, out);
    }
}
