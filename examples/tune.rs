//! Tune SVD++ honestly: for every fold, the hyperparameters are chosen on a validation split
//! carved from that fold's **training** data (`search::search` with `Validation::Holdout`); the
//! chosen configuration is then refitted on the whole training fold and scored once on the test
//! fold. The test fold never takes part in a choice.
//!
//! ```text
//! cargo run --release --example tune -- --dataset ml-100k --protocol official [--grid small|full]
//!   [--seed 0] [--json]
//! cargo run --release --example tune -- --dataset ratings-small --test-file FILE [--grid small|full]
//! ```
//!
//! Other options:
//! - `--val-ratio R` (default 0.1): share of each training fold held out for validation.
//! - `--jobs N` (default 1): configurations scored in N threads (each fit is single-threaded).
//! - `--fold K[,K..]`: only these folds (1-based).
//! - `--factors`, `--epochs`, `--lr`, `--reg`, `--lr-bias`, `--reg-bias`, `--init-std`, `--shuffle`
//!   (comma-separated lists): replace that axis of the named grid.
//! - `--explore`: search only and list every configuration's validation RMSE; the test folds are
//!   not scored (this is how the grids below were fixed, on training data only).
//!
//! Without `--json` it prints a Markdown table per fold and the mean; with `--json`, one JSON
//! object per fold and a final summary object. Progress goes to stderr.

use recsys::core::WrapsCore;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::core::Interactions;
use recsys::core::ModelSpec;
use recsys::data::{DataDir, Dataset};
use recsys::eval::EvalError;
use recsys::eval::protocol::{self, Fold, Prepared, ProtocolConfig};
use recsys::eval::runner::{self, RunConfig};
use recsys::eval::search::{self, Config, Objective, ParamGrid, SearchResult, Validation};
use recsys::mf::SvdParams;
use serde_json::json;

#[path = "common/exit.rs"]
mod exit;

#[path = "common/protocol_arg.rs"]
mod protocol_arg;

/// The protocols of `--protocol`, for the error when it is missing.
const PROTOCOLS: &str = "official, holdout, kfold, test-file";

#[derive(Parser, Debug)]
#[command(about = "Tune SVD++ on validation splits carved from the training folds")]
struct Args {
    /// ml-100k, ml-1m, ml-latest-small or ratings-small.
    #[arg(long)]
    dataset: String,
    /// official, holdout, kfold or test-file (implied by --test-file).
    #[arg(long)]
    protocol: Option<String>,
    /// Held-out ratings CSV `user,item,rating` (raw ids); training = all other ratings.
    #[arg(long)]
    test_file: Option<PathBuf>,
    /// Test share of the holdout protocol.
    #[arg(long, default_value_t = 0.2)]
    test_ratio: f64,
    /// Folds of kfold.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// small or full.
    #[arg(long, default_value = "small")]
    grid: String,
    /// Share of each training fold held out for validation.
    #[arg(long, default_value_t = 0.1)]
    val_ratio: f64,
    /// Seed of the validation split, the protocol's splits and the models' initialization.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Threads scoring configurations side by side.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Only these folds (1-based, comma-separated).
    #[arg(long, value_delimiter = ',')]
    fold: Vec<usize>,
    /// Replace the grid's factor counts.
    #[arg(long, value_delimiter = ',')]
    factors: Vec<String>,
    /// Replace the grid's epoch counts.
    #[arg(long, value_delimiter = ',')]
    epochs: Vec<String>,
    /// Replace the grid's learning rates.
    #[arg(long, value_delimiter = ',')]
    lr: Vec<String>,
    /// Replace the grid's regularizations.
    #[arg(long, value_delimiter = ',')]
    reg: Vec<String>,
    /// Replace the grid's bias learning rates (`-` = same as lr).
    #[arg(long, value_delimiter = ',')]
    lr_bias: Vec<String>,
    /// Replace the grid's bias regularizations (`-` = same as reg).
    #[arg(long, value_delimiter = ',')]
    reg_bias: Vec<String>,
    /// Replace the grid's initial standard deviations.
    #[arg(long, value_delimiter = ',')]
    init_std: Vec<String>,
    /// Replace the grid's shuffle settings (true: users in a new random order each epoch).
    #[arg(long, value_delimiter = ',')]
    shuffle: Vec<String>,
    /// Search only and list every configuration's validation RMSE; never score the test folds.
    #[arg(long)]
    explore: bool,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
    /// JSON lines instead of Markdown.
    #[arg(long)]
    json: bool,
}

/// The named grids, fixed after exploring on ml-100k training data only (see docs/TUNING.md).
fn named_grid(name: &str) -> Result<Vec<(&'static str, Vec<&'static str>)>, String> {
    match name {
        // 3 × 3 × 3 × 2 = 54 configurations (30–45 s per ml-100k fold on one busy core)
        "small" => Ok(vec![
            ("factors", vec!["100"]),
            ("epochs", vec!["40", "60", "100"]),
            ("lr", vec!["0.005", "0.007", "0.01"]),
            ("reg", vec!["0.05", "0.08", "0.1"]),
            ("lr_bias", vec!["0.001", "0.002"]),
            ("reg_bias", vec!["-"]),
            ("init_std", vec!["0.01"]),
            ("shuffle", vec!["false"]),
        ]),
        // 3 × 3 × 3 × 4 × 2 × 2 = 432 configurations (about 6 min per fold of ratings-small on one core)
        "full" => Ok(vec![
            ("factors", vec!["50", "100", "200"]),
            ("epochs", vec!["40", "60", "100"]),
            ("lr", vec!["0.005", "0.007", "0.01"]),
            ("reg", vec!["0.02", "0.05", "0.08", "0.1"]),
            ("lr_bias", vec!["0.001", "0.002"]),
            ("reg_bias", vec!["-"]),
            ("init_std", vec!["0.005", "0.01"]),
            ("shuffle", vec!["false"]),
        ]),
        other => Err(format!("unknown grid `{other}`; valid: small, full")),
    }
}

/// The grid: the named one with the axes given on the command line replaced; and its label
/// (the name, plus the replaced axes).
fn build_grid(args: &Args) -> Result<(ParamGrid, String), String> {
    let mut g = ParamGrid::new();
    let mut replaced = Vec::new();
    for (name, values) in named_grid(&args.grid)? {
        let over = match name {
            "factors" => &args.factors,
            "epochs" => &args.epochs,
            "lr" => &args.lr,
            "reg" => &args.reg,
            "lr_bias" => &args.lr_bias,
            "reg_bias" => &args.reg_bias,
            "init_std" => &args.init_std,
            "shuffle" => &args.shuffle,
            _ => unreachable!(),
        };
        g = if over.is_empty() {
            g.with(name, values)
        } else {
            replaced.push(name);
            g.with(name, over.iter())
        };
    }
    let label = if replaced.is_empty() {
        args.grid.clone()
    } else {
        format!("{} with {} replaced", args.grid, replaced.join(", "))
    };
    Ok((g, label))
}

/// SVD++'s SGD settings of a configuration (absent keys keep Surprise's SVD++ defaults).
fn params_of(c: &Config, seed: u64) -> Result<SvdParams, EvalError> {
    let mut p = recsys::mf::SvdPpParams::default().sgd;
    p.seed = seed;
    for (k, v) in c {
        let bad = |e: String| EvalError::param("config", format!("{k} = {v}: {e}"));
        let f32v = || v.parse::<f32>().map_err(|e| bad(e.to_string()));
        let opt = || -> Result<Option<f32>, EvalError> {
            if v == "-" { Ok(None) } else { f32v().map(Some) }
        };
        match k.as_str() {
            "factors" => {
                p.factors = v
                    .parse()
                    .map_err(|e: std::num::ParseIntError| bad(e.to_string()))?
            }
            "epochs" => {
                p.epochs = v
                    .parse()
                    .map_err(|e: std::num::ParseIntError| bad(e.to_string()))?
            }
            "lr" => p.lr = f32v()?,
            "reg" => p.reg = f32v()?,
            "lr_bias" => p.lr_bias = opt()?,
            "reg_bias" => p.reg_bias = opt()?,
            "init_std" => p.init_std = f32v()?,
            "shuffle" => {
                p.shuffle = v
                    .parse()
                    .map_err(|e: std::str::ParseBoolError| bad(e.to_string()))?
            }
            _ => return Err(bad("unknown parameter".into())),
        }
    }
    p.check()
        .map_err(|e| EvalError::param("config", e.to_string()))?;
    Ok(p)
}

fn make_spec(c: &Config, seed: u64) -> Result<Box<dyn ModelSpec>, EvalError> {
    Ok(Box::new(recsys::mf::SvdPpParams {
        sgd: params_of(c, seed)?,
    }))
}

/// `key=value` pairs of a configuration, in a fixed order.
fn show(c: &Config) -> String {
    [
        "factors", "epochs", "lr", "reg", "lr_bias", "reg_bias", "init_std", "shuffle",
    ]
    .iter()
    .filter_map(|k| c.get(*k).map(|v| format!("{k}={v}")))
    .collect::<Vec<_>>()
    .join(" ")
}

/// `search::search` over `configs`, in `jobs` threads that each search a share of the
/// configurations on the same seeded validation split; the trials come back in the given order
/// and the best is the first of the lowest RMSE, exactly as one `search` call would pick it.
fn search_jobs(
    train: &Interactions,
    configs: &[Config],
    val_ratio: f64,
    seed: u64,
    jobs: usize,
    bar: &ProgressBar,
) -> Result<SearchResult, String> {
    let validation = Validation::Holdout { ratio: val_ratio };
    let objective = Objective {
        metric: "rmse".into(),
        minimize: true,
    };
    let make = |c: &Config| {
        bar.set_message(show(c));
        bar.inc(1);
        make_spec(c, seed)
    };
    let chunk = configs.len().div_ceil(jobs.max(1)).max(1);
    let parts: Vec<Result<SearchResult, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = configs
            .chunks(chunk)
            .map(|part| {
                let (make, validation, objective) = (&make, &validation, &objective);
                s.spawn(move || {
                    search::search(train, part, make, validation, objective, seed)
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a search thread panicked".into()))
            })
            .collect()
    });
    let mut trials = Vec::with_capacity(configs.len());
    for p in parts {
        trials.extend(p?.trials);
    }
    let mut best = 0;
    for (k, t) in trials.iter().enumerate() {
        if t.1 < trials[best].1 {
            best = k;
        }
    }
    Ok(SearchResult {
        best: trials[best].0.clone(),
        best_score: trials[best].1,
        trials,
    })
}

/// Fits `c` on the fold's whole training data and scores its test data.
fn score_test(fold: &Fold, c: &Config, seed: u64) -> Result<(f64, f64, (f64, f64), f64), String> {
    let prepared = Prepared {
        dataset: "test".into(),
        protocol: "test".into(),
        task: recsys::eval::protocol::Task::Rating,
        folds: vec![fold.clone()],
    };
    let spec = make_spec(c, seed).map_err(|e| e.to_string())?;
    let opts = RunConfig {
        seed,
        ..RunConfig::default()
    };
    let rows = runner::run(&prepared, std::slice::from_ref(&spec), &opts, &mut |_| {})
        .map_err(|e| e.to_string())?;
    let row = rows.first().ok_or("no report row")?;
    let rmse = *row.metrics.get("rmse").ok_or("no rmse")?;
    let mae = *row.metrics.get("mae").ok_or("no mae")?;
    let ci = row
        .ci95
        .get("rmse")
        .copied()
        .unwrap_or((f64::NAN, f64::NAN));
    Ok((rmse, mae, ci, row.fit_seconds))
}

fn main() -> ExitCode {
    exit::exit_code(run(Args::parse()))
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    let kind = protocol_arg::kind(&args.protocol, &args.test_file, PROTOCOLS)?;
    if kind.task() != recsys::eval::protocol::Task::Rating {
        return Err(format!(
            "tune scores RMSE: protocol `{}` does not measure it",
            kind.name()
        )
        .into());
    }
    let (grid, grid_label) = build_grid(&args)?;
    let configs = grid.grid();
    // every configuration must parse before anything runs
    for c in &configs {
        params_of(c, args.seed)?;
    }
    let dir = DataDir::resolve(args.data.as_deref())?;
    let cfg = ProtocolConfig {
        test_ratio: args.test_ratio,
        folds: args.folds,
        test_file: args.test_file.clone(),
        seed: args.seed,
        ..ProtocolConfig::new(kind)
    };
    let prepared = protocol::prepare(&dir, ds, &cfg)?;
    let fold_ids: Vec<usize> = if args.fold.is_empty() {
        (1..=prepared.folds.len()).collect()
    } else {
        args.fold.clone()
    };
    if let Some(&bad) = fold_ids
        .iter()
        .find(|&&f| f == 0 || f > prepared.folds.len())
    {
        return Err(format!("fold {bad} is not in 1..={}", prepared.folds.len()).into());
    }
    eprintln!(
        "{ds} / {}: {} fold(s), grid `{grid_label}` of {} configurations, validation = {} of each training fold (seed {})",
        kind.name(),
        fold_ids.len(),
        configs.len(),
        args.val_ratio,
        args.seed
    );
    let total = Instant::now();
    let mut results = Vec::new();
    let mut md = String::from(
        "| fold | chosen parameters | validation RMSE | test RMSE [95% CI] | test MAE | fit s | search s |\n|---|---|---:|---:|---:|---:|---:|\n",
    );
    for &f in &fold_ids {
        let fold = &prepared.folds[f - 1];
        let bar = ProgressBar::new(configs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "fold {f}: {{elapsed_precise}} {{bar:30}} {{pos}}/{{len}} {{msg}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let t = Instant::now();
        let res = search_jobs(
            &fold.split.train,
            &configs,
            args.val_ratio,
            args.seed,
            args.jobs,
            &bar,
        )?;
        let search_s = t.elapsed().as_secs_f64();
        bar.finish_and_clear();
        if args.explore {
            let mut trials = res.trials.clone();
            trials.sort_by(|a, b| a.1.total_cmp(&b.1));
            for (c, s) in &trials {
                if args.json {
                    println!("{}", json!({"fold": f, "config": c, "validation_rmse": s}));
                } else {
                    println!("fold {f}\t{s:.5}\t{}", show(c));
                }
            }
            eprintln!("fold {f}: searched in {search_s:.1} s");
            continue;
        }
        bar.set_message("refit");
        let (rmse, mae, ci, fit_s) = score_test(fold, &res.best, args.seed)?;
        eprintln!(
            "fold {f}: {} | validation {:.4} | test {rmse:.4} | fit {fit_s:.2} s | search {search_s:.1} s",
            show(&res.best),
            res.best_score
        );
        md += &format!(
            "| {f} | {} | {:.4} | {rmse:.4} [{:.4}, {:.4}] | {mae:.4} | {fit_s:.2} | {search_s:.1} |\n",
            show(&res.best),
            res.best_score,
            ci.0,
            ci.1
        );
        if args.json {
            println!(
                "{}",
                json!({
                    "dataset": ds.name(), "protocol": kind.name(), "model": "svdpp", "fold": f,
                    "grid": grid_label, "configurations": configs.len(), "val_ratio": args.val_ratio,
                    "seed": args.seed, "chosen": res.best, "validation_rmse": res.best_score,
                    "test_rmse": rmse, "test_rmse_ci95": [ci.0, ci.1], "test_mae": mae,
                    "fit_seconds": fit_s, "search_seconds": search_s,
                })
            );
        }
        results.push((rmse, mae, fit_s, search_s));
    }
    if args.explore || results.is_empty() {
        return Ok(());
    }
    let n = results.len() as f64;
    let mean = |k: fn(&(f64, f64, f64, f64)) -> f64| results.iter().map(k).sum::<f64>() / n;
    let (rmse, mae, fit, srch) = (mean(|r| r.0), mean(|r| r.1), mean(|r| r.2), mean(|r| r.3));
    let wall = total.elapsed().as_secs_f64();
    if args.json {
        println!(
            "{}",
            json!({
                "dataset": ds.name(), "protocol": kind.name(), "model": "svdpp", "summary": true,
                "folds": results.len(), "grid": grid_label, "configurations": configs.len(),
                "mean_test_rmse": rmse, "mean_test_mae": mae, "mean_fit_seconds": fit,
                "mean_search_seconds": srch, "total_seconds": wall,
            })
        );
    } else {
        md += &format!(
            "| mean of {} | | | {rmse:.4} | {mae:.4} | {fit:.2} | {srch:.1} |\n",
            results.len()
        );
        print!("{md}");
        println!("\ntotal {wall:.1} s");
    }
    Ok(())
}
