//! The options [`CountVectorizer`](super::CountVectorizer) and
//! [`TfidfVectorizer`](super::TfidfVectorizer) share (scikit-learn's `CountVectorizer`
//! parameters), their checks, and the builder methods that set them.

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
    /// The bound as a number of documents out of `n_docs`; `name` names the parameter in the
    /// error.
    fn docs(self, name: &'static str, n_docs: usize) -> Result<f64> {
        match self {
            DocFreq::Count(c) => Ok(c as f64),
            DocFreq::Proportion(p) if (0.0..=1.0).contains(&p) => Ok(p * n_docs as f64),
            DocFreq::Proportion(p) => Err(TextError::param(
                name,
                format!("proportion {p}: it must lie in [0, 1]"),
            )),
        }
    }
}

/// How documents are counted: scikit-learn's `CountVectorizer` parameters.
#[derive(Debug, Clone)]
pub(super) struct CountOptions {
    pub(super) lowercase: bool,
    pub(super) stop_words: Option<StopWords>,
    pub(super) ngram_range: (usize, usize),
    pub(super) min_df: DocFreq,
    pub(super) max_df: DocFreq,
    pub(super) max_features: Option<usize>,
    pub(super) analyzer: Option<Analyzer>,
}

impl Default for CountOptions {
    /// scikit-learn's defaults.
    fn default() -> Self {
        Self {
            lowercase: true,
            stop_words: None,
            ngram_range: (1, 1),
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
            analyzer: None,
        }
    }
}

impl CountOptions {
    /// The analyzer used on every document; checks `ngram_range` unless a custom analyzer is set.
    pub(super) fn analyzer(&self) -> Result<Analyzer> {
        if let Some(a) = &self.analyzer {
            return Ok(a.clone());
        }
        let (min, max) = self.ngram_range;
        if min == 0 || min > max {
            return Err(TextError::param(
                "ngram_range",
                format!("({min}, {max}): need 1 <= min <= max"),
            ));
        }
        Ok(Analyzer::sklearn(
            self.lowercase,
            self.stop_words.clone(),
            min,
            max,
        ))
    }

    /// `(min_docs, max_docs)`: the bounds on a kept term's document frequency for `n_docs`
    /// documents, after checking them and `max_features`.
    pub(super) fn df_bounds(&self, n_docs: usize) -> Result<(f64, f64)> {
        let max_docs = self.max_df.docs("max_df", n_docs)?;
        let min_docs = self.min_df.docs("min_df", n_docs)?;
        if max_docs < min_docs {
            return Err(TextError::param(
                "max_df",
                format!("max_df corresponds to < documents than min_df ({max_docs} < {min_docs})"),
            ));
        }
        if self.max_features == Some(0) {
            return Err(TextError::param("max_features", "must be at least 1"));
        }
        Ok((min_docs, max_docs))
    }
}

/// The builder methods of the [`CountOptions`] at `self.<path>`, for the impl block of each
/// vectorizer (one definition, so both document and set them alike).
macro_rules! count_options {
    ($($path:ident).+) => {
        /// Lowercase the text before tokenizing (default `true`).
        pub fn lowercase(mut self, yes: bool) -> Self {
            self.$($path).+.lowercase = yes;
            self
        }

        /// Removes these words after tokenizing and before making n-grams.
        pub fn stop_words(mut self, words: StopWords) -> Self {
            self.$($path).+.stop_words = Some(words);
            self
        }

        /// N-gram sizes `min..=max` (default `(1, 1)`); checked when fitting.
        pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
            self.$($path).+.ngram_range = (min, max);
            self
        }

        /// Drop terms in fewer documents than this (default `Count(1)`).
        pub fn min_df(mut self, df: DocFreq) -> Self {
            self.$($path).+.min_df = df;
            self
        }

        /// Drop terms in more documents than this (default `Proportion(1.0)`).
        pub fn max_df(mut self, df: DocFreq) -> Self {
            self.$($path).+.max_df = df;
            self
        }

        /// Keep only the `n` terms most frequent over the corpus (ties by term), after
        /// `min_df`/`max_df`.
        pub fn max_features(mut self, n: Option<usize>) -> Self {
            self.$($path).+.max_features = n;
            self
        }

        /// A custom analyzer, replacing `lowercase`, `stop_words` and `ngram_range` (e.g. the
        /// Unicode-words splitter with a [`Stemmer`](crate::Stemmer)).
        pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
            self.$($path).+.analyzer = Some(analyzer);
            self
        }
    };
}

pub(super) use count_options;
