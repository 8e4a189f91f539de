//! `CountVectorizer` and `TfidfVectorizer` with scikit-learn's semantics.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::csr::CsrMatrix;
use crate::error::{Result, TextError};
use crate::tokenize::{Analyzer, StopWords};

/// A document-frequency bound (`min_df`/`max_df`): a number of documents or a proportion of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocFreq {
    /// An absolute number of documents (scikit-learn's `int`).
    Count(usize),
    /// A proportion of the documents in `[0, 1]` (scikit-learn's `float`).
    Proportion(f64),
}

impl DocFreq {
    fn docs(self, name: &'static str, n_docs: usize) -> Result<f64> {
        match self {
            DocFreq::Count(c) => Ok(c as f64),
            DocFreq::Proportion(p) if (0.0..=1.0).contains(&p) => Ok(p * n_docs as f64),
            DocFreq::Proportion(p) => Err(TextError::InvalidDocFreq { name, value: p }),
        }
    }
}

/// A fitted vocabulary: terms sorted in code-point order (Rust's `str` order, Python's `str`
/// order), each term's column is its rank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    terms: Vec<String>,
    index: HashMap<String, u32>,
}

impl Vocabulary {
    fn from_sorted(terms: Vec<String>) -> Self {
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Self { terms, index }
    }

    /// The terms, by column.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The column of `term`.
    pub fn get(&self, term: &str) -> Option<usize> {
        self.index.get(term).map(|&c| c as usize)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Counts of each distinct term of one document, sorted by term.
fn count_terms(analyzer: &Analyzer, doc: &str) -> Vec<(String, u32)> {
    let mut toks = analyzer.tokens(doc);
    toks.sort_unstable();
    let mut out: Vec<(String, u32)> = Vec::with_capacity(toks.len());
    for t in toks {
        match out.last_mut() {
            Some((last, c)) if *last == t => *c += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

fn count_all<S: AsRef<str> + Sync>(analyzer: &Analyzer, docs: &[S]) -> Vec<Vec<(String, u32)>> {
    docs.par_iter()
        .with_min_len(16)
        .map(|d| count_terms(analyzer, d.as_ref()))
        .collect()
}

fn to_matrix(vocab: &Vocabulary, counted: &[Vec<(String, u32)>]) -> CsrMatrix {
    let rows: Vec<(Vec<u32>, Vec<f32>)> = counted
        .par_iter()
        .with_min_len(16)
        .map(|doc| {
            let mut r: Vec<(u32, f32)> = doc
                .iter()
                .filter_map(|(t, c)| vocab.index.get(t.as_str()).map(|&j| (j, *c as f32)))
                .collect();
            r.sort_unstable_by_key(|e| e.0);
            r.into_iter().unzip()
        })
        .collect();
    CsrMatrix::from_rows(vocab.len(), rows)
}

/// Term counts per document, like scikit-learn's `CountVectorizer(analyzer='word')`.
///
/// Defaults are scikit-learn's: lowercase, token pattern `(?u)\b\w\w+\b`, no stop words,
/// unigrams, `min_df = 1`, `max_df = 1.0`, no `max_features`. Columns are terms in sorted order.
///
/// ```
/// use recsys_text::{CountVectorizer, StopWords};
/// let mut cv = CountVectorizer::new().stop_words(StopWords::english()).ngram_range(1, 2);
/// let x = cv.fit_transform(&["The cat sat.", "The cat, the hat!"]).unwrap();
/// assert_eq!(cv.vocabulary().unwrap().terms(), ["cat", "cat hat", "cat sat", "hat", "sat"]);
/// assert_eq!(x.to_dense(), vec![vec![1.0, 0.0, 1.0, 0.0, 1.0], vec![1.0, 1.0, 0.0, 1.0, 0.0]]);
/// ```
#[derive(Debug, Clone)]
pub struct CountVectorizer {
    lowercase: bool,
    stop_words: Option<StopWords>,
    ngram_range: (usize, usize),
    min_df: DocFreq,
    max_df: DocFreq,
    max_features: Option<usize>,
    analyzer: Option<Analyzer>,
    vocabulary: Option<Vocabulary>,
}

impl Default for CountVectorizer {
    fn default() -> Self {
        Self::new()
    }
}

impl CountVectorizer {
    /// scikit-learn's defaults.
    pub fn new() -> Self {
        Self {
            lowercase: true,
            stop_words: None,
            ngram_range: (1, 1),
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
            analyzer: None,
            vocabulary: None,
        }
    }

    /// Lowercase the text before tokenizing (default `true`).
    pub fn lowercase(mut self, yes: bool) -> Self {
        self.lowercase = yes;
        self
    }

    /// Removes these words after tokenizing and before making n-grams.
    pub fn stop_words(mut self, words: StopWords) -> Self {
        self.stop_words = Some(words);
        self
    }

    /// N-gram sizes `min..=max` (default `(1, 1)`); checked when fitting.
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.ngram_range = (min, max);
        self
    }

    /// Drop terms in fewer documents than this (default `Count(1)`).
    pub fn min_df(mut self, df: DocFreq) -> Self {
        self.min_df = df;
        self
    }

    /// Drop terms in more documents than this (default `Proportion(1.0)`).
    pub fn max_df(mut self, df: DocFreq) -> Self {
        self.max_df = df;
        self
    }

    /// Keep only the `n` terms most frequent over the corpus (ties by term), after `min_df`/`max_df`.
    pub fn max_features(mut self, n: Option<usize>) -> Self {
        self.max_features = n;
        self
    }

    /// A custom analyzer, replacing `lowercase`, `stop_words` and `ngram_range` (e.g. the
    /// Unicode-words splitter with a [`Stemmer`](crate::Stemmer)).
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    /// The analyzer used on every document.
    pub fn build_analyzer(&self) -> Result<Analyzer> {
        if let Some(a) = &self.analyzer {
            return Ok(a.clone());
        }
        let (min, max) = self.ngram_range;
        if min == 0 || min > max {
            return Err(TextError::InvalidNgramRange { min, max });
        }
        Ok(Analyzer::sklearn(
            self.lowercase,
            self.stop_words.clone(),
            min,
            max,
        ))
    }

    /// The fitted vocabulary, `None` before fitting.
    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.vocabulary.as_ref()
    }

    /// Learns the vocabulary of `docs`.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<&mut Self> {
        self.fit_transform(docs)?;
        Ok(self)
    }

    /// Counts of the fitted vocabulary's terms in `docs`; unknown terms are ignored.
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix> {
        let vocab = self.vocabulary.as_ref().ok_or(TextError::NotFitted)?;
        let analyzer = self.build_analyzer()?;
        Ok(to_matrix(vocab, &count_all(&analyzer, docs)))
    }

    /// Learns the vocabulary and returns the document-term counts.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<CsrMatrix> {
        let analyzer = self.build_analyzer()?;
        let n = docs.len();
        let max_docs = self.max_df.docs("max_df", n)?;
        let min_docs = self.min_df.docs("min_df", n)?;
        if max_docs < min_docs {
            return Err(TextError::MaxDfBelowMinDf { max_docs, min_docs });
        }
        if self.max_features == Some(0) {
            return Err(TextError::InvalidMaxFeatures);
        }
        let counted = count_all(&analyzer, docs);
        // (document frequency, corpus frequency) of every term
        let mut stats: HashMap<&str, (u32, u64)> = HashMap::new();
        for doc in &counted {
            for (t, c) in doc {
                let e = stats.entry(t.as_str()).or_default();
                e.0 += 1;
                e.1 += u64::from(*c);
            }
        }
        if stats.is_empty() {
            return Err(TextError::EmptyVocabulary);
        }
        let mut kept: Vec<(&str, u64)> = stats
            .into_iter()
            .filter(|(_, (df, _))| f64::from(*df) >= min_docs && f64::from(*df) <= max_docs)
            .map(|(t, (_, tf))| (t, tf))
            .collect();
        if let Some(m) = self.max_features
            && kept.len() > m
        {
            kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            kept.truncate(m);
        }
        if kept.is_empty() {
            return Err(TextError::NoTermsRemain);
        }
        kept.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let vocab = Vocabulary::from_sorted(kept.into_iter().map(|(t, _)| t.to_string()).collect());
        let x = to_matrix(&vocab, &counted);
        self.vocabulary = Some(vocab);
        Ok(x)
    }
}

/// Row normalization of [`TfidfVectorizer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    /// Euclidean: rows of unit length (then dot products are cosines).
    L2,
    /// Rows whose absolute values sum to 1.
    L1,
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

    /// See [`CountVectorizer::lowercase`].
    pub fn lowercase(mut self, yes: bool) -> Self {
        self.counts = self.counts.lowercase(yes);
        self
    }

    /// See [`CountVectorizer::stop_words`].
    pub fn stop_words(mut self, words: StopWords) -> Self {
        self.counts = self.counts.stop_words(words);
        self
    }

    /// See [`CountVectorizer::ngram_range`].
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.counts = self.counts.ngram_range(min, max);
        self
    }

    /// See [`CountVectorizer::min_df`].
    pub fn min_df(mut self, df: DocFreq) -> Self {
        self.counts = self.counts.min_df(df);
        self
    }

    /// See [`CountVectorizer::max_df`].
    pub fn max_df(mut self, df: DocFreq) -> Self {
        self.counts = self.counts.max_df(df);
        self
    }

    /// See [`CountVectorizer::max_features`].
    pub fn max_features(mut self, n: Option<usize>) -> Self {
        self.counts = self.counts.max_features(n);
        self
    }

    /// See [`CountVectorizer::analyzer`].
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.counts = self.counts.analyzer(analyzer);
        self
    }

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

    fn weigh(&self, mut x: CsrMatrix) -> CsrMatrix {
        let indptr = x.indptr().to_vec();
        let indices = x.indices().to_vec();
        let idf = self.idf.as_deref();
        let (sublinear, norm) = (self.sublinear_tf, self.norm);
        let mut rows: Vec<&mut [f32]> = Vec::with_capacity(indptr.len() - 1);
        let mut rest = x.data_mut();
        for w in indptr.windows(2) {
            let (r, t) = rest.split_at_mut(w[1] - w[0]);
            rows.push(r);
            rest = t;
        }
        rows.into_par_iter()
            .zip(indptr.par_windows(2))
            .with_min_len(64)
            .for_each(|(vals, w)| {
                let cols = &indices[w[0]..w[1]];
                let mut v: Vec<f64> = vals.iter().map(|&c| f64::from(c)).collect();
                if sublinear {
                    v.iter_mut().for_each(|t| *t = t.ln() + 1.0);
                }
                if let Some(idf) = idf {
                    for (t, &j) in v.iter_mut().zip(cols) {
                        *t *= idf[j as usize];
                    }
                }
                let s = match norm {
                    Some(Norm::L2) => v.iter().map(|t| t * t).sum::<f64>().sqrt(),
                    Some(Norm::L1) => v.iter().map(|t| t.abs()).sum::<f64>(),
                    None => 1.0,
                };
                let s = if s == 0.0 { 1.0 } else { s };
                for (o, t) in vals.iter_mut().zip(v) {
                    *o = (t / s) as f32;
                }
            });
        x
    }
}
