//! Growing fitted models to a larger index space (for `PartialFit`): rows appended as zeros.

use ndarray::{Array2, s};

/// `m` with zero rows appended up to `n` rows (unchanged when it has `n` or more).
pub(crate) fn grow_rows(m: &Array2<f32>, n: usize) -> Array2<f32> {
    if m.nrows() >= n || m.ncols() == 0 && m.nrows() == 0 {
        return m.clone();
    }
    let mut out = Array2::zeros((n, m.ncols()));
    out.slice_mut(s![..m.nrows(), ..]).assign(m);
    out
}

/// `v` with `fill` appended up to `n` entries.
pub(crate) fn grow_vec<T: Clone>(v: &mut Vec<T>, n: usize, fill: T) {
    if v.len() < n {
        v.resize(n, fill);
    }
}
