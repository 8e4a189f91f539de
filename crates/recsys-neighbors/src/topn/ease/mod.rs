//! `ease`: Embarrassingly Shallow Autoencoders (Steck 2019), the closed-form linear item model
//! `B = I − P · diag(1 / diag P)`, `P = (XᵀX + λI)⁻¹`, whose diagonal is zero.
//!
//! The Gram matrix is built densely in parallel and inverted by LAPACK's Cholesky routines
//! (`potrf` + `potri`, OpenBLAS through ndarray-linalg), in `f32` by default
//! ([`Precision`]). OpenBLAS runs its own threads: `OPENBLAS_NUM_THREADS` sets how many (the
//! default is one per core; the weights then agree across counts to float rounding, not bit
//! for bit). A dense `n × n` matrix over the limit [`EaseParams::max_bytes`] is
//! [`NeighborsError::TooLarge`](crate::NeighborsError::TooLarge), naming the item count.
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_neighbors::topn::EaseParams;
//! let mut b = InteractionsBuilder::new();
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = EaseParams::default().with_lambda(1.0).fit(&train)?;
//! let mut s = [0.0; 2];
//! m.score(3, &[1, 2], &mut s); // user 4 has item 10: 11 beats 12
//! assert!(s[0] > s[1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fit;
mod fold_in;
mod gram;
mod model;
mod params;
mod partial_fit;
mod persist;

pub use model::Ease;
pub use params::{EaseParams, Precision};
