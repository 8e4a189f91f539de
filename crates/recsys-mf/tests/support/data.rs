//! Small interaction matrices for the tests (`tests/als.rs` and `tests/svd.rs` include this file
//! as a module).

use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};

/// The interactions of `(user, item, rating)` triples, without timestamps.
pub fn ratings(triples: &[(u64, u64, f32)]) -> Interactions {
    let mut b = InteractionsBuilder::new();
    for &(u, i, r) in triples {
        b.push(u, i, r, None).unwrap();
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}
