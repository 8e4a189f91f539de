//! The model registry: every model of the workspace by its short, stable name, as `compare`
//! and benchmark suites name them.

use recsys_data::traits::{BoxError, Fit, FnSpec, RatingModel, ScorerModel};
use recsys_data::{Interactions, Model, ModelSpec};
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
                    Ok(Box::new(RatingModel::new(m, train.n_items())) as Box<dyn Model>)
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
                Ok(Box::new(ScorerModel(m)))
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
                RatingModel::new(m, train.n_items()).with_curve(curve),
            ))
        },
    ))
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
