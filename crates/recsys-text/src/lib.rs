//! # recsys-text
//!
//! Generic text processing for content-based recommenders: it knows documents, not movies.
//! Tokenizing is a pipeline, as in tantivy: a base tokenizer splits text into words, then small
//! filters transform the token stream.
//!
//! ```
//! use recsys_text::{Analyzer, LowerCaser, MinLength, NGrams};
//! let a = Analyzer::words().filter(LowerCaser).filter(MinLength(2)).filter(NGrams::new(1, 2));
//! assert_eq!(
//!     a.tokens("The Dark Knight, a film"),
//!     vec!["the", "dark", "knight", "film", "the dark", "dark knight", "knight film"]
//! );
//! ```
#![warn(missing_docs)]

pub mod tokenize;

pub use tokenize::{Analyzer, LowerCaser, MinLength, NGrams, TokenFilter};
