//! The model registry: every model of the workspace by its short, stable name, as `compare`
//! and benchmark suites name them.

use recsys_core::traits::{BoxError, Fit, FnSpec, RatingModel, ScorerModel};
use recsys_core::{Interactions, Model, ModelSpec};
use recsys_eval::EvalError;

/// The model names, in the order `compare` lists them.
pub const MODEL_NAMES: &[&str] = &[
    "baseline",
    "popularity",
    "svd",
    "svdpp",
    "als",
    "ncf-mlp",
    "gmf",
    "neumf",
];

/// The model called `name` with its default hyperparameters.
///
/// ```
/// let m = recsys::models::model("baseline")?;
/// assert_eq!(m.name(), "baseline");
/// assert!(recsys::models::model("nope").is_err());
/// # Ok::<(), recsys::eval::EvalError>(())
/// ```
pub fn model(name: &str) -> Result<Box<dyn ModelSpec>, EvalError> {
    match name {
        "baseline" => {
            let p = recsys_mf::BaselineParams::default();
            let params = vec![
                ("epochs".to_string(), p.epochs.to_string()),
                ("reg_user".to_string(), p.reg_user.to_string()),
                ("reg_item".to_string(), p.reg_item.to_string()),
                ("method".to_string(), "als".to_string()),
            ];
            Ok(Box::new(FnSpec::new(
                "baseline",
                params,
                move |train: &Interactions| {
                    let m = p.fit(train)?;
                    Ok(Box::new(RatingModel::new(m, train.n_items()).with_save())
                        as Box<dyn Model>)
                },
            )))
        }
        "popularity" => Ok(Box::new(FnSpec::new(
            "popularity",
            vec![(
                "score".to_string(),
                "training interaction count".to_string(),
            )],
            |train: &Interactions| -> Result<Box<dyn Model>, BoxError> {
                let m = recsys_mf::PopularityParams.fit(train)?;
                Ok(Box::new(ScorerModel::new(m).with_save()))
            },
        ))),
        "svd" => Ok(factor_spec("svd", recsys_mf::SvdParams::default(), false)),
        "svdpp" => Ok(factor_spec(
            "svdpp",
            recsys_mf::SvdPpParams::default().sgd,
            true,
        )),
        "als" => {
            // alpha and regularization chosen on validation splits carved from training data
            // (see `AlsParams::tuned`); the rest are `implicit`'s settings.
            let p = recsys_mf::AlsParams::tuned();
            Ok(Box::new(FnSpec::new(
                "als",
                p.describe(),
                move |train: &Interactions| -> Result<Box<dyn Model>, BoxError> {
                    Ok(Box::new(p.fit(train)?))
                },
            )))
        }
        // Neural CF (He et al. 2017) with the seed's settings; `NcfParams` is the spec and lists
        // every hyperparameter in `params()`.
        "ncf-mlp" | "gmf" | "neumf" => Ok(Box::new(ncf_params(name)?)),
        other => Err(EvalError::UnknownName {
            what: "model",
            name: other.to_string(),
            valid: MODEL_NAMES.join(", "),
        }),
    }
}

/// The models of a comma-separated list (`"baseline,popularity"`); empty means all.
pub fn models(list: &str) -> Result<Vec<Box<dyn ModelSpec>>, EvalError> {
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return MODEL_NAMES.iter().map(|n| model(n)).collect();
    }
    names.into_iter().map(model).collect()
}

/// An SVD (`plus_plus == false`) or SVD++ spec with the given SGD settings.
pub fn factor_spec(name: &str, p: recsys_mf::SvdParams, plus_plus: bool) -> Box<dyn ModelSpec> {
    let params = vec![
        ("factors".to_string(), p.factors.to_string()),
        ("epochs".to_string(), p.epochs.to_string()),
        ("lr".to_string(), p.lr.to_string()),
        ("reg".to_string(), p.reg.to_string()),
        ("lr_bias".to_string(), p.lr_bias.unwrap_or(p.lr).to_string()),
        (
            "reg_bias".to_string(),
            p.reg_bias.unwrap_or(p.reg).to_string(),
        ),
        ("init_mean".to_string(), p.init_mean.to_string()),
        ("init_std".to_string(), p.init_std.to_string()),
        ("biased".to_string(), p.biased.to_string()),
        ("shuffle".to_string(), p.shuffle.to_string()),
        ("seed".to_string(), p.seed.to_string()),
    ];
    Box::new(FnSpec::new(
        name,
        params,
        move |train: &Interactions| -> Result<Box<dyn Model>, BoxError> {
            let m = if plus_plus {
                recsys_mf::SvdPpParams { sgd: p.clone() }.fit(train)?
            } else {
                p.fit(train)?
            };
            let curve = m.curve.clone();
            Ok(Box::new(
                RatingModel::new(m, train.n_items())
                    .with_curve(curve)
                    .with_save(),
            ))
        },
    ))
}

/// Models that need the content of the dataset's catalog (its movies joined to TMDB metadata):
/// they are built by [`content_model`] from a [`CatalogContent`](recsys_hybrid::CatalogContent).
pub const CONTENT_MODEL_NAMES: &[&str] = &["content-knn", "content-profile", "hybrid"];

/// Content neighbours kept per catalog movie for the content models.
pub const CONTENT_NEIGHBOURS: usize = 100;

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
) -> Result<std::sync::Arc<recsys_hybrid::CatalogContent>, recsys_hybrid::HybridError> {
    let (catalog, _) = recsys_data::catalog::load_catalog(dir, ds)?;
    Ok(std::sync::Arc::new(recsys_hybrid::CatalogContent::fit(
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
    content: std::sync::Arc<recsys_hybrid::CatalogContent>,
) -> Result<Box<dyn ModelSpec>, EvalError> {
    use recsys_hybrid::hybrid::{ContentKnnSpec, ContentProfileSpec};
    use recsys_hybrid::{ContentKnnParams, HybridParams, HybridSpec};
    match name {
        "content-knn" => Ok(Box::new(ContentKnnSpec {
            content,
            params: ContentKnnParams::default(),
        })),
        "content-profile" => Ok(Box::new(ContentProfileSpec { content })),
        "hybrid" => {
            let cf: std::sync::Arc<dyn ModelSpec> = std::sync::Arc::from(model("svdpp")?);
            let spec =
                HybridSpec::new("hybrid", cf, content, HybridParams::default()).map_err(|e| {
                    EvalError::InvalidParameter {
                        name: "hybrid",
                        reason: e.to_string(),
                    }
                })?;
            Ok(Box::new(spec))
        }
        other => Err(EvalError::UnknownName {
            what: "content model",
            name: other.to_string(),
            valid: CONTENT_MODEL_NAMES.join(", "),
        }),
    }
}

/// Whether `list` (comma-separated) names a content model.
pub fn needs_content(list: &str) -> bool {
    list.split(',')
        .map(str::trim)
        .any(|n| CONTENT_MODEL_NAMES.contains(&n))
}

/// The models of `list` like [`models`], with the content models built over `content` (required
/// when `list` names one; an empty list means every model, the content ones too when `content`
/// is given).
pub fn models_with_content(
    list: &str,
    content: Option<std::sync::Arc<recsys_hybrid::CatalogContent>>,
) -> Result<Vec<Box<dyn ModelSpec>>, EvalError> {
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let names: Vec<&str> = if names.is_empty() {
        let mut all = MODEL_NAMES.to_vec();
        if content.is_some() {
            all.extend_from_slice(CONTENT_MODEL_NAMES);
        }
        all
    } else {
        names
    };
    names
        .into_iter()
        .map(|n| {
            if CONTENT_MODEL_NAMES.contains(&n) {
                let c = content.clone().ok_or_else(|| EvalError::InvalidParameter {
                    name: "models",
                    reason: format!("`{n}` needs the catalog's content"),
                })?;
                content_model(n, c)
            } else {
                model(n)
            }
        })
        .collect()
}

/// The default [`recsys_ncf::NcfParams`] of the registry's `ncf-mlp`, `gmf` or `neumf`.
pub fn ncf_params(name: &str) -> Result<recsys_ncf::NcfParams, EvalError> {
    let kind: recsys_ncf::NcfKind = name.parse().map_err(|_| EvalError::UnknownName {
        what: "model",
        name: name.to_string(),
        valid: "ncf-mlp, gmf, neumf".to_string(),
    })?;
    Ok(recsys_ncf::NcfParams::new(kind))
}

/// Saves any model of the registry (every name of [`MODEL_NAMES`] and [`CONTENT_MODEL_NAMES`])
/// with the id maps of its training data to `path`, atomically: format version, checksum,
/// temporary file and rename ([`recsys_core::persist`]). [`load_model`] reads it back.
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
pub fn save_model(
    model: &dyn Model,
    path: impl AsRef<std::path::Path>,
    users: &recsys_core::IdMap,
    items: &recsys_core::IdMap,
) -> Result<(), BoxError> {
    recsys_core::traits::save_model(model, path, users, items)
}

/// Loads a model saved by [`save_model`] (or by any model's own `save`), whatever its kind, with
/// the id maps of its training data. Its predictions and scores equal the saved model's bit for
/// bit. A truncated, corrupted or foreign file is an error naming the file.
pub fn load_model(
    path: impl AsRef<std::path::Path>,
) -> Result<recsys_core::persist::Saved<Box<dyn Model>>, BoxError> {
    model_from_reader(&recsys_core::persist::ModelReader::load_any(path.as_ref())?)
}

/// [`load_model`] from an open model file: dispatches on its kind.
pub fn model_from_reader(
    r: &recsys_core::persist::ModelReader,
) -> Result<recsys_core::persist::Saved<Box<dyn Model>>, BoxError> {
    use recsys_core::persist::Saved;
    fn boxed<M: Model + 'static>(s: Saved<M>) -> Saved<Box<dyn Model>> {
        Saved {
            model: Box::new(s.model),
            users: s.users,
            items: s.items,
        }
    }
    Ok(match r.kind() {
        "svd" | "svdpp" => {
            let s = recsys_mf::FactorModel::from_reader(r)?;
            let n = s.items.len();
            let curve = s.model.curve.clone();
            Saved {
                model: Box::new(RatingModel::new(s.model, n).with_curve(curve).with_save()),
                users: s.users,
                items: s.items,
            }
        }
        "baseline" => {
            let s = recsys_mf::Baseline::from_reader(r)?;
            let n = s.items.len();
            Saved {
                model: Box::new(RatingModel::new(s.model, n).with_save()),
                users: s.users,
                items: s.items,
            }
        }
        "popularity" => {
            let s = recsys_mf::Popularity::from_reader(r)?;
            Saved {
                model: Box::new(ScorerModel::new(s.model).with_save()),
                users: s.users,
                items: s.items,
            }
        }
        "als" => boxed(recsys_mf::Als::from_reader(r)?),
        "ncf" => boxed(recsys_ncf::NcfModel::from_reader(r)?),
        recsys_hybrid::hybrid::CONTENT_KNN_KIND => {
            boxed(recsys_hybrid::ContentKnn::from_reader(r)?)
        }
        recsys_hybrid::hybrid::CONTENT_PROFILE_KIND => {
            boxed(recsys_hybrid::hybrid::ContentProfile::from_reader(r)?)
        }
        recsys_hybrid::hybrid::HYBRID_KIND => {
            boxed(recsys_hybrid::Hybrid::from_reader(r, &|inner| {
                Ok(model_from_reader(inner)?.model)
            })?)
        }
        other => {
            return Err(EvalError::UnknownName {
                what: "model file kind",
                name: other.to_string(),
                valid: "svd, svdpp, baseline, popularity, als, ncf, content-knn, \
                        content-profile, hybrid"
                    .to_string(),
            }
            .into());
        }
    })
}
