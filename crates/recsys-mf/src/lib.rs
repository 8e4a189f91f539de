//! # recsys-mf
//!
//! Matrix-factorization rating models. Every model implements the traits of `recsys-data`
//! ([`recsys_core::traits::Fit`] for its hyperparameters, [`recsys_core::RatingPredictor`] for
//! the fitted model).
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
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod als;
pub mod baseline;
pub mod factors;
pub mod io;
pub mod numpy;
pub mod popularity;
pub mod svd;

pub use als::{Als, AlsParams, Confidence};
pub use baseline::{Baseline, BaselineParams};
pub use factors::InitStream;
pub use io::Saved;
pub use popularity::{Popularity, PopularityParams};
pub use svd::{FactorModel, SvdParams, SvdPpParams, VisitOrder, initial_factors};

/// Errors of the matrix-factorization crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MfError {
    /// A hyperparameter outside its valid range.
    #[error("invalid hyperparameter `{name}`: {reason}")]
    InvalidParameter {
        /// The hyperparameter.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
    /// An index outside the model's index space.
    #[error("unknown {kind} index {index}")]
    UnknownIndex {
        /// `"user"` or `"item"`.
        kind: &'static str,
        /// The index.
        index: u32,
    },
    /// An internal invariant failed (a bug; please report it).
    #[error("internal error: {0}")]
    Internal(&'static str),
    /// Training data without ratings.
    #[error("cannot fit on empty training data")]
    EmptyData,
    /// An error of the shared vocabulary (ids, parameters, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
}
