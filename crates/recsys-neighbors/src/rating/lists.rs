//! [`Lists`]: the training ratings grouped by users or by items, each group's other indices
//! ascending — Surprise's `ur` and `ir` in compressed form.

use recsys_core::Interactions;

/// Ratings grouped by one side: group `g` (a user, or an item) holds the indices of the other
/// side that it has ratings with, ascending, and the ratings aligned with them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lists {
    indptr: Vec<usize>,
    idx: Vec<u32>,
    val: Vec<f32>,
}

impl Lists {
    /// Each user's items and ratings (Surprise's `ur`).
    pub(crate) fn by_user(train: &Interactions) -> Self {
        Self::collect(
            train.n_users(),
            train.nnz(),
            (0..train.n_users() as u32).map(|u| {
                let r = train.row(u);
                (r.items, r.ratings)
            }),
        )
    }

    /// Each item's users and ratings (Surprise's `ir`).
    pub(crate) fn by_item(train: &Interactions) -> Self {
        let by_item = train.by_item();
        Self::collect(
            train.n_items(),
            train.nnz(),
            (0..train.n_items() as u32).map(|i| by_item.item(i)),
        )
    }

    fn collect<'a>(
        groups: usize,
        nnz: usize,
        rows: impl Iterator<Item = (&'a [u32], &'a [f32])>,
    ) -> Self {
        let mut indptr = Vec::with_capacity(groups + 1);
        let (mut idx, mut val) = (Vec::with_capacity(nnz), Vec::with_capacity(nnz));
        indptr.push(0);
        for (i, v) in rows {
            idx.extend_from_slice(i);
            val.extend_from_slice(v);
            indptr.push(idx.len());
        }
        Self { indptr, idx, val }
    }

    /// The number of groups.
    pub(crate) fn groups(&self) -> usize {
        self.indptr.len() - 1
    }

    /// The range of group `g`'s entries in [`Lists::idx`] and [`Lists::val`] (empty when out
    /// of range).
    #[inline]
    pub(crate) fn range(&self, g: usize) -> std::ops::Range<usize> {
        match (self.indptr.get(g), self.indptr.get(g + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Group `g`'s other-side indices (ascending) and ratings.
    #[inline]
    pub(crate) fn get(&self, g: usize) -> (&[u32], &[f32]) {
        let r = self.range(g);
        (&self.idx[r.clone()], &self.val[r])
    }

    /// Whether group `g` has ratings.
    #[inline]
    pub(crate) fn has(&self, g: usize) -> bool {
        !self.range(g).is_empty()
    }

    /// Every entry's other-side index, group after group.
    pub(crate) fn idx(&self) -> &[u32] {
        &self.idx
    }

    /// Every entry's rating, group after group.
    pub(crate) fn val(&self) -> &[f32] {
        &self.val
    }

    /// Group index of every entry, in entry order.
    pub(crate) fn owners(&self) -> impl Iterator<Item = u32> + '_ {
        self.indptr
            .windows(2)
            .enumerate()
            .flat_map(|(g, w)| std::iter::repeat_n(g as u32, w[1] - w[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_groupings_hold_every_rating() {
        let m =
            Interactions::from_ratings([(1, 10, 4.0), (1, 11, 3.0), (2, 10, 5.0), (3, 12, 1.0)])
                .unwrap();
        let ur = Lists::by_user(&m);
        let ir = Lists::by_item(&m);
        assert_eq!((ur.groups(), ir.groups()), (3, 3));
        assert_eq!(ur.get(0), (&[0u32, 1][..], &[4.0f32, 3.0][..]));
        assert_eq!(ir.get(0), (&[0u32, 1][..], &[4.0f32, 5.0][..]));
        assert_eq!(ir.get(2), (&[2u32][..], &[1.0f32][..]));
        assert!(ur.get(9).0.is_empty() && !ur.has(9) && ur.has(2));
        assert_eq!(ur.owners().collect::<Vec<_>>(), [0, 0, 1, 2]);
        assert_eq!(ir.owners().collect::<Vec<_>>(), [0, 0, 1, 2]);
    }
}
