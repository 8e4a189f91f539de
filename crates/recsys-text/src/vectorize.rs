//! `CountVectorizer` and `TfidfVectorizer` with scikit-learn's semantics.
//!
//! Inside, documents are counted in parallel, in contiguous chunks (module `chunk`): each chunk
//! interns its terms (`terms`) and sorts them; the chunks' sorted terms are then merged into one
//! vocabulary and one count matrix (`merge`). [`CountVectorizer`] prunes that vocabulary by the
//! options it shares with [`TfidfVectorizer`] (`options`); [`TfidfVectorizer`] weighs its counts.

mod chunk;
mod count;
mod merge;
mod options;
mod terms;
mod tfidf;
mod vocabulary;

pub use count::CountVectorizer;
pub use options::DocFreq;
pub use tfidf::{Norm, TfidfVectorizer};
pub use vocabulary::Vocabulary;
