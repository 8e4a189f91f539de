//! Hyperparameters of the three networks and of their training ([`NcfParams`]), with their
//! checks ([`NcfParams::check`]) and a constructor from text ([`NcfParams::from_config`], for
//! `recsys-eval`'s hyperparameter search).

mod choices;
mod config;

use recsys_core::WrapsCore;
use recsys_core::check;
use serde::{Deserialize, Serialize};

use crate::error::{NcfError, Result};

pub use choices::{Activation, Device, NcfKind};
pub use config::{layers_text, parse_layers};

/// Everything that defines a neural model and its training. The defaults are the seed's
/// network (He et al.'s MLP with embeddings of 16 and towers 32→64→128→64→32→1, ReLU, BCE on
/// logits, Adam 0.01, batch 512, 4 negatives per positive resampled each epoch, 20 epochs).
///
/// ```
/// use recsys_ncf::{NcfKind, NcfParams};
/// let p = NcfParams::new(NcfKind::Mlp).with_layers(vec![32, 16]).with_embedding(8);
/// assert!(p.check().is_ok());
/// assert!(NcfParams::new(NcfKind::Gmf).with_lr(-1.0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NcfParams {
    /// The network.
    pub kind: NcfKind,
    /// Embedding size of the MLP tower (user and item each; the first layer sees twice this).
    pub embedding: usize,
    /// Embedding size of the GMF tower (GMF and NeuMF).
    pub gmf_embedding: usize,
    /// Output sizes of the MLP tower's hidden layers (the output layer to 1 comes after);
    /// serialized as text, `64-128-64-32`.
    #[serde(with = "config::layers_serde")]
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

impl Default for NcfParams {
    /// The seed's MLP: `NcfParams::new(NcfKind::Mlp)`.
    fn default() -> Self {
        Self::new(NcfKind::Mlp)
    }
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

    /// Checks every value; the first bad one is an [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter).
    pub fn check(&self) -> Result<()> {
        if self.kind.has_mlp() {
            check::at_least_one("embedding", self.embedding)?;
            if self.layers.is_empty() {
                return Err(NcfError::param("layers", "need at least one hidden layer"));
            }
            if self.layers.contains(&0) {
                return Err(NcfError::param("layers", "a layer of size 0"));
            }
        }
        if self.kind.has_gmf() {
            check::at_least_one("gmf_embedding", self.gmf_embedding)?;
        }
        check::at_least_one("batch", self.batch)?;
        check::at_least_one("negatives", self.negatives)?;
        check::at_least_one("epochs", self.epochs)?;
        check::positive("lr", self.lr)?;
        check::unit_interval("alpha", self.alpha)?;
        if let Some(n) = self.patience {
            check::at_least_one("patience", n)?;
        }
        if let Some(n) = self.validation_negatives {
            check::at_least_one("validation_negatives", n)?;
        }
        if self.pretrain && self.kind != NcfKind::NeuMf {
            return Err(NcfError::param("pretrain", "only NeuMF is pretrained"));
        }
        Ok(())
    }
}

recsys_core::param_setters!(NcfParams, |s| s;
        with_embedding => embedding: usize,
        with_gmf_embedding => gmf_embedding: usize,
        with_layers => layers: Vec<usize>,
        with_activation => activation: Activation,
        with_lr => lr: f64,
        with_batch => batch: usize,
        with_negatives => negatives: usize,
        with_epochs => epochs: usize,
        with_seed => seed: u64,
        with_patience => patience: Option<usize>,
        with_validation_negatives => validation_negatives: Option<usize>,
        with_pretrain => pretrain: bool,
        with_device => device: Device,
);
