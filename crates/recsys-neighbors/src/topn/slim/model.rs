//! [`Slim`]: a fitted SLIM model.

use super::SlimParams;
use crate::topn::item_item::item_item_model;

item_item_model!(
    /// A fitted SLIM model: the sparse non-negative item × item weights (at most `k` per
    /// predicted item) and the users' training histories.
    Slim,
    SlimParams,
    "slim"
);
