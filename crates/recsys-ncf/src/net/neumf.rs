//! [`NeuMf`]: neural matrix factorization, a GMF and an MLP tower fused by one output layer,
//! and its start from pretrained towers ([`neumf_from_pretrained`]).

use burn::config::Config;
use burn::module::Module;
use burn::nn::{Embedding, EmbeddingConfig, Linear, LinearConfig};
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor};

use crate::error::{NcfError, Result};
use crate::params::{Activation, NcfKind};
use crate::weights::NcfWeights;

use super::NcfNetwork;
use super::mlp::{MlpConfig, MlpTower};
use super::tensors::{assemble, check_kind, embedding, lookup, out_layer, read_out, read_pair};

/// Configuration of a [`NeuMf`] network.
#[derive(Config, Debug)]
pub struct NeuMfConfig {
    /// Number of users.
    pub n_users: usize,
    /// Number of items.
    pub n_items: usize,
    /// GMF embedding size.
    #[config(default = 16)]
    pub gmf_embedding: usize,
    /// MLP embedding size.
    #[config(default = 16)]
    pub mlp_embedding: usize,
    /// MLP hidden layer sizes.
    #[config(default = "vec![64, 128, 64, 32]")]
    pub layers: Vec<usize>,
    /// Activation after each hidden layer.
    #[config(default = "Activation::Relu")]
    pub activation: Activation,
}

impl NeuMfConfig {
    /// The network with burn's default initialization; seed the backend first.
    pub fn init<B: Backend>(&self, device: &B::Device) -> NeuMf<B> {
        let mlp = MlpConfig {
            n_users: self.n_users,
            n_items: self.n_items,
            embedding: self.mlp_embedding,
            layers: self.layers.clone(),
            activation: self.activation,
        };
        NeuMf {
            gmf_user: EmbeddingConfig::new(self.n_users, self.gmf_embedding).init(device),
            gmf_item: EmbeddingConfig::new(self.n_items, self.gmf_embedding).init(device),
            tower: MlpTower::init(&mlp, device),
            out: LinearConfig::new(self.gmf_embedding + mlp.width(), 1).init(device),
        }
    }
}

/// Neural matrix factorization: `logit = w · [p_u ⊙ q_i, mlp([p'_u, q'_i])] + b`.
#[derive(Module, Debug)]
pub struct NeuMf<B: Backend> {
    /// GMF user embeddings.
    pub gmf_user: Embedding<B>,
    /// GMF item embeddings.
    pub gmf_item: Embedding<B>,
    /// The MLP tower (its own embeddings).
    pub tower: MlpTower<B>,
    /// Output layer over both towers.
    pub out: Linear<B>,
}

impl<B: Backend> NcfNetwork<B> for NeuMf<B> {
    fn logits(&self, users: Tensor<B, 1, Int>, items: Tensor<B, 1, Int>) -> Tensor<B, 1> {
        let n = users.dims()[0];
        let g = lookup(&self.gmf_user, users.clone()) * lookup(&self.gmf_item, items.clone());
        let m = self.tower.features(users, items);
        self.out.forward(Tensor::cat(vec![g, m], 1)).reshape([n])
    }

    fn export(&self) -> Result<NcfWeights> {
        // GMF, output layer, MLP tower: the reading order fixes a fresh network's random values
        let gmf = read_pair(&self.gmf_user, &self.gmf_item)?;
        let mut w = assemble(NcfKind::NeuMf, Some(gmf), read_out(&self.out)?);
        self.tower.export_into(&mut w)?;
        Ok(w)
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        check_kind(w, NcfKind::NeuMf)?;
        Ok(NeuMf {
            gmf_user: embedding(&w.gmf_user, "GMF user", device)?,
            gmf_item: embedding(&w.gmf_item, "GMF item", device)?,
            tower: MlpTower::import(w, device)?,
            out: out_layer(w, device)?,
        })
    }
}

/// NeuMF weights from a trained GMF's and a trained MLP's (He et al. §3.4.1): both towers
/// copied, output weights `[alpha·w_gmf, (1-alpha)·w_mlp]`, bias `alpha·b_gmf +
/// (1-alpha)·b_mlp`.
pub fn neumf_from_pretrained(gmf: &NcfWeights, mlp: &NcfWeights, alpha: f32) -> Result<NcfWeights> {
    gmf.check()?;
    mlp.check()?;
    if gmf.kind != NcfKind::Gmf || mlp.kind != NcfKind::Mlp {
        return Err(NcfError::Model(format!(
            "pretraining needs gmf and ncf-mlp weights, got {} and {}",
            gmf.kind, mlp.kind
        )));
    }
    let out_weight = gmf
        .out_weight
        .iter()
        .map(|w| alpha * w)
        .chain(mlp.out_weight.iter().map(|w| (1.0 - alpha) * w))
        .collect();
    let w = NcfWeights {
        kind: NcfKind::NeuMf,
        activation: mlp.activation,
        gmf_user: gmf.gmf_user.clone(),
        gmf_item: gmf.gmf_item.clone(),
        mlp_user: mlp.mlp_user.clone(),
        mlp_item: mlp.mlp_item.clone(),
        layers: mlp.layers.clone(),
        out_weight,
        out_bias: alpha * gmf.out_bias + (1.0 - alpha) * mlp.out_bias,
    };
    w.check()?;
    Ok(w)
}
