//! [`Gmf`]: generalized matrix factorization.

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Embedding, EmbeddingConfig, Linear, LinearConfig};
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor};

use crate::error::Result;
use crate::params::NcfKind;
use crate::weights::NcfWeights;

use super::NcfNetwork;
use super::tensors::{assemble, check_kind, embedding, lookup, out_layer, read_out, read_pair};

/// Configuration of a [`Gmf`] network.
#[derive(Config, Debug)]
pub struct GmfConfig {
    /// Number of users.
    pub n_users: usize,
    /// Number of items.
    pub n_items: usize,
    /// Embedding size.
    #[config(default = 16)]
    pub embedding: usize,
}

impl GmfConfig {
    /// The network with burn's default initialization (embeddings `N(0, 1)`, the output layer
    /// Kaiming-uniform like PyTorch's `Linear`); seed the backend first for reproducibility.
    pub fn init<B: Backend>(&self, device: &B::Device) -> Gmf<B> {
        Gmf {
            user: EmbeddingConfig::new(self.n_users, self.embedding).init(device),
            item: EmbeddingConfig::new(self.n_items, self.embedding).init(device),
            out: LinearConfig::new(self.embedding, 1).init(device),
        }
    }
}

/// Generalized matrix factorization: `logit = w · (p_u ⊙ q_i) + b`.
#[derive(Module, Debug)]
pub struct Gmf<B: Backend> {
    /// User embeddings.
    pub user: Embedding<B>,
    /// Item embeddings.
    pub item: Embedding<B>,
    /// Output layer (embedding → 1).
    pub out: Linear<B>,
}

impl<B: Backend> Gmf<B> {
    /// The element-wise product of the embeddings, `[n, d]`.
    pub fn features(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 2> {
        lookup(&self.user, users) * lookup(&self.item, items)
    }
}

impl<B: Backend> NcfNetwork<B> for Gmf<B> {
    fn logits(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 1> {
        let n = users.dims()[0];
        self.out.forward(self.features(users, items)).reshape([n])
    }

    fn export(&self) -> Result<NcfWeights> {
        // the output layer first: the reading order fixes a fresh network's random values
        let out = read_out(&self.out)?;
        let gmf = read_pair(&self.user, &self.item)?;
        Ok(assemble(NcfKind::Gmf, Some(gmf), out))
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        check_kind(w, NcfKind::Gmf)?;
        Ok(Gmf {
            user: embedding(&w.gmf_user, "GMF user", device)?,
            item: embedding(&w.gmf_item, "GMF item", device)?,
            out: out_layer(w, device)?,
        })
    }
}
