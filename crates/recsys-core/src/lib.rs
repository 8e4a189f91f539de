//! # recsys-core
//!
//! The shared vocabulary of `recsys`, which every other crate of the workspace builds on and
//! nobody redefines: raw and dense ids ([`IdMap`]), the interaction matrix ([`Interactions`]:
//! CSR by user, 12 bytes per rating), leakage-free splits, negative sampling, candidate files,
//! the model traits ([`traits`]), side features by raw id ([`side`]), the vector instructions
//! the kernels may use ([`simd`]) and the model-file container ([`persist`]). It depends on no
//! crate of the workspace; the dataset loaders live in `recsys-data`.
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, split};
//!
//! // A tiny explicit-feedback dataset: (user, item, rating, timestamp).
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r, t) in [(1, 10, 4.0, 1), (1, 11, 3.0, 2), (1, 12, 5.0, 3), (2, 10, 2.0, 4), (2, 12, 4.0, 5)] {
//!     b.push(u, i, r, Some(t))?;
//! }
//! let ratings = b.build(DuplicatePolicy::KeepLast)?;
//! assert_eq!((ratings.n_users(), ratings.n_items(), ratings.nnz()), (2, 3, 5));
//!
//! // Hold out each user's latest rating.
//! let s = split::leave_latest_out(&ratings, 1)?;
//! assert_eq!(s.test.nnz(), 2);
//! assert_eq!(s.train.nnz() + s.test.nnz(), ratings.nnz());
//! # Ok::<(), recsys_core::CoreError>(())
//! ```

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod baselines;
pub mod candidates;
pub mod check;
pub mod curve;
pub mod error;
mod format;
pub mod ids;
pub mod interactions;
mod macros;
pub mod persist;
pub mod random;
pub mod reader;
pub mod ridge;
pub mod sampling;
pub mod side;
pub mod simd;
pub mod split;
pub mod traits;

pub use error::{CoreError, Result, WrapsCore};
pub use ids::{IdMap, RawId};
pub use interactions::{
    ByItem, DuplicatePolicy, Interaction, Interactions, InteractionsBuilder, Row, SparseMatrix,
};
pub use split::Split;
pub use traits::{CandidateScorer, FoldIn, Model, ModelSpec, RatingPredictor, Recommender};
