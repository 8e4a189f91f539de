//! [`Interactions::from_parts`]: dense-index entries sorted, merged and compressed into rows.

use std::sync::Arc;

use super::duplicates::merge_run;
use super::{DuplicatePolicy, Interaction, Interactions, SparseMatrix};
use crate::error::{CoreError, Result};
use crate::ids::IdMap;

/// How many consumed entries [`Interactions::from_parts`] lets pile up before returning their
/// memory.
const SHRINK_EVERY: usize = 1 << 21;

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
}
