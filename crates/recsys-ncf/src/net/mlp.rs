//! [`Mlp`]: the multi-layer perceptron network, and the [`MlpTower`] it shares with
//! [`NeuMf`](super::NeuMf).

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Embedding, EmbeddingConfig, Linear, LinearConfig};
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor};

use crate::error::Result;
use crate::params::{Activation, NcfKind};
use crate::weights::{Layer, NcfWeights};

use super::NcfNetwork;
use super::tensors::{
    apply, assemble, check_kind, embedding, linear, lookup, out_layer, read_matrix, read_out,
    read_values,
};

/// Configuration of an [`Mlp`] network.
#[derive(Config, Debug)]
pub struct MlpConfig {
    /// Number of users.
    pub n_users: usize,
    /// Number of items.
    pub n_items: usize,
    /// Embedding size (the first layer sees twice this).
    #[config(default = 16)]
    pub embedding: usize,
    /// Hidden layer sizes.
    #[config(default = "vec![64, 128, 64, 32]")]
    pub layers: Vec<usize>,
    /// Activation after each hidden layer.
    #[config(default = "Activation::Relu")]
    pub activation: Activation,
}

impl MlpConfig {
    /// The network with burn's default initialization (embeddings `N(0, 1)`, linear layers
    /// Kaiming-uniform like PyTorch's `Linear`); seed the backend first for reproducibility.
    pub fn init<B: Backend>(&self, device: &B::Device) -> Mlp<B> {
        Mlp {
            tower: MlpTower::init(self, device),
            out: LinearConfig::new(self.width(), 1).init(device),
        }
    }

    /// The size of the tower's output: the last hidden layer's.
    pub(super) fn width(&self) -> usize {
        self.layers.last().copied().unwrap_or(2 * self.embedding)
    }
}

/// The MLP tower shared by [`Mlp`] and [`NeuMf`](super::NeuMf): embeddings, concatenation,
/// hidden layers.
#[derive(Module, Debug)]
pub struct MlpTower<B: Backend> {
    /// User embeddings.
    pub user: Embedding<B>,
    /// Item embeddings.
    pub item: Embedding<B>,
    /// Hidden layers.
    pub layers: Vec<Linear<B>>,
    /// Activation after each hidden layer.
    #[module(skip)]
    pub activation: Activation,
}

impl<B: Backend> MlpTower<B> {
    /// The tower of `config`, freshly initialized.
    pub(super) fn init(config: &MlpConfig, device: &B::Device) -> Self {
        let mut width = 2 * config.embedding;
        let layers = config
            .layers
            .iter()
            .map(|&o| {
                let l = LinearConfig::new(width, o).init(device);
                width = o;
                l
            })
            .collect();
        MlpTower {
            user: EmbeddingConfig::new(config.n_users, config.embedding).init(device),
            item: EmbeddingConfig::new(config.n_items, config.embedding).init(device),
            layers,
            activation: config.activation,
        }
    }

    /// The last hidden layer's output, `[n, last]`.
    pub fn features(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 2> {
        let mut x = Tensor::cat(
            vec![lookup(&self.user, users), lookup(&self.item, items)],
            1,
        );
        for l in &self.layers {
            x = apply(self.activation, l.forward(x));
        }
        x
    }

    /// Writes the tower's embeddings, layers and activation into `w`.
    pub(super) fn export_into(&self, w: &mut NcfWeights) -> Result<()> {
        w.mlp_user = Some(read_matrix(self.user.weight.val())?);
        w.mlp_item = Some(read_matrix(self.item.weight.val())?);
        w.activation = self.activation;
        w.layers = self
            .layers
            .iter()
            .map(|l| {
                let weight = read_matrix(l.weight.val())?;
                let bias = match &l.bias {
                    Some(b) => read_values(b.val())?,
                    None => vec![0.0; weight.cols],
                };
                Ok(Layer { weight, bias })
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// The tower holding `w`'s MLP embeddings and layers.
    pub(super) fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        Ok(MlpTower {
            user: embedding(&w.mlp_user, "MLP user", device)?,
            item: embedding(&w.mlp_item, "MLP item", device)?,
            layers: w
                .layers
                .iter()
                .map(|l| linear(&l.weight, &l.bias, device))
                .collect(),
            activation: w.activation,
        })
    }
}

/// The MLP network: `logit = w · mlp([p_u, q_i]) + b`.
#[derive(Module, Debug)]
pub struct Mlp<B: Backend> {
    /// Embeddings and hidden layers.
    pub tower: MlpTower<B>,
    /// Output layer (last hidden size → 1).
    pub out: Linear<B>,
}

impl<B: Backend> NcfNetwork<B> for Mlp<B> {
    fn logits(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 1> {
        let n = users.dims()[0];
        self.out
            .forward(self.tower.features(users, items))
            .reshape([n])
    }

    fn export(&self) -> Result<NcfWeights> {
        // the output layer first: the reading order fixes a fresh network's random values
        let mut w = assemble(NcfKind::Mlp, None, read_out(&self.out)?);
        self.tower.export_into(&mut w)?;
        Ok(w)
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        check_kind(w, NcfKind::Mlp)?;
        Ok(Mlp {
            tower: MlpTower::import(w, device)?,
            out: out_layer(w, device)?,
        })
    }
}
