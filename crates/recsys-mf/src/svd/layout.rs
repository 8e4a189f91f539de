//! How the fit lays out its factor matrices: rows padded with zero columns to whole vector
//! widths, and item rows in the fit's own order (see `Csr::by_popularity`).

use ndarray::Array2;

/// The row width the kernels work on: `k` rounded up to 16 floats (one AVX-512 vector) when
/// `k >= 64`, else to 8 (one AVX2 vector).
pub(super) fn padded_width(k: usize) -> usize {
    if k >= 64 {
        k.next_multiple_of(16)
    } else {
        k.next_multiple_of(8)
    }
}

/// `a` with zero columns appended up to width `k`.
pub(super) fn pad_columns(a: Array2<f32>, k: usize) -> Array2<f32> {
    if a.ncols() == k {
        return a;
    }
    let mut out = Array2::zeros((a.nrows(), k));
    out.slice_mut(ndarray::s![.., ..a.ncols()]).assign(&a);
    out
}

/// The first `k` columns of `a`.
pub(super) fn unpad_columns(a: Array2<f32>, k: usize) -> Array2<f32> {
    if a.ncols() == k {
        return a;
    }
    a.slice(ndarray::s![.., ..k]).to_owned()
}

/// Rows of `a` in the fit's order: row `new` is `a`'s row `perm[new]` (`a` may have no rows).
pub(super) fn permute_rows(a: &Array2<f32>, perm: &[u32]) -> Array2<f32> {
    if a.nrows() == 0 {
        return a.clone();
    }
    let idx: Vec<usize> = perm.iter().map(|&i| i as usize).collect();
    a.select(ndarray::Axis(0), &idx)
}

/// The inverse of [`permute_rows`].
pub(super) fn unpermute_rows(a: &Array2<f32>, perm: &[u32]) -> Array2<f32> {
    let mut out = Array2::zeros(a.raw_dim());
    if a.nrows() == 0 {
        return out;
    }
    for (new, &old) in perm.iter().enumerate() {
        out.row_mut(old as usize).assign(&a.row(new));
    }
    out
}

/// `v` back in the data's order: `out[perm[new]] = v[new]`.
pub(super) fn unpermute(v: &[f32], perm: &[u32]) -> Vec<f32> {
    let mut out = vec![0.0; v.len()];
    for (new, &old) in perm.iter().enumerate() {
        out[old as usize] = v[new];
    }
    out
}
