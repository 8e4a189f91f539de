//! # recsys-data
//!
//! The data layer of `recsys`: loaders for MovieLens (100K, 1M/10M `.dat`, and the CSV format of
//! ml-latest-small/ml-latest/ml-20m/25m/32m), Kaggle's *The Movies Dataset* and *TMDB 5000*; a
//! movie catalog joining them; the interaction matrix with dense ids; leakage-free splits;
//! negative sampling; candidate files; statistics; and the model traits every recommender of the
//! workspace implements.
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
//! # Ok::<(), recsys_data::DataError>(())
//! ```
//!
//! Datasets are found in a data folder given by `--data DIR` or the `RECSYS_DATA` environment
//! variable ([`DataDir`]), with the folder names of the GroupLens/Kaggle archives (`ml-100k`,
//! `ml-1m`, `ml-latest-small`, `the-movies-dataset`, `tmdb-5000`). With the `download` feature the
//! GroupLens archives can be fetched into a cache.

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod catalog;
#[cfg(feature = "download")]
pub mod download;
pub mod error;
pub mod kaggle;
pub mod location;
pub mod movielens;
pub mod stats;
pub mod synthetic;
pub mod tmdb;

pub use error::{DataError, Result};
pub use location::{DataDir, Dataset};
