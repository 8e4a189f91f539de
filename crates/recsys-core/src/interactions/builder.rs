//! [`InteractionsBuilder`]: ratings streamed in raw ids, built into [`Interactions`].

use std::sync::Arc;

use super::{DuplicatePolicy, Interaction, Interactions};
use crate::error::{CoreError, Result};
use crate::ids::{IdMap, RawId};

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
