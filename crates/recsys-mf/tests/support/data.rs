//! Small interaction matrices for the tests (`tests/als.rs` and `tests/svd.rs` include this file
//! as a module).

use recsys_core::Interactions;

/// The interactions of `(user, item, rating)` triples, without timestamps.
pub fn ratings(triples: &[(u64, u64, f32)]) -> Interactions {
    Interactions::from_ratings(triples.iter().copied()).unwrap()
}
