//! `user-knn`: user-based k-NN for top-N on implicit data (cosine, TF-IDF or BM25 between
//! users' histories; `k` neighbours per user, never the user itself).
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_neighbors::topn::UserKnnParams;
//! let mut b = InteractionsBuilder::new();
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (2, 12), (3, 13)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = UserKnnParams::default().fit(&train)?;
//! let mut s = [0.0; 2];
//! m.score(0, &[2, 3], &mut s); // user 1's neighbour (user 2) has item 12, nobody close has 13
//! assert!(s[0] > s[1]);
//! assert_eq!(m.similar_users(0, 1)?[0].0, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fit;
mod fold_in;
mod model;
mod params;
mod persist;

pub use model::UserKnn;
pub use params::UserKnnParams;
