//! The two-group data of the NCF tests (`tests/ncf.rs` and `tests/fold_in.rs` include this file
//! as a module).

use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};

/// Two groups of 40 users over 40 items: users of group g interact with 8 of the 20 items of
/// their group (timestamps increasing), so the held-out latest item is one of their group's.
pub fn groups() -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for u in 0..80u64 {
        let g = u % 2;
        let mut seen = Vec::new();
        while seen.len() < 8 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = g * 20 + x % 20;
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        for (t, &i) in seen.iter().enumerate() {
            b.push(u, i, 1.0, Some(t as u32)).unwrap();
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}
