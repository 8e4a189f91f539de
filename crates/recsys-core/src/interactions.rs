//! The user–item interaction matrix: dense indices, ratings, timestamps, compressed rows.

use std::sync::Arc;

use sprs::CsMatI;

use crate::error::{CoreError, Result};
use crate::ids::{IdMap, RawId};

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

/// What to do when a (user, item) pair occurs more than once.
///
/// MovieLens files have no duplicates; logs and scraped data do. The default keeps the most recent
/// rating, as a user's latest opinion is the one a recommender should learn from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Keep the rating with the latest timestamp; among equal timestamps, the one read last.
    #[default]
    KeepLast,
    /// Keep the rating with the earliest timestamp; among equal timestamps, the one read first.
    KeepFirst,
    /// Keep the mean of the ratings, with the latest timestamp.
    Mean,
    /// Reject the data with [`CoreError::Duplicate`].
    Error,
}

/// Streams ratings in raw ids and builds [`Interactions`].
///
/// ```
/// use recsys_core::{InteractionsBuilder, DuplicatePolicy};
/// let mut b = InteractionsBuilder::new();
/// b.push(10, 100, 4.0, Some(5))?;
/// b.push(10, 200, 3.0, Some(6))?;
/// b.push(20, 100, 5.0, Some(7))?;
/// b.push(10, 100, 2.0, Some(9))?; // duplicate: the later one wins by default
/// let m = b.build(DuplicatePolicy::KeepLast)?;
/// assert_eq!((m.n_users(), m.n_items(), m.nnz()), (2, 2, 3));
/// assert_eq!(m.rating_raw(10, 100), Some(2.0));
/// assert_eq!(m.duplicates_merged(), 1);
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct InteractionsBuilder {
    users: IdMap,
    items: IdMap,
    entries: Vec<Interaction>,
    has_timestamps: bool,
}

impl InteractionsBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty builder with room for `n` ratings.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            entries: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// Adds a rating. Non-finite ratings are rejected.
    pub fn push(
        &mut self,
        user: RawId,
        item: RawId,
        rating: f32,
        timestamp: Option<u32>,
    ) -> Result<()> {
        if !rating.is_finite() {
            return Err(CoreError::param(
                "rating",
                format!("{rating} is not finite"),
            ));
        }
        let user = self.users.get_or_insert(user)?;
        let item = self.items.get_or_insert(item)?;
        self.has_timestamps |= timestamp.is_some();
        self.entries.push(Interaction {
            user,
            item,
            rating,
            timestamp: timestamp.unwrap_or(0),
        });
        Ok(())
    }

    /// Number of ratings pushed and not yet taken.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no ratings are pending.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Takes the ratings pushed so far, keeping the id maps: lets several files (a training and a
    /// test file) share one index space. Build each part with [`Interactions::from_parts`].
    pub fn take_entries(&mut self) -> Vec<Interaction> {
        std::mem::take(&mut self.entries)
    }

    /// Whether any pushed rating had a timestamp.
    pub fn has_timestamps(&self) -> bool {
        self.has_timestamps
    }

    /// The user and item maps, shared.
    pub fn into_maps(self) -> (Arc<IdMap>, Arc<IdMap>) {
        (Arc::new(self.users), Arc::new(self.items))
    }

    /// Builds the matrix of everything pushed.
    pub fn build(mut self, policy: DuplicatePolicy) -> Result<Interactions> {
        let entries = self.take_entries();
        let ts = self.has_timestamps;
        let (users, items) = self.into_maps();
        Interactions::from_parts(users, items, entries, policy, ts)
    }
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

impl Interactions {
    /// Builds from dense-index entries over the given maps, merging duplicates by `policy`.
    ///
    /// Errors if an entry's index lies outside its map or a rating is not finite.
    pub fn from_parts(
        users: Arc<IdMap>,
        items: Arc<IdMap>,
        mut entries: Vec<Interaction>,
        policy: DuplicatePolicy,
        has_timestamps: bool,
    ) -> Result<Self> {
        let n_users = users.len();
        let n_items = items.len();
        for e in &entries {
            if e.user as usize >= n_users || e.item as usize >= n_items {
                return Err(CoreError::param(
                    "entries",
                    format!("index ({}, {}) outside {n_users}×{n_items}", e.user, e.item),
                ));
            }
            if !e.rating.is_finite() {
                return Err(CoreError::param(
                    "rating",
                    format!("{} is not finite", e.rating),
                ));
            }
        }
        // A stable sort by (user, item) in place, so duplicates keep their input order for the
        // policy. The rows are then emitted from the last entry backwards while `entries` is
        // truncated and, every few million entries, shrunk: the entries' 16 bytes and the
        // matrix's 12 bytes per rating never coexist in full, and the peak stays near the
        // entries' own size (plus the sort's scratch of half of it).
        entries.sort_by_key(|e| (e.user, e.item));
        let n = entries.len();
        let mut indices = Vec::with_capacity(n);
        let mut data = Vec::with_capacity(n);
        let mut timestamps = Vec::with_capacity(n);
        let mut row_len = vec![0usize; n_users];
        let mut merged = 0usize;
        let mut since_shrink = 0usize;
        while let Some(&last) = entries.last() {
            let end = entries.len();
            let mut start = end - 1;
            while start > 0
                && entries[start - 1].user == last.user
                && entries[start - 1].item == last.item
            {
                start -= 1;
            }
            let kept = if end - start == 1 {
                last
            } else {
                merged += end - start - 1;
                merge_run(&entries[start..end], policy, &users, &items)?
            };
            indices.push(kept.item);
            data.push(kept.rating);
            timestamps.push(kept.timestamp);
            row_len[kept.user as usize] += 1;
            since_shrink += end - start;
            entries.truncate(start);
            if since_shrink >= SHRINK_EVERY {
                entries.shrink_to_fit();
                since_shrink = 0;
            }
        }
        drop(entries);
        indices.reverse();
        data.reverse();
        timestamps.reverse();
        let mut indptr = Vec::with_capacity(n_users + 1);
        indptr.push(0usize);
        let mut total = 0usize;
        for len in row_len {
            total += len;
            indptr.push(total);
        }
        let matrix = SparseMatrix::try_new((n_users, n_items), indptr, indices, data)
            .map_err(|(_, _, _, e)| CoreError::param("entries", e.to_string()))?;
        Ok(Self {
            users,
            items,
            matrix,
            timestamps,
            has_timestamps,
            duplicates_merged: merged,
        })
    }

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

    /// Ratings by item: compressed columns, built in O(nnz).
    pub fn by_item(&self) -> ByItem {
        let csc = self.matrix.to_other_storage();
        ByItem { csc }
    }

    /// The ratings for which `keep` holds, over the same index space.
    pub fn filter(&self, mut keep: impl FnMut(&Interaction) -> bool) -> Interactions {
        let entries: Vec<Interaction> = self.iter().filter(|e| keep(e)).collect();
        self.with_entries(entries)
    }

    /// Ratings selected by position in [`Interactions::iter`] order (`mask.len() == nnz`).
    pub fn select(&self, mask: &[bool]) -> Result<Interactions> {
        if mask.len() != self.nnz() {
            return Err(CoreError::param(
                "mask",
                format!("length {} differs from {} ratings", mask.len(), self.nnz()),
            ));
        }
        let entries: Vec<Interaction> = self
            .iter()
            .zip(mask)
            .filter(|(_, k)| **k)
            .map(|(e, _)| e)
            .collect();
        Ok(self.with_entries(entries))
    }

    /// The implicit view: ratings `>= threshold` become 1.0, the others are dropped.
    ///
    /// ```
    /// # use recsys_core::{InteractionsBuilder, DuplicatePolicy};
    /// let mut b = InteractionsBuilder::new();
    /// b.push(1, 1, 4.0, None)?;
    /// b.push(1, 2, 2.0, None)?;
    /// let m = b.build(DuplicatePolicy::KeepLast)?.implicit(3.5);
    /// assert_eq!(m.nnz(), 1);
    /// assert_eq!(m.rating_raw(1, 1), Some(1.0));
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn implicit(&self, threshold: f32) -> Interactions {
        let entries = self
            .iter()
            .filter(|e| e.rating >= threshold)
            .map(|e| Interaction { rating: 1.0, ..e })
            .collect();
        self.with_entries(entries)
    }

    /// Bytes held by the matrix and timestamps (not the id maps).
    pub fn memory_bytes(&self) -> usize {
        self.matrix.indptr().len() * std::mem::size_of::<usize>() + self.nnz() * (4 + 4 + 4)
    }

    /// A matrix over the same index space from entries already unique and valid.
    fn with_entries(&self, entries: Vec<Interaction>) -> Interactions {
        // Entries come from this matrix: unique pairs and in-range indices, so this cannot fail.
        match Interactions::from_parts(
            self.shared_users(),
            self.shared_items(),
            entries,
            DuplicatePolicy::KeepLast,
            self.has_timestamps,
        ) {
            Ok(m) => m,
            Err(_) => unreachable!("entries of a valid matrix are valid"),
        }
    }
}

/// How many consumed entries [`Interactions::from_parts`] lets pile up before returning their
/// memory.
const SHRINK_EVERY: usize = 1 << 21;

fn merge_run(
    run: &[Interaction],
    policy: DuplicatePolicy,
    users: &IdMap,
    items: &IdMap,
) -> Result<Interaction> {
    Ok(match policy {
        DuplicatePolicy::KeepLast => {
            // max timestamp, the last one among equals
            let mut best = run[0];
            for e in &run[1..] {
                if e.timestamp >= best.timestamp {
                    best = *e;
                }
            }
            best
        }
        DuplicatePolicy::KeepFirst => {
            let mut best = run[0];
            for e in &run[1..] {
                if e.timestamp < best.timestamp {
                    best = *e;
                }
            }
            best
        }
        DuplicatePolicy::Mean => {
            let sum: f64 = run.iter().map(|e| f64::from(e.rating)).sum();
            let ts = run.iter().map(|e| e.timestamp).max().unwrap_or(0);
            Interaction {
                rating: (sum / run.len() as f64) as f32,
                timestamp: ts,
                ..run[0]
            }
        }
        DuplicatePolicy::Error => {
            return Err(CoreError::Duplicate {
                user: users.raw(run[0].user).unwrap_or(u64::from(run[0].user)),
                item: items.raw(run[0].item).unwrap_or(u64::from(run[0].item)),
            });
        }
    })
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
