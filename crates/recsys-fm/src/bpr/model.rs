//! [`Bpr`]: fitted BPR-MF factors and how they score.

use recsys_core::traits::{EpochRecord, ScorerModel};
use recsys_core::{CandidateScorer, Recommender, WrapsCore};

use super::BprParams;
use crate::dot::dot8;
use crate::error::FmError;

/// A fitted BPR-MF model: user factors with a constant 1 in the last column and item factors
/// with the item bias there, so a score `x_u·y_i` includes the bias.
#[derive(Debug, Clone)]
pub struct Bpr {
    pub(super) users: Vec<f32>,
    pub(super) items: Vec<f32>,
    pub(super) params: BprParams,
    pub(super) curve: Vec<EpochRecord>,
}

impl Bpr {
    /// The kind of its model files.
    pub const KIND: &'static str = "bpr";

    /// A model from its row-major factors (`factors + 1` columns) and hyperparameters.
    pub(crate) fn from_parts(
        users: Vec<f32>,
        items: Vec<f32>,
        params: BprParams,
    ) -> Result<Self, FmError> {
        let k1 = params.factors + 1;
        if !users.len().is_multiple_of(k1) || !items.len().is_multiple_of(k1) {
            return Err(FmError::param(
                "factors",
                format!("factor arrays are not multiples of {k1} columns"),
            ));
        }
        if users.iter().chain(&items).any(|v| !v.is_finite()) {
            return Err(FmError::param("factors", "a factor is not finite"));
        }
        Ok(Self {
            users,
            items,
            params,
            curve: Vec::new(),
        })
    }

    /// Attaches a learning curve.
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] with the learning
    /// curve (per epoch, the mean BPR loss `ln(1 + e^{−x_uij})` of its steps), its file and its
    /// fold-in.
    pub fn into_model(self) -> ScorerModel<Bpr> {
        let curve = self.curve.clone();
        ScorerModel::new(self).full(curve)
    }

    /// The hyperparameters.
    pub fn params(&self) -> &BprParams {
        &self.params
    }

    /// Number of users.
    pub fn n_users(&self) -> usize {
        self.users.len() / (self.params.factors + 1)
    }

    /// The learning curve.
    pub fn curve(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// User `u`'s factors (the last entry 1); `None` outside the index space.
    pub fn user_factor(&self, u: u32) -> Option<&[f32]> {
        let k1 = self.params.factors + 1;
        self.users.get(u as usize * k1..(u as usize + 1) * k1)
    }

    /// Item `i`'s factors (the last entry its bias); `None` outside the index space.
    pub fn item_factor(&self, i: u32) -> Option<&[f32]> {
        let k1 = self.params.factors + 1;
        self.items.get(i as usize * k1..(i as usize + 1) * k1)
    }
}

impl CandidateScorer for Bpr {
    fn n_items(&self) -> usize {
        self.items.len() / (self.params.factors + 1)
    }

    /// `x_u·y_i`; items outside the index space get `-inf`; a user outside it scores by the
    /// item bias alone.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let xu = self.user_factor(user);
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match (self.item_factor(i), xu) {
                (None, _) => f32::NEG_INFINITY,
                (Some(y), None) => y[y.len() - 1],
                (Some(y), Some(x)) => dot8(x, y),
            };
        }
    }
}

impl Recommender for Bpr {}
