//! Hyperparameters of the three networks and of their training, with checks and a constructor
//! from text (for `recsys-eval`'s hyperparameter search).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{NcfError, Result};

/// Which network of He et al. (2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NcfKind {
    /// Generalized matrix factorization: element-wise product of the embeddings, then a linear
    /// output.
    Gmf,
    /// Multi-layer perceptron over the concatenated embeddings.
    Mlp,
    /// Neural matrix factorization: GMF and MLP towers fused by one output layer.
    NeuMf,
}

impl NcfKind {
    /// The model's name in the registry (`gmf`, `ncf-mlp`, `neumf`).
    pub fn name(self) -> &'static str {
        match self {
            NcfKind::Gmf => "gmf",
            NcfKind::Mlp => "ncf-mlp",
            NcfKind::NeuMf => "neumf",
        }
    }
    /// Whether the network has a GMF tower.
    pub fn has_gmf(self) -> bool {
        matches!(self, NcfKind::Gmf | NcfKind::NeuMf)
    }
    /// Whether the network has an MLP tower.
    pub fn has_mlp(self) -> bool {
        matches!(self, NcfKind::Mlp | NcfKind::NeuMf)
    }
}

impl fmt::Display for NcfKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for NcfKind {
    type Err = NcfError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "gmf" => Ok(NcfKind::Gmf),
            "mlp" | "ncf-mlp" => Ok(NcfKind::Mlp),
            "neumf" => Ok(NcfKind::NeuMf),
            other => Err(NcfError::param(
                "kind",
                format!("`{other}`: expected gmf, ncf-mlp or neumf"),
            )),
        }
    }
}

/// The activation between the MLP tower's layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activation {
    /// `max(0, x)` (the seed's and the paper's choice).
    Relu,
    /// `tanh(x)`.
    Tanh,
    /// `1 / (1 + e^-x)`.
    Sigmoid,
}

impl Activation {
    /// The name (`relu`, `tanh`, `sigmoid`).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
        }
    }

    /// Applies the activation to one value (the CPU scoring path).
    #[inline]
    pub fn apply(self, x: f32) -> f32 {
        match self {
            Activation::Relu => x.max(0.0),
            Activation::Tanh => x.tanh(),
            Activation::Sigmoid => 1.0 / (1.0 + (-x).exp()),
        }
    }
}

impl FromStr for Activation {
    type Err = NcfError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "relu" => Ok(Activation::Relu),
            "tanh" => Ok(Activation::Tanh),
            "sigmoid" => Ok(Activation::Sigmoid),
            other => Err(NcfError::param(
                "activation",
                format!("`{other}`: expected relu, tanh or sigmoid"),
            )),
        }
    }
}

/// Where training runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Device {
    /// burn's `flex` CPU backend.
    #[default]
    Cpu,
    /// burn's CUDA backend on the GPU of this index (needs the `cuda` feature and a GPU).
    Cuda(usize),
}

impl FromStr for Device {
    type Err = NcfError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "cpu" => Ok(Device::Cpu),
            "cuda" => Ok(Device::Cuda(0)),
            other => match other.strip_prefix("cuda:").map(str::parse) {
                Some(Ok(k)) => Ok(Device::Cuda(k)),
                _ => Err(NcfError::param(
                    "device",
                    format!("`{other}`: expected cpu, cuda or cuda:N"),
                )),
            },
        }
    }
}

impl fmt::Display for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Device::Cpu => f.write_str("cpu"),
            Device::Cuda(k) => write!(f, "cuda:{k}"),
        }
    }
}

/// Everything that defines a neural model and its training. The defaults are the seed's
/// network (He et al.'s MLP with embeddings of 16 and towers 32→64→128→64→32→1, ReLU, BCE on
/// logits, Adam 0.01, batch 512, 4 negatives per positive resampled each epoch, 20 epochs).
///
/// ```
/// use recsys_ncf::{NcfKind, NcfParams};
/// let p = NcfParams::new(NcfKind::Mlp).with_layers(vec![32, 16]).with_embedding(8);
/// assert!(p.validate().is_ok());
/// assert!(NcfParams::new(NcfKind::Gmf).with_lr(-1.0).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NcfParams {
    /// The network.
    pub kind: NcfKind,
    /// Embedding size of the MLP tower (user and item each; the first layer sees twice this).
    pub embedding: usize,
    /// Embedding size of the GMF tower (GMF and NeuMF).
    pub gmf_embedding: usize,
    /// Output sizes of the MLP tower's hidden layers (the output layer to 1 comes after).
    pub layers: Vec<usize>,
    /// Activation after each hidden layer.
    pub activation: Activation,
    /// Adam's learning rate.
    pub lr: f64,
    /// Mini-batch size.
    pub batch: usize,
    /// Sampled negatives per positive, redrawn every epoch.
    pub negatives: usize,
    /// Maximum number of epochs.
    pub epochs: usize,
    /// Seed of initialization, negative sampling and shuffling.
    pub seed: u64,
    /// Early stopping: stop after this many epochs without a better validation NDCG@10 (and
    /// keep the best epoch's weights). Needs validation data.
    pub patience: Option<usize>,
    /// Carve a validation set out of the training data for early stopping and the learning
    /// curve: each user's latest rating ranked among this many sampled negatives. `None`: no
    /// validation unless one is passed to [`crate::fit_with`].
    pub validation_negatives: Option<usize>,
    /// NeuMF only: first train a GMF and an MLP with these settings and start NeuMF from their
    /// weights (the output layer is `[alpha·h_gmf, (1-alpha)·h_mlp]`), as in the paper.
    pub pretrain: bool,
    /// NeuMF pretraining trade-off between the two towers' output weights.
    pub alpha: f64,
    /// Where to train.
    pub device: Device,
}

impl NcfParams {
    /// The seed's settings for `kind`.
    pub fn new(kind: NcfKind) -> Self {
        Self {
            kind,
            embedding: 16,
            gmf_embedding: 16,
            layers: vec![64, 128, 64, 32],
            activation: Activation::Relu,
            lr: 0.01,
            batch: 512,
            negatives: 4,
            epochs: 20,
            seed: 0,
            patience: None,
            validation_negatives: None,
            pretrain: false,
            alpha: 0.5,
            device: Device::Cpu,
        }
    }
    /// Sets [`NcfParams::embedding`].
    pub fn with_embedding(mut self, v: usize) -> Self {
        self.embedding = v;
        self
    }
    /// Sets [`NcfParams::gmf_embedding`].
    pub fn with_gmf_embedding(mut self, v: usize) -> Self {
        self.gmf_embedding = v;
        self
    }
    /// Sets [`NcfParams::layers`].
    pub fn with_layers(mut self, v: Vec<usize>) -> Self {
        self.layers = v;
        self
    }
    /// Sets [`NcfParams::activation`].
    pub fn with_activation(mut self, v: Activation) -> Self {
        self.activation = v;
        self
    }
    /// Sets [`NcfParams::lr`].
    pub fn with_lr(mut self, v: f64) -> Self {
        self.lr = v;
        self
    }
    /// Sets [`NcfParams::batch`].
    pub fn with_batch(mut self, v: usize) -> Self {
        self.batch = v;
        self
    }
    /// Sets [`NcfParams::negatives`].
    pub fn with_negatives(mut self, v: usize) -> Self {
        self.negatives = v;
        self
    }
    /// Sets [`NcfParams::epochs`].
    pub fn with_epochs(mut self, v: usize) -> Self {
        self.epochs = v;
        self
    }
    /// Sets [`NcfParams::seed`].
    pub fn with_seed(mut self, v: u64) -> Self {
        self.seed = v;
        self
    }
    /// Sets [`NcfParams::patience`].
    pub fn with_patience(mut self, v: Option<usize>) -> Self {
        self.patience = v;
        self
    }
    /// Sets [`NcfParams::validation_negatives`].
    pub fn with_validation_negatives(mut self, v: Option<usize>) -> Self {
        self.validation_negatives = v;
        self
    }
    /// Sets [`NcfParams::pretrain`].
    pub fn with_pretrain(mut self, v: bool) -> Self {
        self.pretrain = v;
        self
    }
    /// Sets [`NcfParams::device`].
    pub fn with_device(mut self, v: Device) -> Self {
        self.device = v;
        self
    }

    /// Checks every value; the first bad one is an [`NcfError::InvalidParameter`].
    pub fn validate(&self) -> Result<()> {
        let positive = |name: &str, v: usize| {
            if v == 0 {
                Err(NcfError::param(name, "must be at least 1"))
            } else {
                Ok(())
            }
        };
        if self.kind.has_mlp() {
            positive("embedding", self.embedding)?;
            if self.layers.is_empty() {
                return Err(NcfError::param("layers", "need at least one hidden layer"));
            }
            if self.layers.contains(&0) {
                return Err(NcfError::param("layers", "a layer of size 0"));
            }
        }
        if self.kind.has_gmf() {
            positive("gmf_embedding", self.gmf_embedding)?;
        }
        positive("batch", self.batch)?;
        positive("negatives", self.negatives)?;
        positive("epochs", self.epochs)?;
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return Err(NcfError::param(
                "lr",
                format!("{} is not a positive number", self.lr),
            ));
        }
        if !(0.0..=1.0).contains(&self.alpha) {
            return Err(NcfError::param(
                "alpha",
                format!("{} outside [0, 1]", self.alpha),
            ));
        }
        if self.patience == Some(0) {
            return Err(NcfError::param("patience", "must be at least 1"));
        }
        if self.validation_negatives == Some(0) {
            return Err(NcfError::param(
                "validation_negatives",
                "must be at least 1",
            ));
        }
        if self.pretrain && self.kind != NcfKind::NeuMf {
            return Err(NcfError::param("pretrain", "only NeuMF is pretrained"));
        }
        Ok(())
    }

    /// The hyperparameters as `(name, value)` pairs (every field, for reports; the names are
    /// those [`NcfParams::from_config`] reads).
    pub fn describe(&self) -> Vec<(String, String)> {
        let opt = |v: Option<usize>| v.map_or("none".to_string(), |v| v.to_string());
        let mut out = vec![("kind", self.kind.name().to_string())];
        if self.kind.has_mlp() {
            out.push(("embedding", self.embedding.to_string()));
            out.push(("layers", layers_text(&self.layers)));
            out.push(("activation", self.activation.name().to_string()));
        }
        if self.kind.has_gmf() {
            out.push(("gmf_embedding", self.gmf_embedding.to_string()));
        }
        out.extend([
            ("loss", "bce-with-logits".to_string()),
            ("optimizer", "adam".to_string()),
            ("lr", self.lr.to_string()),
            ("batch", self.batch.to_string()),
            ("negatives", self.negatives.to_string()),
            ("epochs", self.epochs.to_string()),
            ("seed", self.seed.to_string()),
            ("patience", opt(self.patience)),
            ("validation_negatives", opt(self.validation_negatives)),
        ]);
        if self.kind == NcfKind::NeuMf {
            out.push(("pretrain", self.pretrain.to_string()));
            out.push(("alpha", self.alpha.to_string()));
        }
        out.push(("device", self.device.to_string()));
        out.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// `kind`'s defaults overridden by the text values of `config` (the keys of
    /// [`NcfParams::describe`]: `embedding`, `gmf_embedding`, `layers` as `64-128-64-32` or
    /// `64,128`, `activation`, `lr`, `batch`, `negatives`, `epochs`, `seed`, `patience`,
    /// `validation_negatives`, `pretrain`, `alpha`, `device`). Unknown keys and bad values are
    /// errors; the result is validated.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use recsys_ncf::{NcfKind, NcfParams};
    /// let mut c = BTreeMap::new();
    /// c.insert("layers".to_string(), "32-16".to_string());
    /// c.insert("embedding".to_string(), "8".to_string());
    /// c.insert("lr".to_string(), "0.005".to_string());
    /// let p = NcfParams::from_config(NcfKind::Mlp, &c)?;
    /// assert_eq!((p.layers.clone(), p.embedding, p.lr), (vec![32, 16], 8, 0.005));
    /// c.insert("batch".to_string(), "0".to_string());
    /// assert!(NcfParams::from_config(NcfKind::Mlp, &c).is_err());
    /// # Ok::<(), recsys_ncf::NcfError>(())
    /// ```
    pub fn from_config(kind: NcfKind, config: &BTreeMap<String, String>) -> Result<Self> {
        fn num<T: FromStr>(key: &str, v: &str) -> Result<T> {
            v.trim()
                .parse()
                .map_err(|_| NcfError::param(key, format!("`{v}` is not a valid number")))
        }
        fn opt(key: &str, v: &str) -> Result<Option<usize>> {
            match v.trim() {
                "none" | "" => Ok(None),
                s => num(key, s).map(Some),
            }
        }
        let mut p = Self::new(kind);
        for (k, v) in config {
            match k.as_str() {
                "kind" => {
                    if v.parse::<NcfKind>()? != kind {
                        return Err(NcfError::param("kind", format!("`{v}` is not {kind}")));
                    }
                }
                "embedding" => p.embedding = num(k, v)?,
                "gmf_embedding" | "factors" => p.gmf_embedding = num(k, v)?,
                "layers" => p.layers = parse_layers(v)?,
                "activation" => p.activation = v.trim().parse()?,
                "lr" => p.lr = num(k, v)?,
                "batch" => p.batch = num(k, v)?,
                "negatives" => p.negatives = num(k, v)?,
                "epochs" => p.epochs = num(k, v)?,
                "seed" => p.seed = num(k, v)?,
                "patience" => p.patience = opt(k, v)?,
                "validation_negatives" => p.validation_negatives = opt(k, v)?,
                "pretrain" => {
                    p.pretrain = v
                        .trim()
                        .parse()
                        .map_err(|_| NcfError::param(k, format!("`{v}` is not true/false")))?
                }
                "alpha" => p.alpha = num(k, v)?,
                "device" => p.device = v.trim().parse()?,
                "loss" | "optimizer" => {}
                other => {
                    return Err(NcfError::param(other, "unknown parameter"));
                }
            }
        }
        p.validate()?;
        Ok(p)
    }
}

/// Layer sizes as text: `64-128-64-32`.
pub fn layers_text(layers: &[usize]) -> String {
    layers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// Parses `64-128-64-32` (or `64,128,64,32`, or with spaces).
pub fn parse_layers(text: &str) -> Result<Vec<usize>> {
    let sizes: Result<Vec<usize>> = text
        .split(['-', ',', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| NcfError::param("layers", format!("`{text}`: `{s}` is not a size")))
        })
        .collect();
    let sizes = sizes?;
    if sizes.is_empty() {
        return Err(NcfError::param("layers", "no layer sizes"));
    }
    Ok(sizes)
}
