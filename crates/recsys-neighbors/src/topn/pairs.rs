//! The all-pairs kernel of the neighbourhood models: the sparse product `left · right`, row by
//! row, each row cut to its `k` best entries (implicit's `all_pairs_knn`, the SMMP scheme:
//! scatter into a dense accumulator, gather the touched columns). Rows run in parallel with
//! rayon; each row is summed in a fixed order, so the result is the same for any thread count.

use rayon::prelude::*;
use recsys_core::traits::top_n;

use super::sparse::SparseRows;

/// How a row of the product is cut.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cut<'a> {
    /// Entries kept per row (`usize::MAX`: all, in ascending columns).
    pub(crate) k: usize,
    /// Drop the diagonal entry (row `r`, column `r`) before cutting.
    pub(crate) exclude_self: bool,
    /// Multiply column `c` by `col_scale[c]` before cutting.
    pub(crate) col_scale: Option<&'a [f32]>,
}

/// Per-thread scratch: the dense accumulator, the touched columns and whether each is touched.
struct Scratch {
    acc: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

/// `left · right` (`left`: rows × mid, `right`: mid × cols), each row keeping the `cut.k`
/// largest entries among the columns the product touches (a touched column may sum to 0, as in
/// implicit), best first; ties go to the lower column. Products are summed in `f32`, as
/// implicit does.
pub(crate) fn all_pairs(left: &SparseRows, right: &SparseRows, cut: Cut<'_>) -> SparseRows {
    let n_cols = right.n_cols();
    let rows: Vec<Vec<(u32, f32)>> = (0..left.n_rows())
        .into_par_iter()
        .map_init(
            || Scratch {
                acc: vec![0.0; n_cols],
                seen: vec![false; n_cols],
                touched: Vec::new(),
            },
            |s, r| product_row(left, right, r, cut, s),
        )
        .collect();
    SparseRows::from_rows(rows, n_cols)
}

/// Row `r` of the product, cut.
fn product_row(
    left: &SparseRows,
    right: &SparseRows,
    r: usize,
    cut: Cut<'_>,
    s: &mut Scratch,
) -> Vec<(u32, f32)> {
    let (mids, w1s) = left.row(r);
    let (mut cols, mut vals) = gather(mids, w1s, right, s);
    if let Some(sc) = cut.col_scale {
        for (v, &c) in vals.iter_mut().zip(&cols) {
            *v *= sc[c as usize];
        }
    }
    if cut.exclude_self
        && let Ok(p) = cols.binary_search(&(r as u32))
    {
        cols.remove(p);
        vals.remove(p);
    }
    best(cols, vals, cut.k)
}

/// The product of one sparse row (`mids` with the values `w1s`) and `right`: the columns it
/// touches, ascending, with their sums (a touched column may sum to 0). Each column sums its
/// products in the order of `mids`, then of `right`'s rows: the order [`all_pairs`] sums a row
/// of `left` in, so a row of `left` gives the same bits through either.
pub(crate) fn row_product(mids: &[u32], w1s: &[f32], right: &SparseRows) -> (Vec<u32>, Vec<f32>) {
    let n_cols = right.n_cols();
    let mut s = Scratch {
        acc: vec![0.0; n_cols],
        seen: vec![false; n_cols],
        touched: Vec::new(),
    };
    gather(mids, w1s, right, &mut s)
}

/// [`row_product`] in the scratch `s`, which it leaves cleared.
fn gather(mids: &[u32], w1s: &[f32], right: &SparseRows, s: &mut Scratch) -> (Vec<u32>, Vec<f32>) {
    for (&m, &w1) in mids.iter().zip(w1s) {
        let (cols, w2s) = right.row(m as usize);
        for (&c, &w2) in cols.iter().zip(w2s) {
            let c = c as usize;
            if !s.seen[c] {
                s.seen[c] = true;
                s.touched.push(c as u32);
            }
            s.acc[c] += w1 * w2;
        }
    }
    s.touched.sort_unstable();
    let cols = std::mem::take(&mut s.touched);
    let vals = cols
        .iter()
        .map(|&c| {
            let ci = c as usize;
            s.seen[ci] = false;
            std::mem::replace(&mut s.acc[ci], 0.0)
        })
        .collect();
    (cols, vals)
}

/// The `k` best of the entries `cols` (ascending) with the values `vals`: all of them in
/// ascending columns when there are at most `k`, else the `k` largest, best first, ties to the
/// lower column — how [`all_pairs`] cuts a row.
pub(crate) fn best(cols: Vec<u32>, vals: Vec<f32>, k: usize) -> Vec<(u32, f32)> {
    if k >= cols.len() {
        return cols.into_iter().zip(vals).collect();
    }
    top_n(&vals, k)
        .into_iter()
        .map(|(p, v)| (cols[p as usize], v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_cut_and_self() {
        // left = [[1, 2], [0, 1]], right = [[1, 0, 3], [2, 1, 0]]
        let l = SparseRows::from_rows(vec![vec![(0, 1.0), (1, 2.0)], vec![(1, 1.0)]], 2);
        let r = SparseRows::from_rows(vec![vec![(0, 1.0), (2, 3.0)], vec![(0, 2.0), (1, 1.0)]], 3);
        let all = Cut {
            k: usize::MAX,
            exclude_self: false,
            col_scale: None,
        };
        let p = all_pairs(&l, &r, all);
        // row 0 = [1 + 4, 2, 3], row 1 = [2, 1, 0 (untouched)]
        assert_eq!(p.row(0), (&[0u32, 1, 2][..], &[5.0f32, 2.0, 3.0][..]));
        assert_eq!(p.row(1), (&[0u32, 1][..], &[2.0f32, 1.0][..]));
        let best = all_pairs(&l, &r, Cut { k: 2, ..all });
        assert_eq!(best.row(0), (&[0u32, 2][..], &[5.0f32, 3.0][..]));
        let noself = all_pairs(
            &l,
            &r,
            Cut {
                k: 1,
                exclude_self: true,
                col_scale: Some(&[1.0, 0.5, 1.0]),
            },
        );
        assert_eq!(noself.row(0), (&[2u32][..], &[3.0f32][..]));
        assert_eq!(noself.row(1), (&[0u32][..], &[2.0f32][..]));
    }
}
