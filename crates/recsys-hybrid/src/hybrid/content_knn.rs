//! [`ContentKnn`]: a content-based rating predictor (item-item k-nearest neighbours over TF-IDF
//! cosine, on top of damped baseline biases), its settings and its spec. It predicts for items
//! nobody has rated yet.

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::{Model, RatingModel};
use recsys_core::{IdMap, Interactions, RatingPredictor};
use serde::{Deserialize, Serialize};

use super::biases::Biases;
use super::content_spec::{ContentModelParams, ContentSpec};
use super::item_content::ItemContent;
use super::persist::{check_kind, content_writer, read_training};
use crate::error::HybridError;

/// Settings of [`ContentKnn`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentKnnParams {
    /// At most this many of the item's content neighbours that the user rated enter a
    /// prediction (default 40).
    pub k: usize,
    /// Added to the sum of similarities in the denominator, pulling thin evidence toward the
    /// baseline (default 0.1).
    pub shrink: f32,
    /// Shrink each item's bias toward the similarity-weighted mean bias of its content
    /// neighbours instead of toward 0 (default true): an item with few or no ratings then starts
    /// from what similar movies are rated, `b_i = (Σ(r − μ) + λ_i·b̃_i) / (λ_i + n_i)` with
    /// `b̃_i = Σ_j s_ij b_j / (Σ_j s_ij + shrink)` over its rated neighbours.
    pub content_prior: bool,
}

impl Default for ContentKnnParams {
    fn default() -> Self {
        Self {
            k: 40,
            shrink: 0.1,
            content_prior: true,
        }
    }
}

impl ContentKnnParams {
    /// Checks the settings.
    pub fn check(&self) -> Result<(), HybridError> {
        if self.k == 0 {
            return Err(HybridError::param("k", "at least one neighbour"));
        }
        if !self.shrink.is_finite() || self.shrink < 0.0 {
            return Err(HybridError::param(
                "shrink",
                format!("must be finite and >= 0, got {}", self.shrink),
            ));
        }
        Ok(())
    }

    /// Fits on `train` with the items' content.
    pub fn fit(
        &self,
        train: &Interactions,
        content: Arc<ItemContent>,
    ) -> Result<ContentKnn, HybridError> {
        self.check()?;
        content.check_items(train.n_items())?;
        Ok(ContentKnn {
            biases: if self.content_prior {
                Biases::fit_with_prior(train, &content, self.k, self.shrink)?
            } else {
                Biases::fit(train)?
            },
            train: train.clone(),
            content,
            params: self.clone(),
        })
    }
}

/// Content-based rating prediction: the baseline `b_ui = μ + b_u + b_i` plus the
/// similarity-weighted mean of the user's residuals `r_uj − b_uj` over the (at most `k`) content
/// neighbours `j` of `i` the user rated:
/// `r̂ = b_ui + Σ s_ij (r_uj − b_uj) / (Σ s_ij + shrink)`, clipped to the training ratings' range.
///
/// As a [`Model`] it is a [`RatingModel`] (ranking by predicted rating).
#[derive(Debug, Clone)]
pub struct ContentKnn {
    biases: Biases,
    train: Interactions,
    content: Arc<ItemContent>,
    params: ContentKnnParams,
}

impl ContentKnn {
    /// The kind of a [`ContentKnn`] model file.
    pub const KIND: &'static str = "content-knn";

    /// How many rated neighbours entered the prediction of `(u, i)` and the prediction.
    pub fn explain(&self, u: u32, i: u32) -> (usize, f32) {
        let row = self.train.row(u);
        self.explain_row(self.biases.user_bias(u), row.items, row.ratings, i)
    }

    /// [`ContentKnn::explain`] for a user with bias `bu` and the ratings `ratings` of `items`
    /// (ascending): a training user's row, or a folded-in history.
    pub(super) fn explain_row(
        &self,
        bu: f32,
        items: &[u32],
        ratings: &[f32],
        i: u32,
    ) -> (usize, f32) {
        let base = self.biases.base_with(bu, i);
        let (mut num, mut den, mut used) = (0.0f32, 0.0f32, 0usize);
        for &(j, s) in self.content.neighbours(i) {
            if used == self.params.k {
                break;
            }
            if s <= 0.0 {
                break;
            }
            if let Ok(at) = items.binary_search(&j) {
                num += s * (ratings[at] - self.biases.base_with(bu, j));
                den += s;
                used += 1;
            }
        }
        let p = if used > 0 {
            base + num / (den + self.params.shrink)
        } else {
            base
        };
        (used, p.clamp(self.biases.lo, self.biases.hi))
    }

    /// The settings the model was fitted with.
    pub fn params(&self) -> &ContentKnnParams {
        &self.params
    }

    /// The model as a [`Model`]: a [`RatingModel`] over its training items, saving itself.
    pub fn into_model(self) -> RatingModel<ContentKnn> {
        let n_items = self.train.n_items();
        RatingModel::new(self, n_items).with_save().with_fold_in()
    }

    /// The biases, for folding in.
    pub(super) fn biases(&self) -> &Biases {
        &self.biases
    }

    /// The training items' count, the space of a folded-in history.
    pub(super) fn n_items(&self) -> usize {
        self.train.n_items()
    }

    /// A model file writer holding the model (settings, biases, training ratings and the items'
    /// content) and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, HybridError> {
        let fitted_on = (&self.train, &*self.content);
        content_writer(Self::KIND, &self.params, fitted_on, (users, items), |w| {
            self.biases.write(w)
        })
    }

    /// Reads the model from an open model file (see [`ContentKnn::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<ContentKnn>, HybridError> {
        check_kind(r, Self::KIND)?;
        let params = r.meta_field::<ContentKnnParams>("params")?;
        params.check()?;
        let t = read_training(r)?;
        Ok(Saved {
            model: ContentKnn {
                biases: Biases::read(r, t.train.n_users(), t.train.n_items())?,
                train: t.train,
                content: t.content,
                params,
            },
            users: t.users,
            items: t.items,
        })
    }
}

impl RatingPredictor for ContentKnn {
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.explain(user, item).1
    }
}

recsys_core::persisted_models!(HybridError;
    ContentKnn => |p| ModelReader::load(p, ContentKnn::KIND),
);

impl ContentModelParams for ContentKnnParams {
    const NAME: &'static str = "content-knn";

    fn check_params(&self) -> Result<(), HybridError> {
        self.check()
    }

    fn fit_content(
        &self,
        train: &Interactions,
        content: Arc<ItemContent>,
    ) -> Result<Box<dyn Model>, HybridError> {
        Ok(Box::new(self.fit(train, content)?.into_model()))
    }
}

/// [`ContentKnn`] as a [`ModelSpec`](recsys_core::ModelSpec) (`content-knn` in `compare`): the
/// catalog's content and the predictor's settings.
pub type ContentKnnSpec = ContentSpec<ContentKnnParams>;
