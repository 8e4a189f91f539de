//! One-class data for ranking ([`BfmParams::negatives`](super::BfmParams::negatives)): every
//! training rating becomes a 1 and, per rating, `negatives` items the user did not rate become
//! 0s — drawn uniformly among the items with training ratings, so that items the training data
//! never saw (a cold-start protocol's withheld movies) are not taught as unwatched.

use recsys_core::sampling::NegativeSampler;
use recsys_core::{DuplicatePolicy, Interaction, Interactions, WrapsCore};

use crate::error::FmError;
use crate::random::stream_rng;

/// The random streams of the negatives: one per user, apart from the chain's iterations.
const STREAM_BASE: u64 = 1 << 62;

/// `train`'s ratings as 1s plus `negatives` sampled 0s per rating, over `train`'s index spaces.
/// The 0s come from the core's [`NegativeSampler`] over `train` with the items without training
/// ratings left out, user `u`'s from stream `(seed, 2⁶² + u)`; a negative drawn twice is kept
/// once. A user who rated every item with training ratings gets no negatives.
pub(super) fn one_class(
    train: &Interactions,
    negatives: usize,
    seed: u64,
) -> Result<Interactions, FmError> {
    let unseen: Vec<u32> = train
        .item_counts()
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == 0)
        .map(|(i, _)| i as u32)
        .collect();
    let sampler = NegativeSampler::new(&[train])?.without_items(&unseen)?;
    let total = train.nnz().saturating_mul(negatives + 1);
    let mut entries = Vec::with_capacity(total);
    let cell = |user, item, rating| Interaction {
        user,
        item,
        rating,
        timestamp: 0,
    };
    let mut drawn = Vec::new();
    for u in 0..train.n_users() as u32 {
        let rated = train.user_items(u);
        entries.extend(rated.iter().map(|&i| cell(u, i, 1.0)));
        if rated.is_empty() || sampler.n_negatives(u) == 0 {
            continue;
        }
        let mut rng = stream_rng(seed, STREAM_BASE + u64::from(u));
        drawn.resize(rated.len() * negatives, 0);
        sampler.sample_into(u, &mut rng, &mut drawn)?;
        entries.extend(drawn.iter().map(|&j| cell(u, j, 0.0)));
    }
    if entries.is_empty() {
        return Err(FmError::empty("no training ratings to draw negatives for"));
    }
    Ok(Interactions::from_parts(
        train.shared_users(),
        train.shared_items(),
        entries,
        DuplicatePolicy::KeepLast,
        false,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::InteractionsBuilder;

    #[test]
    fn positives_stay_and_negatives_are_unrated_items_with_ratings() {
        let mut b = InteractionsBuilder::new();
        for (u, i) in [(1, 10), (1, 11), (2, 12), (3, 10), (3, 13)] {
            b.push(u, i, 4.0, None).unwrap();
        }
        // item 99 is in the index space without ratings (a withheld movie)
        b.push(4, 99, 1.0, None).unwrap();
        let all = b.build(DuplicatePolicy::Error).unwrap();
        let i99 = all.item_index(99).unwrap();
        let train = all.filter(|e| e.item != i99);
        let oc = one_class(&train, 2, 7).unwrap();
        assert!(oc.same_index_space(&train));
        for e in train.iter() {
            assert_eq!(oc.rating(e.user, e.item), Some(1.0));
        }
        let zeros: Vec<_> = oc.iter().filter(|e| e.rating == 0.0).collect();
        assert!(!zeros.is_empty());
        for e in &zeros {
            assert!(!train.contains(e.user, e.item));
            assert_ne!(e.item, i99);
        }
        // the same seed draws the same negatives
        let again = one_class(&train, 2, 7).unwrap();
        assert_eq!(
            oc.iter().collect::<Vec<_>>(),
            again.iter().collect::<Vec<_>>()
        );
    }
}
