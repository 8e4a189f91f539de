//! # recsys-eval
//!
//! Evaluation of recsys models. Models are reached only through the traits of `recsys-core`
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

pub mod error;
pub mod leakage;
pub mod metrics;
pub mod online;
pub mod paired;
pub mod protocol;
pub mod report;
pub mod runner;
pub mod sampled;
pub mod search;

pub use error::EvalError;
