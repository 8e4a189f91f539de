//! Random ratings for the neighbourhood tests (`tests/fold_in.rs` and `tests/partial_fit.rs`
//! include this file as a module).

use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};

/// `users` × `items` with about 30% of the cells rated 1..5, drawn by a xorshift generator
/// from `seed` (non-zero).
pub fn ratings(users: u64, items: u64, seed: u64) -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut x = seed;
    for u in 0..users {
        for i in 0..items {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x % 10 < 3 {
                b.push(u, i, 1.0 + ((x >> 9) % 5) as f32, None).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}
