//! # recsys-eval
//!
//! Evaluation of recsys models. Models are reached only through the traits of `recsys-data`
//! ([`recsys_core::RatingPredictor`], [`recsys_core::CandidateScorer`], [`recsys_core::Recommender`]).
//!
//! ```
//! use recsys_eval::metrics::{rmse, rank_among, hit_at, ndcg_at};
//! assert!((rmse(&[3.0, 4.0], &[4.0, 4.0])? - 0.5f64.sqrt()).abs() < 1e-12);
//! // the held-out item scores 0.8; two negatives score at least as much (ties count against it)
//! let rank = rank_among(0.8, &[0.9, 0.8, 0.1]);
//! assert_eq!(rank, 2);
//! assert_eq!(hit_at(rank, 10), 1.0);
//! assert!((ndcg_at(rank, 10) - 0.5).abs() < 1e-12); // 1 / log2(2 + 2)
//! # Ok::<(), recsys_eval::EvalError>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod metrics;
pub mod online;
pub mod protocol;
pub mod report;
pub mod runner;
pub mod search;

/// Errors of evaluation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A metric got no values.
    #[error("empty input: {0}")]
    Empty(&'static str),
    /// Inputs of different lengths.
    #[error("length mismatch: {0} predictions, {1} targets")]
    LengthMismatch(usize, usize),
    /// A NaN or infinite value.
    #[error("non-finite value at position {0}")]
    NonFinite(usize),
    /// A name (model, protocol, dataset) that is not known.
    #[error("unknown {what} `{name}`; valid: {valid}")]
    UnknownName {
        /// What was named.
        what: &'static str,
        /// The name given.
        name: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A parameter outside its valid range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// Why.
        reason: String,
    },
    /// A model failed to fit.
    #[error("fitting {model} failed: {reason}")]
    Fit {
        /// Model name.
        model: String,
        /// The model's error.
        reason: String,
    },
    /// An error of the shared vocabulary (ids, splits, candidates, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
    /// An error from the data layer (finding and reading datasets).
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
}
