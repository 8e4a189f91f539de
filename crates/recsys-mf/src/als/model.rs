//! [`Als`]: a fitted implicit ALS model, its accessors, and how it scores and recommends.

use ndarray::Array2;
use recsys_core::WrapsCore;
use recsys_core::traits::{EpochRecord, ScorerModel};
use recsys_core::{CandidateScorer, Interactions, Recommender};

use super::AlsParams;
use super::kernel::dot_plain;
use crate::error::MfError;

/// A fitted implicit ALS model: user and item factors.
///
/// Users and items without training interactions have zero factors: every score of such a user
/// is 0, and such an item scores 0 for everyone. A score is `x_u·y_i`, a preference estimate,
/// not a rating.
#[derive(Debug, Clone)]
pub struct Als {
    pub(super) user_factors: Array2<f32>,
    pub(super) item_factors: Array2<f32>,
    pub(super) item_norms: Vec<f32>,
    pub(super) params: AlsParams,
    pub(super) curve: Vec<EpochRecord>,
    /// `YᵀY + λI` of the item factors, computed on the first fold-in and kept.
    pub(super) fold_in_system: std::sync::OnceLock<Vec<f32>>,
}

impl Als {
    /// The kind of its model files.
    pub const KIND: &'static str = "als";

    /// A model from its factor matrices and hyperparameters (as [`Als::load`] restores it).
    /// Errors when the two matrices disagree on `k`, `k` differs from `params.factors`, or a
    /// factor is not finite.
    pub(crate) fn from_parts(
        user_factors: Array2<f32>,
        item_factors: Array2<f32>,
        params: AlsParams,
    ) -> Result<Self, MfError> {
        let k = params.factors;
        if user_factors.ncols() != k || item_factors.ncols() != k {
            return Err(MfError::param(
                "factors",
                format!(
                    "factor matrices have {} and {} columns, the parameters say {k}",
                    user_factors.ncols(),
                    item_factors.ncols()
                ),
            ));
        }
        if user_factors
            .iter()
            .chain(item_factors.iter())
            .any(|x| !x.is_finite())
        {
            return Err(MfError::param("factors", "a factor is not finite"));
        }
        let item_norms = item_factors
            .rows()
            .into_iter()
            .map(|r| r.iter().map(|x| x * x).sum::<f32>().sqrt())
            .collect();
        Ok(Als {
            user_factors,
            item_factors,
            item_norms,
            params,
            curve: Vec::new(),
            fold_in_system: std::sync::OnceLock::new(),
        })
    }

    /// Attaches a learning curve (as [`Als::load`] restores it).
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] with the learning
    /// curve, that also saves itself.
    pub fn into_model(self) -> ScorerModel<Als> {
        let curve = self.curve.clone();
        ScorerModel::new(self).full(curve)
    }

    /// The user factors, one row per dense user index (n_users × k).
    pub fn user_factors(&self) -> &Array2<f32> {
        &self.user_factors
    }

    /// The item factors, one row per dense item index (n_items × k).
    pub fn item_factors(&self) -> &Array2<f32> {
        &self.item_factors
    }

    /// The hyperparameters the model was fitted with.
    pub fn params(&self) -> &AlsParams {
        &self.params
    }

    /// Number of latent factors k.
    pub fn factors(&self) -> usize {
        self.params.factors
    }

    /// Number of users of the training index space.
    pub fn n_users(&self) -> usize {
        self.user_factors.nrows()
    }

    /// The learning curve: one record per iteration, `loss` the weighted squared loss of the
    /// module documentation (regularization included) divided by the total weight of all cells,
    /// `Σ_observed c + (n_users·n_items − nnz)`, as `implicit` reports it.
    pub fn curve(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// User `user`'s factor row; `None` outside the index space.
    pub fn user_factor(&self, user: u32) -> Option<&[f32]> {
        self.row_of(&self.user_factors, user)
    }

    /// Item `item`'s factor row; `None` outside the index space.
    pub fn item_factor(&self, item: u32) -> Option<&[f32]> {
        self.row_of(&self.item_factors, item)
    }

    /// The item factors as one row-major slice.
    pub(super) fn item_rows(&self) -> &[f32] {
        // the factors are built row-major (`fit`, `from_parts` of a loaded file)
        self.item_factors
            .as_slice()
            .unwrap_or_else(|| unreachable!())
    }

    fn row_of<'a>(&self, m: &'a Array2<f32>, i: u32) -> Option<&'a [f32]> {
        let k = self.factors();
        let i = i as usize;
        let all = m.as_slice()?;
        all.get(i * k..(i + 1) * k)
    }

    /// Checks that `train` has the model's index space.
    pub(super) fn check_space(&self, train: &Interactions) -> Result<(), MfError> {
        if train.n_users() != self.n_users() || train.n_items() != self.n_items() {
            return Err(MfError::param(
                "train",
                format!(
                    "index space {}×{} differs from the model's {}×{}",
                    train.n_users(),
                    train.n_items(),
                    self.n_users(),
                    self.n_items()
                ),
            ));
        }
        Ok(())
    }
}

impl CandidateScorer for Als {
    fn n_items(&self) -> usize {
        self.item_factors.nrows()
    }

    /// `x_u·y_i`; items outside the index space get `-inf`, and a user outside it scores 0 (a
    /// zero factor, like a user without training data).
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let xu = self.user_factor(user);
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match (self.item_factor(i), xu) {
                (None, _) => f32::NEG_INFINITY,
                (Some(_), None) => 0.0,
                (Some(yi), Some(xu)) => dot_plain(xu, yi),
            };
        }
    }
}

impl Recommender for Als {}
