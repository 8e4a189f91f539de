//! The dense kernels of EASE: the regularized Gram matrix `XᵀX + λI` (rows in parallel) and the
//! weights `B` from its Cholesky inverse (LAPACK `potrf` + `potri` through ndarray-linalg).

use ndarray::Array2;
use ndarray_linalg::{InverseCInto, Lapack, Scalar};
use rayon::prelude::*;

use crate::NeighborsError;
use crate::topn::sparse::SparseRows;

/// A float type of the inversion.
pub(crate) trait Real: Scalar + Lapack + Copy + Send + Sync + std::ops::AddAssign {
    /// `x` in this type.
    fn of(x: f64) -> Self;
    /// A buffer of this type as `f32` (no copy for `f32`).
    fn into_f32(v: Vec<Self>) -> Vec<f32>;
}

impl Real for f32 {
    fn of(x: f64) -> Self {
        x as f32
    }
    fn into_f32(v: Vec<Self>) -> Vec<f32> {
        v
    }
}

impl Real for f64 {
    fn of(x: f64) -> Self {
        x
    }
    fn into_f32(v: Vec<Self>) -> Vec<f32> {
        v.into_par_iter().map(|x| x as f32).collect()
    }
}

/// Rows of the Gram matrix per parallel task.
const ROWS_PER_TASK: usize = 64;

/// `XᵀX + λI` for the histories `h` (users × items), dense `n × n`. Each cell sums its users in
/// ascending order, whatever the thread count.
pub(crate) fn gram<T: Real>(h: &SparseRows, lambda: f64) -> Array2<T> {
    let n = h.n_cols();
    let mut g = vec![T::of(0.0); n * n];
    g.par_chunks_mut(n * ROWS_PER_TASK)
        .enumerate()
        .for_each(|(t, block)| {
            let (lo, hi) = (t * ROWS_PER_TASK, ((t + 1) * ROWS_PER_TASK).min(n));
            for u in 0..h.n_rows() {
                let (items, xs) = h.row(u);
                let a = items.partition_point(|&i| (i as usize) < lo);
                let b = items.partition_point(|&i| (i as usize) < hi);
                for p in a..b {
                    let (i, xi) = (items[p] as usize, T::of(f64::from(xs[p])));
                    let row = &mut block[(i - lo) * n..(i - lo + 1) * n];
                    for (&j, &xj) in items.iter().zip(xs) {
                        row[j as usize] += xi * T::of(f64::from(xj));
                    }
                }
            }
            for i in lo..hi {
                block[(i - lo) * n + i] += T::of(lambda);
            }
        });
    Array2::from_shape_vec((n, n), g).unwrap_or_else(|_| unreachable!())
}

/// `B = I − P · diag(1 / diag P)` with `P = g⁻¹` (`g` symmetric positive definite), computed
/// in place and returned as `f32` row-major: `B[i][j] = −P[i][j] / P[j][j]`, `B[j][j] = 0`.
pub(crate) fn weights<T: Real>(g: Array2<T>) -> Result<Vec<f32>, NeighborsError> {
    let n = g.nrows();
    let mut p = g
        .invc_into()
        .map_err(|e| NeighborsError::Linalg(format!("Cholesky inverse of XᵀX + λI: {e}")))?;
    let diag: Vec<T> = (0..n).map(|j| p[[j, j]]).collect();
    if !p.is_standard_layout() {
        p = p.as_standard_layout().into_owned();
    }
    let (mut v, _) = p.into_raw_vec_and_offset();
    v.par_chunks_mut(n.max(1)).enumerate().for_each(|(i, row)| {
        for (j, x) in row.iter_mut().enumerate() {
            *x = if i == j {
                T::of(0.0)
            } else {
                T::of(0.0) - *x / diag[j]
            };
        }
    });
    Ok(T::into_f32(v))
}
