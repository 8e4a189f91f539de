//! Keyed random streams: one generator per `(seed, entity, epoch)`, so that what an entity (a
//! user, a block of users, a Gibbs iteration) draws in an epoch depends on those three numbers
//! only, never on which thread draws it or in what order. The key is mixed by a chain of
//! SplitMix64 finalizers (a counter-based derivation: no state is carried from one key to the
//! next), and the stream itself is a [`Xoshiro256PlusPlus`] seeded from the mixed key.
//!
//! ```
//! use rand::RngExt;
//! use recsys_core::random::{stream_rng, stream_seed};
//! let a: u64 = stream_rng(42, 7, 3).random();
//! assert_eq!(a, stream_rng(42, 7, 3).random::<u64>(), "a key gives one stream");
//! assert_ne!(stream_seed(42, 7, 3), stream_seed(42, 3, 7), "entity and epoch are not symmetric");
//! ```

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The SplitMix64 finalizer (Steele, Lea & Flood 2014) of `z` plus the golden-ratio increment.
pub(crate) fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of the stream of `entity` in `epoch` under `seed`.
pub fn stream_seed(seed: u64, entity: u64, epoch: u64) -> u64 {
    splitmix(splitmix(splitmix(seed) ^ epoch) ^ entity)
}

/// The generator of `entity` in `epoch` under `seed` (see the module documentation).
pub fn stream_rng(seed: u64, entity: u64, epoch: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(stream_seed(seed, entity, epoch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_distinct_seeds() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..8 {
            for entity in 0..64 {
                for epoch in 0..8 {
                    assert!(seen.insert(stream_seed(seed, entity, epoch)));
                }
            }
        }
    }
}
