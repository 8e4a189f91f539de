//! Top-N models on implicit data: `item-knn`, `user-knn`, `ease`, `rp3beta`, `slim`.
//!
//! Every model treats each training interaction as a 1 (or, with `use_ratings` where offered,
//! its rating), keeps the users' training histories to score them, and gives `-inf` to items
//! without training interactions (nothing is known of them; `recommend` never lists them) and to
//! items outside its index space. Fits are deterministic: the same data give the same model for
//! any number of rayon threads. EASE's inversion runs in OpenBLAS, whose blocking depends on
//! `OPENBLAS_NUM_THREADS`: its weights are bit-identical for a fixed OpenBLAS thread count and
//! differ at float rounding between counts.
//!
//! - [`ItemKnn`] (`item-knn`): implicit's item–item k-NN with cosine, TF-IDF or BM25 weighting.
//! - [`UserKnn`] (`user-knn`): the same weightings between users.
//! - [`Ease`] (`ease`): Steck's closed-form linear item model (2019).
//! - [`Rp3Beta`] (`rp3beta`): random-walk item similarities with a popularity penalty (Paudel
//!   et al. 2017).
//! - [`Slim`] (`slim`): sparse linear item model, elastic net by coordinate descent (Ning &
//!   Karypis 2011).

pub mod ease;
pub(crate) mod fold_in;
pub mod item_item;
pub mod item_knn;
mod known;
pub(crate) mod model_file;
pub(crate) mod pairs;
pub(crate) mod partial_fit;
pub mod rp3beta;
pub mod slim;
pub mod sparse;
pub mod user_knn;
mod weighting;

pub use ease::{Ease, EaseParams, Precision};
pub use item_knn::{ItemKnn, ItemKnnParams};
pub use rp3beta::{Rp3Beta, Rp3BetaParams};
pub use slim::{Slim, SlimParams};
pub use user_knn::{UserKnn, UserKnnParams};
pub use weighting::Weighting;
