//! [`FoldInSampler`]: the random draws of the ranking models' fold-ins (`bpr`, `fm-warp` and
//! the ranking FM): each epoch's order of the history, and negatives drawn uniformly over the
//! items not in it, seeded by the model's seed and the history's items.

use rand::RngExt;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256PlusPlus;
use recsys_core::Result;
use recsys_core::sampling::nth_missing;
use recsys_core::traits::{FoldedUser, checked_history};

use crate::random::stream_rng;

/// The stream of a fold-in's draws: apart from every stream of the fits.
const FOLD_IN_STREAM: u64 = 0xF01D_0000_0000_0000;

/// The draws of one fold-in: a history folds in to the same bits every time, whatever its
/// order, and a different history gets other draws.
pub(crate) struct FoldInSampler {
    /// The history's items, ascending.
    seen: Vec<u32>,
    /// The history's items, in the current epoch's order.
    order: Vec<u32>,
    /// The number of items not in the history: the negatives.
    unseen: usize,
    rng: Xoshiro256PlusPlus,
}

impl FoldInSampler {
    /// The sampler of the history `seen` (ascending, distinct) among `n_items` items under
    /// `seed`; `None` when there is nothing to learn from: an empty history, or one that holds
    /// every item (no negative).
    pub(crate) fn new(seed: u64, seen: &[u32], n_items: usize) -> Option<Self> {
        let unseen = n_items.checked_sub(seen.len())?;
        if seen.is_empty() || unseen == 0 {
            return None;
        }
        // FNV-1a over the history's items
        let key = seen.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &i| {
            (h ^ u64::from(i)).wrapping_mul(0x0000_0100_0000_01B3)
        });
        Some(Self {
            seen: seen.to_vec(),
            order: seen.to_vec(),
            unseen,
            rng: stream_rng(seed, FOLD_IN_STREAM ^ key),
        })
    }

    /// The history shuffled for the next epoch.
    pub(crate) fn epoch(&mut self) -> Vec<u32> {
        self.order.shuffle(&mut self.rng);
        self.order.clone()
    }

    /// A negative: an item not in the history, uniformly.
    pub(crate) fn negative(&mut self) -> u32 {
        // the negative's rank among the unseen items, drawn as a `usize`
        let r = self.rng.random_range(0..self.unseen);
        nth_missing(&self.seen, r as u32)
    }
}

/// The ranking models' [`FoldIn::fold_in`](recsys_core::traits::FoldIn::fold_in): `history`
/// checked against `n_items` items, its items (every one a positive, whatever its value) given
/// to `state` ascending.
pub(crate) fn fold_in_positives(
    history: &[(u32, f32)],
    n_items: usize,
    state: impl FnOnce(&[u32]) -> Vec<f32>,
) -> Result<FoldedUser> {
    let seen: Vec<u32> = checked_history(history, n_items)?
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    Ok(FoldedUser {
        state: state(&seen),
        seen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negatives_avoid_the_history_and_orders_permute_it() {
        let seen = [1, 4, 5];
        let mut s = FoldInSampler::new(7, &seen, 8).unwrap();
        let mut hit = [0; 8];
        for _ in 0..400 {
            hit[s.negative() as usize] += 1;
        }
        assert!(seen.iter().all(|&i| hit[i as usize] == 0));
        assert!([0, 2, 3, 6, 7].iter().all(|&i| hit[i] > 40));
        let mut order = s.epoch();
        order.sort_unstable();
        assert_eq!(order, seen);
        assert!(FoldInSampler::new(7, &[], 8).is_none());
        assert!(FoldInSampler::new(7, &[0, 1], 2).is_none());
    }
}
