//! [`CountVectorizer`]: term counts per document, with scikit-learn's semantics.

use super::chunk::{Chunk, count_all};
use super::merge::{columns_in, merge_terms, to_matrix};
use super::options::{CountOptions, DocFreq, count_options};
use super::vocabulary::Vocabulary;
use crate::csr::CsrMatrix;
use crate::error::{Result, TextError};
use crate::tokenize::{Analyzer, StopWords};

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
    pub(super) options: CountOptions,
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
            options: CountOptions::default(),
            vocabulary: None,
        }
    }

    count_options!(options);

    /// The analyzer used on every document.
    pub fn build_analyzer(&self) -> Result<Analyzer> {
        self.options.analyzer()
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
        let chunks = count_all(&analyzer, docs)?;
        Ok(to_matrix(vocab.len(), &chunks, &columns_in(vocab, &chunks)))
    }

    /// Learns the vocabulary and returns the document-term counts.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<CsrMatrix> {
        let analyzer = self.build_analyzer()?;
        let (min_docs, max_docs) = self.options.df_bounds(docs.len())?;
        let chunks = count_all(&analyzer, docs)?;
        let (all, to_global) = merge_terms(&chunks);
        if all.is_empty() {
            return Err(TextError::empty(
                "empty vocabulary; perhaps the documents only contain stop words",
            ));
        }
        let kept = self.kept_terms(&chunks, &to_global, all.len(), min_docs, max_docs);
        if kept.is_empty() {
            return Err(TextError::empty(
                "after pruning, no terms remain; try a lower min_df or a higher max_df",
            ));
        }
        let (vocab, cols) = if kept.len() == all.len() {
            (all, to_global)
        } else {
            let mut col_of = vec![u32::MAX; all.len()];
            for (col, &g) in kept.iter().enumerate() {
                col_of[g as usize] = col as u32;
            }
            let cols = to_global
                .iter()
                .map(|m| m.iter().map(|&g| col_of[g as usize]).collect())
                .collect();
            let vocab = Vocabulary::from_terms(kept.iter().filter_map(|&g| all.term(g as usize)));
            (vocab, cols)
        };
        let x = to_matrix(vocab.len(), &chunks, &cols);
        self.vocabulary = Some(vocab);
        Ok(x)
    }

    /// The global ids (in `0..n_terms`, term order) of the terms kept by `min_df`, `max_df` and
    /// `max_features`, sorted; `to_global` maps each chunk's ranks to global ids.
    fn kept_terms(
        &self,
        chunks: &[Chunk],
        to_global: &[Vec<u32>],
        n_terms: usize,
        min_docs: f64,
        max_docs: f64,
    ) -> Vec<u32> {
        let max_features = self.options.max_features;
        // document frequency and (for max_features) corpus frequency of every term
        let mut df = vec![0u32; n_terms];
        let mut cf = if max_features.is_some() {
            vec![0u64; n_terms]
        } else {
            Vec::new()
        };
        for (c, map) in chunks.iter().zip(to_global) {
            for (&id, &n) in c.ids.iter().zip(&c.counts) {
                let g = map[id as usize] as usize;
                df[g] += 1;
                if let Some(x) = cf.get_mut(g) {
                    *x += u64::from(n);
                }
            }
        }
        // global ids are in term order
        let mut kept: Vec<u32> = (0..n_terms as u32)
            .filter(|&g| {
                let d = f64::from(df[g as usize]);
                d >= min_docs && d <= max_docs
            })
            .collect();
        if let Some(m) = max_features
            && kept.len() > m
        {
            kept.sort_unstable_by(|&a, &b| cf[b as usize].cmp(&cf[a as usize]).then(a.cmp(&b)));
            kept.truncate(m);
            kept.sort_unstable();
        }
        kept
    }
}
