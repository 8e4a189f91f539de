//! [`ContentProfile`]: the user-profile content scorer, its (empty) settings and its spec.

use std::sync::Arc;

use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::{Model, ScorerModel};
use recsys_core::{CandidateScorer, IdMap, Interactions};
use serde::{Deserialize, Serialize};

use super::content_spec::{ContentModelParams, ContentSpec};
use super::item_content::ItemContent;
use super::persist::{check_kind, content_writer, read_training};
use crate::error::HybridError;

/// Settings of [`ContentProfile`]: none (the weights are always the rating minus the user's
/// mean rating); a struct so that the profile has hyperparameters like every model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentProfileParams {}

impl ContentModelParams for ContentProfileParams {
    const NAME: &'static str = "content-profile";

    /// There are no settings to get wrong.
    fn check_params(&self) -> Result<(), HybridError> {
        Ok(())
    }

    fn fit_content(
        &self,
        train: &Interactions,
        content: Arc<ItemContent>,
    ) -> Result<Box<dyn Model>, HybridError> {
        Ok(Box::new(ContentProfile::new(train, content)?.into_model()))
    }
}

/// The user-profile content recommender: `profile_u = Σ_j w_uj x_j` over the user's training
/// ratings, with `w_uj = r_uj − r̄_u` (how much more than usual the user liked `j`; every
/// `w_uj = 1` when all of the user's ratings are equal), and `score(u, i) = x_i · profile_u`.
/// Items without text score 0 — as does every item for a user without ratings.
///
/// As a [`Model`] it is a [`ScorerModel`] (it ranks, it does not predict ratings).
#[derive(Debug, Clone)]
pub struct ContentProfile {
    train: Interactions,
    content: Arc<ItemContent>,
    /// One past the largest term index of any item row: the length of a dense profile (at most
    /// the vocabulary, whose size a loaded file could overstate).
    dim: usize,
}

impl ContentProfile {
    /// The kind of a [`ContentProfile`] model file.
    pub const KIND: &'static str = "content-profile";

    /// A profile scorer over `train` with the items' content.
    pub fn new(train: &Interactions, content: Arc<ItemContent>) -> Result<Self, HybridError> {
        content.check_items(train.n_items())?;
        Ok(Self::from_parts(train.clone(), content))
    }

    fn from_parts(train: Interactions, content: Arc<ItemContent>) -> Self {
        let dim = content
            .rows
            .indices()
            .iter()
            .max()
            .map_or(0, |&c| c as usize + 1);
        Self {
            train,
            content,
            dim,
        }
    }

    /// The model as a [`Model`]: a [`ScorerModel`], saving itself.
    pub fn into_model(self) -> ScorerModel<ContentProfile> {
        ScorerModel::new(self).with_save().with_fold_in()
    }

    /// The dense profile of user `u` over the terms.
    fn profile(&self, u: u32) -> Vec<f32> {
        let row = self.train.row(u);
        self.profile_of(row.items, row.ratings)
    }

    /// The dense profile over the terms of a user with the ratings `ratings` of `items` (a
    /// training row or a folded-in history): the items' content rows weighted by the ratings
    /// minus their mean (1 each when the ratings are all equal).
    pub(super) fn profile_of(&self, items: &[u32], ratings: &[f32]) -> Vec<f32> {
        let mut p = vec![0.0f32; self.dim];
        if items.is_empty() {
            return p;
        }
        let mean = ratings.iter().sum::<f32>() / items.len() as f32;
        let flat = ratings.iter().all(|&r| (r - mean).abs() < 1e-6);
        for (&j, &r) in items.iter().zip(ratings) {
            let w = if flat { 1.0 } else { r - mean };
            if let Some((cols, vals)) = self.content.row(j) {
                for (&c, &v) in cols.iter().zip(vals) {
                    p[c as usize] += w * v;
                }
            }
        }
        p
    }

    /// A model file writer holding the model (training ratings and the items' content) and the
    /// id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, HybridError> {
        let fitted_on = (&self.train, &*self.content);
        content_writer(
            Self::KIND,
            &ContentProfileParams {},
            fitted_on,
            (users, items),
            |_| Ok(()),
        )
    }

    /// Reads the model from an open model file (see [`ContentProfile::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<ContentProfile>, HybridError> {
        check_kind(r, Self::KIND)?;
        r.meta_field::<ContentProfileParams>("params")?;
        let t = read_training(r)?;
        Ok(Saved {
            model: ContentProfile::from_parts(t.train, t.content),
            users: t.users,
            items: t.items,
        })
    }
}

impl CandidateScorer for ContentProfile {
    fn n_items(&self) -> usize {
        self.train.n_items()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        self.score_profile(&self.profile(user), items, out);
    }
}

impl ContentProfile {
    /// Scores of `items` for the profile `p`: each item's content row dotted with it; `-inf`
    /// outside the training items.
    pub(super) fn score_profile(&self, p: &[f32], items: &[u32], out: &mut [f32]) {
        let n_items = self.n_items();
        for (o, &i) in out.iter_mut().zip(items) {
            if i as usize >= n_items {
                *o = f32::NEG_INFINITY;
                continue;
            }
            *o = self.content.row(i).map_or(0.0, |(cols, vals)| {
                cols.iter()
                    .zip(vals)
                    .map(|(&c, &v)| v * p.get(c as usize).copied().unwrap_or(0.0))
                    .sum()
            });
        }
    }
}

recsys_core::persisted_models!(HybridError;
    ContentProfile => |p| ModelReader::load(p, ContentProfile::KIND),
);

/// [`ContentProfile`] as a [`ModelSpec`](recsys_core::ModelSpec) (`content-profile` in
/// `compare`): the catalog's content and the profile's settings.
pub type ContentProfileSpec = ContentSpec<ContentProfileParams>;
