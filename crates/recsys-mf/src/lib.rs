//! # recsys-mf
//!
//! Matrix-factorization models. Every model implements the traits of `recsys-core`
//! ([`recsys_core::traits::Fit`] and [`recsys_core::ModelSpec`] for its hyperparameters,
//! [`recsys_core::RatingPredictor`] or [`recsys_core::CandidateScorer`] for the fitted model),
//! saves itself in the core's model-file format, and is listed in [`registry`].
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, RatingPredictor, traits::Fit};
//! use recsys_mf::BaselineParams;
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(1, 1, 5.0), (1, 2, 3.0), (2, 1, 4.0), (2, 2, 2.0)] {
//!     b.push(u, i, r, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = BaselineParams::default().fit(&train)?;
//! // item 1 is rated above the mean, item 2 below
//! assert!(model.predict(0, 0) > model.predict(0, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Saving and loading a fitted model, with the id maps that turn raw ids into its indices
//! (versioned, checksummed, written atomically; see [`recsys_core::persist`]):
//!
//! ```
//! use recsys_core::{DuplicatePolicy, InteractionsBuilder, RatingPredictor, traits::Fit};
//! use recsys_mf::{FactorModel, SvdParams};
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(1, 10, 4.0), (1, 11, 2.0), (2, 10, 5.0)] { b.push(u, i, r, None)?; }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = SvdParams::default().factors(4).fit(&train)?;
//! let dir = std::env::temp_dir().join(format!("recsys-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("svd.model");
//! model.save(&path, train.users(), train.items())?;
//! let saved = FactorModel::load(&path)?;
//! assert_eq!(saved.model.predict(0, 1), model.predict(0, 1));
//! assert_eq!(saved.users.index(2), Some(1));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod clip;
mod error;
mod grow;
mod model_file;
use recsys_core::simd;

pub mod als;
pub mod baseline;
pub mod factors;
pub mod numpy;
pub mod popularity;
pub mod registry;
pub mod svd;

pub use als::{Als, AlsParams, Confidence};
pub use baseline::{Baseline, BaselineParams};
pub use error::MfError;
pub use factors::{InitStream, UserStart};
pub use popularity::{Popularity, PopularityParams};
pub use recsys_core::persist::Saved;
pub use svd::{
    FactorModel, FoldInMethod, SvdFoldIn, SvdParams, SvdPpParams, VisitOrder, initial_factors,
};
