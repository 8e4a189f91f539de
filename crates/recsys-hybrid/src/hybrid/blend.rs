//! [`Hybrid`]: a collaborative model blended with [`ContentKnn`], switching toward content for
//! items and users with few training ratings (see the [module docs](super)), and its model file.

use recsys_core::WrapsCore;
use std::path::Path;

use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::{BoxError, EpochRecord, LoadNested, Model, RatingModel};
use recsys_core::{IdMap, Interactions, RatingPredictor};
use serde_json::json;

use super::content_knn::ContentKnn;
use super::persist::{bad_file, check_kind, nested};
use crate::error::HybridError;

/// The blend of a collaborative model and [`ContentKnn`] (see the [module docs](super)).
///
/// As a [`Model`] it is a [`RatingModel`] (ranking by predicted rating) with the collaborative
/// model's learning curve.
pub struct Hybrid {
    cf: Box<dyn Model>,
    content: ContentKnn,
    user_counts: Vec<u32>,
    item_counts: Vec<u32>,
    beta_item: f64,
    beta_user: f64,
    cold_floor: f64,
}

impl std::fmt::Debug for Hybrid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hybrid")
            .field("beta_item", &self.beta_item)
            .field("beta_user", &self.beta_user)
            .field("cold_floor", &self.cold_floor)
            .finish_non_exhaustive()
    }
}

/// `n / (n + β)`, with `β = ∞` giving 0 and `β = 0` giving 1 (also for `n = 0`).
pub(super) fn trust(n: u32, beta: f64) -> f64 {
    if beta <= 0.0 {
        1.0
    } else if beta.is_infinite() {
        0.0
    } else {
        f64::from(n) / (f64::from(n) + beta)
    }
}

/// The item's trust `(n + γβ) / (n + β)`: [`trust`] lifted to `γ` at `n = 0`.
pub(super) fn item_trust(n: u32, beta: f64, floor: f64) -> f64 {
    floor + (1.0 - floor) * trust(n, beta)
}

/// An error unless `b` is a valid `β` (`>= 0`, `∞` allowed).
pub(super) fn check_beta(name: &'static str, b: f64) -> Result<(), HybridError> {
    if b.is_nan() || b < 0.0 {
        Err(HybridError::param(
            name,
            format!("must be >= 0 (∞ allowed), got {b}"),
        ))
    } else {
        Ok(())
    }
}

impl Hybrid {
    /// The kind of a [`Hybrid`] model file.
    pub const KIND: &'static str = "hybrid";

    /// Blends `cf` (which must predict ratings) with `content`, both fitted on `train`.
    pub fn new(
        cf: Box<dyn Model>,
        content: ContentKnn,
        train: &Interactions,
        beta_item: f64,
        beta_user: f64,
    ) -> Result<Self, HybridError> {
        Self::from_counts(
            cf,
            content,
            (train.user_counts(), train.item_counts()),
            beta_item,
            beta_user,
        )
    }

    /// [`Hybrid::new`] from the training data's user and item rating counts.
    fn from_counts(
        cf: Box<dyn Model>,
        content: ContentKnn,
        (user_counts, item_counts): (Vec<u32>, Vec<u32>),
        beta_item: f64,
        beta_user: f64,
    ) -> Result<Self, HybridError> {
        if cf.as_rating_predictor().is_none() {
            return Err(HybridError::param(
                "cf",
                "the collaborative model does not predict ratings",
            ));
        }
        check_beta("beta_item", beta_item)?;
        check_beta("beta_user", beta_user)?;
        Ok(Self {
            cf,
            content,
            user_counts,
            item_counts,
            beta_item,
            beta_user,
            cold_floor: 0.0,
        })
    }

    /// Sets `γ`, the item trust of an item without training ratings (default 0: content only
    /// for unrated items): the item's trust becomes `γ + (1 − γ)·n_i/(n_i + β_item)`.
    pub fn with_cold_floor(mut self, gamma: f64) -> Result<Self, HybridError> {
        recsys_core::check::unit_interval("cold_floor", gamma)?;
        self.cold_floor = gamma;
        Ok(self)
    }

    /// The weight of the collaborative prediction for `(u, i)`.
    pub fn alpha(&self, u: u32, i: u32) -> f64 {
        self.alpha_for(self.user_counts.get(u as usize).copied().unwrap_or(0), i)
    }

    /// The weight of the collaborative prediction for item `i` and a user with `nu` ratings.
    pub(super) fn alpha_for(&self, nu: u32, i: u32) -> f64 {
        let ni = self.item_counts.get(i as usize).copied().unwrap_or(0);
        item_trust(ni, self.beta_item, self.cold_floor) * trust(nu, self.beta_user)
    }

    /// The training items' count.
    pub(super) fn n_items(&self) -> usize {
        self.item_counts.len()
    }

    /// The collaborative model's fold-in, if it has one.
    pub(super) fn cf_fold_in(&self) -> Option<&dyn recsys_core::traits::FoldIn> {
        self.cf.as_fold_in()
    }

    /// The content part.
    pub(super) fn content_model(&self) -> &ContentKnn {
        &self.content
    }

    /// `(β_item, β_user)`.
    pub fn betas(&self) -> (f64, f64) {
        (self.beta_item, self.beta_user)
    }

    /// `γ`, the item trust at zero training ratings (see [`Hybrid::with_cold_floor`]).
    pub fn cold_floor(&self) -> f64 {
        self.cold_floor
    }

    /// The learning curve of the collaborative model.
    pub fn learning_curve(&self) -> Vec<EpochRecord> {
        self.cf.learning_curve()
    }

    /// The model as a [`Model`]: a [`RatingModel`] over its training items with the
    /// collaborative model's learning curve, saving itself.
    pub fn into_model(self) -> RatingModel<Hybrid> {
        let (n_items, curve) = (self.item_counts.len(), self.learning_curve());
        RatingModel::new(self, n_items).full(curve)
    }

    /// A model file writer holding the blend's settings and counts, the collaborative model's
    /// own file and the content model's file. Errors if the collaborative model does not save.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError> {
        let knn_bytes = self.content.writer(users, items)?.to_bytes()?;
        let mut w = ModelWriter::new(Self::KIND, json!({}));
        // the betas as an f64 section: bit-exact, and JSON has no ∞
        w.section_f64(
            "blend",
            &[3],
            vec![self.beta_item, self.beta_user, self.cold_floor],
        )?;
        w.vector_u32("user_counts", &self.user_counts[..])?;
        w.vector_u32("item_counts", &self.item_counts[..])?;
        super::with_cf::write_cf(&mut w, self.cf.as_ref(), users, items)?;
        w.vector_bytes("content_knn", knn_bytes)?;
        w.id_map("users", users)?;
        w.id_map("items", items)?;
        Ok(w)
    }

    /// Saves the hybrid and the id maps of its training data to `path`, atomically.
    pub fn save(
        &self,
        path: impl AsRef<Path>,
        users: &IdMap,
        items: &IdMap,
    ) -> Result<(), BoxError> {
        self.writer(users, items)?.save(path)?;
        Ok(())
    }

    /// Loads a hybrid saved by [`Hybrid::save`]; `load_cf` reads the nested collaborative model
    /// (the facade passes its registry's own kind dispatch). The loaded hybrid predicts the saved
    /// one's ratings bit for bit when `load_cf` restores its model exactly.
    pub fn load(
        path: impl AsRef<Path>,
        load_cf: LoadNested<'_>,
    ) -> Result<Saved<Hybrid>, BoxError> {
        Self::from_reader(&ModelReader::load(path.as_ref(), Self::KIND)?, load_cf)
    }

    /// Reads the hybrid from an open model file (see [`Hybrid::load`]).
    pub fn from_reader(
        r: &ModelReader,
        load_cf: LoadNested<'_>,
    ) -> Result<Saved<Hybrid>, BoxError> {
        check_kind(r, Self::KIND)?;
        let users = r.id_map("users")?;
        let items = r.id_map("items")?;
        let blend = r.f64_with_shape("blend", &[3])?;
        let user_counts = r.u32_with_shape("user_counts", &[users.len() as u64])?;
        let item_counts = r.u32_with_shape("item_counts", &[items.len() as u64])?;
        let cf = load_cf(&nested(r, "cf")?)?;
        let content = ContentKnn::from_reader(&nested(r, "content_knn")?)?;
        if content.users.raw_ids() != users.raw_ids() || content.items.raw_ids() != items.raw_ids()
        {
            return Err(bad_file(r, "the content model's id maps differ from the hybrid's").into());
        }
        let model = Self::from_counts(
            cf,
            content.model,
            (user_counts, item_counts),
            blend[0],
            blend[1],
        )
        .and_then(|h| h.with_cold_floor(blend[2]))
        .map_err(|e| bad_file(r, e.to_string()))?;
        Ok(Saved {
            model,
            users,
            items,
        })
    }
}

impl RatingPredictor for Hybrid {
    fn predict(&self, user: u32, item: u32) -> f32 {
        let a = self.alpha(user, item);
        let cb = f64::from(self.content.predict(user, item));
        let cf = self
            .cf
            .as_rating_predictor()
            .map_or(cb, |p| f64::from(p.predict(user, item)));
        (a * cf + (1.0 - a) * cb) as f32
    }
}

recsys_core::save_model!(Hybrid);
