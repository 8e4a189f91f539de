//! # recsys-fm
//!
//! Factorization machines over sparse feature rows ([`features`]): the Bayesian FM
//! ([`BfmParams`] → [`Bfm`], Gibbs sampling, for ratings) and plain BPR-MF ([`BprParams`] →
//! [`Bpr`], for ranking). Every model implements the traits of `recsys-core`, saves itself in
//! the core's model-file format, and is listed in [`registry`].
//!
//! ```
//! use recsys_core::{Interactions, RatingPredictor, traits::Fit};
//! use recsys_fm::{BfmParams, features::UserItemFeatures};
//! let ratings = [(1, 1, 5.0), (1, 2, 3.0), (2, 1, 4.0), (2, 2, 2.0), (3, 2, 3.0)];
//! let train = Interactions::from_ratings(ratings)?;
//! // one-hot ids plus the normalized implicit sets, built from the ratings themselves
//! let features = UserItemFeatures::from_interactions(&train, true)?;
//! assert_eq!(features.user.groups().len(), 2);
//! let model = BfmParams::default().rank(2).n_iter(30).fit_features(&train, features)?;
//! let p = model.predict(0, 0);
//! assert!((2.0..=5.0).contains(&p));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod dot;
mod error;
mod fold_in_sampler;
mod model_file;
mod probit;
mod random;

pub mod bfm;
pub mod bpr;
pub mod features;
pub mod rank;
pub mod registry;
pub mod side_spec;

pub use bfm::{Bfm, BfmParams};
pub use bpr::{Bpr, BprParams, RankLoss};
pub use error::FmError;
pub use rank::{RankFm, RankFmLoss, RankFmParams};
pub use recsys_core::persist::Saved;
pub use side_spec::SideSpec;
