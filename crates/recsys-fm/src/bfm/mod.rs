//! `bfm`: Bayesian factorization machine regression by Gibbs sampling (Freudenthaler,
//! Schmidt-Thieme & Rendle 2011; Rendle 2013), with myFM's priors and update order.
//!
//! `ŷ(x) = w₀ + Σ_j w_j x_j + Σ_{j<j'} ⟨v_j, v_j'⟩ x_j x_j'`, every weight with a normal prior
//! whose mean and precision have Normal-Gamma hyperpriors per feature group (per group and
//! factor for `V`), noise precision α with a Gamma prior. A sweep draws every parameter from
//! its conditional; predictions average the samples kept after `burn_in`.
//!
//! ```
//! use recsys_core::{DuplicatePolicy, InteractionsBuilder, RatingPredictor, traits::Fit};
//! use recsys_fm::BfmParams;
//! let mut b = InteractionsBuilder::new();
//! for u in 0..20u64 {
//!     for i in 0..10u64 {
//!         if (u + i) % 3 != 0 {
//!             b.push(u, i, if (u + i) % 2 == 0 { 5.0 } else { 1.0 }, None)?;
//!         }
//!     }
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = BfmParams::default().rank(4).n_iter(60).fit(&train)?;
//! // user 0 likes the even items, which it has not all rated (item 0, 3, 6, 9)
//! let (u, i) = (train.user_index(0)?, |raw| train.item_index(raw));
//! assert!(model.predict(u, i(6)?) > model.predict(u, i(3)?) + 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod case;
mod chains;
mod factor;
mod fit;
mod fold_in;
mod hyper;
mod linear;
mod model;
mod one_class;
mod ordinal;
mod ordinal_terms;
mod params;
mod persist;
mod relation;
mod state;

#[cfg(test)]
mod conditionals;

pub use model::Bfm;
pub use params::BfmParams;
