//! [`ItemKnn`]: a fitted item-based k-NN model.

use super::ItemKnnParams;
use crate::topn::item_item::item_item_model;

item_item_model!(
    /// A fitted item-based k-NN model: each item's `k` most similar items and the users'
    /// training histories. A user's score for item `j` is `Σ_{i ∈ I_u} x_ui · sim(i, j)` over
    /// the items `i` that keep `j` among their neighbours, as implicit's `recommend` sums it.
    ItemKnn,
    ItemKnnParams,
    "item-knn"
);
