//! Folding a user into a fitted [`Ease`]: the history scored by `B` as a training row is.

use recsys_core::CandidateScorer;
use recsys_core::traits::{FoldIn, FoldedUser};

use super::Ease;
use crate::topn::fold_in::history_state;
use crate::topn::known::scores_of_known;

/// The state is the history (every interaction counts 1, as in the fit); scores are
/// `Σ_{i ∈ h} B[i][j]`, exactly a training user's with the same row. Items the model knows
/// nothing of get `-inf`; an empty history scores 0 everywhere.
impl FoldIn for Ease {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        history_state(history, self.n_items(), false)
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let n = self.n_items();
        let mut acc = vec![0.0f32; n];
        for &i in &user.seen {
            if let Some(row) = self.row(i) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
        }
        scores_of_known(&acc, &self.known, items, out);
    }
}
