//! [`DensityGrid`]: the user–item matrix binned into a grid of rating densities.

use recsys_core::Interactions;

/// The user–item matrix reduced to a grid of cells: users sorted by number of ratings (most
/// active first, top to bottom) and items by popularity (most rated first, left to right), each
/// cell holding the share of its user–item pairs that are rated.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityGrid {
    /// Grid rows (user bins).
    pub rows: usize,
    /// Grid columns (item bins).
    pub cols: usize,
    /// Users with at least one rating.
    pub users: usize,
    /// Items with at least one rating.
    pub items: usize,
    /// Ratings.
    pub ratings: usize,
    /// `ratings / (users · items)`.
    pub density: f64,
    /// Cell densities, row-major (`rows × cols`), each in `[0, 1]`.
    pub cells: Vec<f64>,
}

impl DensityGrid {
    /// The grid of `m` with at most `max_rows × max_cols` cells (`None`: no rating, or a zero
    /// limit).
    ///
    /// ```
    /// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
    /// let mut b = InteractionsBuilder::new();
    /// for (u, i) in [(1, 1), (1, 2), (2, 1)] {
    ///     b.push(u, i, 4.0, None)?;
    /// }
    /// let g = recsys_plot::DensityGrid::of(&b.build(DuplicatePolicy::KeepLast)?, 10, 10).unwrap();
    /// assert_eq!((g.rows, g.cols), (2, 2));
    /// assert_eq!(g.cells, vec![1.0, 1.0, 1.0, 0.0]);
    /// assert!((g.density - 0.75).abs() < 1e-12);
    /// # Ok::<(), recsys_core::CoreError>(())
    /// ```
    pub fn of(m: &Interactions, max_rows: usize, max_cols: usize) -> Option<Self> {
        let uc = m.user_counts();
        let ic = m.item_counts();
        // rank of each user / item by count, descending (ties by index); usize::MAX: no rating
        let order = |c: &[u32]| {
            let mut idx: Vec<usize> = (0..c.len()).filter(|&i| c[i] > 0).collect();
            idx.sort_by(|&a, &b| c[b].cmp(&c[a]).then(a.cmp(&b)));
            let mut rank = vec![usize::MAX; c.len()];
            for (r, &i) in idx.iter().enumerate() {
                rank[i] = r;
            }
            (idx.len(), rank)
        };
        let (users, urank) = order(&uc);
        let (items, irank) = order(&ic);
        if users == 0 || items == 0 || max_rows == 0 || max_cols == 0 {
            return None;
        }
        let rows = users.min(max_rows);
        let cols = items.min(max_cols);
        let ubin = |r: usize| r * rows / users;
        let ibin = |r: usize| r * cols / items;
        let mut counts = vec![0u64; rows * cols];
        let mut ratings = 0usize;
        for u in 0..m.n_users() as u32 {
            let ur = urank[u as usize];
            if ur == usize::MAX {
                continue;
            }
            let row = ubin(ur);
            for &i in m.user_items(u) {
                counts[row * cols + ibin(irank[i as usize])] += 1;
                ratings += 1;
            }
        }
        // number of users (items) that fall in each bin
        let sizes = |n: usize, bins: usize, f: &dyn Fn(usize) -> usize| {
            let mut s = vec![0u64; bins];
            for r in 0..n {
                s[f(r)] += 1;
            }
            s
        };
        let rs = sizes(users, rows, &ubin);
        let cs = sizes(items, cols, &ibin);
        let cells = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| c as f64 / (rs[k / cols] * cs[k % cols]) as f64)
            .collect();
        Some(Self {
            rows,
            cols,
            users,
            items,
            ratings,
            density: ratings as f64 / (users as f64 * items as f64),
            cells,
        })
    }
}
