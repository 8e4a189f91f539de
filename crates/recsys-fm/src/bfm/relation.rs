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
    /// Block rows (CSR) in f64: for each row, its features and values.
    pub rows: Compressed,
    /// Block columns (CSC): for each feature, its rows and values.
    pub cols: Compressed,
}

/// A compressed sparse matrix in f64: line `l`'s indices and values are
/// `ptr[l]..ptr[l + 1]` of `idx` and `val` (rows of a CSR matrix, or columns of a CSC one).
#[derive(Debug, Clone)]
pub(crate) struct Compressed {
    pub ptr: Vec<usize>,
    pub idx: Vec<u32>,
    pub val: Vec<f64>,
}

impl Compressed {
    /// Line `l` as (indices, values).
    pub fn line(&self, l: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.ptr[l], self.ptr[l + 1]);
        (&self.idx[a..b], &self.val[a..b])
    }
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
        let mut cols = Compressed {
            idx: vec![0u32; block.nnz()],
            val: vec![0f64; block.nnz()],
            ptr: col_ptr,
        };
        for r in 0..n_rows {
            let (features, values) = block.row(r);
            for (&c, &v) in features.iter().zip(values) {
                let k = fill[c as usize];
                cols.idx[k] = r as u32;
                cols.val[k] = v as f64;
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
            rows: Compressed {
                ptr: block.indptr.clone(),
                idx: block.indices.clone(),
                val: block.values.iter().map(|&v| v as f64).collect(),
            },
            cols,
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.card.len()
    }

    /// Row `r` as (local columns, values).
    pub fn row(&self, r: usize) -> (&[u32], &[f64]) {
        self.rows.line(r)
    }

    /// Feature `j`'s (local) rows and values.
    pub fn col(&self, j: usize) -> (&[u32], &[f64]) {
        self.cols.line(j)
    }

    /// The cases of row `r`.
    pub fn cases(&self, r: usize) -> &[u32] {
        &self.row_cases[self.row_ptr[r]..self.row_ptr[r + 1]]
    }
}
