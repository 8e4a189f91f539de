//! The three networks of He et al. (2017) as burn modules, generic over the backend.
//!
//! Each network returns **logits** ([`NcfNetwork::logits`]); training applies binary cross
//! entropy on logits and the sigmoid is applied only when predicting
//! ([`NcfNetwork::predict`]). [`NcfNetwork::export`] and [`NcfNetwork::import`] convert to and
//! from the plain [`NcfWeights`] that fitted models keep.

use burn::config::Config;
use burn::module::{Module, Param};
use burn::nn::{Embedding, EmbeddingConfig, Linear, LinearConfig};
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor, TensorData, activation};

use crate::error::{NcfError, Result};
use crate::params::{Activation, NcfKind, NcfParams};
use crate::weights::{Layer, Matrix, NcfWeights};

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

fn apply<B: Backend, const D: usize>(a: Activation, x: Tensor<B, D>) -> Tensor<B, D> {
    match a {
        Activation::Relu => activation::relu(x),
        Activation::Tanh => activation::tanh(x),
        Activation::Sigmoid => activation::sigmoid(x),
    }
}

fn read_matrix<B: Backend>(t: Tensor<B, 2>) -> Result<Matrix> {
    let [r, c] = t.dims();
    let data = t
        .into_data()
        .convert::<f32>()
        .to_vec::<f32>()
        .map_err(|e| NcfError::Model(format!("reading a tensor: {e:?}")))?;
    Matrix::new(r, c, data)
}

fn read_vec<B: Backend>(t: Tensor<B, 1>) -> Result<Vec<f32>> {
    t.into_data()
        .convert::<f32>()
        .to_vec::<f32>()
        .map_err(|e| NcfError::Model(format!("reading a tensor: {e:?}")))
}

/// The scalar bias of a `d → 1` output layer (0 without a bias).
fn out_bias<B: Backend>(out: &Linear<B>) -> Result<f32> {
    match &out.bias {
        Some(b) => read_vec(b.val())?
            .first()
            .copied()
            .ok_or_else(|| NcfError::Model("the output layer has an empty bias".into())),
        None => Ok(0.0),
    }
}

fn param2<B: Backend>(m: &Matrix, device: &B::Device) -> Param<Tensor<B, 2>> {
    Param::from_tensor(Tensor::from_data(
        TensorData::new(m.data.clone(), [m.rows, m.cols]),
        device,
    ))
}

fn param1<B: Backend>(v: &[f32], device: &B::Device) -> Param<Tensor<B, 1>> {
    Param::from_tensor(Tensor::from_data(
        TensorData::new(v.to_vec(), [v.len()]),
        device,
    ))
}

fn embedding<B: Backend>(m: &Matrix, device: &B::Device) -> Embedding<B> {
    Embedding {
        weight: param2(m, device),
    }
}

fn linear<B: Backend>(w: &Matrix, b: &[f32], device: &B::Device) -> Linear<B> {
    Linear {
        weight: param2(w, device),
        bias: Some(param1(b, device)),
    }
}

fn lookup<B: Backend>(e: &Embedding<B>, idx: Tensor<B, 1, Int>) -> Tensor<B, 2> {
    e.weight.val().select(0, idx)
}

fn need(m: &Option<Matrix>, what: &str) -> Result<Matrix> {
    m.clone()
        .ok_or_else(|| NcfError::Model(format!("missing {what} embeddings")))
}

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
        let out = read_matrix(self.out.weight.val())?;
        let bias = out_bias(&self.out)?;
        Ok(NcfWeights {
            kind: NcfKind::Gmf,
            activation: Activation::Relu,
            gmf_user: Some(read_matrix(self.user.weight.val())?),
            gmf_item: Some(read_matrix(self.item.weight.val())?),
            mlp_user: None,
            mlp_item: None,
            layers: Vec::new(),
            out_weight: out.data,
            out_bias: bias,
        })
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        w.check()?;
        if w.kind != NcfKind::Gmf {
            return Err(NcfError::Model(format!("{} weights, not gmf", w.kind)));
        }
        let d = w.out_weight.len();
        Ok(Gmf {
            user: embedding(&need(&w.gmf_user, "GMF user")?, device),
            item: embedding(&need(&w.gmf_item, "GMF item")?, device),
            out: linear(
                &Matrix::new(d, 1, w.out_weight.clone())?,
                &[w.out_bias],
                device,
            ),
        })
    }
}

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

/// The MLP tower shared by [`Mlp`] and [`NeuMf`]: embeddings, concatenation, hidden layers.
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
    fn init(
        n_users: usize,
        n_items: usize,
        embedding: usize,
        layers: &[usize],
        activation: Activation,
        device: &B::Device,
    ) -> Self {
        let mut width = 2 * embedding;
        let layers = layers
            .iter()
            .map(|&o| {
                let l = LinearConfig::new(width, o).init(device);
                width = o;
                l
            })
            .collect();
        MlpTower {
            user: EmbeddingConfig::new(n_users, embedding).init(device),
            item: EmbeddingConfig::new(n_items, embedding).init(device),
            layers,
            activation,
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

    fn export_into(&self, w: &mut NcfWeights) -> Result<()> {
        w.mlp_user = Some(read_matrix(self.user.weight.val())?);
        w.mlp_item = Some(read_matrix(self.item.weight.val())?);
        w.activation = self.activation;
        w.layers = self
            .layers
            .iter()
            .map(|l| {
                let weight = read_matrix(l.weight.val())?;
                let bias = match &l.bias {
                    Some(b) => read_vec(b.val())?,
                    None => vec![0.0; weight.cols],
                };
                Ok(Layer { weight, bias })
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        Ok(MlpTower {
            user: embedding(&need(&w.mlp_user, "MLP user")?, device),
            item: embedding(&need(&w.mlp_item, "MLP item")?, device),
            layers: w
                .layers
                .iter()
                .map(|l| linear(&l.weight, &l.bias, device))
                .collect(),
            activation: w.activation,
        })
    }
}

impl MlpConfig {
    /// The network with burn's default initialization (embeddings `N(0, 1)`, linear layers
    /// Kaiming-uniform like PyTorch's `Linear`); seed the backend first for reproducibility.
    pub fn init<B: Backend>(&self, device: &B::Device) -> Mlp<B> {
        let last = self.layers.last().copied().unwrap_or(2 * self.embedding);
        Mlp {
            tower: MlpTower::init(
                self.n_users,
                self.n_items,
                self.embedding,
                &self.layers,
                self.activation,
                device,
            ),
            out: LinearConfig::new(last, 1).init(device),
        }
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
        let mut w = NcfWeights {
            kind: NcfKind::Mlp,
            activation: Activation::Relu,
            gmf_user: None,
            gmf_item: None,
            mlp_user: None,
            mlp_item: None,
            layers: Vec::new(),
            out_weight: read_matrix(self.out.weight.val())?.data,
            out_bias: out_bias(&self.out)?,
        };
        self.tower.export_into(&mut w)?;
        Ok(w)
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        w.check()?;
        if w.kind != NcfKind::Mlp {
            return Err(NcfError::Model(format!("{} weights, not ncf-mlp", w.kind)));
        }
        let d = w.out_weight.len();
        Ok(Mlp {
            tower: MlpTower::import(w, device)?,
            out: linear(
                &Matrix::new(d, 1, w.out_weight.clone())?,
                &[w.out_bias],
                device,
            ),
        })
    }
}

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
        let last = self
            .layers
            .last()
            .copied()
            .unwrap_or(2 * self.mlp_embedding);
        NeuMf {
            gmf_user: EmbeddingConfig::new(self.n_users, self.gmf_embedding).init(device),
            gmf_item: EmbeddingConfig::new(self.n_items, self.gmf_embedding).init(device),
            tower: MlpTower::init(
                self.n_users,
                self.n_items,
                self.mlp_embedding,
                &self.layers,
                self.activation,
                device,
            ),
            out: LinearConfig::new(self.gmf_embedding + last, 1).init(device),
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
        let mut w = NcfWeights {
            kind: NcfKind::NeuMf,
            activation: Activation::Relu,
            gmf_user: Some(read_matrix(self.gmf_user.weight.val())?),
            gmf_item: Some(read_matrix(self.gmf_item.weight.val())?),
            mlp_user: None,
            mlp_item: None,
            layers: Vec::new(),
            out_weight: read_matrix(self.out.weight.val())?.data,
            out_bias: out_bias(&self.out)?,
        };
        self.tower.export_into(&mut w)?;
        Ok(w)
    }

    fn import(w: &NcfWeights, device: &B::Device) -> Result<Self> {
        w.check()?;
        if w.kind != NcfKind::NeuMf {
            return Err(NcfError::Model(format!("{} weights, not neumf", w.kind)));
        }
        let d = w.out_weight.len();
        Ok(NeuMf {
            gmf_user: embedding(&need(&w.gmf_user, "GMF user")?, device),
            gmf_item: embedding(&need(&w.gmf_item, "GMF item")?, device),
            tower: MlpTower::import(w, device)?,
            out: linear(
                &Matrix::new(d, 1, w.out_weight.clone())?,
                &[w.out_bias],
                device,
            ),
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
