//! [`PopularityParams`]: fitting [`Popularity`], and its registry spec.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::traits::Fit;
use serde::{Deserialize, Serialize};

use super::Popularity;
use crate::error::MfError;
use recsys_core::model_spec;

/// Fits [`Popularity`] (no hyperparameters: its serde form is an empty map, so its registry
/// spec lists no parameters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "NoFields", into = "NoFields")]
pub struct PopularityParams;

/// The serde form of [`PopularityParams`]: a struct without fields (`{}` in JSON).
#[derive(Serialize, Deserialize)]
struct NoFields {}

impl From<NoFields> for PopularityParams {
    fn from(_: NoFields) -> Self {
        PopularityParams
    }
}

impl From<PopularityParams> for NoFields {
    fn from(_: PopularityParams) -> Self {
        NoFields {}
    }
}

impl PopularityParams {
    /// Nothing to check: popularity has no hyperparameters.
    pub fn check(&self) -> Result<(), MfError> {
        Ok(())
    }
}

impl Fit for PopularityParams {
    type Model = Popularity;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<Popularity, MfError> {
        if train.is_empty() {
            return Err(MfError::empty("no training interactions to count"));
        }
        Ok(Popularity::from_counts(
            train.item_counts().into_iter().map(|c| c as f32).collect(),
        ))
    }
}

model_spec!(PopularityParams, "popularity", |m, _train| m.into_model());
