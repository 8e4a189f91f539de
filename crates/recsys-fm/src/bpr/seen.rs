//! Which (user, item) pairs the training data holds, for verifying sampled negatives: a bitset
//! of `users × items` bits where it is small (one memory access a check), else the training
//! data's per-user binary search. Both answer the same, so the model does not depend on which.

use recsys_core::Interactions;

/// The largest bitset built, in bits (2^28 bits, 32 MiB).
const MAX_BITS: usize = 1 << 28;

/// The training pairs, for `contains` checks.
pub(super) struct Seen<'a> {
    /// The training data (the fallback).
    train: &'a Interactions,
    /// Bit `u·n_items + i` is set when user `u` has item `i`; empty when too large.
    bits: Vec<u64>,
    /// Items per bitset row.
    n_items: usize,
}

impl<'a> Seen<'a> {
    /// The pairs of `train`, as a bitset when `n_users × n_items ≤ 2^28`.
    pub(super) fn new(train: &'a Interactions) -> Self {
        let n_items = train.n_items();
        let size = train.n_users().saturating_mul(n_items);
        let mut bits = Vec::new();
        if size <= MAX_BITS {
            bits = vec![0u64; size.div_ceil(64)];
            for x in train.iter() {
                let at = x.user as usize * n_items + x.item as usize;
                bits[at / 64] |= 1 << (at % 64);
            }
        }
        Self {
            train,
            bits,
            n_items,
        }
    }

    /// Asks for the bitset word of `(u, i)` ahead of a [`Seen::contains`] check (nothing
    /// without the bitset).
    #[inline]
    pub(super) fn prefetch(&self, u: u32, i: u32) {
        let at = (u as usize * self.n_items + i as usize) / 64;
        if let Some(word) = self.bits.get(at..=at) {
            recsys_core::simd::prefetch(word);
        }
    }

    /// Whether user `u` has item `i` in the training data.
    #[inline]
    pub(super) fn contains(&self, u: u32, i: u32) -> bool {
        if self.bits.is_empty() {
            return self.train.contains(u, i);
        }
        let at = u as usize * self.n_items + i as usize;
        self.bits
            .get(at / 64)
            .is_some_and(|w| w & (1 << (at % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder};

    #[test]
    fn the_bitset_answers_as_the_data_does() {
        let mut b = InteractionsBuilder::new();
        for u in 0..13u64 {
            for i in 0..11u64 {
                if (u * 3 + i) % 4 == 0 {
                    b.push(u, i, 1.0, None).unwrap();
                }
            }
        }
        let train = b.build(DuplicatePolicy::KeepLast).unwrap();
        let seen = Seen::new(&train);
        assert!(!seen.bits.is_empty());
        let mut hits = 0;
        for u in 0..train.n_users() as u32 {
            for i in 0..train.n_items() as u32 {
                assert_eq!(seen.contains(u, i), train.contains(u, i), "{u} {i}");
                hits += usize::from(seen.contains(u, i));
            }
        }
        assert_eq!(hits, train.nnz());
    }
}
