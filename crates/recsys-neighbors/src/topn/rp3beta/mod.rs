//! `rp3beta`: RP3beta (Paudel et al. 2017), random-walk item similarities with a popularity
//! penalty: `W[i][j] = Σ_u (1/|U_i|)^α (1/|I_u|)^α / deg(j)^β`, each row cut to its `k` largest
//! entries (the item itself excluded) and scaled to sum to 1.
//!
//! ```
//! use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, traits::Fit};
//! use recsys_neighbors::topn::Rp3BetaParams;
//! let mut b = InteractionsBuilder::new();
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let m = Rp3BetaParams::default().fit(&train)?;
//! let mut s = [0.0; 2];
//! m.score(3, &[1, 2], &mut s);
//! assert!(s[0] > s[1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fit;
mod model;
mod params;
mod persist;

pub use model::Rp3Beta;
pub use params::Rp3BetaParams;
