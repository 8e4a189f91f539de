//! [`RankFm`]: a fitted ranking factorization machine and how it scores.

use recsys_core::traits::{EpochRecord, ScorerModel};
use recsys_core::{CandidateScorer, Recommender, WrapsCore};

use super::RankFmParams;
use super::kernel::represent;
use crate::dot::dot8 as dot;
use crate::error::FmError;
use crate::features::UserItemFeatures;

/// A fitted ranking FM: the features' embeddings and the item features' biases, the feature
/// rows they were fitted with, and every user's and item's representation computed from them.
/// `score(u, i) = x_u·q_i + b_i` with `x_u = Σ_f v_uf·E^U_f`, `q_i = Σ_f v_if·E^I_f`,
/// `b_i = Σ_f v_if·b_f`.
#[derive(Debug, Clone)]
pub struct RankFm {
    pub(super) params: RankFmParams,
    pub(super) features: UserItemFeatures,
    pub(super) user_emb: Vec<f32>,
    pub(super) item_emb: Vec<f32>,
    pub(super) item_bias: Vec<f32>,
    pub(super) curve: Vec<EpochRecord>,
    /// Per user row: `x_u` (`rank` values).
    users: Vec<f32>,
    /// Per item row: `q_i` then `b_i` (`rank + 1` values).
    items: Vec<f32>,
}

impl RankFm {
    /// The kind of its model files.
    pub const KIND: &'static str = "rank-fm";

    /// A model from its parameters: `user_emb` (`rank` per user feature), `item_emb` (`rank`
    /// per item feature) and `item_bias` (one per item feature), checked against the blocks.
    pub(crate) fn from_parts(
        params: RankFmParams,
        features: UserItemFeatures,
        user_emb: Vec<f32>,
        item_emb: Vec<f32>,
        item_bias: Vec<f32>,
    ) -> Result<Self, FmError> {
        let k = params.rank;
        let (nuf, nif) = (features.user.n_features(), features.item.n_features());
        if user_emb.len() != nuf * k || item_emb.len() != nif * k || item_bias.len() != nif {
            return Err(FmError::param(
                "rank",
                format!("embeddings do not match {nuf} user and {nif} item features of rank {k}"),
            ));
        }
        if user_emb
            .iter()
            .chain(&item_emb)
            .chain(&item_bias)
            .any(|v| !v.is_finite())
        {
            return Err(FmError::param(
                "learning_rate",
                "an embedding is not finite: lower the learning rate",
            ));
        }
        let mut users = vec![0f32; features.user.n_rows() * k];
        for (u, x) in users.chunks_exact_mut(k).enumerate() {
            represent(&features.user, u, &user_emb, None, k, x);
        }
        let mut items = vec![0f32; features.item.n_rows() * (k + 1)];
        for (i, q) in items.chunks_exact_mut(k + 1).enumerate() {
            let (q, b) = q.split_at_mut(k);
            b[0] = represent(&features.item, i, &item_emb, Some(&item_bias), k, q);
        }
        Ok(Self {
            params,
            features,
            user_emb,
            item_emb,
            item_bias,
            curve: Vec::new(),
            users,
            items,
        })
    }

    /// Attaches a learning curve.
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] with the learning
    /// curve (per epoch, the mean loss of its interactions: WARP's weighted hinge or BPR's
    /// `ln(1 + e^{−x_uij})`), its file and its fold-in.
    pub fn into_model(self) -> ScorerModel<RankFm> {
        let curve = self.curve.clone();
        ScorerModel::new(self).full(curve)
    }

    /// The hyperparameters.
    pub fn params(&self) -> &RankFmParams {
        &self.params
    }

    /// The feature rows the model was fitted with.
    pub fn features(&self) -> &UserItemFeatures {
        &self.features
    }

    /// The learning curve.
    pub fn curve(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// Number of user rows.
    pub fn n_users(&self) -> usize {
        self.features.user.n_rows()
    }

    /// User `u`'s representation `x_u`; `None` outside the user rows.
    pub fn user_repr(&self, u: u32) -> Option<&[f32]> {
        let k = self.params.rank;
        self.users.get(u as usize * k..(u as usize + 1) * k)
    }

    /// Item `i`'s representation `q_i` followed by its bias `b_i`; `None` outside the item rows.
    pub fn item_repr(&self, i: u32) -> Option<&[f32]> {
        let k1 = self.params.rank + 1;
        self.items.get(i as usize * k1..(i as usize + 1) * k1)
    }

    /// The score of a user given by its feature row (`cols`, `vals` over the user block's
    /// feature space, e.g. a user never seen in training) for `items`; features outside the
    /// space are an error.
    pub fn score_user_features(
        &self,
        cols: &[u32],
        vals: &[f32],
        items: &[u32],
        out: &mut [f32],
    ) -> Result<(), FmError> {
        let k = self.params.rank;
        let nuf = self.features.user.n_features();
        let mut x = vec![0f32; k];
        for (&c, &v) in cols.iter().zip(vals) {
            if c as usize >= nuf || !v.is_finite() {
                return Err(FmError::Feature {
                    row: 0,
                    what: format!(
                        "user feature {c} = {v} outside the {nuf} features or not finite"
                    ),
                });
            }
            let e = &self.user_emb[c as usize * k..(c as usize + 1) * k];
            for (a, b) in x.iter_mut().zip(e) {
                *a += v * b;
            }
        }
        for (o, &i) in out.iter_mut().zip(items) {
            *o = self
                .item_repr(i)
                .map_or(f32::NEG_INFINITY, |q| dot(&x, &q[..k]) + q[k]);
        }
        Ok(())
    }
}

impl CandidateScorer for RankFm {
    fn n_items(&self) -> usize {
        self.features.item.n_rows()
    }

    /// `x_u·q_i + b_i`; items outside the item rows get `-inf`; a user outside the user rows
    /// scores by the item bias alone.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let k = self.params.rank;
        let xu = self.user_repr(user);
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match (self.item_repr(i), xu) {
                (None, _) => f32::NEG_INFINITY,
                (Some(q), None) => q[k],
                (Some(q), Some(x)) => dot(x, &q[..k]) + q[k],
            };
        }
    }
}

impl Recommender for RankFm {}
