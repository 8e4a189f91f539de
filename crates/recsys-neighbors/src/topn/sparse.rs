//! [`SparseRows`]: compressed sparse rows of `(column, value)` pairs, the one sparse matrix of the
//! top-N models (user histories, item–item and user–user neighbour lists), with its model-file
//! sections.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::persist::{ModelReader, ModelWriter};

use crate::NeighborsError;

/// Compressed sparse rows: row `r` holds `indices[indptr[r]..indptr[r + 1]]` with the aligned
/// `values`. Within a row the order is whatever built it (ascending columns for histories, best
/// first for neighbour lists).
#[derive(Debug, Clone, PartialEq)]
pub struct SparseRows {
    indptr: Vec<u64>,
    indices: Vec<u32>,
    values: Vec<f32>,
    n_cols: usize,
}

impl SparseRows {
    /// Rows from one list of `(column, value)` pairs per row, over `n_cols` columns.
    pub(crate) fn from_rows(rows: Vec<Vec<(u32, f32)>>, n_cols: usize) -> Self {
        let nnz = rows.iter().map(Vec::len).sum();
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        let (mut indices, mut values) = (Vec::with_capacity(nnz), Vec::with_capacity(nnz));
        indptr.push(0);
        for row in rows {
            for (c, v) in row {
                indices.push(c);
                values.push(v);
            }
            indptr.push(indices.len() as u64);
        }
        Self {
            indptr,
            indices,
            values,
            n_cols,
        }
    }

    /// Each user's training interactions (users × items, ascending items): value 1, or the
    /// rating with `use_ratings`.
    pub(crate) fn histories(train: &Interactions, use_ratings: bool) -> Self {
        let m = train.matrix();
        let indptr = (0..=train.n_users())
            .map(|u| m.indptr().index(u) as u64)
            .collect();
        let values = if use_ratings {
            m.data().to_vec()
        } else {
            vec![1.0; m.nnz()]
        };
        Self {
            indptr,
            indices: m.indices().to_vec(),
            values,
            n_cols: train.n_items(),
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

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row `r`'s columns and values; empty for a row out of range.
    #[inline]
    pub fn row(&self, r: usize) -> (&[u32], &[f32]) {
        match (self.indptr.get(r), self.indptr.get(r + 1)) {
            (Some(&a), Some(&b)) => {
                let (a, b) = (a as usize, b as usize);
                (&self.indices[a..b], &self.values[a..b])
            }
            _ => (&[], &[]),
        }
    }

    /// The same rows over a larger space: empty rows appended up to `n_rows`, and `n_cols`
    /// columns (neither may shrink: the smaller count is kept).
    pub(crate) fn grown(&self, n_rows: usize, n_cols: usize) -> Self {
        let mut g = self.clone();
        let last = g.indptr.last().copied().unwrap_or(0);
        g.indptr.resize(n_rows.max(self.n_rows()) + 1, last);
        g.n_cols = n_cols.max(self.n_cols);
        g
    }

    /// `Σ_k weights[k] · row(rows[k])` as a dense vector of [`SparseRows::n_cols`] values (a
    /// sparse vector times the matrix), summed in the order of `rows`.
    pub(crate) fn weighted_rows(&self, rows: &[u32], weights: &[f32]) -> Vec<f32> {
        let mut acc = vec![0.0f32; self.n_cols];
        for (&r, &w) in rows.iter().zip(weights) {
            let (cols, vals) = self.row(r as usize);
            for (&c, &v) in cols.iter().zip(vals) {
                acc[c as usize] += w * v;
            }
        }
        acc
    }

    /// Which columns have an entry: the items a histories matrix knows.
    pub(crate) fn nonempty_cols(&self) -> Vec<bool> {
        self.col_counts().into_iter().map(|c| c > 0).collect()
    }

    /// The transpose (columns become rows, each with ascending columns), in O(nnz).
    pub(crate) fn transpose(&self) -> Self {
        let mut counts = vec![0u64; self.n_cols + 1];
        for &c in &self.indices {
            counts[c as usize + 1] += 1;
        }
        for c in 0..self.n_cols {
            counts[c + 1] += counts[c];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut values = vec![0f32; self.nnz()];
        for r in 0..self.n_rows() {
            let (cols, vals) = self.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let slot = &mut next[c as usize];
                indices[*slot as usize] = r as u32;
                values[*slot as usize] = v;
                *slot += 1;
            }
        }
        Self {
            indptr,
            indices,
            values,
            n_cols: self.n_rows(),
        }
    }

    /// Row `r` with every value scaled so that the row's values sum to 1 (rows summing to 0
    /// are left as they are).
    pub(crate) fn l1_normalize_rows(&mut self) {
        for r in 0..self.n_rows() {
            let (a, b) = (self.indptr[r] as usize, self.indptr[r + 1] as usize);
            let sum: f64 = self.values[a..b].iter().map(|&v| f64::from(v)).sum();
            if sum != 0.0 && sum.is_finite() {
                for v in &mut self.values[a..b] {
                    *v = (f64::from(*v) / sum) as f32;
                }
            }
        }
    }

    /// The count of stored entries per column.
    pub(crate) fn col_counts(&self) -> Vec<u32> {
        let mut c = vec![0u32; self.n_cols];
        for &i in &self.indices {
            c[i as usize] += 1;
        }
        c
    }

    /// Adds the four sections `{name}.shape` (rows, columns), `{name}.indptr`,
    /// `{name}.indices` and `{name}.values`.
    pub(crate) fn write<'a>(
        &'a self,
        w: &mut ModelWriter<'a>,
        name: &str,
    ) -> Result<(), NeighborsError> {
        let shape = vec![self.n_rows() as u64, self.n_cols as u64];
        w.section_u64(format!("{name}.shape"), &[2], shape)?;
        w.vector_u64(format!("{name}.indptr"), &self.indptr[..])?;
        w.section_u32(
            format!("{name}.indices"),
            &[self.nnz() as u64],
            &self.indices[..],
        )?;
        w.section_f32(
            format!("{name}.values"),
            &[self.nnz() as u64],
            &self.values[..],
        )?;
        Ok(())
    }

    /// Reads the sections written by [`SparseRows::write`], checking that the row pointers
    /// ascend, columns are in range and values are finite.
    pub(crate) fn read(r: &ModelReader, name: &str) -> Result<Self, NeighborsError> {
        let bad = |what: String| {
            NeighborsError::param(
                "model file",
                format!("{}: {name}: {what}", r.path().display()),
            )
        };
        let shape = r.u64_with_shape(&format!("{name}.shape"), &[2])?;
        let (n_rows, n_cols) = (shape[0] as usize, shape[1] as usize);
        let (_, indptr) = r.u64(&format!("{name}.indptr"))?;
        let (_, indices) = r.u32(&format!("{name}.indices"))?;
        let (_, values) = r.f32(&format!("{name}.values"))?;
        if indptr.len() != n_rows + 1
            || indptr.first() != Some(&0)
            || indptr.windows(2).any(|w| w[0] > w[1])
            || indptr.last().copied() != Some(indices.len() as u64)
            || values.len() != indices.len()
        {
            return Err(bad("inconsistent row pointers".into()));
        }
        if indices.iter().any(|&c| c as usize >= n_cols) {
            return Err(bad(format!("a column outside 0..{n_cols}")));
        }
        if values.iter().any(|v| !v.is_finite()) {
            return Err(bad("a value is not finite".into()));
        }
        Ok(Self {
            indptr,
            indices,
            values,
            n_cols,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpose_and_normalize() {
        let m = SparseRows::from_rows(vec![vec![(1, 2.0), (2, 3.0)], vec![], vec![(0, 4.0)]], 3);
        let t = m.transpose();
        assert_eq!(t.row(0), (&[2u32][..], &[4.0f32][..]));
        assert_eq!(t.row(1), (&[0u32][..], &[2.0f32][..]));
        assert_eq!(t.row(2), (&[0u32][..], &[3.0f32][..]));
        assert_eq!(t.transpose(), m);
        let mut n = m.clone();
        n.l1_normalize_rows();
        assert_eq!(n.row(0).1, &[0.4, 0.6]);
        assert_eq!(n.row(7), (&[][..], &[][..]));
        assert_eq!(m.col_counts(), vec![1, 1, 1]);
    }
}
