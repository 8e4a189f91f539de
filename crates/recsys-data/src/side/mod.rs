//! Side features of the datasets: what they know of users and movies beyond the ratings, as the
//! core's [`SideFeatures`](recsys_core::side::SideFeatures) keyed by raw id, for any model that
//! reads side features (the factorization machines of `recsys-fm`).
//!
//! - [`CatalogItemFeatures`]: a catalog's genres, release decades and TMDB keywords per movie.
//! - [`ml100k_side_features`]: ml-100k's `u.user` and `u.item` columns, the way myFM's ml-100k
//!   example encodes them.

mod catalog;
mod ml100k;

pub use catalog::{CatalogItemFeatures, MIN_KEYWORD_MOVIES, MovieRow};
pub use ml100k::{AGE_BOUNDS, ml100k_side_features};

use std::collections::HashMap;
use std::hash::Hash;

/// The sorted distinct values of `values` and each value's column.
fn vocabulary<T: Ord + Clone + Hash>(values: impl Iterator<Item = T>) -> (Vec<T>, HashMap<T, u32>) {
    let mut v: Vec<T> = values.collect();
    v.sort();
    v.dedup();
    let index = v
        .iter()
        .enumerate()
        .map(|(i, x)| (x.clone(), i as u32))
        .collect();
    (v, index)
}
