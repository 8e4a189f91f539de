//! The model registry: every model of the workspace by its short, stable name, as `compare`
//! and benchmark suites name them.
//!
//! Each model crate contributes two lists in its `registry` module: its models with their
//! default hyperparameters ([`ModelEntry`]) and the loaders of its model files by kind
//! ([`ModelLoader`]). This module only concatenates them: adding a model touches its own crate,
//! and a new model crate adds one line to [`MODELS`] and [`LOADERS`].

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::persist::{ModelReader, Saved};
use recsys_core::side::SideFeatures;
use recsys_core::traits::{BoxError, ModelEntry, ModelLoader};
use recsys_core::{Model, ModelSpec};
use recsys_data::side::{CatalogItemFeatures, MIN_KEYWORD_MOVIES};
use recsys_eval::EvalError;
use recsys_fm::{BfmParams, RankFmParams, SideSpec};
use recsys_hybrid::CatalogContent;

pub use recsys_core::traits::save_model;

/// The models built over the catalog: recsys-hybrid's content models
/// ([`recsys_hybrid::registry::CONTENT_MODEL_NAMES`]) and the factorization machines with the
/// catalog's movie features ([`recsys_data::side::CatalogItemFeatures`] as the items' side
/// features of a [`SideSpec`]).
pub const CONTENT_MODEL_NAMES: &[&str] = &[
    "content-knn",
    "content-profile",
    "hybrid",
    "warm-start",
    SideSpec::<BfmParams>::BFM_CONTENT,
    SideSpec::<BfmParams>::BFM_CONTENT_RANK,
    SideSpec::<RankFmParams>::WARP_CONTENT,
];

/// The models built over a dataset's user and item side columns
/// ([`recsys_data::side::ml100k_side_features`]): `bfm-side`, the Bayesian FM with the implicit
/// sets and the side columns ([`SideSpec::bfm_side`]), and `bfm-side-date`, the same with the
/// rating's day ([`SideSpec::bfm_side_date`]).
pub const SIDE_MODEL_NAMES: &[&str] = &[
    SideSpec::<BfmParams>::BFM_SIDE,
    SideSpec::<BfmParams>::BFM_SIDE_DATE,
];

/// The users' and the items' side features of a dataset, shared by every fit.
pub type SideColumns = (Arc<SideFeatures>, Arc<SideFeatures>);

/// The models of each model crate, in the order `compare` lists them: one line per crate.
pub const MODELS: &[&[ModelEntry]] = &[
    recsys_mf::registry::MODELS,
    recsys_ncf::registry::MODELS,
    recsys_neighbors::registry::MODELS,
    recsys_fm::registry::MODELS,
];

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

/// The content model called `name` (one of [`CONTENT_MODEL_NAMES`]) over `content`. `hybrid`
/// blends SVD++ (Surprise's defaults) with `content-knn`, its betas chosen on a validation split
/// of each training fold.
pub fn content_model(
    name: &str,
    content: Arc<CatalogContent>,
) -> Result<Box<dyn ModelSpec>, EvalError> {
    if !CONTENT_MODEL_NAMES.contains(&name) {
        return Err(EvalError::UnknownName {
            what: "content model",
            name: name.to_string(),
            valid: CONTENT_MODEL_NAMES.join(", "),
        });
    }
    // the FM content models read the catalog's movie features
    let side = || -> Result<_, EvalError> {
        let f = CatalogItemFeatures::from_catalog(content.catalog(), MIN_KEYWORD_MOVIES);
        Ok(Arc::new(f.side()?))
    };
    if name == SideSpec::<BfmParams>::BFM_CONTENT {
        return Ok(Box::new(SideSpec::bfm(side()?)));
    }
    if name == SideSpec::<BfmParams>::BFM_CONTENT_RANK {
        return Ok(Box::new(SideSpec::bfm_content_rank(side()?)));
    }
    if name == SideSpec::<RankFmParams>::WARP_CONTENT {
        return Ok(Box::new(SideSpec::warp(side()?)));
    }
    // the hybrid blends ratings (SVD++); the warm start ranks (ALS)
    let cf_name = if name == "warm-start" { "als" } else { "svdpp" };
    let cf: Arc<dyn ModelSpec> = Arc::from(model(cf_name)?);
    recsys_hybrid::registry::content_spec(name, content, cf)
        .map_err(|e| EvalError::param("content model", format!("{name}: {e}")))
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

/// The side model called `name` (one of [`SIDE_MODEL_NAMES`]) over `side` (empty side features
/// give the model without side columns, which is enough to check parameters).
pub fn side_model(name: &str, side: SideColumns) -> Result<Box<dyn ModelSpec>, EvalError> {
    match name {
        SideSpec::<BfmParams>::BFM_SIDE => Ok(Box::new(SideSpec::bfm_side(side.0, side.1))),
        SideSpec::<BfmParams>::BFM_SIDE_DATE => {
            Ok(Box::new(SideSpec::bfm_side_date(side.0, side.1)))
        }
        _ => Err(EvalError::UnknownName {
            what: "side model",
            name: name.to_string(),
            valid: SIDE_MODEL_NAMES.join(", "),
        }),
    }
}

/// Whether `list` (comma-separated) names a content model.
pub fn needs_content(list: &str) -> bool {
    names(list).iter().any(|n| CONTENT_MODEL_NAMES.contains(n))
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
            names.extend_from_slice(CONTENT_MODEL_NAMES);
        }
    }
    names
        .into_iter()
        .map(|n| {
            if !CONTENT_MODEL_NAMES.contains(&n) {
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
