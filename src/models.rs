//! The model registry: every model of the workspace by its short, stable name, as `compare`
//! and benchmark suites name them.
//!
//! Each model crate contributes lists in its `registry` module: its models with their default
//! hyperparameters ([`ModelEntry`]), those built over side features ([`SideModelEntry`]) or
//! the catalog's content ([`ContentModelEntry`]), and the loaders of its model files by kind
//! ([`ModelLoader`]). This module only concatenates them: adding a model touches its own crate,
//! and a new model crate adds one line to each list it contributes to.

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::persist::{ModelReader, Saved};
use recsys_core::side::SideFeatures;
use recsys_core::traits::{BoxError, ModelEntry, ModelLoader, SideModelEntry, SideSource};
use recsys_core::{Model, ModelSpec};
use recsys_data::side::{CatalogItemFeatures, MIN_KEYWORD_MOVIES};
use recsys_eval::EvalError;
use recsys_hybrid::CatalogContent;
use recsys_hybrid::registry::ContentModelEntry;

pub use recsys_core::traits::save_model;

/// The users' and the items' side features of a dataset, shared by every fit.
pub type SideColumns = (Arc<SideFeatures>, Arc<SideFeatures>);

/// The models of each model crate, in the order `compare` lists them: one line per crate.
pub const MODELS: &[&[ModelEntry]] = &[
    recsys_mf::registry::MODELS,
    recsys_ncf::registry::MODELS,
    recsys_neighbors::registry::MODELS,
    recsys_fm::registry::MODELS,
];

/// The models over side features of each model crate: one line per crate. Those of
/// [`SideSource::Catalog`] are content models (they need the catalog, as
/// [`CONTENT_MODELS`]' do); those of [`SideSource::DatasetColumns`] are the side models.
pub const SIDE_MODELS: &[&[SideModelEntry]] = &[recsys_fm::registry::SIDE_MODELS];

/// The models over the catalog's content of each crate: one line per crate.
pub const CONTENT_MODELS: &[&[ContentModelEntry]] = &[recsys_hybrid::registry::CONTENT_MODELS];

/// The model-file loaders of each model crate, by file kind: one line per crate.
pub const LOADERS: &[&[ModelLoader]] = &[
    recsys_mf::registry::LOADERS,
    recsys_ncf::registry::LOADERS,
    recsys_neighbors::registry::LOADERS,
    recsys_fm::registry::LOADERS,
    recsys_hybrid::registry::LOADERS,
];

/// Content neighbours kept per catalog movie for the content models.
pub const CONTENT_NEIGHBOURS: usize = 100;

/// The names of the models that need nothing but ratings, in the order `compare` lists them.
///
/// ```
/// let names = recsys::models::model_names();
/// assert_eq!(&names[..5], ["baseline", "popularity", "svd", "svdpp", "als"]);
/// ```
pub fn model_names() -> Vec<&'static str> {
    MODELS
        .iter()
        .flat_map(|l| l.iter().map(|e| e.name))
        .collect()
}

/// The model called `name` with its default hyperparameters.
///
/// ```
/// let m = recsys::models::model("baseline")?;
/// assert_eq!(m.name(), "baseline");
/// assert!(recsys::models::model("nope").is_err());
/// # Ok::<(), recsys::eval::EvalError>(())
/// ```
pub fn model(name: &str) -> Result<Box<dyn ModelSpec>, EvalError> {
    MODELS
        .iter()
        .flat_map(|l| l.iter())
        .find(|e| e.name == name)
        .map(|e| (e.spec)())
        .ok_or_else(|| EvalError::UnknownName {
            what: "model",
            name: name.to_string(),
            valid: model_names().join(", "),
        })
}

/// The names of a comma-separated list, trimmed, empty entries dropped.
fn names(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The models of a comma-separated list (`"baseline,popularity"`); empty means all.
pub fn models(list: &str) -> Result<Vec<Box<dyn ModelSpec>>, EvalError> {
    models_with_content(list, None)
}

/// Loads the catalog of `ds`, fits the seed's TF-IDF (word 1–2 grams, English stop words) over
/// every text field (title, overview, tagline, genres, keywords: [`ContentFields::ALL`]) and keeps
/// every movie's [`CONTENT_NEIGHBOURS`] most similar movies: what the content models share.
/// Every field rather than the seed's three, because only about a third of the MovieLens movies
/// have TMDB 5000 overviews while nearly all have genres and keywords; on ml-latest-small this
/// lowers the hybrid's holdout RMSE from 0.8701 to 0.8591 (`examples/hybrid_eval.rs`).
///
/// [`ContentFields::ALL`]: recsys_hybrid::ContentFields::ALL
pub fn catalog_content(
    dir: &recsys_data::DataDir,
    ds: recsys_data::Dataset,
) -> Result<Arc<CatalogContent>, recsys_hybrid::HybridError> {
    let (catalog, _) = recsys_data::catalog::load_catalog(dir, ds)?;
    Ok(Arc::new(CatalogContent::fit(
        &catalog,
        recsys_hybrid::ContentFields::ALL,
        CONTENT_NEIGHBOURS,
    )?))
}

/// The side-feature models of `source`, in registry order.
fn side_entries(source: SideSource) -> impl Iterator<Item = &'static SideModelEntry> {
    SIDE_MODELS
        .iter()
        .flat_map(|l| l.iter())
        .filter(move |e| e.source == source)
}

/// The names of the models built over the catalog, in the order `compare` lists them: the
/// content models ([`CONTENT_MODELS`]: `content-knn`, `content-profile`, `hybrid`,
/// `warm-start`), then the factorization machines with the catalog's movie features
/// ([`SIDE_MODELS`] of [`SideSource::Catalog`]: `bfm-content`, `bfm-content-rank`,
/// `fm-warp-content`).
///
/// ```
/// let names = recsys::models::content_model_names();
/// assert_eq!(names[0], "content-knn");
/// assert!(names.contains(&"bfm-content"));
/// ```
pub fn content_model_names() -> Vec<&'static str> {
    let content = CONTENT_MODELS.iter().flat_map(|l| l.iter().map(|e| e.name));
    content
        .chain(side_entries(SideSource::Catalog).map(|e| e.name))
        .collect()
}

/// The names of the models over a dataset's user and item side columns
/// ([`recsys_data::side::ml100k_side_features`]): `bfm-side`, the Bayesian FM with the
/// implicit sets and the side columns, and `bfm-side-date`, the same with the rating's day.
///
/// ```
/// assert_eq!(recsys::models::side_model_names(), ["bfm-side", "bfm-side-date"]);
/// ```
pub fn side_model_names() -> Vec<&'static str> {
    side_entries(SideSource::DatasetColumns)
        .map(|e| e.name)
        .collect()
}

/// Whether `name` is a model built over the catalog ([`content_model_names`]).
pub fn is_content_model(name: &str) -> bool {
    content_model_names().contains(&name)
}

/// Whether `name` is a model over a dataset's side columns ([`side_model_names`]).
pub fn is_side_model(name: &str) -> bool {
    side_model_names().contains(&name)
}

/// The content model called `name` (one of [`content_model_names`]) over `content`. `hybrid`
/// blends SVD++ (Surprise's defaults) with `content-knn`, its betas chosen on a validation split
/// of each training fold; the FM content models read the catalog's movie features.
pub fn content_model(
    name: &str,
    content: Arc<CatalogContent>,
) -> Result<Box<dyn ModelSpec>, EvalError> {
    if let Some(e) = side_entries(SideSource::Catalog).find(|e| e.name == name) {
        let f = CatalogItemFeatures::from_catalog(content.catalog(), MIN_KEYWORD_MOVIES);
        return Ok((e.spec)(Arc::default(), Arc::new(f.side()?)));
    }
    let Some(e) = CONTENT_MODELS
        .iter()
        .flat_map(|l| l.iter())
        .find(|e| e.name == name)
    else {
        return Err(EvalError::UnknownName {
            what: "content model",
            name: name.to_string(),
            valid: content_model_names().join(", "),
        });
    };
    let cf = match e.cf {
        Some(cf) => Some(Arc::from(model(cf)?)),
        None => None,
    };
    (e.spec)(content, cf).map_err(|err| EvalError::param("content model", format!("{name}: {err}")))
}

/// The side columns of `ds`: ml-100k's `u.user` (age bin, gender, occupation, zip's first
/// character) and `u.item` (release decade, genres) by raw id. The other datasets have no user
/// columns: an error that says so.
pub fn side_columns(
    dir: &recsys_data::DataDir,
    ds: recsys_data::Dataset,
) -> Result<SideColumns, EvalError> {
    if ds != recsys_data::Dataset::Ml100k {
        return Err(EvalError::param(
            "side models",
            format!(
                "{ds} has no user side columns; the side models read ml-100k's u.user and u.item"
            ),
        ));
    }
    let (users, items) = recsys_data::side::ml100k_side_features(dir)?;
    Ok((Arc::new(users), Arc::new(items)))
}

/// The side model called `name` (one of [`side_model_names`]) over `side` (empty side features
/// give the model without side columns, which is enough to check parameters).
pub fn side_model(name: &str, side: SideColumns) -> Result<Box<dyn ModelSpec>, EvalError> {
    match side_entries(SideSource::DatasetColumns).find(|e| e.name == name) {
        Some(e) => Ok((e.spec)(side.0, side.1)),
        None => Err(EvalError::UnknownName {
            what: "side model",
            name: name.to_string(),
            valid: side_model_names().join(", "),
        }),
    }
}

/// Whether `list` (comma-separated) names a content model.
pub fn needs_content(list: &str) -> bool {
    names(list).iter().any(|n| is_content_model(n))
}

/// The models of `list` like [`models`], with the content models built over `content` (required
/// when `list` names one; an empty list means every model, the content ones too when `content`
/// is given).
pub fn models_with_content(
    list: &str,
    content: Option<Arc<CatalogContent>>,
) -> Result<Vec<Box<dyn ModelSpec>>, EvalError> {
    let mut names = names(list);
    if names.is_empty() {
        names = model_names();
        if content.is_some() {
            names.extend(content_model_names());
        }
    }
    names
        .into_iter()
        .map(|n| {
            if !is_content_model(n) {
                return model(n);
            }
            let c = content.clone().ok_or_else(|| {
                EvalError::param("models", format!("`{n}` needs the catalog's content"))
            })?;
            content_model(n, c)
        })
        .collect()
}

/// Loads a model saved by [`save_model`] (or by any model's own `save`), whatever its kind, with
/// the id maps of its training data. Its predictions and scores equal the saved model's bit for
/// bit. A truncated, corrupted or foreign file is an error naming the file.
///
/// ```
/// use recsys::core::{DuplicatePolicy, InteractionsBuilder};
/// let mut b = InteractionsBuilder::new();
/// for (u, i, r) in [(1, 10, 4.0), (1, 11, 2.0), (2, 10, 5.0), (2, 12, 3.0)] {
///     b.push(u, i, r, None)?;
/// }
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let model = recsys::models::model("svd")?.fit_model(&train)?;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("svd.model");
/// recsys::models::save_model(model.as_ref(), &path, train.users(), train.items())?;
/// let saved = recsys::models::load_model(&path)?;
/// let p = |m: &dyn recsys::core::Model| m.as_rating_predictor().map(|p| p.predict(0, 2));
/// assert_eq!(p(saved.model.as_ref()), p(model.as_ref()));
/// assert_eq!(saved.users.index(2), Some(1));
/// # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
/// ```
pub fn load_model(path: impl AsRef<std::path::Path>) -> Result<Saved<Box<dyn Model>>, BoxError> {
    model_from_reader(&ModelReader::load_any(path.as_ref())?)
}

/// [`load_model`] from an open model file: dispatches on its kind.
pub fn model_from_reader(r: &ModelReader) -> Result<Saved<Box<dyn Model>>, BoxError> {
    let all = || LOADERS.iter().flat_map(|l| l.iter());
    let Some(loader) = all().find(|l| l.kind == r.kind()) else {
        return Err(EvalError::UnknownName {
            what: "model file kind",
            name: r.kind().to_string(),
            valid: all().map(|l| l.kind).collect::<Vec<_>>().join(", "),
        }
        .into());
    };
    (loader.load)(r, &|inner| Ok(model_from_reader(inner)?.model))
}
