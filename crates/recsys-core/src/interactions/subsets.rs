//! Matrices derived from an [`Interactions`] over the same index space: filtered, selected by
//! mask, made implicit.

use super::{DuplicatePolicy, Interaction, Interactions};
use crate::error::{CoreError, Result};

impl Interactions {
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
