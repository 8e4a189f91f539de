//! [`Weighting`]: how the k-NN models weigh interactions before the similarity dot products, as
//! the `implicit` library's `CosineRecommender`, `TFIDFRecommender` and `BM25Recommender` do.

use serde::{Deserialize, Serialize};

use super::sparse::SparseRows;

/// The weighting of a document × term matrix (item-knn: items × users; user-knn: users × items)
/// whose row dot products are the similarities. With `N` documents, `df_t` the number of
/// documents with term `t` and `idf_t = ln N − ln(1 + df_t)` (implicit's formula; it is negative
/// for a term in nearly every document):
///
/// - `Cosine`: each row scaled to unit length: similarities are cosines.
/// - `TfIdf`: `√x · idf_t`, then each row scaled to unit length.
/// - `Bm25 { k1, b }`: `x (k1 + 1) / (k1 · L_d + x) · idf_t` with the length norm
///   `L_d = 1 − b + b · |d| / mean |d|` (`|d|` the row's sum of values, the mean over all `N`
///   rows), not normalized. implicit's `BM25Recommender` defaults are `k1` 1.2, `b` 0.75.
///
/// A row whose weights are all 0 stays 0 (implicit would divide by 0 there).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// Cosine similarity of the raw rows.
    Cosine,
    /// Cosine similarity of TF-IDF weighted rows.
    TfIdf,
    /// Dot products of BM25 weighted rows.
    Bm25,
}

/// BM25's two constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bm25 {
    /// Term-frequency saturation `k1`.
    pub(crate) k1: f64,
    /// Length normalization `b`.
    pub(crate) b: f64,
}

impl Weighting {
    /// Its name in parameters and reports.
    pub fn name(self) -> &'static str {
        match self {
            Weighting::Cosine => "cosine",
            Weighting::TfIdf => "tfidf",
            Weighting::Bm25 => "bm25",
        }
    }

    /// `docs` (documents × terms) weighted (computed in `f64`, stored as `f32`).
    pub(crate) fn apply(self, docs: &SparseRows, bm25: Bm25) -> SparseRows {
        let corpus = Corpus::of(docs);
        let rows = (0..docs.n_rows())
            .map(|d| {
                let (terms, xs) = docs.row(d);
                self.weigh_row(&corpus, terms, xs, bm25)
            })
            .collect();
        SparseRows::from_rows(rows, docs.n_cols())
    }

    /// One document (`terms` ascending, `xs` their values) weighted against `corpus`, as
    /// [`Weighting::apply`] weighs each row of the matrix `corpus` was taken from: a row of that
    /// matrix comes out bit for bit as `apply` gives it. Every term must be one of the corpus's.
    pub(crate) fn weigh_row(
        self,
        corpus: &Corpus,
        terms: &[u32],
        xs: &[f32],
        bm25: Bm25,
    ) -> Vec<(u32, f32)> {
        let len: f64 = xs.iter().map(|&x| f64::from(x)).sum();
        let w: Vec<f64> = terms
            .iter()
            .zip(xs)
            .map(|(&t, &x)| {
                let x = f64::from(x);
                let idf = corpus.idf[t as usize];
                match self {
                    Weighting::Cosine => x,
                    Weighting::TfIdf => x.sqrt() * idf,
                    Weighting::Bm25 => {
                        let norm = if corpus.mean_len > 0.0 {
                            1.0 - bm25.b + bm25.b * len / corpus.mean_len
                        } else {
                            1.0
                        };
                        x * (bm25.k1 + 1.0) / (bm25.k1 * norm + x) * idf
                    }
                }
            })
            .collect();
        let scale = match self {
            Weighting::Bm25 => 1.0,
            _ => {
                let len = w.iter().map(|v| v * v).sum::<f64>().sqrt();
                if len > 0.0 { 1.0 / len } else { 1.0 }
            }
        };
        terms
            .iter()
            .zip(w)
            .map(|(&t, v)| (t, (v * scale) as f32))
            .collect()
    }
}

/// What the weightings learn from a whole documents × terms matrix: each term's `idf` and the
/// mean document length (the sum of a row's values).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Corpus {
    /// `ln N − ln(1 + df_t)` per term.
    idf: Vec<f64>,
    /// The mean over all `N` rows of a row's sum of values.
    mean_len: f64,
}

impl Corpus {
    /// The corpus of `docs`.
    pub(crate) fn of(docs: &SparseRows) -> Self {
        let n = docs.n_rows() as f64;
        let idf = docs
            .col_counts()
            .into_iter()
            .map(|df| n.ln() - f64::from(df).ln_1p())
            .collect();
        let sums: Vec<f64> = (0..docs.n_rows())
            .map(|d| docs.row(d).1.iter().map(|&x| f64::from(x)).sum())
            .collect();
        let mean_len = sums.iter().sum::<f64>() / n.max(1.0);
        Self { idf, mean_len }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn bm25_by_hand() {
        // 2 documents over 3 terms: d0 = {t0: 1, t1: 1}, d1 = {t1: 2}
        let d = SparseRows::from_rows(vec![vec![(0, 1.0), (1, 1.0)], vec![(1, 2.0)]], 3);
        let w = Weighting::Bm25.apply(&d, Bm25 { k1: 1.2, b: 0.75 });
        // idf: t0 = ln 2 − ln 2 = 0, t1 = ln 2 − ln 3; |d0| = |d1| = 2 = mean, so L = 1
        let idf1 = 2f64.ln() - 3f64.ln();
        assert_abs_diff_eq!(w.row(0).1[0], 0.0);
        assert_abs_diff_eq!(w.row(0).1[1] as f64, 2.2 / 2.2 * idf1, epsilon = 1e-7);
        assert_abs_diff_eq!(w.row(1).1[0] as f64, 2.0 * 2.2 / 3.2 * idf1, epsilon = 1e-7);
        let c = Weighting::Cosine.apply(&d, Bm25 { k1: 1.2, b: 0.75 });
        assert_abs_diff_eq!(c.row(0).1[0], std::f32::consts::FRAC_1_SQRT_2);
        assert_abs_diff_eq!(c.row(1).1[0], 1.0);
    }
}
