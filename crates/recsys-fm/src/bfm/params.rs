//! [`BfmParams`]: the hyperparameters of [`Bfm`](super::Bfm) and its registry spec.

use recsys_core::{WrapsCore, check};
use serde::{Deserialize, Serialize};

use crate::error::FmError;

/// Hyperparameters of the Bayesian factorization machine ([`Bfm`](super::Bfm)). The priors
/// are myFM's (0.4): `α₀ = β₀ = γ₀ = 1`, `μ₀ = 0`, `reg₀ = 1` (the prior precision of the
/// global bias), initial weights `N(0, 0.1²)`.
///
/// ```
/// use recsys_fm::BfmParams;
/// let p = BfmParams::default().rank(8).n_iter(50).implicit(true);
/// assert!(p.check().is_ok());
/// assert!(BfmParams::default().rank(0).check().is_err());
/// assert!(BfmParams::default().n_iter(10).burn_in(10).check().is_err());
/// assert!(BfmParams::default().chains(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BfmParams {
    /// Rank of the pairwise interactions (default 10, myFM's benchmark rank).
    pub rank: usize,
    /// Gibbs iterations (default 200).
    pub n_iter: usize,
    /// Iterations discarded before samples are kept (default 5: myFM keeps `n_iter − 5`).
    /// Predictions average the `n_iter − burn_in` kept samples.
    pub burn_in: usize,
    /// Add each user's rated-item set and each item's rater set, normalized to `1/√n`, as two
    /// more feature groups (SVD++-style implicit features, myFM's `svdpp_flipped`; default
    /// false). The registry's `bfm-implicit` sets it, with 512 iterations.
    pub implicit: bool,
    /// Standard deviation of the initial weights (default 0.1).
    pub init_stdev: f64,
    /// Shape hyperprior α₀ of the noise and group precisions (default 1).
    pub alpha_0: f64,
    /// Rate hyperprior β₀ of the noise and group precisions (default 1).
    pub beta_0: f64,
    /// Pseudo-count γ₀ of the group means' prior (default 1).
    pub gamma_0: f64,
    /// Prior mean μ₀ of the group means (default 0).
    pub mu_0: f64,
    /// Prior precision of the global bias w₀ (default 1).
    pub reg_0: f64,
    /// Clip predictions to the training ratings' range (default true).
    pub clip: bool,
    /// Ordered probit instead of regression (default false): the training ratings' distinct
    /// values become ordered classes, a latent `ŷ + N(0, 1)` falls between cutpoints drawn by
    /// Metropolis steps, and a prediction is the expected rating averaged over the samples
    /// (myFM's `MyFMOrderedProbit`; module `ordinal`). Needs 2 to 1,000 distinct ratings.
    #[serde(default)]
    pub ordinal: bool,
    /// One-class ranking (default 0: off). With `n > 0` every training rating becomes a 1 and
    /// `n` items per rating that the user did not rate become 0s, drawn uniformly among the
    /// items with training ratings (module `one_class`); the chain is the ordered probit of the
    /// two classes, a probit classifier, so a prediction is the probability that the user rates
    /// the item — a score for ranking what a user will watch, not a rating. At most 1,000; no
    /// case block.
    #[serde(default)]
    pub negatives: usize,
    /// Independent chains (default 1). Chain `c` is the chain of seed `seed + c`, from its
    /// own start; the model keeps every chain's samples, so a prediction averages
    /// `chains · (n_iter − burn_in)` samples. A single chain settles near one mode of the
    /// posterior: two chains lowered the ml-100k RMSE by 0.0004 (regression) and 0.0010
    /// (ordered probit) where 1,024 iterations of one chain did not (docs/BENCHMARKS.md). The
    /// chains run side by side on the pool (the model does not depend on the threads), so on 2
    /// threads two chains of `n / 2` iterations took 0.52–0.73 of the time of one chain of `n`
    /// (docs/BENCHMARKS.md); with the implicit sets, two chains of 256 ranked as well as one of
    /// 512 on ml-100k. At most 64.
    #[serde(default = "one_chain")]
    pub chains: usize,
    /// Seed of every draw (default 0). A draw depends on the seed and the iteration only.
    pub seed: u64,
    /// Worker threads of the per-row caches; 0 (the default) uses rayon's global pool. Results
    /// do not depend on it.
    pub threads: usize,
}

impl Default for BfmParams {
    fn default() -> Self {
        Self {
            rank: 10,
            n_iter: 200,
            burn_in: 5,
            implicit: false,
            init_stdev: 0.1,
            alpha_0: 1.0,
            beta_0: 1.0,
            gamma_0: 1.0,
            mu_0: 0.0,
            reg_0: 1.0,
            clip: true,
            ordinal: false,
            negatives: 0,
            chains: 1,
            seed: 0,
            threads: 0,
        }
    }
}

/// The default of [`BfmParams::chains`] in model files written before it existed.
fn one_chain() -> usize {
    1
}

impl BfmParams {
    /// The registry name of the plain model.
    pub const NAME: &'static str = "bfm";
    /// The registry name of the model with implicit features.
    pub const NAME_IMPLICIT: &'static str = "bfm-implicit";
    /// The registry name of the model with implicit features, a wider rank and a longer chain.
    pub const NAME_IMPLICIT_LONG: &'static str = "bfm-implicit-long";
    /// The registry name of the ordered probit with implicit features.
    pub const NAME_ORDINAL: &'static str = "bfm-ordinal";
    /// The registry name of the one-class ranker ([`BfmParams::negatives`]).
    pub const NAME_RANK: &'static str = "bfm-rank";

    /// The registry's `bfm-implicit`: implicit features, 512 iterations (myFM's benchmark).
    pub fn with_implicit_features() -> Self {
        Self {
            implicit: true,
            n_iter: 512,
            ..Self::default()
        }
    }

    /// The registry's `bfm-implicit-long`: implicit features, rank 16, 1024 iterations — about
    /// 3× the fit time of `bfm-implicit` for a lower RMSE on ratings-small
    /// (docs/BENCHMARKS.md, "Factorization machines").
    pub fn with_implicit_features_long() -> Self {
        Self {
            rank: 16,
            n_iter: 1024,
            ..Self::with_implicit_features()
        }
    }

    /// The registry's `bfm-ordinal`: `bfm-implicit` as an ordered probit — on ratings_small's
    /// test file the RMSE of `bfm-implicit-long` at the cost of `bfm-implicit`
    /// (docs/BENCHMARKS.md, "Factorization machines").
    pub fn with_implicit_ordinal() -> Self {
        Self {
            ordinal: true,
            ..Self::with_implicit_features()
        }
    }

    /// The registry's `bfm-rank`: `bfm`'s defaults as a one-class ranker, one sampled unrated
    /// item per rating ([`BfmParams::negatives`]).
    pub fn ranking() -> Self {
        Self {
            negatives: 1,
            ..Self::default()
        }
    }

    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), FmError> {
        if self.rank == 0 || self.rank > 1 << 16 {
            return Err(FmError::param("rank", "must be in 1..=65536"));
        }
        check::at_least_one("n_iter", self.n_iter)?;
        if self.burn_in >= self.n_iter {
            return Err(FmError::param(
                "burn_in",
                format!("must be below n_iter ({}) to keep a sample", self.n_iter),
            ));
        }
        check::positive("alpha_0", self.alpha_0)?;
        check::positive("beta_0", self.beta_0)?;
        check::positive("gamma_0", self.gamma_0)?;
        check::positive("reg_0", self.reg_0)?;
        check::non_negative("init_stdev", self.init_stdev)?;
        if self.chains == 0 || self.chains > 64 {
            return Err(FmError::param("chains", "must be in 1..=64"));
        }
        if self.negatives > 1_000 {
            return Err(FmError::param("negatives", "must be at most 1000"));
        }
        if !self.mu_0.is_finite() {
            return Err(FmError::param("mu_0", "must be finite"));
        }
        Ok(())
    }

    /// Kept samples of each chain: `n_iter − burn_in`.
    pub fn n_kept(&self) -> usize {
        self.n_iter.saturating_sub(self.burn_in)
    }
}

recsys_core::param_setters!(BfmParams, |s| s; rank: usize, n_iter: usize, burn_in: usize,
    implicit: bool, init_stdev: f64, clip: bool, ordinal: bool, negatives: usize, chains: usize, seed: u64,
    threads: usize);

impl BfmParams {
    /// The registry name of the model these hyperparameters fit: `bfm-rank` for the one-class
    /// ranker, `bfm-ordinal` for the ordered probit, else `bfm`, or `bfm-implicit` with the
    /// implicit sets.
    pub fn name_of(&self) -> &'static str {
        if self.negatives > 0 {
            Self::NAME_RANK
        } else if self.ordinal {
            Self::NAME_ORDINAL
        } else if self.implicit {
            Self::NAME_IMPLICIT
        } else {
            Self::NAME
        }
    }
}

recsys_core::model_spec!(BfmParams, by name_of, |m, train| m.into_model(train.n_items()));
