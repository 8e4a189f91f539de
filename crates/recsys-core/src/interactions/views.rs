//! Borrowed views of an [`Interactions`](super::Interactions): one user's [`Row`], and the
//! ratings by item ([`ByItem`]).

use super::{Interactions, SparseMatrix};

/// One user's ratings, sorted by item index.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Item indices, ascending.
    pub items: &'a [u32],
    /// Ratings, aligned with `items`.
    pub ratings: &'a [f32],
    /// Timestamps, aligned with `items`.
    pub timestamps: &'a [u32],
}

impl Row<'_> {
    /// Number of ratings in the row.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// Whether the row is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Ratings by item (compressed sparse columns).
#[derive(Debug, Clone)]
pub struct ByItem {
    csc: SparseMatrix,
}

impl ByItem {
    /// The users who rated item `i` (ascending) and their ratings; empty when out of range.
    pub fn item(&self, i: u32) -> (&[u32], &[f32]) {
        let i = i as usize;
        if i >= self.csc.cols() {
            return (&[], &[]);
        }
        let ip = self.csc.indptr();
        let (a, b) = (ip.index(i), ip.index(i + 1));
        (&self.csc.indices()[a..b], &self.csc.data()[a..b])
    }

    /// The CSC matrix (users × items, column storage).
    pub fn matrix(&self) -> &SparseMatrix {
        &self.csc
    }
}

impl Interactions {
    /// Ratings by item: compressed columns, built in O(nnz).
    pub fn by_item(&self) -> ByItem {
        let csc = self.matrix.to_other_storage();
        ByItem { csc }
    }
}
