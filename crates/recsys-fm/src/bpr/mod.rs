//! `bpr`: Bayesian personalized ranking on matrix factorization (Rendle et al. 2009) with
//! `implicit`'s update (0.7, `implicit/cpu/bpr.pyx`), which is Cornac's: an item-bias column
//! (starting at 0), negatives the user has not interacted with (popularity-drawn by default,
//! uniform as Cornac's in the registry's [`BprParams::cornac`]), `nnz` steps per epoch.
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_fm::BprParams;
//! let mut b = InteractionsBuilder::new();
//! for u in 0..30u64 {
//!     for i in 0..20u64 {
//!         if (u + i) % 2 == 0 && (u * 7 + i) % 5 != 0 {
//!             b.push(u, i, 1.0, None)?;
//!         }
//!     }
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = BprParams::default().factors(8).learning_rate(0.05).iterations(50).fit(&train)?;
//! let mut s = [0.0; 2];
//! model.score(0, &[train.item_index(10)?, train.item_index(11)?], &mut s);
//! assert!(s[0] > s[1]); // user 0 interacts with even items
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fit;
mod fold_in;
mod kernel;
mod model;
mod params;
mod partial_fit;
mod persist;
mod seen;
mod strata;
mod warp;

pub use model::Bpr;
pub use params::{BprParams, RankLoss};
