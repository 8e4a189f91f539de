//! [`FactorModel`]: a fitted SVD or SVD++ model, and how it predicts.

use ndarray::Array2;
use recsys_core::RatingPredictor;
use recsys_core::traits::{EpochRecord, RatingModel};

use super::SvdFoldIn;
use super::dot::dot;
use crate::clip::clip;

/// A fitted SVD or SVD++ model: `r̂(u, i) = μ + b_u + b_i + q_i·p'_u`, where `p'_u` is `p_u` for
/// SVD and `p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j` for SVD++.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorModel {
    /// [`FactorModel::KIND_SVD`] or [`FactorModel::KIND_SVDPP`].
    pub kind: &'static str,
    /// Global mean (0 for unbiased SVD).
    pub mean: f32,
    /// User biases.
    pub user_bias: Vec<f32>,
    /// Item biases.
    pub item_bias: Vec<f32>,
    /// Effective user factors `p'_u` (users × k).
    pub user_factors: Array2<f32>,
    /// Item factors `q_i` (items × k).
    pub item_factors: Array2<f32>,
    /// SVD++'s implicit item factors `y_j` (items × k; empty for SVD).
    pub implicit_factors: Array2<f32>,
    /// Prediction range (clipping), if any.
    pub range: Option<(f32, f32)>,
    /// The fit's factor regularization `reg`, which folding in a user reuses.
    pub reg: f32,
    /// The fit's bias regularization (`reg_bias`, else `reg`); `None` for an unbiased SVD.
    pub reg_bias: Option<f32>,
    /// How users are folded in ([`SvdFoldIn`]), with the fit's SGD settings where it needs them.
    pub fold_in: SvdFoldIn,
    /// Training RMSE and seconds per epoch.
    pub curve: Vec<EpochRecord>,
}

impl FactorModel {
    /// The kind of an SVD model and of its model files.
    pub const KIND_SVD: &'static str = "svd";
    /// The kind of an SVD++ model and of its model files.
    pub const KIND_SVDPP: &'static str = "svdpp";

    /// The model as the registry's [`recsys_core::Model`] over `n_items` items: a
    /// [`RatingModel`] with the learning curve, that also saves itself.
    pub fn into_model(self, n_items: usize) -> RatingModel<FactorModel> {
        let curve = self.curve.clone();
        RatingModel::new(self, n_items).full(curve)
    }
}

impl RatingPredictor for FactorModel {
    /// Users or items without training data get zero factors and biases: the prediction falls back
    /// to the global mean plus whichever bias is known.
    fn predict(&self, user: u32, item: u32) -> f32 {
        let (u, i) = (user as usize, item as usize);
        let mut p = self.mean
            + self.user_bias.get(u).copied().unwrap_or(0.0)
            + self.item_bias.get(i).copied().unwrap_or(0.0);
        if u < self.user_factors.nrows() && i < self.item_factors.nrows() {
            let (pu, qi) = (self.user_factors.row(u), self.item_factors.row(i));
            if let (Some(a), Some(b)) = (pu.as_slice(), qi.as_slice()) {
                p += dot(a, b);
            }
        }
        clip(p, self.range)
    }
}
