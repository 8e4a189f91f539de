//! A compressed-sparse-row matrix of `f32` values with `u32` column indices.

use crate::error::{Result, TextError};

/// A compressed-sparse-row (CSR) matrix: row `i`'s non-zeros are `indices[indptr[i]..indptr[i+1]]`
/// (strictly increasing columns) with values `data[indptr[i]..indptr[i+1]]` — the layout of
/// `scipy.sparse.csr_matrix` and of `sprs::CsMatI<f32, u32, usize>`.
///
/// ```
/// use recsys_text::CsrMatrix;
/// let m = CsrMatrix::from_parts(3, vec![0, 2, 2, 3], vec![0, 2, 1], vec![1.0, 2.0, 3.0]).unwrap();
/// assert_eq!((m.n_rows(), m.n_cols(), m.nnz()), (3, 3, 3));
/// assert_eq!(m.row(0), (&[0u32, 2][..], &[1.0f32, 2.0][..]));
/// assert_eq!(m.get(2, 1), 3.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<f32>,
}

impl CsrMatrix {
    /// Checks and assembles the arrays: `indptr` starts at 0, is non-decreasing and ends at
    /// `indices.len() == data.len()`; columns are strictly increasing within a row and `< n_cols`.
    pub fn from_parts(
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        data: Vec<f32>,
    ) -> Result<Self> {
        let bad = |m: &str| Err(TextError::InvalidCsr(m.to_string()));
        if indptr.first() != Some(&0) {
            return bad("indptr must start with 0");
        }
        if indices.len() != data.len() || indptr.last() != Some(&indices.len()) {
            return bad("indptr's last entry, indices and data must have the same length");
        }
        if n_cols > u32::MAX as usize + 1 {
            return bad("too many columns for u32 indices");
        }
        for w in indptr.windows(2) {
            if w[0] > w[1] {
                return bad("indptr must be non-decreasing");
            }
            // an entry past the end fails here even when the last one is right
            let Some(cols) = indices.get(w[0]..w[1]) else {
                return bad("indptr entry past the end of indices");
            };
            if cols.windows(2).any(|c| c[0] >= c[1]) {
                return bad("column indices must be strictly increasing within a row");
            }
            if cols.last().is_some_and(|&c| c as usize >= n_cols) {
                return bad("column index out of range");
            }
        }
        Ok(Self {
            n_cols,
            indptr,
            indices,
            data,
        })
    }

    /// Assembles arrays already checked by the caller.
    pub(crate) fn from_parts_unchecked(
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        data: Vec<f32>,
    ) -> Self {
        debug_assert!(
            Self::from_parts(n_cols, indptr.clone(), indices.clone(), data.clone()).is_ok()
        );
        Self {
            n_cols,
            indptr,
            indices,
            data,
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored non-zeros.
    pub fn nnz(&self) -> usize {
        self.data.len()
    }

    /// Row offsets (`n_rows + 1` entries).
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }

    /// Column indices of the non-zeros, row by row.
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// Values of the non-zeros, row by row.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// Row offsets and columns with mutable values (the sparsity pattern stays fixed).
    pub(crate) fn parts_mut(&mut self) -> (&[usize], &[u32], &mut [f32]) {
        (&self.indptr, &self.indices, &mut self.data)
    }

    /// Mutable values (the sparsity pattern stays fixed).
    pub fn data_mut(&mut self) -> &mut [f32] {
        &mut self.data
    }

    /// Row `i`'s columns and values. Panics when `i >= n_rows()` (like slice indexing).
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (s, e) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[s..e], &self.data[s..e])
    }

    /// The value at `(i, j)`, 0 when not stored. Panics when `i >= n_rows()`.
    pub fn get(&self, i: usize, j: usize) -> f32 {
        let (c, v) = self.row(i);
        match u32::try_from(j) {
            Ok(j) => c.binary_search(&j).map_or(0.0, |p| v[p]),
            Err(_) => 0.0,
        }
    }

    /// The transpose, also in CSR form (i.e. this matrix in compressed-sparse-column form).
    pub fn transpose(&self) -> CsrMatrix {
        let mut counts = vec![0usize; self.n_cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for j in 0..self.n_cols {
            counts[j + 1] += counts[j];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut data = vec![0f32; self.nnz()];
        for i in 0..self.n_rows() {
            let (c, v) = self.row(i);
            for (&j, &x) in c.iter().zip(v) {
                let p = next[j as usize];
                indices[p] = i as u32;
                data[p] = x;
                next[j as usize] += 1;
            }
        }
        CsrMatrix {
            n_cols: self.n_rows(),
            indptr,
            indices,
            data,
        }
    }

    /// A dense copy, row-major (for tests and small matrices).
    pub fn to_dense(&self) -> Vec<Vec<f32>> {
        (0..self.n_rows())
            .map(|i| {
                let mut r = vec![0.0; self.n_cols];
                let (c, v) = self.row(i);
                for (&j, &x) in c.iter().zip(v) {
                    r[j as usize] = x;
                }
                r
            })
            .collect()
    }
}
