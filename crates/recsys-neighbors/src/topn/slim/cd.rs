//! The coordinate-descent kernel of SLIM: one item's non-negative elastic net, with the residual
//! over users kept dense and an active set (a full pass over every item, then passes over the
//! non-zero weights only until they settle, then a full pass again to confirm).

use super::SlimParams;
use crate::topn::sparse::SparseRows;

/// Per-thread scratch of [`solve`].
pub(crate) struct Scratch {
    /// Residual `x_j − X w` by user.
    r: Vec<f64>,
    /// Weights by item.
    w: Vec<f64>,
    /// Items with a weight that was ever non-zero, in order of first change.
    active: Vec<u32>,
    /// Whether an item is in `active`.
    in_active: Vec<bool>,
}

impl Scratch {
    /// Scratch for `n_users` × `n_items`.
    pub(crate) fn new(n_users: usize, n_items: usize) -> Self {
        Self {
            r: vec![0.0; n_users],
            w: vec![0.0; n_items],
            active: Vec::new(),
            in_active: vec![false; n_items],
        }
    }
}

/// The data of the problems: items × users columns and their squared norms.
pub(crate) struct Columns<'a> {
    /// Item → (user, value).
    pub(crate) by_item: &'a SparseRows,
    /// `‖x_i‖²` by item.
    pub(crate) sq: &'a [f64],
}

/// Item `j`'s non-zero weights `(i, w_ij)`, ascending `i`.
pub(crate) fn solve(c: &Columns<'_>, p: &SlimParams, j: usize, s: &mut Scratch) -> Vec<(u32, f32)> {
    let (us, xs) = c.by_item.row(j);
    for (&u, &x) in us.iter().zip(xs) {
        s.r[u as usize] = f64::from(x);
    }
    let n = c.sq.len();
    for _ in 0..p.max_iter {
        let (mut max_d, mut max_w) = (0.0f64, 0.0f64);
        for i in 0..n {
            if i != j && c.sq[i] > 0.0 {
                update(c, p, i, s, &mut max_d, &mut max_w);
            }
        }
        if max_d <= p.tol * max_w {
            break;
        }
        for _ in 0..p.max_iter {
            let (mut max_d, mut max_w) = (0.0f64, 0.0f64);
            for a in 0..s.active.len() {
                let i = s.active[a] as usize;
                update(c, p, i, s, &mut max_d, &mut max_w);
            }
            if max_d <= p.tol * max_w {
                break;
            }
        }
    }
    let mut out: Vec<(u32, f32)> = s
        .active
        .iter()
        .filter(|&&i| s.w[i as usize] > 0.0)
        .map(|&i| (i, s.w[i as usize] as f32))
        .collect();
    out.sort_unstable_by_key(|e| e.0);
    // reset the scratch: the residual where it was touched, the weights, the active set
    for &i in s.active.iter().chain(std::iter::once(&(j as u32))) {
        for &u in c.by_item.row(i as usize).0 {
            s.r[u as usize] = 0.0;
        }
        s.w[i as usize] = 0.0;
        s.in_active[i as usize] = false;
    }
    s.active.clear();
    out
}

/// One coordinate step on item `i`: `w_i ← max(0, x_iᵀr + ‖x_i‖² w_i − l1) / (‖x_i‖² + l2)`,
/// the residual updated.
#[inline]
fn update(
    c: &Columns<'_>,
    p: &SlimParams,
    i: usize,
    s: &mut Scratch,
    max_d: &mut f64,
    max_w: &mut f64,
) {
    let (us, xs) = c.by_item.row(i);
    let mut rho = c.sq[i] * s.w[i];
    for (&u, &x) in us.iter().zip(xs) {
        rho += f64::from(x) * s.r[u as usize];
    }
    let new = (rho - p.l1).max(0.0) / (c.sq[i] + p.l2);
    let d = new - s.w[i];
    if d != 0.0 {
        for (&u, &x) in us.iter().zip(xs) {
            s.r[u as usize] -= d * f64::from(x);
        }
        s.w[i] = new;
        if !s.in_active[i] {
            s.in_active[i] = true;
            s.active.push(i as u32);
        }
    }
    *max_d = max_d.max(d.abs());
    *max_w = max_w.max(new);
}
