//! The tokenizer pipeline: Unicode word segmentation followed by token filters.

use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use crate::hash::FxHashSet;
use crate::sklearn::{ENGLISH_STOP_WORDS, token_pattern_into, token_pattern_spans};

/// Snowball stemmer languages (re-exported from `rust-stemmers`).
pub use rust_stemmers::Algorithm as StemAlgorithm;

/// A step of the pipeline: rewrites the token stream in place.
pub trait TokenFilter: Send + Sync {
    /// Transforms `tokens`.
    fn apply(&self, tokens: &mut Vec<String>);
}

/// Lowercases every token (Unicode-aware).
#[derive(Debug, Clone, Copy, Default)]
pub struct LowerCaser;

impl TokenFilter for LowerCaser {
    fn apply(&self, tokens: &mut Vec<String>) {
        for t in tokens.iter_mut() {
            if t.chars().any(char::is_uppercase) {
                *t = t.to_lowercase();
            }
        }
    }
}

/// Drops tokens shorter than the given number of characters.
#[derive(Debug, Clone, Copy)]
pub struct MinLength(pub usize);

impl TokenFilter for MinLength {
    fn apply(&self, tokens: &mut Vec<String>) {
        tokens.retain(|t| t.chars().count() >= self.0);
    }
}

/// Replaces the stream by its n-grams for every n in `min..=max`, space-joined: all unigrams
/// first, then all bigrams, and so on (scikit-learn's order).
#[derive(Debug, Clone, Copy)]
pub struct NGrams {
    min: usize,
    max: usize,
}

impl NGrams {
    /// N-grams of sizes `min..=max`; sizes are clamped to at least 1 and `max >= min`.
    pub fn new(min: usize, max: usize) -> Self {
        let min = min.max(1);
        Self {
            min,
            max: max.max(min),
        }
    }
}

impl TokenFilter for NGrams {
    fn apply(&self, tokens: &mut Vec<String>) {
        if self.min == 1 && self.max == 1 {
            return;
        }
        let words = std::mem::take(tokens);
        for n in self.min..=self.max.min(words.len()) {
            for w in words.windows(n) {
                tokens.push(w.join(" "));
            }
        }
    }
}

/// Drops the tokens of a stop-word list (exact, case-sensitive matches: put it after lowercasing).
#[derive(Debug, Clone, Default)]
pub struct StopWords {
    words: FxHashSet<String>,
}

impl StopWords {
    /// scikit-learn's English list ([`ENGLISH_STOP_WORDS`], 318 words).
    pub fn english() -> Self {
        Self::new(ENGLISH_STOP_WORDS)
    }

    /// A custom list.
    pub fn new<I, S>(words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            words: words.into_iter().map(Into::into).collect(),
        }
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl TokenFilter for StopWords {
    fn apply(&self, tokens: &mut Vec<String>) {
        if !self.words.is_empty() {
            tokens.retain(|t| !self.words.contains(t.as_str()));
        }
    }
}

/// Snowball stemming (`rust-stemmers`): e.g. English "running" → "run".
pub struct Stemmer {
    algorithm: StemAlgorithm,
    inner: rust_stemmers::Stemmer,
}

impl Stemmer {
    /// A stemmer for the given language.
    pub fn new(algorithm: StemAlgorithm) -> Self {
        Self {
            algorithm,
            inner: rust_stemmers::Stemmer::create(algorithm),
        }
    }
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stemmer")
            .field("algorithm", &self.algorithm)
            .finish()
    }
}

impl TokenFilter for Stemmer {
    fn apply(&self, tokens: &mut Vec<String>) {
        for t in tokens.iter_mut() {
            if let std::borrow::Cow::Owned(s) = self.inner.stem(t) {
                *t = s;
            }
        }
    }
}

/// How an [`Analyzer`] splits text into its first tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Splitter {
    /// Unicode word boundaries (UAX #29), keeping words with a letter or digit
    /// (`unicode-segmentation`'s `unicode_words`).
    UnicodeWords,
    /// scikit-learn's default `token_pattern`, `(?u)\b\w\w+\b`: maximal runs of Python word
    /// characters at least two characters long ("don't" → "don"; "t" is too short).
    TokenPattern,
}

/// A base tokenizer and its filters.
#[derive(Clone)]
pub struct Analyzer {
    splitter: Splitter,
    lowercase_text: bool,
    filters: Vec<Arc<dyn TokenFilter>>,
    /// Set by [`Analyzer::sklearn`]: the same pipeline run without a `String` per token.
    fast: Option<Fast>,
}

/// scikit-learn's word analyzer as one loop: token pattern, stop words, n-grams `min..=max`.
#[derive(Clone, Debug)]
struct Fast {
    stop_words: Option<StopWords>,
    min: usize,
    max: usize,
}

/// Reusable buffers of [`Analyzer::split_words`].
#[derive(Debug, Default)]
pub(crate) struct TermScratch {
    lower: String,
    spans: Vec<(usize, usize)>,
}

impl Analyzer {
    /// Splits on Unicode word boundaries (UAX #29), keeping words with a letter or digit.
    pub fn words() -> Self {
        Self {
            splitter: Splitter::UnicodeWords,
            lowercase_text: false,
            filters: Vec::new(),
            fast: None,
        }
    }

    /// Splits with scikit-learn's default token pattern `(?u)\b\w\w+\b` (see
    /// [`Splitter::TokenPattern`]); no lowercasing unless [`Analyzer::lowercase_text`] is added.
    pub fn token_pattern() -> Self {
        Self {
            splitter: Splitter::TokenPattern,
            ..Self::words()
        }
    }

    /// scikit-learn's `CountVectorizer(analyzer='word')` analyzer: lowercase the text (when
    /// `lowercase`), split with the token pattern, drop `stop_words`, then the n-grams of sizes
    /// `min_n..=max_n` (clamped like [`NGrams::new`]).
    ///
    /// ```
    /// use recsys_text::{Analyzer, StopWords};
    /// let a = Analyzer::sklearn(true, Some(StopWords::english()), 1, 2);
    /// assert_eq!(a.tokens("Don't stop the Music!"), vec!["don", "stop", "music", "don stop", "stop music"]);
    /// ```
    pub fn sklearn(
        lowercase: bool,
        stop_words: Option<StopWords>,
        min_n: usize,
        max_n: usize,
    ) -> Self {
        let mut a = Self::token_pattern();
        a.lowercase_text = lowercase;
        if let Some(s) = stop_words.clone() {
            a = a.filter(s);
        }
        let ngrams = NGrams::new(min_n, max_n);
        if (ngrams.min, ngrams.max) != (1, 1) {
            a = a.filter(ngrams);
        }
        a.fast = Some(Fast {
            stop_words,
            min: ngrams.min,
            max: ngrams.max,
        });
        a
    }

    /// Lowercases the whole text before splitting (scikit-learn's preprocessing; unlike
    /// [`LowerCaser`], this runs before the splitter, which matters for e.g. "İ" → "i̇").
    pub fn lowercase_text(mut self) -> Self {
        self.lowercase_text = true;
        self
    }

    /// The splitter.
    pub fn splitter(&self) -> Splitter {
        self.splitter
    }

    /// Appends a filter.
    pub fn filter(mut self, f: impl TokenFilter + 'static) -> Self {
        self.filters.push(Arc::new(f));
        self.fast = None;
        self
    }

    /// The n-gram sizes of the analyzer of [`Analyzer::sklearn`], `None` for other analyzers.
    pub(crate) fn fast_ngrams(&self) -> Option<(usize, usize)> {
        self.fast.as_ref().map(|f| (f.min, f.max))
    }

    /// The stop words of the analyzer of [`Analyzer::sklearn`].
    pub(crate) fn fast_stop_words(&self) -> Option<&StopWords> {
        self.fast.as_ref().and_then(|f| f.stop_words.as_ref())
    }

    /// For the analyzer of [`Analyzer::sklearn`]: the (lowercased) text and the byte ranges of
    /// its words, stop words included when `keep_stop_words` (the caller then drops them, see
    /// [`Analyzer::fast_stop_words`]). `None` for other analyzers.
    pub(crate) fn split_words<'t>(
        &self,
        text: &'t str,
        s: &'t mut TermScratch,
        keep_stop_words: bool,
    ) -> Option<(&'t str, &'t [(usize, usize)])> {
        let fast = self.fast.as_ref()?;
        let TermScratch { lower, spans, .. } = s;
        let text: &'t str = if self.lowercase_text
            && (!text.is_ascii() || text.bytes().any(|b| b.is_ascii_uppercase()))
        {
            lower.clear();
            if text.is_ascii() {
                lower.push_str(text);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&text.to_lowercase());
            }
            lower.as_str()
        } else {
            text
        };
        spans.clear();
        match self.splitter {
            Splitter::TokenPattern => token_pattern_spans(text, spans),
            Splitter::UnicodeWords => {
                spans.extend(text.unicode_word_indices().map(|(i, w)| (i, i + w.len())))
            }
        }
        if let Some(stop) = &fast.stop_words
            && !stop.is_empty()
            && !keep_stop_words
        {
            spans.retain(|&(a, b)| !stop.contains(&text[a..b]));
        }
        Some((text, spans))
    }

    /// The tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let lowered;
        let text = if self.lowercase_text
            && (!text.is_ascii() || text.bytes().any(|b| b.is_ascii_uppercase()))
        {
            lowered = text.to_lowercase();
            lowered.as_str()
        } else {
            text
        };
        let mut t: Vec<String> = match self.splitter {
            Splitter::UnicodeWords => text.unicode_words().map(str::to_string).collect(),
            Splitter::TokenPattern => {
                let mut v = Vec::new();
                token_pattern_into(text, &mut v);
                v
            }
        };
        for f in &self.filters {
            f.apply(&mut t);
        }
        t
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("splitter", &self.splitter)
            .field("lowercase_text", &self.lowercase_text)
            .field("filters", &self.filters.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pipeline_by_hand() {
        let a = Analyzer::words().filter(LowerCaser);
        assert_eq!(
            a.tokens("Léon: The Professional (1994)"),
            vec!["léon", "the", "professional", "1994"]
        );
        let b = Analyzer::words().filter(NGrams::new(2, 3));
        assert_eq!(b.tokens("a b c"), vec!["a b", "b c", "a b c"]);
        assert!(
            Analyzer::words()
                .filter(NGrams::new(1, 2))
                .tokens("")
                .is_empty()
        );
    }

    proptest! {
        #[test]
        fn ngram_count(words in proptest::collection::vec("[a-z]{1,6}", 0..12), max in 1usize..4) {
            let text = words.join(" ");
            let a = Analyzer::words().filter(NGrams::new(1, max));
            let n = words.len();
            let expect: usize = (1..=max.min(n)).map(|k| n - k + 1).sum();
            prop_assert_eq!(a.tokens(&text).len(), expect);
        }
    }
}
