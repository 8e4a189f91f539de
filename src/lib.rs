//! # recsys
//!
//! Recommender systems for movies in one workspace. This facade re-exports the member crates:
//!
//! | module | crate | what |
//! |---|---|---|
//! | [`core`] | `recsys-core` | ids, the interaction matrix, splits, samplers, candidates, the model traits, model files |
//! | [`data`] | `recsys-data` | dataset loading (MovieLens, TMDB, The Movies Dataset), catalog, downloads, synthetic data |
//! | [`mf`] | `recsys-mf` | matrix factorization (baseline, SVD, SVD++, ALS) |
//! | [`ncf`] | `recsys-ncf` | neural collaborative filtering |
//! | [`text`] | `recsys-text` | tokenizing, TF-IDF, similarity |
//! | [`hybrid`] | `recsys-hybrid` | weighted rating, content-based and hybrid ranking |
//! | [`eval`] | `recsys-eval` | metrics, protocols, reports |
//! | [`models`] | this crate | every model by its short name, as `compare` names them: each model crate's list |
//! | `plot` | `recsys-plot` | charts (PNG and SVG): bars, histograms, lines, intervals, sparsity — only with the `plot` feature |
//!
//! ## The pipeline, step by step
//!
//! Real programs load a dataset with [`data::DataDir`] (`DataDir::resolve(None)?.load_ratings(
//! Dataset::RatingsSmall)?`, see `examples/quickstart.rs`); the steps below build small data by
//! hand so that they run anywhere.
//!
//! **1. Ratings.** Raw ids go in; the matrix gives them dense indices.
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
//!
//! **2. A rating model and a user's top N.** SVD++ with Surprise's defaults; the top N excludes
//! what the user has rated and speaks raw ids.
//!
//! ```
//! use recsys::prelude::*;
//! use recsys::core::traits::{ByPredictedRating, recommend_raw};
//! let mut b = InteractionsBuilder::new();
//! for u in 0..30u64 {
//!     for i in 0..20u64 {
//!         if (u + i) % 3 != 0 {
//!             // users like the items of their own parity
//!             b.push(u, i, if (u + i) % 2 == 0 { 5.0 } else { 1.0 }, None)?;
//!         }
//!     }
//! }
//! let ratings = b.build(DuplicatePolicy::KeepLast)?;
//! let svdpp = recsys::mf::SvdPpParams::default().fit(&ratings)?;
//! let model = ByPredictedRating { model: svdpp, n_items: ratings.n_items() };
//! let top = recommend_raw(&model, &ratings, 0, 3)?;
//! assert_eq!(top.len(), 3);
//! for (item, _score) in &top {
//!     assert!(!ratings.contains(0, ratings.item_index(*item)?)); // never a rated item
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **3. Evaluation.** A protocol cuts the data; the runner fits every model on every fold and
//! reports metrics with bootstrap intervals.
//!
//! ```
//! use recsys::prelude::*;
//! use recsys::eval::protocol::{prepare_ratings, ProtocolConfig, ProtocolKind};
//! use recsys::eval::runner::{run, RunConfig};
//! let mut b = InteractionsBuilder::new();
//! for u in 0..40u64 {
//!     for i in 0..25u64 {
//!         if (u * 7 + i * 3) % 4 != 0 {
//!             b.push(u, i, ((u + i) % 5 + 1) as f32, None)?;
//!         }
//!     }
//! }
//! let ratings = b.build(DuplicatePolicy::KeepLast)?;
//! let prepared = prepare_ratings(&ratings, &ProtocolConfig::new(ProtocolKind::Holdout))?;
//! let models = recsys::models::models("baseline,svdpp")?;
//! let rows = run(&prepared, &models, &RunConfig::default(), &mut |_| {})?;
//! assert_eq!(rows.len(), 2);
//! assert!(rows.iter().all(|r| r.metrics["rmse"] > 0.0));
//! println!("{}", recsys::eval::report::markdown(&rows));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **4. Content and the seed's hybrid.** TF-IDF over the catalog's text finds similar movies;
//! the hybrid re-ranks the ones a user has not seen by the user's predicted rating.
//!
//! ```
//! use recsys::prelude::*;
//! use recsys::data::catalog::{Catalog, CatalogEntry, MovieDetails};
//! use recsys::hybrid::{ContentRecommender, seed_hybrid};
//! let movie = |id: u64, title: &str, overview: &str| CatalogEntry {
//!     movie_id: Some(id),
//!     title: title.into(),
//!     details: MovieDetails {
//!         overview: overview.into(),
//!         vote_count: 50,
//!         vote_average: 7.0,
//!         ..Default::default()
//!     },
//!     ..Default::default()
//! };
//! let catalog = Catalog::new(vec![
//!     movie(1, "Star Voyage", "astronauts explore a distant galaxy"),
//!     movie(2, "Galaxy Crew", "a crew of astronauts explore space"),
//!     movie(3, "Moon Base", "astronauts build a base on the moon"),
//!     movie(4, "Soup Masters", "chefs cook soup"),
//! ]);
//! let content = ContentRecommender::fit(&catalog)?;
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(7, 1, 5.0), (8, 2, 4.0), (8, 3, 2.0), (9, 4, 3.0), (9, 3, 4.0)] {
//!     b.push(u, i, r, None)?;
//! }
//! let ratings = b.build(DuplicatePolicy::KeepLast)?;
//! let cf = recsys::mf::BaselineParams::default().fit(&ratings)?;
//! // user 7 liked Star Voyage: the space movies they have not rated, best predicted first
//! let list = seed_hybrid(&content, &catalog, &ratings, &cf, 7, "star voyage", 30, 10)?;
//! assert!(list.iter().all(|m| m.movie_id != 1));
//! assert!(list.windows(2).all(|w| w[0].predicted >= w[1].predicted));
//! // an unknown title is an error with suggestions, never a panic
//! assert!(seed_hybrid(&content, &catalog, &ratings, &cf, 7, "Star Voyag", 30, 10).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The examples (`examples/`) put it together: `quickstart` (the whole pipeline), `compare`
//! (any models under any protocol, with reports and plots), `content`, `hybrid_eval`, `tune`,
//! `stats`, `scale`.
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub use recsys_core as core;
pub use recsys_data as data;
pub use recsys_eval as eval;
pub use recsys_fm as fm;
pub use recsys_hybrid as hybrid;
pub use recsys_mf as mf;
pub use recsys_ncf as ncf;
pub use recsys_neighbors as neighbors;
pub use recsys_text as text;

pub mod models;
#[cfg(feature = "plot")]
pub use recsys_plot as plot;

/// The types and traits most programs need.
pub mod prelude {
    pub use recsys_core::traits::Fit;
    pub use recsys_core::{
        CandidateScorer, DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor,
        Recommender, Split,
    };
    pub use recsys_data::{DataDir, Dataset};
}
