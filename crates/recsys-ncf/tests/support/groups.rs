//! The two-group data of the NCF tests (`tests/ncf.rs` and `tests/fold_in.rs` include this file
//! as a module).

use recsys_core::Interactions;

/// Two groups of 40 users over 40 items: users of group g interact with 8 of the 20 items of
/// their group (timestamps increasing), so the held-out latest item is one of their group's
/// ([`recsys_testkit::two_groups`]).
pub fn groups() -> Interactions {
    recsys_testkit::two_groups(80, 0x2545_F491_4F6C_DD1D, 1.0)
}
