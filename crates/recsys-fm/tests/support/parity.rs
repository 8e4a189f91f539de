//! The parity data of the Bayesian FM tests (`tests/bfm.rs` and `tests/fold_in.rs` include this
//! file as a module).

use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};

/// 30 users × 20 items: users of one gender (even ids) rate the even items 5 and the odd ones
/// 1, the others the reverse; about 60% of the pairs are rated.
pub fn ratings() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..30u64 {
        for i in 0..20u64 {
            if (u * 7 + i * 3) % 5 < 3 {
                let r = if u % 2 == i % 2 { 5.0 } else { 1.0 };
                b.push(u, i, r, None).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}
