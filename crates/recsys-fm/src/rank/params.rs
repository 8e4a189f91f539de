//! [`RankFmParams`]: the hyperparameters of [`RankFm`](super::RankFm) and its registry spec.

use recsys_core::{WrapsCore, check};
use serde::{Deserialize, Serialize};

use crate::error::FmError;

/// The loss of a [`RankFmParams`] fit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankFmLoss {
    /// WARP with LightFM's semantics: for a positive `(u, i)`, items are drawn uniformly until
    /// one the user does not have scores above `score(u, i) − 1`, at most `max_sampled` times;
    /// the hinge step is weighted by `ln ⌊(n_items − 1) / tries⌋` (capped at 10).
    #[default]
    Warp,
    /// BPR: one uniform negative per positive (skipped when the user has it), a step on
    /// `ln σ(x_ui − x_uj)` weighted by `1 − σ(x_ui − x_uj)`.
    Bpr,
}

/// Hyperparameters of the ranking factorization machine ([`RankFm`](super::RankFm)). The
/// defaults are LightFM's as the peers ran it: rank 64, learning rate 0.05 with adagrad, no
/// regularization, 30 epochs, WARP with at most 10 negatives tried.
///
/// ```
/// use recsys_fm::RankFmParams;
/// assert!(RankFmParams::warp().check().is_ok());
/// assert!(RankFmParams::warp().rank(0).check().is_err());
/// assert!(RankFmParams::bpr().learning_rate(f32::NAN).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankFmParams {
    /// The loss (default [`RankFmLoss::Warp`]).
    pub loss: RankFmLoss,
    /// Embedding dimension (default 64).
    pub rank: usize,
    /// Adagrad's base learning rate (default 0.05).
    pub learning_rate: f32,
    /// L2 weight on the item features' embeddings and biases, added to their gradients
    /// (default 0).
    pub item_alpha: f32,
    /// L2 weight on the user features' embeddings (default 0).
    pub user_alpha: f32,
    /// Epochs, each visiting every training interaction once in a shuffled order (default 30).
    pub epochs: usize,
    /// WARP: negatives tried per positive (default 10).
    pub max_sampled: usize,
    /// Interactions per batch (default 32): a batch's negative searches and gradients run in
    /// parallel against the parameters at the batch's start, then its updates are applied in
    /// interaction order. The model depends on the seed and this number, never on the threads;
    /// 1 is plain sequential SGD.
    pub batch: usize,
    /// Seed of the initial embeddings, the epochs' orders and the negatives (default 0).
    pub seed: u64,
}

impl Default for RankFmParams {
    fn default() -> Self {
        Self::warp()
    }
}

impl RankFmParams {
    /// The registry name of WARP ([`RankFmParams::warp`]).
    pub const NAME_WARP: &'static str = "lightfm-warp";
    /// The registry name of BPR ([`RankFmParams::bpr`]).
    pub const NAME_BPR: &'static str = "fm-bpr";

    /// WARP with the defaults.
    pub fn warp() -> Self {
        Self {
            loss: RankFmLoss::Warp,
            rank: 64,
            learning_rate: 0.05,
            item_alpha: 0.0,
            user_alpha: 0.0,
            epochs: 30,
            max_sampled: 10,
            batch: 32,
            seed: 0,
        }
    }

    /// BPR with the same settings.
    pub fn bpr() -> Self {
        Self {
            loss: RankFmLoss::Bpr,
            ..Self::warp()
        }
    }

    /// The registry name of the model these hyperparameters fit: by the loss.
    pub fn name_of(&self) -> &'static str {
        match self.loss {
            RankFmLoss::Warp => Self::NAME_WARP,
            RankFmLoss::Bpr => Self::NAME_BPR,
        }
    }

    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), FmError> {
        if self.rank == 0 || self.rank > 1 << 16 {
            return Err(FmError::param("rank", "must be in 1..=65536"));
        }
        if self.batch == 0 || self.batch > 1 << 20 {
            return Err(FmError::param("batch", "must be in 1..=2^20"));
        }
        check::at_least_one("epochs", self.epochs)?;
        check::at_least_one("max_sampled", self.max_sampled)?;
        check::positive("learning_rate", self.learning_rate)?;
        check::non_negative("item_alpha", self.item_alpha)?;
        check::non_negative("user_alpha", self.user_alpha)?;
        Ok(())
    }
}

recsys_core::param_setters!(RankFmParams, |s| s; loss: RankFmLoss, rank: usize,
    learning_rate: f32, item_alpha: f32, user_alpha: f32, epochs: usize, max_sampled: usize,
    batch: usize, seed: u64);

recsys_core::model_spec!(RankFmParams, by name_of, |m, _train| m.into_model());
