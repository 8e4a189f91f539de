//! [`Relation`]: one feature block as the Gibbs sampler sees it — the block's rows, which row
//! each training case uses, the cases of each row, and the block's columns (its transpose).

use crate::features::FeatureBlock;

/// One block of the training cases (Rendle 2013, "Scaling factorization machines to relational
/// data"): per-row sums over the cases of a row replace per-case work.
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    /// First global feature index of the block.
    pub offset: usize,
    /// Features of the block.
    pub n_features: usize,
    /// Row of each case.
    pub case_row: Vec<u32>,
    /// The cases of each row (`row_ptr[r]..row_ptr[r + 1]` in `row_cases`), ascending.
    pub row_ptr: Vec<usize>,
    pub row_cases: Vec<u32>,
    /// Cases per row, as a float.
    pub card: Vec<f64>,
    /// Whether the cases come in row order (`case_row` non-decreasing), as the users' do.
    pub contiguous: bool,
    /// Block rows (CSR) in f64.
    pub rows_ptr: Vec<usize>,
    pub rows_idx: Vec<u32>,
    pub rows_val: Vec<f64>,
    /// Block columns (CSC): for each feature, its rows and values.
    pub col_ptr: Vec<usize>,
    pub col_rows: Vec<u32>,
    pub col_val: Vec<f64>,
}

impl Relation {
    /// The relation of `block` (global features from `offset`) for cases using `case_row`,
    /// whose entries must be rows of the block.
    pub fn new(block: &FeatureBlock, offset: usize, case_row: Vec<u32>) -> Self {
        let n_rows = block.n_rows();
        let n_features = block.n_features();
        let mut row_ptr = vec![0usize; n_rows + 1];
        for &r in &case_row {
            row_ptr[r as usize + 1] += 1;
        }
        for r in 0..n_rows {
            row_ptr[r + 1] += row_ptr[r];
        }
        let card = (0..n_rows)
            .map(|r| (row_ptr[r + 1] - row_ptr[r]) as f64)
            .collect();
        let mut fill = row_ptr.clone();
        let mut row_cases = vec![0u32; case_row.len()];
        for (n, &r) in case_row.iter().enumerate() {
            row_cases[fill[r as usize]] = n as u32;
            fill[r as usize] += 1;
        }
        let mut col_ptr = vec![0usize; n_features + 1];
        for &c in &block.indices {
            col_ptr[c as usize + 1] += 1;
        }
        for c in 0..n_features {
            col_ptr[c + 1] += col_ptr[c];
        }
        let mut fill = col_ptr.clone();
        let mut col_rows = vec![0u32; block.nnz()];
        let mut col_val = vec![0f64; block.nnz()];
        for r in 0..n_rows {
            let (cols, vals) = block.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let k = fill[c as usize];
                col_rows[k] = r as u32;
                col_val[k] = v as f64;
                fill[c as usize] += 1;
            }
        }
        let contiguous = case_row.windows(2).all(|w| w[0] <= w[1]);
        Self {
            offset,
            n_features,
            contiguous,
            case_row,
            row_ptr,
            row_cases,
            card,
            rows_ptr: block.indptr.clone(),
            rows_idx: block.indices.clone(),
            rows_val: block.values.iter().map(|&v| v as f64).collect(),
            col_ptr,
            col_rows,
            col_val,
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.card.len()
    }

    /// Row `r` as (local columns, values).
    pub fn row(&self, r: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.rows_ptr[r], self.rows_ptr[r + 1]);
        (&self.rows_idx[a..b], &self.rows_val[a..b])
    }

    /// Feature `j`'s (local) rows and values.
    pub fn col(&self, j: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.col_ptr[j], self.col_ptr[j + 1]);
        (&self.col_rows[a..b], &self.col_val[a..b])
    }

    /// The cases of row `r`.
    pub fn cases(&self, r: usize) -> &[u32] {
        &self.row_cases[self.row_ptr[r]..self.row_ptr[r + 1]]
    }
}
