//! Tune the k-NN rating models honestly: for every fold, a configuration is chosen on a
//! validation split carved from that fold's **training** ratings (`recsys_eval::search` with
//! `Validation::Holdout`), refitted on the whole training fold and scored once on the test fold.
//!
//! ```text
//! RECSYS_DATA=/work/shared/data cargo run --release -p recsys-neighbors --example rating_tune -- \
//!   [ml-100k | ratings-small TEST_FILE] [--val-ratio 0.1] [--seed 0] [--grid small|wide|extended]
//!   [--axis NAME=V1,V2,..]...
//! ```
//!
//! The grid's axes: the model (`knn-baseline`, `knn-means`), `user_based`, `similarity`, `k`,
//! `shrinkage` and `min_support`; every other hyperparameter is Surprise's default. `--axis`
//! replaces or adds an axis (any hyperparameter of the models, e.g. `--axis reg_item=5,10`). Prints one
//! line per fold (chosen configuration, validation RMSE, test RMSE, fit seconds) and the mean;
//! progress goes to stderr.

use std::time::Instant;

use recsys_core::{ModelSpec, WrapsCore};
use recsys_data::DataDir;
use recsys_eval::EvalError;
use recsys_eval::protocol::{self, Fold, Prepared};
use recsys_eval::runner::{self, RunConfig};
use recsys_eval::search::{self, Config, Objective, ParamGrid, Validation};
use recsys_neighbors::rating::{KnnBaselineParams, KnnMeansParams};

#[path = "common/dataset_arg.rs"]
mod dataset_arg;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The named grid's axes.
fn grid(name: &str) -> Result<Vec<(String, Vec<String>)>, BoxError> {
    let axes: &[(&str, &[&str])] = match name {
        // item-based knn-baseline around Surprise's defaults
        "small" => &[
            ("model", &["knn-baseline"]),
            ("user_based", &["false"]),
            ("similarity", &["pearson_baseline"]),
            ("k", &["20", "30", "40", "60", "80"]),
            ("shrinkage", &["50", "100", "200"]),
            ("min_support", &["1"]),
        ],
        // both sides, both centrings, more similarities
        "wide" => &[
            ("model", &["knn-baseline", "knn-means"]),
            ("user_based", &["false", "true"]),
            ("similarity", &["pearson_baseline", "pearson", "msd"]),
            ("k", &["20", "40", "80"]),
            ("shrinkage", &["100"]),
            ("min_support", &["1", "3"]),
        ],
        // item-based knn-baseline with strong shrinkage and the baselines' regularizations:
        // fixed by widening `small` at its edges on ml-100k validation splits only
        "extended" => &[
            ("model", &["knn-baseline"]),
            ("user_based", &["false"]),
            ("similarity", &["pearson_baseline"]),
            ("k", &["40", "60", "100"]),
            ("shrinkage", &["1600", "3200", "10000"]),
            ("min_support", &["1"]),
            ("reg_item", &["1", "2", "5"]),
            ("reg_user", &["15", "25", "50"]),
        ],
        other => return Err(format!("unknown grid {other} (small, wide, extended)").into()),
    };
    Ok(axes
        .iter()
        .map(|(n, v)| (n.to_string(), v.iter().map(|x| x.to_string()).collect()))
        .collect())
}

/// The spec of a configuration: its `model`, then every other key set by name.
fn make(c: &Config) -> Result<Box<dyn ModelSpec>, EvalError> {
    let mut spec: Box<dyn ModelSpec> = match c.get("model").map(String::as_str) {
        Some("knn-means") => Box::new(KnnMeansParams::default()),
        _ => Box::new(KnnBaselineParams::default()),
    };
    for (k, v) in c.iter().filter(|(k, _)| k.as_str() != "model") {
        spec.set_param(k, v)
            .map_err(|e| EvalError::param("grid", format!("{k} = {v}: {e}")))?;
    }
    Ok(spec)
}

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|p| args.get(p + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let val_ratio: f64 = opt("--val-ratio", "0.1").parse()?;
    let seed: u64 = opt("--seed", "0").parse()?;
    let grid_name = opt("--grid", "small");
    let dir = DataDir::resolve(None)?;
    let (ds, cfg) = dataset_arg::dataset_and_protocol(&args)?;
    let prepared = protocol::prepare(&dir, ds, &cfg)?;
    let mut axes = grid(&grid_name)?;
    for (p, a) in args.iter().enumerate() {
        if a == "--axis" {
            let spec = args.get(p + 1).ok_or("--axis needs NAME=V1,V2")?;
            let (name, values) = spec.split_once('=').ok_or("--axis needs NAME=V1,V2")?;
            let values: Vec<String> = values.split(',').map(str::to_string).collect();
            match axes.iter_mut().find(|(n, _)| n == name) {
                Some(axis) => axis.1 = values,
                None => axes.push((name.to_string(), values)),
            }
        }
    }
    let configs = axes
        .iter()
        .fold(ParamGrid::new(), |g, (n, v)| g.with(n, v))
        .grid();
    let objective = Objective {
        metric: "rmse".into(),
        minimize: true,
    };
    let validation = Validation::Holdout { ratio: val_ratio };
    println!(
        "{ds} / {}: {} configurations, validation = {val_ratio} of each training fold (seed {seed})",
        cfg.kind.name(),
        configs.len()
    );
    println!("| fold | chosen | validation RMSE | test RMSE | fit s | search s |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut tests = Vec::new();
    for (f, fold) in prepared.folds.iter().enumerate() {
        let t = Instant::now();
        let res = search::search(
            &fold.split.train,
            &configs,
            &make,
            &validation,
            &objective,
            seed,
        )?;
        let search_s = t.elapsed().as_secs_f64();
        eprintln!(
            "fold {}: searched {} configurations in {search_s:.1} s",
            f + 1,
            configs.len()
        );
        let one = Prepared {
            dataset: prepared.dataset.clone(),
            protocol: prepared.protocol.clone(),
            task: prepared.task,
            folds: vec![Fold::new(fold.split.clone(), None)],
        };
        let rows = runner::run(
            &one,
            &[make(&res.best)?],
            &RunConfig::default(),
            &mut |_| {},
        )?;
        let rmse = rows[0].metrics["rmse"];
        let chosen: Vec<String> = res.best.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!(
            "| {} | {} | {:.4} | {rmse:.4} | {:.2} | {search_s:.1} |",
            f + 1,
            chosen.join(" "),
            res.best_score,
            rows[0].fit_seconds
        );
        tests.push(rmse);
    }
    let mean = tests.iter().sum::<f64>() / tests.len() as f64;
    println!("| mean | | | {mean:.4} | | |");
    Ok(())
}
