//! The three networks of He et al. (2017) as burn modules, generic over the backend.
//!
//! Each network returns **logits** ([`NcfNetwork::logits`]); training applies binary cross
//! entropy on logits and the sigmoid is applied only when predicting
//! ([`NcfNetwork::predict`]). [`NcfNetwork::export`] and [`NcfNetwork::import`] convert to and
//! from the plain [`NcfWeights`] that fitted models keep.

mod gmf;
mod mlp;
mod neumf;
mod tensors;

use burn::module::Module;
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor, activation};

use crate::error::Result;
use crate::params::{NcfKind, NcfParams};
use crate::weights::NcfWeights;

pub use gmf::{Gmf, GmfConfig};
pub use mlp::{Mlp, MlpConfig, MlpTower};
pub use neumf::{NeuMf, NeuMfConfig, neumf_from_pretrained};

/// A network mapping (user, item) index pairs to logits.
pub trait NcfNetwork<B: Backend>: Module<B> + Sized {
    /// Logits of the pairs `(users[k], items[k])`, shape `[n]`.
    fn logits(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 1>;

    /// Probabilities: the sigmoid of [`NcfNetwork::logits`].
    fn predict(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 1> {
        activation::sigmoid(self.logits(users, items))
    }

    /// The weights as plain arrays.
    fn export(&self) -> Result<NcfWeights>;

    /// The network holding `weights`, on `device`.
    fn import(weights: &NcfWeights, device: &B::Device) -> Result<Self>;
}

/// A freshly initialized network of `params.kind` for `n_users` × `n_items`, exported as
/// weights (the backend's RNG must be seeded first).
pub(crate) fn init_weights<B: Backend>(
    params: &NcfParams,
    n_users: usize,
    n_items: usize,
    device: &B::Device,
) -> Result<NcfWeights> {
    match params.kind {
        NcfKind::Gmf => GmfConfig::new(n_users, n_items)
            .with_embedding(params.gmf_embedding)
            .init::<B>(device)
            .export(),
        NcfKind::Mlp => MlpConfig::new(n_users, n_items)
            .with_embedding(params.embedding)
            .with_layers(params.layers.clone())
            .with_activation(params.activation)
            .init::<B>(device)
            .export(),
        NcfKind::NeuMf => NeuMfConfig::new(n_users, n_items)
            .with_gmf_embedding(params.gmf_embedding)
            .with_mlp_embedding(params.embedding)
            .with_layers(params.layers.clone())
            .with_activation(params.activation)
            .init::<B>(device)
            .export(),
    }
}
