//! Folding a user into a [`WarmStart`]: the collaborative model's fold-in, with the cold movies
//! scored from the folded user's collaborative scores as a training user's are.

use recsys_core::CoreError;
use recsys_core::traits::{FoldIn, FoldedUser};

use super::warm_start::WarmStart;

/// The state is the collaborative model's folded state (ALS's factors for the registry's
/// `warm-start`); rated movies score as that fold-in scores them, cold movies by their content
/// neighbours' folded scores plus the prior, and lists keep the cold share last, exactly as
/// for a training user with those collaborative scores. Errors: the collaborative model's, or
/// one that does not fold in.
impl FoldIn for WarmStart {
    fn fold_in_items(&self) -> usize {
        recsys_core::CandidateScorer::n_items(self)
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        self.cf_fold_in()
            .ok_or_else(|| {
                CoreError::param(
                    "model",
                    "the warm start's collaborative model does not fold in",
                )
            })?
            .fold_in(history)
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        match self.cf_fold_in() {
            Some(cf) => self.score_with(|is, o| cf.score_folded(user, is, o), items, out),
            None => out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY),
        }
    }

    fn recommend_folded(&self, user: &FoldedUser, n: usize) -> Vec<(u32, f32)> {
        self.list(&self.unseen_scores_folded(user), n)
    }
}
