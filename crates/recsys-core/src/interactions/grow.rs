//! [`Interactions::with_ratings`]: the data grown by new ratings, every existing index kept.

use std::sync::Arc;

use super::{DuplicatePolicy, Interaction, Interactions};
use crate::error::{CoreError, Result};
use crate::ids::RawId;

/// A new rating by raw ids: `(user, item, rating, timestamp)`.
pub type RawRating = (RawId, RawId, f32, Option<u32>);

/// The data grown by new ratings, and who they touched.
#[derive(Debug, Clone)]
pub struct Grown {
    /// The old ratings and the new ones; a pair rated again holds the new rating.
    pub data: Interactions,
    /// The dense users with a new rating, ascending.
    pub users: Vec<u32>,
    /// The dense items with a new rating, ascending.
    pub items: Vec<u32>,
}

impl Interactions {
    /// These ratings plus `new` ones by raw ids. Existing users and items keep their indices
    /// (so a model fitted on `self` still lines up with the result); new ids take the next
    /// indices in order of appearance. A pair that is already rated takes the new rating,
    /// whatever the timestamps; a pair given twice in `new` keeps the later timestamp (the
    /// last given among equals).
    ///
    /// Errors: a rating that is not finite, or more ids than `u32` indexes.
    ///
    /// ```
    /// use recsys_core::{InteractionsBuilder, DuplicatePolicy};
    /// let mut b = InteractionsBuilder::new();
    /// b.push(7, 100, 4.0, None)?;
    /// let m = b.build(DuplicatePolicy::KeepLast)?;
    /// let g = m.with_ratings(&[(7, 200, 5.0, None), (8, 100, 3.0, None), (7, 100, 2.0, None)])?;
    /// assert_eq!((g.data.n_users(), g.data.n_items(), g.data.nnz()), (2, 2, 3));
    /// assert_eq!(g.data.rating_raw(7, 100), Some(2.0)); // rated again
    /// assert_eq!(g.data.user_index(7)?, 0); // kept
    /// assert_eq!((g.users, g.items), (vec![0, 1], vec![0, 1]));
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn with_ratings(&self, new: &[RawRating]) -> Result<Grown> {
        let mut users = (*self.shared_users()).clone();
        let mut items = (*self.shared_items()).clone();
        let mut added: Vec<Interaction> = Vec::with_capacity(new.len());
        let (mut touched_u, mut touched_i) = (Vec::new(), Vec::new());
        for &(u, i, r, t) in new {
            if !r.is_finite() {
                return Err(CoreError::param(
                    "rating",
                    format!("user {u}, item {i}: {r} is not finite"),
                ));
            }
            let (du, di) = (users.get_or_insert(u)?, items.get_or_insert(i)?);
            touched_u.push(du);
            touched_i.push(di);
            added.push(Interaction {
                user: du,
                item: di,
                rating: r,
                timestamp: t.unwrap_or(0),
            });
        }
        // a pair rated again: the old rating goes
        let again: std::collections::HashSet<(u32, u32)> =
            added.iter().map(|e| (e.user, e.item)).collect();
        let mut entries: Vec<Interaction> = self
            .iter()
            .filter(|e| !again.contains(&(e.user, e.item)))
            .collect();
        entries.extend(added);
        for v in [&mut touched_u, &mut touched_i] {
            v.sort_unstable();
            v.dedup();
        }
        let ts = self.has_timestamps() || new.iter().any(|n| n.3.is_some());
        let data = Interactions::from_parts(
            Arc::new(users),
            Arc::new(items),
            entries,
            DuplicatePolicy::KeepLast,
            ts,
        )?;
        Ok(Grown {
            data,
            users: touched_u,
            items: touched_i,
        })
    }
}
