//! What a fitted model does: predict ratings, score candidates, recommend.

use crate::interactions::Interactions;

use super::rank::{top_n_unmasked, unseen_scores};

/// Predicts explicit ratings.
pub trait RatingPredictor: Send + Sync {
    /// The predicted rating of dense `user` for dense `item`. Indices the model has no data for
    /// (users or items without training ratings, or outside its index space) get the model's
    /// documented fallback (typically its baseline or global mean), never a panic.
    fn predict(&self, user: u32, item: u32) -> f32;

    /// The predicted rating of dense `user` for dense `item` in a rating made at `timestamp`
    /// (seconds since the Unix epoch, as [`Interactions`] keeps them): models with features of
    /// the rating's time (the Bayesian FM with the rating day) read it; every other model
    /// predicts as [`RatingPredictor::predict`], which is the default.
    fn predict_at(&self, user: u32, item: u32, timestamp: u32) -> f32 {
        let _ = timestamp;
        self.predict(user, item)
    }

    /// Predictions for many pairs.
    fn predict_many(&self, pairs: &[(u32, u32)]) -> Vec<f32> {
        pairs.iter().map(|&(u, i)| self.predict(u, i)).collect()
    }
}

/// Scores candidate items for a user (higher means more relevant). Scores need not be ratings.
pub trait CandidateScorer: Send + Sync {
    /// Number of items in the model's index space.
    fn n_items(&self) -> usize;

    /// Writes the score of each of `items` for `user` into `out` (`out.len() == items.len()`).
    /// Items outside the index space get `f32::NEG_INFINITY`.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]);
}

/// Recommends the top N items for a user, excluding what they have already seen.
pub trait Recommender: CandidateScorer {
    /// The `n` best items for `user` by score, best first, excluding the items `user` has in
    /// `seen` (pass the training interactions). Ties go to the lower item index.
    fn recommend(&self, user: u32, n: usize, seen: &Interactions) -> Vec<(u32, f32)> {
        top_n_unmasked(&unseen_scores(self, user, seen), n)
    }
}

/// Makes any [`RatingPredictor`] a [`Recommender`] that ranks by predicted rating.
#[derive(Debug, Clone)]
pub struct ByPredictedRating<P> {
    /// The rating model.
    pub model: P,
    /// Size of the item index space.
    pub n_items: usize,
}

impl<P: RatingPredictor> CandidateScorer for ByPredictedRating<P> {
    fn n_items(&self) -> usize {
        self.n_items
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = if (i as usize) < self.n_items {
                self.model.predict(user, i)
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}

impl<P: RatingPredictor> Recommender for ByPredictedRating<P> {}
