//! The model file of a [`Knn`]: the hyperparameters as metadata, the training ratings and the
//! baselines as sections, and the id maps. A k-NN model is its ratings and a deterministic
//! similarity, so the file does not hold the dense similarity matrix (up to `n² × 4` bytes):
//! loading recomputes it from the saved ratings and baselines, bit for bit the same.

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::IdMap;
use recsys_core::baselines::Biases;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use serde_json::json;

use super::model::{Knn, KnnBaseline, KnnBasic, KnnMeans};
use super::params::{Estimator, KnnParams};
use crate::error::NeighborsError;

impl<E: Estimator> Knn<E> {
    /// A model file writer holding the model and the id maps of its training data (which must
    /// be the training data's own maps).
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, NeighborsError> {
        if users != self.train.users() || items != self.train.items() {
            return Err(NeighborsError::param(
                "id maps",
                format!(
                    "{} users × {} items given, the model was fitted on {} × {}",
                    users.len(),
                    items.len(),
                    self.train.n_users(),
                    self.train.n_items()
                ),
            ));
        }
        let mut w = ModelWriter::new(Self::KIND, json!({ "params": self.params }));
        w.interactions("train", &self.train)?;
        if let Some(b) = &self.biases {
            w.section_f64("user_bias", &[b.user.len() as u64], b.user.as_slice())?;
            w.section_f64("item_bias", &[b.item.len() as u64], b.item.as_slice())?;
        }
        w.id_map("users", users)?;
        w.id_map("items", items)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Knn::load`]): checks the hyperparameters,
    /// the ratings and the baselines' lengths, and recomputes the similarities.
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Knn<E>>, NeighborsError> {
        let params: KnnParams<E> = r.meta_field("params")?;
        params.check()?;
        let (users, items) = (r.id_map("users")?, r.id_map("items")?);
        let train = r.interactions("train", Arc::new(users.clone()), Arc::new(items.clone()))?;
        let biases = if r.has_section("user_bias") || params.needs_baselines() {
            let mean = train.global_mean().unwrap_or(0.0);
            let user = r.f64_with_shape("user_bias", &[users.len() as u64])?;
            let item = r.f64_with_shape("item_bias", &[items.len() as u64])?;
            if let Some(v) = user.iter().chain(&item).find(|v| !v.is_finite()) {
                return Err(NeighborsError::param(
                    "model file",
                    format!("{}: a bias of {v} is not finite", r.path().display()),
                ));
            }
            Some(Biases { mean, user, item })
        } else {
            None
        };
        Ok(Saved {
            model: Knn::build(params, train, biases)?,
            users,
            items,
        })
    }
}

recsys_core::persisted_models!(NeighborsError;
    KnnBasic => |p| ModelReader::load(p, KnnBasic::KIND),
    KnnMeans => |p| ModelReader::load(p, KnnMeans::KIND),
    KnnBaseline => |p| ModelReader::load(p, KnnBaseline::KIND),
);
