//! `item-knn`: item-based k-NN for top-N on implicit data, with cosine, TF-IDF or BM25 weighting
//! as the `implicit` library's `CosineRecommender`, `TFIDFRecommender` and `BM25Recommender`
//! (same similarities, same `k` neighbours per item including the item itself, same sums).
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_neighbors::topn::{ItemKnnParams, Weighting};
//! let mut b = InteractionsBuilder::new();
//! // items 10 and 11 go together; 12 and 13 go together
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = ItemKnnParams::default().with_weighting(Weighting::Cosine).fit(&train)?;
//! let mut s = [0.0; 2];
//! m.score(3, &[1, 2], &mut s); // user 4 has item 10: 11 beats 12
//! assert!(s[0] > s[1]);
//! assert_eq!(m.similar_items(0, 1)?[0].0, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fit;
mod model;
mod params;
mod persist;

pub(crate) use fit::checked_histories;
pub use model::ItemKnn;
pub use params::ItemKnnParams;
pub(crate) use params::check_knn;
