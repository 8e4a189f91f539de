//! [`BprParams`]: the hyperparameters of [`Bpr`](super::Bpr) and its registry spec.

use recsys_core::{WrapsCore, check};
use serde::{Deserialize, Serialize};

use crate::error::FmError;

/// Hyperparameters of BPR-MF ([`Bpr`](super::Bpr)). The defaults are `implicit`'s (0.7):
/// 100 factors, learning rate 0.01, regularization 0.01, 100 iterations, negatives verified.
///
/// ```
/// use recsys_fm::BprParams;
/// let p = BprParams::default().factors(64).learning_rate(0.05);
/// assert!(p.check().is_ok());
/// assert!(BprParams::default().factors(0).check().is_err());
/// assert!(BprParams::default().learning_rate(f32::NAN).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BprParams {
    /// Latent factors, not counting the item bias (default 100).
    pub factors: usize,
    /// SGD learning rate (default 0.01).
    pub learning_rate: f32,
    /// L2 regularization of every updated factor (default 0.01).
    pub regularization: f32,
    /// Epochs, each of `nnz` sampled triples (default 100).
    pub iterations: usize,
    /// Skip a sampled negative the user has interacted with (default true).
    pub verify_negative_samples: bool,
    /// Draw negatives uniformly over the items, as Cornac and Rendle et al. do, instead of as
    /// the item of a uniformly drawn interaction (proportionally to popularity), as `implicit`
    /// does (default false).
    pub uniform_negatives: bool,
    /// Seed of the initial factors and of the samples (default 0).
    pub seed: u64,
    /// Strata per epoch side (default 2): users and items are cut into this many blocks and
    /// the disjoint block pairs run in parallel, BPR's negatives drawn within their positive's
    /// item block (a new item shuffle each epoch); 1 is the sequential sampler. The model
    /// depends on this number, never on the machine's threads.
    #[serde(default = "default_blocks")]
    pub blocks: usize,
    /// The loss (default [`RankLoss::Bpr`]).
    #[serde(default)]
    pub loss: RankLoss,
    /// [`RankLoss::Warp`]: negatives tried per positive before giving up (default 10, as
    /// LightFM).
    #[serde(default = "default_max_sampled")]
    pub max_sampled: usize,
    /// [`RankLoss::Warp`] with uniform negatives: draw them within the positive's item block,
    /// as BPR does, instead of from the whole catalogue (default false: the whole catalogue,
    /// LightFM's semantics; a negative outside the block is scored as its row stood when the
    /// round of strata began, and stepped when the round ends). Within the block is faster and
    /// ranks less well (docs/BENCHMARKS.md, "WARP on the NCF protocol").
    #[serde(default)]
    pub block_negatives: bool,
}

fn default_blocks() -> usize {
    2
}

fn default_max_sampled() -> usize {
    10
}

/// The ranking loss of a [`BprParams`] fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankLoss {
    /// Bayesian personalized ranking (Rendle et al. 2009): one sampled negative per positive,
    /// a plain SGD step on `ln σ(x_ui − x_uj)`.
    #[default]
    Bpr,
    /// WARP (Weston et al. 2011) with LightFM's semantics: negatives are drawn until one
    /// scores above the positive's score minus 1 (at most `max_sampled`), the hinge's step is
    /// weighted by `ln ⌊(n_items − 1) / tries⌋`, and each parameter has its own adagrad
    /// learning rate (accumulators starting at 1); `regularization` is the L2 weight.
    Warp,
}

impl Default for BprParams {
    fn default() -> Self {
        Self {
            factors: 100,
            learning_rate: 0.01,
            regularization: 0.01,
            iterations: 100,
            verify_negative_samples: true,
            uniform_negatives: false,
            seed: 0,
            blocks: default_blocks(),
            loss: RankLoss::Bpr,
            max_sampled: default_max_sampled(),
            block_negatives: false,
        }
    }
}

impl BprParams {
    /// The registry's `bpr`: the settings the peers ran Cornac's BPR with (64 factors, learning
    /// rate 0.05, regularization 0.01, 100 iterations) and Cornac's uniform negatives; the
    /// update is still `implicit`'s. A grid scored on validation data carved from the training
    /// data chose these values on ml-100k (docs/BENCHMARKS.md); with `implicit`'s
    /// popularity-drawn negatives, HR@10 on the peers' ml-100k candidates fell to 0.5398.
    pub fn cornac() -> Self {
        Self {
            factors: 64,
            learning_rate: 0.05,
            uniform_negatives: true,
            ..Self::default()
        }
    }

    /// The registry's `fm-warp`: LightFM's WARP on user and item ids (64 factors, learning rate
    /// 0.05 with adagrad, no regularization, 30 epochs, at most 10 negatives tried, the
    /// settings the peers ran LightFM with), uniform negatives on 2 strata.
    pub fn warp() -> Self {
        Self {
            factors: 64,
            learning_rate: 0.05,
            regularization: 0.0,
            iterations: 30,
            uniform_negatives: true,
            loss: RankLoss::Warp,
            ..Self::default()
        }
    }

    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), FmError> {
        if self.factors == 0 || self.factors > 1 << 20 {
            return Err(FmError::param("factors", "must be in 1..=2^20"));
        }
        if self.blocks == 0 || self.blocks > 256 {
            return Err(FmError::param("blocks", "must be in 1..=256"));
        }
        check::at_least_one("iterations", self.iterations)?;
        check::at_least_one("max_sampled", self.max_sampled)?;
        check::positive("learning_rate", self.learning_rate)?;
        check::non_negative("regularization", self.regularization)?;
        Ok(())
    }
}

recsys_core::param_setters!(BprParams, |s| s; factors: usize, learning_rate: f32,
    regularization: f32, iterations: usize, verify_negative_samples: bool, uniform_negatives: bool,
    seed: u64, blocks: usize, loss: RankLoss, max_sampled: usize, block_negatives: bool);

impl BprParams {
    /// The registry name of BPR.
    pub const NAME: &'static str = "bpr";
    /// The registry name of WARP ([`BprParams::warp`]).
    pub const NAME_WARP: &'static str = "fm-warp";

    /// The registry name of the model these hyperparameters fit: by the loss.
    pub fn name_of(&self) -> &'static str {
        match self.loss {
            RankLoss::Bpr => Self::NAME,
            RankLoss::Warp => Self::NAME_WARP,
        }
    }
}

recsys_core::model_spec!(BprParams, by name_of, |m, _train| m.into_model());
