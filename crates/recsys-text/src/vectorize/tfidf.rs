//! [`TfidfVectorizer`]: counts weighted by inverse document frequency and normalized per row.

use rayon::prelude::*;

use super::count::CountVectorizer;
use super::options::{DocFreq, count_options};
use super::vocabulary::Vocabulary;
use crate::csr::CsrMatrix;
use crate::error::Result;
use crate::tokenize::{Analyzer, StopWords};

/// Row normalization of [`TfidfVectorizer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    /// Euclidean: rows of unit length (then dot products are cosines).
    L2,
    /// Rows whose absolute values sum to 1.
    L1,
}

impl Norm {
    /// The norm of the row of values `row`.
    fn of(self, row: impl Iterator<Item = f64>) -> f64 {
        match self {
            Norm::L2 => row.map(|t| t * t).sum::<f64>().sqrt(),
            Norm::L1 => row.map(f64::abs).sum::<f64>(),
        }
    }
}

/// TF-IDF weights per document, like scikit-learn's `TfidfVectorizer`.
///
/// `tf` is the raw count (or `1 + ln(count)` with `sublinear_tf`); with `smooth_idf` (default)
/// `idf = ln((1 + n) / (1 + df)) + 1`, else `ln(n / df) + 1`; rows are then scaled to unit L2
/// norm (default), unit L1 norm, or left as they are. Values are computed in `f64` and stored
/// as `f32`.
///
/// ```
/// use recsys_text::TfidfVectorizer;
/// let mut tf = TfidfVectorizer::new();
/// let x = tf.fit_transform(&["apple banana", "apple"]).unwrap();
/// // idf(apple) = ln(3/3) + 1 = 1, idf(banana) = ln(3/2) + 1
/// let b = 1.5f64.ln() + 1.0;
/// let n = (1.0 + b * b).sqrt();
/// assert!((x.get(0, 0) as f64 - 1.0 / n).abs() < 1e-6);
/// assert!((x.get(0, 1) as f64 - b / n).abs() < 1e-6);
/// assert_eq!(x.get(1, 0), 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct TfidfVectorizer {
    counts: CountVectorizer,
    norm: Option<Norm>,
    use_idf: bool,
    smooth_idf: bool,
    sublinear_tf: bool,
    idf: Option<Vec<f64>>,
}

impl Default for TfidfVectorizer {
    fn default() -> Self {
        Self::new()
    }
}

impl TfidfVectorizer {
    /// scikit-learn's defaults: those of [`CountVectorizer::new`], L2 norm, `use_idf`,
    /// `smooth_idf`, no `sublinear_tf`.
    pub fn new() -> Self {
        Self {
            counts: CountVectorizer::new(),
            norm: Some(Norm::L2),
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
            idf: None,
        }
    }

    count_options!(counts.options);

    /// Row normalization (default `Some(Norm::L2)`; `None` leaves rows as they are).
    pub fn norm(mut self, norm: Option<Norm>) -> Self {
        self.norm = norm;
        self
    }

    /// Weight by inverse document frequency (default `true`).
    pub fn use_idf(mut self, yes: bool) -> Self {
        self.use_idf = yes;
        self
    }

    /// Add one to document frequencies as if a document held every term once (default `true`).
    pub fn smooth_idf(mut self, yes: bool) -> Self {
        self.smooth_idf = yes;
        self
    }

    /// Replace `tf` by `1 + ln(tf)` (default `false`).
    pub fn sublinear_tf(mut self, yes: bool) -> Self {
        self.sublinear_tf = yes;
        self
    }

    /// The fitted vocabulary, `None` before fitting.
    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.counts.vocabulary()
    }

    /// The fitted idf per column; `None` before fitting or without `use_idf`.
    pub fn idf(&self) -> Option<&[f64]> {
        self.idf.as_deref()
    }

    /// Learns the vocabulary and idf of `docs`.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<&mut Self> {
        self.fit_transform(docs)?;
        Ok(self)
    }

    /// Learns the vocabulary and idf, and returns the TF-IDF matrix of `docs`.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<CsrMatrix> {
        let counts = self.counts.fit_transform(docs)?;
        self.idf = self.use_idf.then(|| {
            let mut df = vec![0u64; counts.n_cols()];
            for &j in counts.indices() {
                df[j as usize] += 1;
            }
            let s = if self.smooth_idf { 1.0 } else { 0.0 };
            let n = counts.n_rows() as f64 + s;
            df.iter()
                .map(|&d| (n / (d as f64 + s)).ln() + 1.0)
                .collect()
        });
        Ok(self.weigh(counts))
    }

    /// The TF-IDF matrix of `docs` with the fitted vocabulary and idf; unknown terms are ignored.
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix> {
        Ok(self.weigh(self.counts.transform(docs)?))
    }

    /// Counts to weights: `tf`, times idf, over the row's norm.
    fn weigh(&self, mut x: CsrMatrix) -> CsrMatrix {
        let (indptr, indices, data) = x.parts_mut();
        let idf = self.idf.as_deref();
        let (sublinear, norm) = (self.sublinear_tf, self.norm);
        let mut rows: Vec<&mut [f32]> = Vec::with_capacity(indptr.len() - 1);
        let mut rest = data;
        for w in indptr.windows(2) {
            let (r, t) = rest.split_at_mut(w[1] - w[0]);
            rows.push(r);
            rest = t;
        }
        let weight = |c: f32, j: u32| {
            let mut t = f64::from(c);
            if sublinear {
                t = t.ln() + 1.0;
            }
            if let Some(idf) = idf {
                t *= idf[j as usize];
            }
            t
        };
        rows.into_par_iter()
            .zip(indptr.par_windows(2))
            .with_min_len(256)
            .for_each(|(vals, w)| {
                let cols = &indices[w[0]..w[1]];
                let s = norm.map_or(1.0, |n| {
                    n.of(vals.iter().zip(cols).map(|(&c, &j)| weight(c, j)))
                });
                let s = if s == 0.0 { 1.0 } else { s };
                for (o, &j) in vals.iter_mut().zip(cols) {
                    *o = (weight(*o, j) / s) as f32;
                }
            });
        x
    }
}
