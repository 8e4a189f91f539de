//! # recsys
//!
//! Recommender systems for movies in one workspace. This facade re-exports the member crates:
//!
//! | module | crate | what |
//! |---|---|---|
//! | [`data`] | `recsys-data` | dataset loading, interaction matrix, splits, samplers, model traits |
//! | [`mf`] | `recsys-mf` | matrix factorization (baseline, SVD, SVD++, ALS) |
//! | [`ncf`] | `recsys-ncf` | neural collaborative filtering |
//! | [`text`] | `recsys-text` | tokenizing, TF-IDF, similarity |
//! | [`hybrid`] | `recsys-hybrid` | weighted rating, content-based and hybrid ranking |
//! | [`eval`] | `recsys-eval` | metrics, protocols, reports |
//!
//! and [`plot`] draws charts (PNG and SVG) for the examples.
//!
//! ```
//! use recsys::prelude::*;
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(1, 1, 5.0), (1, 2, 3.0), (2, 1, 4.0), (2, 2, 2.0)] {
//!     b.push(u, i, r, None)?;
//! }
//! let ratings = b.build(DuplicatePolicy::KeepLast)?;
//! let model = recsys::mf::BaselineParams::default().fit(&ratings)?;
//! assert!(model.predict(0, 0) > model.predict(0, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

pub use recsys_data as data;
pub use recsys_eval as eval;
pub use recsys_hybrid as hybrid;
pub use recsys_mf as mf;
pub use recsys_ncf as ncf;
pub use recsys_text as text;

pub mod models;
pub mod plot;

/// The types and traits most programs need.
pub mod prelude {
    pub use recsys_data::traits::Fit;
    pub use recsys_data::{
        CandidateScorer, DataDir, Dataset, DuplicatePolicy, Interactions, InteractionsBuilder,
        RatingPredictor, Recommender, Split,
    };
}
