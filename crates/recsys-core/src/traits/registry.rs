//! What each model crate contributes to the facade's registry: its models by name
//! ([`ModelEntry`]; [`SideModelEntry`] for those built over side features) and the loaders of
//! its model files by kind ([`ModelLoader`]).

use std::sync::Arc;

use crate::persist::{ModelReader, Saved};
use crate::side::SideFeatures;

use super::model::Model;
use super::save::BoxError;
use super::spec::ModelSpec;

/// One model of a crate: its stable short name and its spec with the default hyperparameters.
#[derive(Clone, Copy)]
pub struct ModelEntry {
    /// The name `compare` and the registry use (`svd`, `als`, ...).
    pub name: &'static str,
    /// The spec with the documented default hyperparameters.
    pub spec: fn() -> Box<dyn ModelSpec>,
}

impl std::fmt::Debug for ModelEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelEntry")
            .field("name", &self.name)
            .finish()
    }
}

/// One model of a crate built over side features: its stable short name, where its features
/// come from, and its spec with the default hyperparameters over the users' and the items'
/// side features (an empty [`SideFeatures`] where [`SideSource`] gives none).
#[derive(Debug, Clone, Copy)]
pub struct SideModelEntry {
    /// The name `compare` and the registry use (`bfm-side`, ...).
    pub name: &'static str,
    /// Where the facade takes the side features from.
    pub source: SideSource,
    /// The spec over `(users' side features, items' side features)`.
    pub spec: SideSpecFn,
}

impl SideModelEntry {
    /// A model over the catalog's movie features ([`SideSource::Catalog`]).
    pub const fn catalog(name: &'static str, spec: SideSpecFn) -> Self {
        Self {
            name,
            source: SideSource::Catalog,
            spec,
        }
    }

    /// A model over a dataset's user and item columns ([`SideSource::DatasetColumns`]).
    pub const fn dataset_columns(name: &'static str, spec: SideSpecFn) -> Self {
        Self {
            name,
            source: SideSource::DatasetColumns,
            spec,
        }
    }
}

/// How a [`SideModelEntry`] builds its spec: from the users' and the items' side features.
pub type SideSpecFn = fn(Arc<SideFeatures>, Arc<SideFeatures>) -> Box<dyn ModelSpec>;

/// Where a [`SideModelEntry`]'s side features come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideSource {
    /// A dataset's own user and item columns (ml-100k's `u.user` and `u.item`).
    DatasetColumns,
    /// The catalog's movie features (genres, keywords, year: the items only; the users' side
    /// features are empty).
    Catalog,
}

/// Loads a model file nested in another one (a hybrid's collaborative model): the registry's
/// own dispatch, passed down so that no model crate names another.
pub type LoadNested<'a> = &'a dyn Fn(&ModelReader) -> Result<Box<dyn Model>, BoxError>;

/// Reads a model and the id maps of its training data from an open model file.
pub type LoadFn = fn(&ModelReader, LoadNested<'_>) -> Result<Saved<Box<dyn Model>>, BoxError>;

/// The loader of one kind of model file.
#[derive(Clone, Copy)]
pub struct ModelLoader {
    /// The file kind, the model type's `KIND` constant (the one its writer uses).
    pub kind: &'static str,
    /// Reads the model and the id maps of its training data from an open file.
    pub load: LoadFn,
}

impl std::fmt::Debug for ModelLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelLoader")
            .field("kind", &self.kind)
            .finish()
    }
}

/// `Saved<M>` with the model boxed as a [`Model`].
pub fn boxed<M: Model + 'static>(s: Saved<M>) -> Saved<Box<dyn Model>> {
    Saved {
        model: Box::new(s.model),
        users: s.users,
        items: s.items,
    }
}

/// `saved` with its model wrapped by `wrap` — given the model and the number of items of its
/// index space, as [`RatingModel::new`](super::RatingModel::new) takes them — and boxed: what a
/// [`ModelLoader`] returns.
pub fn boxed_with<M, W: Model + 'static>(
    saved: Saved<M>,
    wrap: impl FnOnce(M, usize) -> W,
) -> Saved<Box<dyn Model>> {
    let n_items = saved.items.len();
    boxed(Saved {
        model: wrap(saved.model, n_items),
        users: saved.users,
        items: saved.items,
    })
}
