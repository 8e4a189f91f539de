//! # recsys-ncf
//!
//! Neural collaborative filtering on implicit feedback (He et al. 2017). This crate feeds the
//! networks: [`Batches`] walks a pointwise training set (users, items, labels) in seeded,
//! shuffled mini-batches.
//!
//! ```
//! use recsys_ncf::Batches;
//! let users = [0u32, 0, 1, 1, 2];
//! let items = [5u32, 6, 5, 7, 8];
//! let labels = [1.0f32, 0.0, 1.0, 0.0, 1.0];
//! let mut seen = 0;
//! let mut b = Batches::new(&users, &items, &labels, 2, 42).unwrap();
//! while let Some(batch) = b.next_batch() {
//!     assert!(batch.users.len() <= 2);
//!     seen += batch.users.len();
//! }
//! assert_eq!(seen, 5);
//! ```
#![warn(missing_docs)]

pub mod batch;

pub use batch::{Batch, Batches};
