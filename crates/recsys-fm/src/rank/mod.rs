//! `fm-warp` / `fm-bpr`: a factorization machine for implicit top-N over user and item feature
//! rows, with LightFM's semantics (`lightfm/_lightfm_fast.pyx`): a user is the weighted sum of
//! its features' embeddings, an item the weighted sum of its features' embeddings plus the sum
//! of their biases, and `score(u, i) = x_u·q_i + b_i`. Trained with WARP (Weston et al. 2011)
//! or BPR (Rendle et al. 2009) and per-parameter adagrad.
//!
//! Any [`UserItemFeatures`](crate::features::UserItemFeatures) can be given
//! ([`RankFmParams::fit_features`]); [`Fit::fit`](recsys_core::traits::Fit::fit) uses the
//! one-hot ids alone (pure collaborative filtering). An item with no training interactions is
//! scored from its features' embeddings.
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_fm::RankFmParams;
//! let mut b = InteractionsBuilder::new();
//! for u in 0..30u64 {
//!     for i in 0..20u64 {
//!         if (u + i) % 2 == 0 && (u * 7 + i) % 5 != 0 {
//!             b.push(u, i, 1.0, None)?;
//!         }
//!     }
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = RankFmParams::warp().rank(8).epochs(20).fit(&train)?;
//! let mut s = [0.0; 2];
//! model.score(0, &[train.item_index(10)?, train.item_index(11)?], &mut s);
//! assert!(s[0] > s[1]); // user 0 interacts with even items
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod fit;
mod fold_in;
mod kernel;
mod model;
mod params;
mod persist;

pub use model::RankFm;
pub use params::{RankFmLoss, RankFmParams};
