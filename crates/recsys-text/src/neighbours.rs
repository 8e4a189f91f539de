//! Cosine top-k neighbours by sparse × sparseᵀ products, in row blocks, on rayon's threads.

use std::cmp::Ordering;

use rayon::prelude::*;

use crate::csr::CsrMatrix;
use crate::error::{Result, TextError};

/// One neighbour of a row: its index and cosine similarity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    /// Row index of the neighbour.
    pub index: usize,
    /// Cosine similarity with the query row.
    pub score: f32,
}

/// Score descending, then lower index first.
fn by_rank(a: &Neighbour, b: &Neighbour) -> Ordering {
    b.score.total_cmp(&a.score).then(a.index.cmp(&b.index))
}

/// Rows per block of [`CosineIndex::all_neighbours`].
const BLOCK: usize = 64;

/// Cosine similarities between the rows of a sparse matrix.
///
/// Rows are L2-normalized on construction (TF-IDF rows already are), so dot products are cosines.
/// Similarities are accumulated in `f64` per query row in a dense accumulator of length
/// `n_rows` (one per thread); the `n_rows × n_rows` matrix is never formed. Neighbours are the
/// other rows with a positive similarity (for non-negative data such as TF-IDF: the rows sharing a
/// term), best first, ties broken by lower index; the row itself is never included.
///
/// ```
/// use recsys_text::{CosineIndex, TfidfVectorizer};
/// let docs = ["red apple", "green apple", "red car", "blue sky"];
/// let x = TfidfVectorizer::new().fit_transform(&docs).unwrap();
/// let idx = CosineIndex::new(&x);
/// let n = idx.neighbours(0, 5).unwrap();
/// assert_eq!(n.iter().map(|n| n.index).collect::<Vec<_>>(), vec![1, 2]); // "blue sky" shares nothing
/// assert_eq!(idx.all_neighbours(5)[0], n);
/// ```
#[derive(Debug, Clone)]
pub struct CosineIndex {
    rows: CsrMatrix,
    cols: CsrMatrix,
}

impl CosineIndex {
    /// Indexes the rows of `x` (copied and L2-normalized; all-zero rows stay zero).
    /// Needs `x.n_rows() <= u32::MAX`.
    pub fn new(x: &CsrMatrix) -> Self {
        let mut rows = x.clone();
        let indptr = rows.indptr().to_vec();
        let data = rows.data_mut();
        for w in indptr.windows(2) {
            let r = &mut data[w[0]..w[1]];
            let n = r
                .iter()
                .map(|&v| f64::from(v) * f64::from(v))
                .sum::<f64>()
                .sqrt();
            if n > 0.0 && (n - 1.0).abs() > 1e-6 {
                r.iter_mut().for_each(|v| *v = (f64::from(*v) / n) as f32);
            }
        }
        let cols = rows.transpose();
        Self { rows, cols }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.rows.n_rows()
    }

    /// The indexed rows, L2-normalized (all-zero rows stay zero).
    pub fn rows(&self) -> &CsrMatrix {
        &self.rows
    }

    /// The cosine similarity of rows `i` and `j`.
    pub fn similarity(&self, i: usize, j: usize) -> Result<f32> {
        let n_rows = self.n_rows();
        for row in [i, j] {
            if row >= n_rows {
                return Err(TextError::RowOutOfRange { row, n_rows });
            }
        }
        let (ci, vi) = self.rows.row(i);
        let (cj, vj) = self.rows.row(j);
        let (mut a, mut b, mut s) = (0, 0, 0f64);
        while a < ci.len() && b < cj.len() {
            match ci[a].cmp(&cj[b]) {
                Ordering::Less => a += 1,
                Ordering::Greater => b += 1,
                Ordering::Equal => {
                    s += f64::from(vi[a]) * f64::from(vj[b]);
                    a += 1;
                    b += 1;
                }
            }
        }
        Ok(s as f32)
    }

    /// The `k` rows most similar to `row` (fewer when fewer share a term with it).
    pub fn neighbours(&self, row: usize, k: usize) -> Result<Vec<Neighbour>> {
        let n_rows = self.n_rows();
        if row >= n_rows {
            return Err(TextError::RowOutOfRange { row, n_rows });
        }
        let mut s = Scratch::new(n_rows);
        Ok(self.top(row, k, &mut s))
    }

    /// [`CosineIndex::neighbours`] of every row, computed in blocks of rows on rayon's threads.
    pub fn all_neighbours(&self, k: usize) -> Vec<Vec<Neighbour>> {
        let n = self.n_rows();
        let starts: Vec<usize> = (0..n).step_by(BLOCK).collect();
        starts
            .par_iter()
            .map_init(
                || Scratch::new(n),
                |s, &b| {
                    (b..(b + BLOCK).min(n))
                        .map(|i| self.top(i, k, s))
                        .collect::<Vec<_>>()
                },
            )
            .flatten_iter()
            .collect()
    }

    fn top(&self, i: usize, k: usize, s: &mut Scratch) -> Vec<Neighbour> {
        if k == 0 {
            return Vec::new();
        }
        let (ci, vi) = self.rows.row(i);
        for (&t, &x) in ci.iter().zip(vi) {
            let (rj, vj) = self.cols.row(t as usize);
            let x = f64::from(x);
            for (&j, &y) in rj.iter().zip(vj) {
                let j = j as usize;
                if !s.seen[j] {
                    s.seen[j] = true;
                    s.touched.push(j as u32);
                }
                s.acc[j] += x * f64::from(y);
            }
        }
        let mut cand: Vec<Neighbour> = Vec::with_capacity(s.touched.len());
        for &j in &s.touched {
            let j = j as usize;
            let score = s.acc[j];
            s.acc[j] = 0.0;
            s.seen[j] = false;
            if j != i && score > 0.0 {
                cand.push(Neighbour {
                    index: j,
                    score: score as f32,
                });
            }
        }
        s.touched.clear();
        if cand.len() > k {
            cand.select_nth_unstable_by(k - 1, by_rank);
            cand.truncate(k);
        }
        cand.sort_unstable_by(by_rank);
        cand
    }
}

/// A thread's dense accumulator and the rows it touched.
struct Scratch {
    acc: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self {
            acc: vec![0.0; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }
}
