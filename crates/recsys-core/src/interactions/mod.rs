//! The user–item interaction matrix: dense indices, ratings, timestamps, compressed rows.

use std::sync::Arc;

use sprs::CsMatI;

use crate::error::{CoreError, Result};
use crate::ids::{IdMap, RawId};

mod builder;
mod duplicates;
mod from_parts;
mod from_rows;
mod grow;
mod subsets;
mod views;

pub use builder::InteractionsBuilder;
pub use duplicates::DuplicatePolicy;
pub use grow::{Grown, RawRating};
pub use views::{ByItem, Row};

/// The compressed sparse matrix type used throughout: `f32` values, `u32` indices.
pub type SparseMatrix = CsMatI<f32, u32, usize>;

/// One rating (or interaction) in dense indices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interaction {
    /// Dense user index.
    pub user: u32,
    /// Dense item index.
    pub item: u32,
    /// The rating (1.0 for implicit feedback).
    pub rating: f32,
    /// Seconds since the Unix epoch; 0 when the source has no timestamps.
    pub timestamp: u32,
}

/// Ratings by user in compressed sparse rows (CSR), with timestamps, over a user and an item
/// index space that splits of the same data share.
///
/// Memory: 12 bytes per rating (item `u32`, rating `f32`, timestamp `u32`) plus one `usize` per
/// user and the id maps. Rows are sorted by item index; there is at most one rating per pair
/// (see [`DuplicatePolicy`]). Users or items of the index space may have no ratings here (a test
/// split's users, say).
#[derive(Debug, Clone)]
pub struct Interactions {
    users: Arc<IdMap>,
    items: Arc<IdMap>,
    matrix: SparseMatrix,
    timestamps: Vec<u32>,
    has_timestamps: bool,
    duplicates_merged: usize,
}

impl Interactions {
    /// Number of users in the index space (including users without ratings here).
    pub fn n_users(&self) -> usize {
        self.users.len()
    }

    /// Number of items in the index space (including items without ratings here).
    pub fn n_items(&self) -> usize {
        self.items.len()
    }

    /// Number of ratings.
    pub fn nnz(&self) -> usize {
        self.matrix.nnz()
    }

    /// Whether there are no ratings.
    pub fn is_empty(&self) -> bool {
        self.nnz() == 0
    }

    /// Whether the source had timestamps.
    pub fn has_timestamps(&self) -> bool {
        self.has_timestamps
    }

    /// How many duplicate ratings were merged away when building.
    pub fn duplicates_merged(&self) -> usize {
        self.duplicates_merged
    }

    /// The user id map.
    pub fn users(&self) -> &IdMap {
        &self.users
    }

    /// The item id map.
    pub fn items(&self) -> &IdMap {
        &self.items
    }

    /// The shared user map (for building other matrices over the same index space).
    pub fn shared_users(&self) -> Arc<IdMap> {
        Arc::clone(&self.users)
    }

    /// The shared item map.
    pub fn shared_items(&self) -> Arc<IdMap> {
        Arc::clone(&self.items)
    }

    /// Whether `other` uses the very same index space (same maps).
    pub fn same_index_space(&self, other: &Interactions) -> bool {
        (Arc::ptr_eq(&self.users, &other.users) || self.users == other.users)
            && (Arc::ptr_eq(&self.items, &other.items) || self.items == other.items)
    }

    /// The CSR matrix (users × items).
    pub fn matrix(&self) -> &SparseMatrix {
        &self.matrix
    }

    /// Timestamps aligned with the CSR data.
    pub fn timestamps(&self) -> &[u32] {
        &self.timestamps
    }

    /// User `u`'s ratings; an empty row for an index out of range.
    pub fn row(&self, u: u32) -> Row<'_> {
        let u = u as usize;
        if u >= self.n_users() {
            return Row {
                items: &[],
                ratings: &[],
                timestamps: &[],
            };
        }
        let ip = self.matrix.indptr();
        let (a, b) = (ip.index(u), ip.index(u + 1));
        Row {
            items: &self.matrix.indices()[a..b],
            ratings: &self.matrix.data()[a..b],
            timestamps: &self.timestamps[a..b],
        }
    }

    /// The items user `u` rated, ascending.
    pub fn user_items(&self, u: u32) -> &[u32] {
        self.row(u).items
    }

    /// Whether user `u` rated item `i`.
    pub fn contains(&self, u: u32, i: u32) -> bool {
        self.user_items(u).binary_search(&i).is_ok()
    }

    /// User `u`'s rating of item `i`.
    pub fn rating(&self, u: u32, i: u32) -> Option<f32> {
        let r = self.row(u);
        r.items.binary_search(&i).ok().map(|k| r.ratings[k])
    }

    /// The rating of raw user `user` for raw item `item`.
    pub fn rating_raw(&self, user: RawId, item: RawId) -> Option<f32> {
        self.rating(self.users.index(user)?, self.items.index(item)?)
    }

    /// Dense index of a raw user id, or [`CoreError::UnknownId`].
    pub fn user_index(&self, user: RawId) -> Result<u32> {
        self.users.index(user).ok_or(CoreError::UnknownId {
            kind: "user",
            id: user,
        })
    }

    /// Dense index of a raw item id, or [`CoreError::UnknownId`].
    pub fn item_index(&self, item: RawId) -> Result<u32> {
        self.items.index(item).ok_or(CoreError::UnknownId {
            kind: "item",
            id: item,
        })
    }

    /// All ratings in (user, item) order.
    pub fn iter(&self) -> impl Iterator<Item = Interaction> + '_ {
        (0..self.n_users() as u32).flat_map(move |u| {
            let r = self.row(u);
            (0..r.len()).map(move |k| Interaction {
                user: u,
                item: r.items[k],
                rating: r.ratings[k],
                timestamp: r.timestamps[k],
            })
        })
    }

    /// Number of ratings per user.
    pub fn user_counts(&self) -> Vec<u32> {
        let ip = self.matrix.indptr();
        (0..self.n_users())
            .map(|u| (ip.index(u + 1) - ip.index(u)) as u32)
            .collect()
    }

    /// Number of ratings per item.
    pub fn item_counts(&self) -> Vec<u32> {
        let mut c = vec![0u32; self.n_items()];
        for &i in self.matrix.indices() {
            c[i as usize] += 1;
        }
        c
    }

    /// Mean rating, `None` when empty.
    pub fn global_mean(&self) -> Option<f64> {
        if self.is_empty() {
            return None;
        }
        let s: f64 = self.matrix.data().iter().map(|&r| f64::from(r)).sum();
        Some(s / self.nnz() as f64)
    }

    /// Bytes held by the matrix and timestamps (not the id maps).
    pub fn memory_bytes(&self) -> usize {
        self.matrix.indptr().len() * std::mem::size_of::<usize>() + self.nnz() * (4 + 4 + 4)
    }
}
