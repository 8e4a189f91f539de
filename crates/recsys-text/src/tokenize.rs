//! The tokenizer pipeline: Unicode word segmentation followed by token filters.

use unicode_segmentation::UnicodeSegmentation;

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

/// A base tokenizer and its filters.
pub struct Analyzer {
    filters: Vec<Box<dyn TokenFilter>>,
}

impl Analyzer {
    /// Splits on Unicode word boundaries (UAX #29), keeping words with a letter or digit.
    pub fn words() -> Self {
        Self {
            filters: Vec::new(),
        }
    }

    /// Appends a filter.
    pub fn filter(mut self, f: impl TokenFilter + 'static) -> Self {
        self.filters.push(Box::new(f));
        self
    }

    /// The tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut t: Vec<String> = text.unicode_words().map(str::to_string).collect();
        for f in &self.filters {
            f.apply(&mut t);
        }
        t
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
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
