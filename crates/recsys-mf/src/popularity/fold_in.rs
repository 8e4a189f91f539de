//! Folding a user into [`Popularity`]: nothing to compute, every user gets the same scores.

use recsys_core::traits::{FoldIn, FoldedUser, checked_history};

use super::Popularity;

/// The state is empty; scores are the training counts for every history (the history's items
/// are only excluded from the recommendations). The reference a folded-in model must beat.
impl FoldIn for Popularity {
    fn fold_in_items(&self) -> usize {
        self.counts().len()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.counts().len())?;
        Ok(FoldedUser {
            state: Vec::new(),
            seen: h.into_iter().map(|(i, _)| i).collect(),
        })
    }

    fn score_folded(&self, _user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        recsys_core::CandidateScorer::score(self, 0, items, out);
    }
}
