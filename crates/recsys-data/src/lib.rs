//! # recsys-data
//!
//! The datasets of `recsys`: loaders for MovieLens (100K, 1M/10M `.dat`, and the CSV format of
//! ml-latest-small/ml-latest/ml-20m/25m/32m), Kaggle's *The Movies Dataset* and *TMDB 5000*; a
//! movie catalog joining them; where datasets live ([`DataDir`], [`Dataset`]); download of the
//! GroupLens archives; statistics; and seeded synthetic ratings. The vocabulary the loaders fill
//! (ids, the interaction matrix, splits, sampling, candidate files, the model traits) is
//! `recsys-core`'s.
//!
//! ```
//! use recsys_core::{DuplicatePolicy, split};
//! use recsys_data::movielens::{RatingsFormat, read_ratings};
//!
//! // A tiny ratings file in the `u.data` layout: user, item, rating, timestamp.
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("u.data");
//! std::fs::write(&path, "1\t10\t4\t1\n1\t11\t3\t2\n1\t12\t5\t3\n2\t10\t2\t4\n2\t12\t4\t5\n")?;
//! let ratings = read_ratings(&path, RatingsFormat::Tab, DuplicatePolicy::KeepLast)?;
//! assert_eq!((ratings.n_users(), ratings.n_items(), ratings.nnz()), (2, 3, 5));
//!
//! // Hold out each user's latest rating.
//! let s = split::leave_latest_out(&ratings, 1)?;
//! assert_eq!(s.test.nnz(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
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
mod id_index;
pub mod kaggle;
pub mod keywords;
pub mod location;
mod metadata;
pub mod movielens;
mod records;
pub mod search;
pub mod side;
pub mod stats;
pub mod synthetic;
pub mod tmdb;

pub use error::{DataError, Result};
pub use location::{DataDir, Dataset};
