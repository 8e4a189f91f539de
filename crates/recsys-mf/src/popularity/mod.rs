//! The popularity recommender: an item's score is its number of training interactions, the same
//! for every user. The reference every personalized model must beat.

mod fold_in;
mod params;
mod partial_fit;
mod persist;

pub use params::PopularityParams;

use recsys_core::traits::ScorerModel;
use recsys_core::{CandidateScorer, Recommender};

/// Item scores = training interaction counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Popularity {
    counts: Vec<f32>,
}

impl Popularity {
    /// The kind of its model files.
    pub const KIND: &'static str = "popularity";

    /// A model from interaction counts by item index.
    pub fn from_counts(counts: Vec<f32>) -> Self {
        Self { counts }
    }

    /// The interaction counts by item index.
    pub fn counts(&self) -> &[f32] {
        &self.counts
    }

    /// The score (interaction count) of `item`; 0 for items outside the index space.
    pub fn count(&self, item: u32) -> f32 {
        self.counts.get(item as usize).copied().unwrap_or(0.0)
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] that also saves
    /// itself.
    pub fn into_model(self) -> ScorerModel<Popularity> {
        ScorerModel::new(self).with_save().with_fold_in()
    }
}

impl CandidateScorer for Popularity {
    fn n_items(&self) -> usize {
        self.counts.len()
    }
    fn score(&self, _user: u32, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = self
                .counts
                .get(i as usize)
                .copied()
                .unwrap_or(f32::NEG_INFINITY);
        }
    }
}

impl Recommender for Popularity {}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::Interactions;
    use recsys_core::traits::Fit;

    #[test]
    fn ranks_by_count_excluding_seen() {
        // item 10 rated by 3 users, item 11 by 2, item 12 by 1
        let m = Interactions::from_pairs([(1, 10), (2, 10), (3, 10), (1, 11), (2, 11), (3, 12)])
            .unwrap();
        let p = PopularityParams.fit(&m).unwrap();
        let mut s = [0.0; 3];
        p.score(0, &[0, 1, 2], &mut s);
        assert_eq!(s, [3.0, 2.0, 1.0]);
        // user 3 (index 2) saw items 10 and 12: only 11 is left
        assert_eq!(p.recommend(2, 5, &m), vec![(1, 2.0)]);
        assert_eq!(p.recommend(0, 5, &m), vec![(2, 1.0)]);
    }
}
