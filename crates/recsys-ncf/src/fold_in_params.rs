//! [`NcfFoldIn`]: the settings of folding a user into a fitted network (how many Adam steps,
//! their learning rate, the negatives and their seed), kept on the [`NcfModel`] and in its file.
//!
//! [`NcfModel`]: crate::NcfModel

use recsys_core::Result;
use recsys_core::check;
use serde::{Deserialize, Serialize};

/// How [`FoldIn`](recsys_core::traits::FoldIn) fits a new user's embeddings into a fitted GMF,
/// MLP or NeuMF: `steps` full-batch Adam steps of learning rate `lr` (PyTorch's betas 0.9 /
/// 0.999 and epsilon 1e-8, as training) on the binary cross entropy of the history's items
/// (positives) and, per positive, `negatives` items outside the history (uniform, with
/// replacement, redrawn every step from a generator seeded by `seed`), everything but the user's
/// embeddings frozen. Set on a model with
/// [`NcfModel::with_fold_in_params`](crate::NcfModel::with_fold_in_params).
///
/// ```
/// use recsys_ncf::NcfFoldIn;
/// let f = NcfFoldIn::default().with_steps(100).with_lr(0.05);
/// assert!(f.check().is_ok());
/// assert!(NcfFoldIn::default().with_lr(0.0).check().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NcfFoldIn {
    /// Adam steps, each over every positive and its negatives (default 50; 0 keeps the
    /// starting point, the mean training user).
    pub steps: usize,
    /// Adam's learning rate (default 0.05).
    pub lr: f64,
    /// Sampled negatives per positive; `None` (the default): the model's
    /// [`NcfParams::negatives`](crate::NcfParams::negatives), as in training.
    pub negatives: Option<usize>,
    /// Seed of the negatives (default 0): the same seed and history give the same user.
    pub seed: u64,
}

impl Default for NcfFoldIn {
    fn default() -> Self {
        Self {
            steps: 50,
            lr: 0.05,
            negatives: None,
            seed: 0,
        }
    }
}

impl NcfFoldIn {
    /// Checks every value; the first bad one is a
    /// [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) naming
    /// `fold_in.<field>`.
    pub fn check(&self) -> Result<()> {
        check::positive("fold_in.lr", self.lr)?;
        if let Some(n) = self.negatives {
            check::at_least_one("fold_in.negatives", n)?;
        }
        Ok(())
    }
}

recsys_core::param_setters!(NcfFoldIn, |s| s;
    with_steps => steps: usize,
    with_lr => lr: f64,
    with_negatives => negatives: Option<usize>,
    with_seed => seed: u64,
);
