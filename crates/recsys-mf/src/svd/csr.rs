//! [`Csr`]: the training ratings as the SGD kernels walk them.

use recsys_core::Interactions;

/// The training ratings as the SGD kernels walk them: compressed rows over the fit's own item
/// order.
pub(super) struct Csr {
    indptr: Vec<usize>,
    items: Vec<u32>,
    ratings: Vec<f32>,
}

/// One user's ratings in [`Csr`], ascending by the fit's item index.
#[derive(Clone, Copy)]
pub(super) struct CsrRow<'a> {
    /// The items, ascending.
    pub(super) items: &'a [u32],
    /// Their ratings.
    pub(super) ratings: &'a [f32],
}

impl<'a> CsrRow<'a> {
    pub(super) fn len(&self) -> usize {
        self.items.len()
    }
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// The ratings of items `i0..i_end` (rows are sorted by item).
    pub(super) fn within(self, i0: u32, i_end: u32) -> (&'a [u32], &'a [f32]) {
        let lo = self.items.partition_point(|&x| x < i0);
        let hi = self.items.partition_point(|&x| x < i_end);
        (&self.items[lo..hi], &self.ratings[lo..hi])
    }
}

impl Csr {
    /// `train` with items renumbered from the most rated to the least rated (ties by index):
    /// each user's ratings are then visited from popular to rare items, which ends every pass
    /// over a user on the items with the fewest other updates. `perm[new] = old`. With
    /// `popular == false` the data's own order (identity).
    pub(super) fn by_popularity(train: &Interactions, popular: bool) -> (Self, Vec<u32>) {
        let ni = train.n_items();
        let counts = train.item_counts();
        let mut perm: Vec<u32> = (0..ni as u32).collect();
        if popular {
            perm.sort_by_key(|&i| std::cmp::Reverse(counts[i as usize]));
        }
        let mut inv = vec![0u32; ni];
        for (new, &old) in perm.iter().enumerate() {
            inv[old as usize] = new as u32;
        }
        let nu = train.n_users();
        let mut indptr = Vec::with_capacity(nu + 1);
        let mut items = Vec::with_capacity(train.nnz());
        let mut ratings = Vec::with_capacity(train.nnz());
        let mut pairs: Vec<(u32, f32)> = Vec::new();
        indptr.push(0);
        for u in 0..nu as u32 {
            let row = train.row(u);
            pairs.clear();
            pairs.extend(
                row.items
                    .iter()
                    .zip(row.ratings)
                    .map(|(&i, &r)| (inv[i as usize], r)),
            );
            pairs.sort_unstable_by_key(|x| x.0);
            items.extend(pairs.iter().map(|x| x.0));
            ratings.extend(pairs.iter().map(|x| x.1));
            indptr.push(items.len());
        }
        (
            Self {
                indptr,
                items,
                ratings,
            },
            perm,
        )
    }

    pub(super) fn row(&self, u: u32) -> CsrRow<'_> {
        let u = u as usize;
        match (self.indptr.get(u), self.indptr.get(u + 1)) {
            (Some(&a), Some(&b)) => CsrRow {
                items: &self.items[a..b],
                ratings: &self.ratings[a..b],
            },
            _ => CsrRow {
                items: &[],
                ratings: &[],
            },
        }
    }

    pub(super) fn user_counts(&self) -> Vec<u32> {
        self.indptr
            .windows(2)
            .map(|w| (w[1] - w[0]) as u32)
            .collect()
    }

    pub(super) fn item_counts(&self, ni: usize) -> Vec<u32> {
        let mut c = vec![0u32; ni];
        for &i in &self.items {
            c[i as usize] += 1;
        }
        c
    }
}
