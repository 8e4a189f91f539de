//! Biased SVD (Funk; Surprise's `SVD`) and SVD++ (Koren 2008; Surprise's `SVDpp`), fitted by
//! stochastic gradient descent with Surprise's semantics and defaults.
//!
//! **SVD++ in O((|R| + Σ|N(u)|)·k) per epoch, with Surprise's exact updates.** Surprise
//! recomputes a user's implicit term `z = |N(u)|^-½ Σ_{j∈N(u)} y_j` for every rating and updates
//! every `y_j, j ∈ N(u)` after every rating: O(Σ_u |R(u)|·|N(u)|·k) per epoch. But that update is
//! the same for every `j`: `y_j ← d·y_j + g` with `d = 1 − lr·reg` and `g = lr·e_ui·q_i·|N(u)|^-½`.
//! So, visiting ratings user by user (Surprise's own order), this crate keeps
//! - `z` up to date in O(k) per rating: `z ← d·z + lr·e_ui·q_i` (as `|N(u)|·|N(u)|^-1 = 1`);
//! - the accumulated shift `G ← d·G + g` in O(k) per rating;
//!
//! and applies `y_j ← dⁿ·y_j + G` once per user (`n = |R(u)|`): the same arithmetic as Surprise's,
//! in O((|R(u)| + |N(u)|)·k) per user instead of O(|R(u)|·|N(u)|·k).

mod csr;
mod dot;
mod dsgd;
mod epoch;
mod fit;
mod fold_in;
mod fold_in_ridge;
mod fold_in_settings;
mod fold_in_sgd;
mod init;
mod kernel;
mod layout;
mod model;
mod params;
mod partial_fit;
mod persist;
mod plus_plus;
mod sgd;
mod similar;

pub use fold_in_settings::{FoldInMethod, SvdFoldIn};
pub use init::initial_factors;
pub use model::FactorModel;
pub use params::{SvdParams, VisitOrder};
pub use plus_plus::SvdPpParams;
