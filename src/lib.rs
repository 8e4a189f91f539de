//! # recsys
//!
//! Recommender systems for movies, in one workspace. This facade re-exports the member crates.
#![warn(missing_docs)]

pub use recsys_data as data;
