//! `slim`: SLIM (Ning & Karypis 2011), a sparse non-negative linear item model fitted item by
//! item with the elastic net by coordinate descent, items in parallel (rayon; each item's
//! descent is sequential, so the weights are the same for any thread count), each item's
//! weights cut to the `k` largest.
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_neighbors::topn::SlimParams;
//! let mut b = InteractionsBuilder::new();
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = SlimParams::default().with_l1(0.1).with_l2(0.1).fit(&train)?;
//! let mut s = [0.0; 2];
//! m.score(3, &[1, 2], &mut s);
//! assert!(s[0] > s[1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cd;
mod fit;
mod model;
mod params;
mod persist;

pub use model::Slim;
pub use params::SlimParams;
