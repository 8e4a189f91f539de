//! [`SvdParams`]: the hyperparameters of SVD (Surprise's `SVD` defaults), with builder-style
//! setters and their checks, and [`VisitOrder`].

use recsys_core::WrapsCore;
use recsys_core::check;
use serde::{Deserialize, Serialize};

use super::FoldInMethod;
use crate::error::MfError;
use crate::factors::{InitStream, UserStart};
use recsys_core::param_setters;

/// The order in which an SGD epoch visits each user's ratings (users come in index order, or
/// shuffled with [`SvdParams::shuffle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitOrder {
    /// From the user's most rated item to the least rated (ties by index), so each pass over a
    /// user ends on the items with the fewest other updates (default). On ml-100k's official
    /// folds it lowers the mean test RMSE against [`VisitOrder::Index`] on each of 10 seeds, by
    /// 0.0001–0.0004 for SVD and 0.0001–0.0006 for SVD++ (`docs/BENCHMARKS.md`).
    #[default]
    PopularFirst,
    /// Item index order, as the ratings are stored. With first-appearance indices of a file
    /// sorted by user and item, this differs from Surprise's file order.
    ///
    /// Either way the fit walks its own copy of the ratings (8 bytes per rating).
    Index,
}

/// Hyperparameters of SVD, which fit a [`FactorModel`](super::FactorModel); the defaults are
/// Surprise's `SVD` defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SvdParams {
    /// Latent factors (default 100).
    pub factors: usize,
    /// SGD epochs (default 20).
    pub epochs: usize,
    /// Learning rate of the factors (default 0.005).
    pub lr: f32,
    /// Regularization of the factors (default 0.02).
    pub reg: f32,
    /// Learning rate of the biases (default: `lr`).
    pub lr_bias: Option<f32>,
    /// Regularization of the biases (default: `reg`).
    pub reg_bias: Option<f32>,
    /// Mean of the initial factors (default 0).
    pub init_mean: f32,
    /// Standard deviation of the initial factors (default 0.1).
    pub init_std: f32,
    /// Use the global mean and biases (default true; false is Surprise's unbiased SVD, `r̂ = q_i·p_u`).
    pub biased: bool,
    /// Visit users in a new seeded random order each epoch (default false: index order, as Surprise).
    pub shuffle: bool,
    /// Clip predictions to the training ratings' range (default true, as Surprise).
    pub clip: bool,
    /// Seed of the initialization (and shuffling).
    pub seed: u64,
    /// The order of each user's ratings within an epoch (default [`VisitOrder::PopularFirst`]).
    pub visit_order: VisitOrder,
    /// The generator of the initial factors (default [`InitStream::Numpy`]: with the same seed,
    /// the same initial factors as Surprise's `random_state`).
    pub init_stream: InitStream,
    /// Where the user factors start (default [`UserStart::Drawn`], Surprise's start;
    /// [`UserStart::Zero`] starts them where the SGD fold-in starts a new user).
    #[serde(default)]
    pub user_start: UserStart,
    /// Blocks of SVD's DSGD, the most threads it uses (default 2; 1 = Surprise's exact
    /// sequential order). The result depends on this number only, never on the machine's cores
    /// or the size of rayon's pool: the blocks of a stratum touch disjoint users and items, so
    /// the order they run in does not matter. 0 = rayon's pool size, whose results then depend
    /// on the pool. Results are within noise of one block. SVD++ always runs on one thread.
    pub threads: usize,
    /// How users who were not in the training data are folded in (default
    /// [`FoldInMethod::Sgd`]: on the new-users protocol it ranks better than the ridge solve
    /// from 5 and 20 ratings, by 0.04–0.08 HR@10 over five seeds; `docs/BENCHMARKS.md`).
    #[serde(default)]
    pub fold_in: FoldInMethod,
}

impl Default for SvdParams {
    fn default() -> Self {
        Self {
            factors: 100,
            epochs: 20,
            lr: 0.005,
            reg: 0.02,
            lr_bias: None,
            reg_bias: None,
            init_mean: 0.0,
            init_std: 0.1,
            biased: true,
            shuffle: false,
            clip: true,
            seed: 0,
            init_stream: InitStream::Numpy,
            user_start: UserStart::Drawn,
            visit_order: VisitOrder::PopularFirst,
            threads: 2,
            fold_in: FoldInMethod::Sgd,
        }
    }
}

param_setters!(SvdParams, |s| s;
    factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32, biased: bool,
    shuffle: bool, clip: bool, seed: u64, init_stream: InitStream, user_start: UserStart,
    visit_order: VisitOrder, threads: usize, fold_in: FoldInMethod);

impl SvdParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        let bad = |name, reason: String| Err(MfError::param(name, reason));
        check::at_least_one("factors", self.factors)?;
        check::at_least_one("epochs", self.epochs)?;
        for (name, v) in [("lr", Some(self.lr)), ("lr_bias", self.lr_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0 && v < 1.0)
            {
                return bad(name, format!("{v} is not in (0, 1)"));
            }
        }
        for (name, v) in [("reg", Some(self.reg)), ("reg_bias", self.reg_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return bad(name, format!("{v} is not finite and >= 0"));
            }
        }
        if !(self.init_mean.is_finite() && self.init_std.is_finite() && self.init_std >= 0.0) {
            return bad(
                "init_std",
                format!(
                    "N({}, {}) is not a valid initialization",
                    self.init_mean, self.init_std
                ),
            );
        }
        Ok(())
    }

    /// The threads of the DSGD: [`SvdParams::threads`], or rayon's pool size for 0.
    pub(super) fn threads_or_default(&self) -> usize {
        if self.threads == 0 {
            rayon::current_num_threads()
        } else {
            self.threads
        }
    }
}
