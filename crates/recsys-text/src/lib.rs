//! # recsys-text
//!
//! Generic text processing for content-based recommenders: it knows documents, not movies.
//!
//! * Tokenizing is a pipeline, as in tantivy: a base splitter ([`Analyzer::words`], Unicode
//!   word boundaries, or [`Analyzer::token_pattern`], scikit-learn's `(?u)\b\w\w+\b`) followed by
//!   small filters ([`LowerCaser`], [`MinLength`], [`StopWords`], [`Stemmer`], [`NGrams`]).
//! * [`CountVectorizer`] and [`TfidfVectorizer`] follow scikit-learn's semantics and options and
//!   produce [`CsrMatrix`] rows, columns being the sorted vocabulary.
//! * [`CosineIndex`] finds the top-k most similar rows by sparse products, in parallel.
//!
//! ```
//! use recsys_text::{Analyzer, LowerCaser, MinLength, NGrams};
//! let a = Analyzer::words().filter(LowerCaser).filter(MinLength(2)).filter(NGrams::new(1, 2));
//! assert_eq!(
//!     a.tokens("The Dark Knight, a film"),
//!     vec!["the", "dark", "knight", "film", "the dark", "dark knight", "knight film"]
//! );
//! ```
//!
//! scikit-learn's `TfidfVectorizer(ngram_range=(1, 2), stop_words='english')` and the top
//! neighbours of every document:
//!
//! ```
//! use recsys_text::{CosineIndex, StopWords, TfidfVectorizer};
//! let docs = [
//!     "The Dark Knight: Batman fights the Joker.",
//!     "Batman Begins: the origin of the Dark Knight.",
//!     "Toy Story: toys come to life.",
//! ];
//! let mut tfidf = TfidfVectorizer::new().ngram_range(1, 2).stop_words(StopWords::english());
//! let x = tfidf.fit_transform(&docs)?;
//! assert_eq!(x.n_rows(), 3);
//! assert!(tfidf.vocabulary().unwrap().get("dark knight").is_some());
//! let top = CosineIndex::new(&x).all_neighbours(2);
//! assert_eq!(top[0][0].index, 1);
//! assert!(top[2].is_empty()); // Toy Story shares no term with the others
//! # Ok::<(), recsys_text::TextError>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod csr;
pub mod error;
mod hash;
pub mod neighbours;
pub mod sklearn;
pub mod tokenize;
pub mod vectorize;

pub use csr::CsrMatrix;
pub use error::{Result, TextError};
pub use neighbours::{CosineIndex, Neighbour};
pub use sklearn::{ENGLISH_STOP_WORDS, is_python_word_char};
pub use tokenize::{
    Analyzer, LowerCaser, MinLength, NGrams, Splitter, StemAlgorithm, Stemmer, StopWords,
    TokenFilter,
};
pub use vectorize::{CountVectorizer, DocFreq, Norm, TfidfVectorizer, Vocabulary};
