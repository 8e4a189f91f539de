//! # recsys-ncf
//!
//! Neural collaborative filtering on implicit feedback (He et al. 2017): GMF, MLP and NeuMF as
//! [burn](https://burn.dev) modules ([`Gmf`], [`Mlp`], [`NeuMf`]), generic over the backend,
//! trained with binary cross entropy on logits and Adam, with negatives resampled every epoch
//! by `recsys-core`'s sampler, seeded shuffled mini-batches ([`Batches`]), a per-epoch
//! callback, validation HR@10 / NDCG@10 ([`evaluate()`]), early stopping and a learning curve.
//!
//! Training runs on burn's `flex` CPU backend, or on CUDA with the `cuda` feature
//! ([`Device::Cuda`]; without a GPU that is an [`NcfError::BackendUnavailable`], not a panic).
//! A fitted [`NcfModel`] keeps its weights as plain arrays ([`NcfWeights`]): it scores through
//! the workspace's model traits on the CPU, folds in new users from their histories
//! ([`fold_in`], settings [`NcfFoldIn`]) and saves to / loads from `recsys-core`'s versioned,
//! checksummed model files ([`NcfModel::save`], [`NcfModel::load`]). [`NcfParams`] is the
//! [`ModelSpec`](recsys_core::ModelSpec) of the three networks, and [`registry`] lists them and
//! the loader of their files for the facade.
//!
//! ```
//! use recsys_core::{DuplicatePolicy, InteractionsBuilder, CandidateScorer, traits::Fit};
//! use recsys_ncf::{NcfKind, NcfParams};
//! // two groups of users, each with five of its group's six items
//! let mut b = InteractionsBuilder::new();
//! for u in 0..30u64 {
//!     for i in 0..5u64 { b.push(u, (u % 2) * 6 + (i + u) % 6, 1.0, None)?; }
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let params = NcfParams::new(NcfKind::Mlp)
//!     .with_embedding(8)
//!     .with_layers(vec![16, 8])
//!     .with_epochs(30)
//!     .with_batch(64);
//! let model = params.fit(&train)?;
//! // user 0 (even) scores its group's items (raw ids 0-5) above the other group's (6-11)
//! let items: Vec<u32> = (0..12).map(|i| train.item_index(i)).collect::<Result<_, _>>()?;
//! let mut s = vec![0.0f32; 12];
//! model.score(train.user_index(0)?, &items, &mut s);
//! assert!(s[..6].iter().sum::<f32>() > s[6..].iter().sum::<f32>());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod backend;
pub mod batch;
pub mod error;
pub mod evaluate;
pub mod fit;
pub mod fold_in;
pub mod fold_in_params;
pub mod io;
pub mod model;
pub mod net;
pub mod params;
mod partial_fit;
pub mod registry;
pub mod train;
mod user_gradient;
pub mod weights;

pub use backend::CpuBackend;
pub use batch::{Batch, Batches};
pub use error::{NcfError, Result};
pub use evaluate::evaluate;
pub use fit::fit_with;
pub use fold_in_params::NcfFoldIn;
pub use io::Saved;
pub use model::NcfModel;
pub use net::{
    Gmf, GmfConfig, Mlp, MlpConfig, MlpTower, NcfNetwork, NeuMf, NeuMfConfig, neumf_from_pretrained,
};
pub use params::{Activation, Device, NcfKind, NcfParams};
pub use train::{Trained, adam, train_net, train_step};
pub use weights::{Layer, Matrix, NcfWeights, UserEmbedding};
