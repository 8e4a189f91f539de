//! `recsys fit`: fit any registry model on a dataset and save it.

use std::path::PathBuf;
use std::time::Instant;

use recsys::core::ModelSpec;
use recsys::data::Dataset;
use recsys::models;
use serde_json::json;

use crate::data_arg::{DataArg, parse_dataset};
use crate::error::{CliError, CliResult};
use crate::model_file::{self, FitMeta};
use crate::output::print_json;
use crate::progress::with_spinner;

/// Arguments of `recsys fit`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// ml-100k, ml-1m, ml-latest-small or ratings-small (fetched into the cache on first use
    /// when it is a GroupLens archive).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Dataset,
    /// A registry model: baseline, popularity, svd, svdpp, als, ncf-mlp, gmf, neumf, ... and the
    /// content models content-knn, content-profile, hybrid, warm-start (which read the dataset's
    /// catalog), and bfm-side (ml-100k's user and item columns).
    #[arg(long)]
    pub model: String,
    /// A hyperparameter by name, e.g. `--set factors=64 --set iterations=15` (the names are the
    /// model's parameters; an unknown one lists them).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_setting)]
    pub set: Vec<(String, String)>,
    /// The model file to write (atomically).
    #[arg(long)]
    pub out: PathBuf,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArg,
}

/// Parses `KEY=VALUE` (a usage error otherwise).
fn parse_setting(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.trim().to_string())),
        _ => Err(format!("expected KEY=VALUE, got `{s}`")),
    }
}

/// The spec of a model that needs nothing but ratings, with its defaults; an unknown name
/// lists every model.
fn plain_spec(name: &str) -> CliResult<Box<dyn ModelSpec>> {
    if models::model_names().contains(&name) {
        return Ok(models::model(name)?);
    }
    if models::is_side_model(name) {
        // without its columns: enough to check the parameters
        return Ok(models::side_model(name, Default::default())?);
    }
    let mut valid = models::model_names();
    valid.extend(models::content_model_names());
    valid.extend(models::side_model_names());
    Err(CliError::msg(format!(
        "unknown model `{name}`; valid models: {}",
        valid.join(", ")
    )))
}

/// Sets every `--set` on `spec` (the model checks each value).
fn apply(spec: &mut dyn ModelSpec, settings: &[(String, String)]) -> CliResult<()> {
    for (k, v) in settings {
        spec.set_param(k, v)
            .map_err(|e| CliError::msg(format!("--set {k}={v}: {e}")))?;
    }
    Ok(())
}

/// Runs `recsys fit`.
pub fn run(args: Args) -> CliResult<()> {
    let ds = args.dataset;
    let name = args.model.as_str();
    // a model that needs only ratings is checked, parameters included, before any data is read
    let plain = if models::is_content_model(name) {
        None
    } else {
        let mut spec = plain_spec(name)?;
        apply(spec.as_mut(), &args.set)?;
        Some(spec)
    };
    let dir = args.data.find(ds)?;
    let ratings = with_spinner(format!("loading {ds}"), || dir.load_ratings(ds))?;
    let spec = match plain {
        Some(_) if models::is_side_model(name) => {
            let side = models::side_columns(&dir, ds)?;
            let mut spec = models::side_model(name, side)?;
            apply(spec.as_mut(), &args.set)?;
            spec
        }
        Some(spec) => spec,
        None => {
            let content = with_spinner(format!("{ds}: the catalog's content neighbours"), || {
                models::catalog_content(&dir, ds)
            })?;
            let mut spec = models::content_model(name, content)?;
            apply(spec.as_mut(), &args.set)?;
            spec
        }
    };
    let t = Instant::now();
    let model = with_spinner(
        format!(
            "fitting {} on {ds} ({} ratings)",
            spec.name(),
            ratings.nnz()
        ),
        || spec.fit_model(&ratings),
    )?;
    let fit_seconds = t.elapsed().as_secs_f64();
    let titles = crate::titles::item_titles(&dir, ds, ratings.items());
    let meta = FitMeta {
        dataset: ds.name().to_string(),
        model: spec.name(),
        params: spec.params(),
        fit_seconds,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    model_file::save(
        model.as_ref(),
        &args.out,
        &ratings,
        &meta,
        titles.as_deref(),
    )?;
    let bytes = std::fs::metadata(&args.out).map_or(0, |m| m.len());
    if args.json {
        return print_json(&json!({
            "dataset": meta.dataset,
            "model": meta.model,
            "params": meta.params,
            "users": ratings.n_users(),
            "items": ratings.n_items(),
            "ratings": ratings.nnz(),
            "fit_seconds": fit_seconds,
            "out": args.out.display().to_string(),
            "bytes": bytes,
        }));
    }
    let params: Vec<String> = meta
        .params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    println!(
        "fitted {} on {ds} ({} users, {} items, {} ratings) in {fit_seconds:.2} s",
        meta.model,
        ratings.n_users(),
        ratings.n_items(),
        ratings.nnz()
    );
    println!("parameters: {}", params.join(" "));
    println!(
        "wrote {} ({:.1} MB)",
        args.out.display(),
        bytes as f64 / 1e6
    );
    Ok(())
}
