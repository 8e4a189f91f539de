//! Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008), each user's and
//! item's system solved by a few conjugate-gradient steps (Takács, Pilászy & Tikk 2011), as the
//! `implicit` library's `least_squares_cg` does.
//!
//! Every rating of the training [`Interactions`](recsys_core::Interactions) is an interaction:
//! preference `p = 1` with confidence `c` (see [`Confidence`]); every other (user, item) cell has
//! `p = 0` and `c = 1`.
//! The model minimizes
//!
//! ```text
//! Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
//! ```
//!
//! alternating between users (items fixed) and items (users fixed). For a user, the exact
//! minimizer solves `(YᵀY + λI + Σ_{i∈I_u} (c_ui − 1) y_i y_iᵀ) x_u = Σ_{i∈I_u} c_ui y_i`; `YᵀY`
//! is computed once per half-iteration and each user runs [`AlsParams::cg_steps`] CG steps
//! warm-started from its previous factors, at O(k² + |I_u|·k) per step, never forming the k×k
//! matrix of the user.
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, CandidateScorer, traits::Fit};
//! use recsys_mf::AlsParams;
//! let mut b = InteractionsBuilder::new();
//! // users 1 and 2 like items 10 and 11; user 3 likes items 12 and 13
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = AlsParams::default().with_factors(4).with_regularization(0.1).fit(&train)?;
//! // user 4 (index 3) has item 10 only: item 11 (co-liked with 10) beats item 12
//! let mut s = [0.0; 2];
//! model.score(3, &[1, 2], &mut s);
//! assert!(s[0] > s[1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Determinism.** Initialization is seeded ([`AlsParams::seed`]). Each row's solve depends only
//! on the data and the other side's factors, and the Gram matrices are summed in fixed blocks in
//! a fixed order, so a fit is **bit-identical for any number of threads** on the same machine.
//! Kernels use AVX2+FMA when the CPU has them (detected at run time) and plain SIMD-friendly
//! loops otherwise: machines that differ in these features agree to float rounding only (on
//! ratings-small with [`AlsParams::tuned`], the two kernels' 6 million user–item scores differed
//! by at most 3e-4 of the largest score). `RECSYS_SIMD=off` forces the plain loops.

mod cg;
mod dispatch;
mod fit;
mod fold_in;
mod gram;
mod kernel;
mod loss;
mod model;
mod params;
mod partial_fit;
mod persist;
mod similar;

#[cfg(test)]
#[path = "../../tests/support/linalg.rs"]
mod linalg;

pub use model::Als;
pub use params::{AlsParams, Confidence};
