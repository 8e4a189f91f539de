//! Folding a user into the content models, directly from the history ([`FoldIn`] for
//! [`ContentKnn`] and [`ContentProfile`]): both score a user from their ratings alone, so a
//! history they were not trained on takes a training row's place.

use recsys_core::CandidateScorer;
use recsys_core::traits::{FoldIn, FoldedUser, checked_history, values_in_range};

use super::content_knn::ContentKnn;
use super::content_profile::ContentProfile;

/// The state is the user's bias (the fit's damped `Σ(r − μ − b_i) / (10 + n)` against the
/// fitted item biases) followed by the history's ratings, in the order of
/// [`FoldedUser::seen`]; a prediction is then [`ContentKnn::explain`]'s with the history in
/// place of the training row, so a training user folded in from their row predicts exactly as
/// fitted. Ratings outside the training ratings' range are an error; an empty history is the
/// prior user (the baseline `μ + b_i`).
impl FoldIn for ContentKnn {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.n_items())?;
        let b = self.biases();
        values_in_range(&h, Some((b.lo, b.hi)))?;
        let (seen, ratings): (Vec<u32>, Vec<f32>) = h.into_iter().unzip();
        let mut state = Vec::with_capacity(ratings.len() + 1);
        state.push(b.user_bias_of(&seen, &ratings));
        state.extend(ratings);
        Ok(FoldedUser { state, seen })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let Some((&bu, ratings)) = user.state.split_first() else {
            out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY);
            return;
        };
        let n = ratings.len().min(user.seen.len());
        for (o, &i) in out.iter_mut().zip(items) {
            *o = if (i as usize) < self.n_items() {
                self.explain_row(bu, &user.seen[..n], &ratings[..n], i).1
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}

/// The state is the history's term profile (the items' content rows weighted by the ratings
/// minus their mean), computed as a training user's is: a training user folded in from their
/// row scores exactly as fitted. An empty history scores 0 everywhere.
impl FoldIn for ContentProfile {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.n_items())?;
        let (seen, ratings): (Vec<u32>, Vec<f32>) = h.into_iter().unzip();
        Ok(FoldedUser {
            state: self.profile_of(&seen, &ratings),
            seen,
        })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        self.score_profile(&user.state, items, out);
    }
}
