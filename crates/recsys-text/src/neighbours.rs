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
/// A query row's similarities are `Σ_t x_t · column t` over its terms shared with another row,
/// accumulated in `f64` in a dense array of `n_rows` entries (one per thread), then either
/// scanned whole or through the list of rows touched, whichever is cheaper; the best `k` are kept
/// by quickselect. The `n_rows × n_rows` matrix is never formed. Neighbours are the other rows
/// with a positive similarity (for non-negative data such as TF-IDF: the rows sharing a term),
/// best first, ties broken by lower index; the row itself is never included.
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
    /// `rows` without the columns only one row has (they add to no other row's similarity).
    shared: CsrMatrix,
    /// No negative value: products are never negative, so a zero accumulator means untouched.
    nonneg: bool,
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
        let nonneg = rows.data().iter().all(|&v| v >= 0.0);
        let ci = cols.indptr();
        let (mut sp, mut si, mut sd) = (vec![0], Vec::new(), Vec::new());
        for i in 0..rows.n_rows() {
            let (c, v) = rows.row(i);
            for (&j, &x) in c.iter().zip(v) {
                if ci[j as usize + 1] - ci[j as usize] >= 2 {
                    si.push(j);
                    sd.push(x);
                }
            }
            sp.push(si.len());
        }
        let shared = CsrMatrix::from_parts_unchecked(rows.n_cols(), sp, si, sd);
        Self {
            rows,
            cols,
            shared,
            nonneg,
        }
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
    /// Memory: the result (at most `k` neighbours per row) and one accumulator per thread.
    pub fn all_neighbours(&self, k: usize) -> Vec<Vec<Neighbour>> {
        let n = self.n_rows();
        let mut out: Vec<Vec<Neighbour>> = vec![Vec::new(); n];
        out.par_chunks_mut(BLOCK).enumerate().for_each_init(
            || Scratch::new(n),
            |s, (b, rows)| {
                for (o, slot) in rows.iter_mut().enumerate() {
                    *slot = self.top(b * BLOCK + o, k, s);
                }
            },
        );
        out
    }

    fn top(&self, i: usize, k: usize, s: &mut Scratch) -> Vec<Neighbour> {
        if k == 0 {
            return Vec::new();
        }
        s.touched.clear();
        let (ci, vi) = self.shared.row(i);
        let n = self.n_rows();
        let indptr = self.cols.indptr();
        let work: usize = ci
            .iter()
            .map(|&t| indptr[t as usize + 1] - indptr[t as usize])
            .sum();
        let mut top = TopK::new(k, i);
        if work.saturating_mul(4) >= n {
            // dense: accumulate without bookkeeping, then scan (and clear) the whole accumulator
            for (&t, &x) in ci.iter().zip(vi) {
                let (rj, vj) = self.cols.row(t as usize);
                let x = f64::from(x);
                for (&j, &y) in rj.iter().zip(vj) {
                    s.acc[j as usize] += x * f64::from(y);
                }
            }
            let mut thr = top.threshold();
            for (c, chunk) in s.acc.chunks(16).enumerate() {
                // most chunks hold nothing above the threshold: a branch-free max first
                let m = chunk.iter().fold(0.0f64, |m, &a| if a > m { a } else { m });
                if m > thr {
                    for (o, &a) in chunk.iter().enumerate() {
                        if a > thr {
                            top.offer(c * 16 + o, a);
                            thr = top.threshold();
                        }
                    }
                }
            }
            s.acc.fill(0.0);
            return top.into_sorted();
        }
        if self.nonneg {
            // `acc[j] == 0` until row j gets a positive product; zero products are skipped
            for (&t, &x) in ci.iter().zip(vi) {
                let (rj, vj) = self.cols.row(t as usize);
                let x = f64::from(x);
                for (&j, &y) in rj.iter().zip(vj) {
                    let p = x * f64::from(y);
                    let a = &mut s.acc[j as usize];
                    if *a == 0.0 {
                        if p > 0.0 {
                            s.touched.push(j);
                            *a = p;
                        }
                    } else {
                        *a += p;
                    }
                }
            }
            top.drain(&s.touched, &mut s.acc);
        } else {
            // `mark[j] == i + 1`: `acc[j]` holds row i's partial sum
            let stamp = i + 1;
            for (&t, &x) in ci.iter().zip(vi) {
                let (rj, vj) = self.cols.row(t as usize);
                let x = f64::from(x);
                for (&j, &y) in rj.iter().zip(vj) {
                    let j = j as usize;
                    let p = x * f64::from(y);
                    if s.mark[j] == stamp {
                        s.acc[j] += p;
                    } else {
                        s.mark[j] = stamp;
                        s.acc[j] = p;
                        s.touched.push(j as u32);
                    }
                }
            }
            top.drain(&s.touched, &mut s.acc);
        }
        top.into_sorted()
    }
}

/// The best `k` of the offered rows other than `query` with a positive score: candidates at
/// or above the floor go to a buffer of `2k`, cut back to the best `k` (quickselect) when full.
struct TopK {
    k: usize,
    query: usize,
    buf: Vec<Neighbour>,
    /// The worst score kept at the last cut (0 before).
    floor: f32,
}

impl TopK {
    fn new(k: usize, query: usize) -> Self {
        Self {
            k,
            query,
            buf: Vec::with_capacity(2 * k.min(1 << 20)),
            floor: 0.0,
        }
    }

    /// Scores at or below this cannot enter (a little below the floor: `f64` scores are
    /// compared as `f32` by [`TopK::offer`]).
    #[inline]
    fn threshold(&self) -> f64 {
        f64::from(self.floor) * (1.0 - 1e-6)
    }

    #[inline]
    fn offer(&mut self, j: usize, score: f64) {
        let f = score as f32;
        if j == self.query || f.is_nan() || f <= 0.0 || f < self.floor {
            return;
        }
        self.buf.push(Neighbour { index: j, score: f });
        if self.buf.len() >= 2 * self.k {
            self.cut();
            self.floor = self.buf[self.k - 1].score;
        }
    }

    /// Offers the accumulated score of each of `touched` and clears it in `acc`.
    #[inline]
    fn drain(&mut self, touched: &[u32], acc: &mut [f64]) {
        let mut thr = self.threshold();
        for &j in touched {
            let a = std::mem::take(&mut acc[j as usize]);
            if a > thr {
                self.offer(j as usize, a);
                thr = self.threshold();
            }
        }
    }

    /// Keeps the best `k` (the k-th best at position `k - 1`).
    fn cut(&mut self) {
        if self.buf.len() > self.k {
            self.buf.select_nth_unstable_by(self.k - 1, by_rank);
            self.buf.truncate(self.k);
        }
    }

    fn into_sorted(mut self) -> Vec<Neighbour> {
        self.cut();
        self.buf.sort_unstable_by(by_rank);
        self.buf.shrink_to_fit();
        self.buf
    }
}

/// A thread's accumulator, the row that last wrote each entry, and the rows touched.
struct Scratch {
    acc: Vec<f64>,
    mark: Vec<usize>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Self {
            acc: vec![0.0; n],
            mark: vec![0; n],
            touched: Vec::new(),
        }
    }
}
