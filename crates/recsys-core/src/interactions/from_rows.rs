//! [`Interactions::from_ratings`] and [`Interactions::from_pairs`]: small matrices written out
//! in raw ids, as examples, tests and notebooks make them.

use super::{DuplicatePolicy, Interactions, InteractionsBuilder};
use crate::error::Result;
use crate::ids::RawId;

impl Interactions {
    /// The interactions of `(user, item, rating)` triples in raw ids, without timestamps; a pair
    /// given twice keeps its last rating ([`DuplicatePolicy::KeepLast`]). Dense indices follow
    /// first appearance. Errors on a rating that is not finite.
    ///
    /// ```
    /// use recsys_core::Interactions;
    /// let m = Interactions::from_ratings([(10, 100, 4.0), (20, 100, 5.0), (10, 200, 3.0)])?;
    /// assert_eq!((m.n_users(), m.n_items(), m.nnz()), (2, 2, 3));
    /// assert_eq!(m.rating_raw(10, 200), Some(3.0));
    /// assert!(Interactions::from_ratings([(1, 1, f32::NAN)]).is_err());
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn from_ratings(rows: impl IntoIterator<Item = (RawId, RawId, f32)>) -> Result<Self> {
        let mut b = InteractionsBuilder::new();
        for (u, i, r) in rows {
            b.push(u, i, r, None)?;
        }
        b.build(DuplicatePolicy::KeepLast)
    }

    /// The implicit interactions of `(user, item)` pairs in raw ids: each one a rating of 1, as
    /// [`Interactions::from_ratings`] builds them.
    ///
    /// ```
    /// use recsys_core::Interactions;
    /// let m = Interactions::from_pairs([(1, 10), (1, 11), (2, 10)])?;
    /// assert_eq!((m.n_users(), m.n_items()), (2, 2));
    /// assert_eq!(m.rating_raw(2, 10), Some(1.0));
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn from_pairs(pairs: impl IntoIterator<Item = (RawId, RawId)>) -> Result<Self> {
        Self::from_ratings(pairs.into_iter().map(|(u, i)| (u, i, 1.0)))
    }
}
