//! The enumerated hyperparameters: the network ([`NcfKind`]), the hidden layers' activation
//! ([`Activation`]) and where training runs ([`Device`]). Each serializes as the text its
//! `FromStr` reads, so that a parameter list reads back through
//! [`NcfParams::from_config`](super::NcfParams::from_config).

use recsys_core::WrapsCore;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{NcfError, Result};

/// Which network of He et al. (2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NcfKind {
    /// Generalized matrix factorization: element-wise product of the embeddings, then a linear
    /// output.
    #[serde(rename = "gmf")]
    Gmf,
    /// Multi-layer perceptron over the concatenated embeddings.
    #[serde(rename = "ncf-mlp")]
    Mlp,
    /// Neural matrix factorization: GMF and MLP towers fused by one output layer.
    #[serde(rename = "neumf")]
    NeuMf,
}

impl NcfKind {
    /// The model's name in the registry (`gmf`, `ncf-mlp`, `neumf`).
    pub const fn name(self) -> &'static str {
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
#[serde(rename_all = "lowercase")]
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

/// Where training runs. Serialized as its text: `cpu`, `cuda:N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
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

impl From<Device> for String {
    fn from(d: Device) -> Self {
        d.to_string()
    }
}

impl TryFrom<String> for Device {
    type Error = NcfError;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}
