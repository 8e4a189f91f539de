//! [`Rp3Beta`]: a fitted RP3beta model.

use super::Rp3BetaParams;
use crate::topn::item_item::item_item_model;

item_item_model!(
    /// A fitted RP3beta model: each item's `k` strongest random-walk successors (popularity
    /// penalized, row sums 1) and the users' training histories.
    Rp3Beta,
    Rp3BetaParams,
    "rp3beta"
);
