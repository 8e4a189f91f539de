//! The baseline predictor `r̂(u, i) = μ + b_u + b_i`, biases fitted by alternating least squares
//! as Surprise's `BaselineOnly` does (Koren 2010, section 2.1).

mod fit;
mod fold_in;
mod params;
mod partial_fit;
mod persist;

pub use params::BaselineParams;

use recsys_core::RatingPredictor;
use recsys_core::traits::RatingModel;

use crate::clip::clip;

/// A fitted baseline predictor.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Global mean μ.
    pub mean: f64,
    /// User biases (0 for users without training ratings).
    pub user_bias: Vec<f64>,
    /// Item biases (0 for items without training ratings).
    pub item_bias: Vec<f64>,
    range: Option<(f32, f32)>,
    reg_user: f64,
}

impl Baseline {
    /// The kind of its model files.
    pub const KIND: &'static str = "baseline";

    /// A model from its parts (as loaded from a file).
    pub fn from_parts(
        mean: f64,
        user_bias: Vec<f64>,
        item_bias: Vec<f64>,
        range: Option<(f32, f32)>,
    ) -> Self {
        Self {
            mean,
            user_bias,
            item_bias,
            range,
            reg_user: BaselineParams::default().reg_user,
        }
    }

    /// The user-bias regularization folding in uses (the fit's `reg_user`; Surprise's default
    /// 15 for a model built by [`Baseline::from_parts`] without it).
    pub fn with_reg_user(mut self, reg_user: f64) -> Self {
        self.reg_user = reg_user;
        self
    }

    /// The user-bias regularization of the fit.
    pub fn reg_user(&self) -> f64 {
        self.reg_user
    }

    /// The prediction range (clipping), if any.
    pub fn range(&self) -> Option<(f32, f32)> {
        self.range
    }

    /// The model as the registry's [`recsys_core::Model`] over `n_items` items: a
    /// [`RatingModel`] that also saves itself.
    pub fn into_model(self, n_items: usize) -> RatingModel<Baseline> {
        RatingModel::new(self, n_items).with_save().with_fold_in()
    }
}

impl RatingPredictor for Baseline {
    /// `μ + b_u + b_i`; unknown users or items contribute a zero bias.
    fn predict(&self, user: u32, item: u32) -> f32 {
        let p = self.mean
            + self.user_bias.get(user as usize).copied().unwrap_or(0.0)
            + self.item_bias.get(item as usize).copied().unwrap_or(0.0);
        clip(p as f32, self.range)
    }
}
