//! Compare models on a dataset under one evaluation protocol, side by side.
//!
//! ```text
//! cargo run --release --example compare -- --dataset <ml-100k|ml-1m|ml-latest-small|ratings-small>
//!   --protocol <official|holdout|kfold|loo-sampled|loo-full|cold-items|test-file|temporal> [--test-ratio 0.2]
//!   [--folds 5] [--negatives 99] [--candidates FILE] [--test-file FILE] [--models a,b,c]
//!   [--seed N] [--data DIR] [--json] [--out DIR] [--buckets 0,5,20] [--baseline MODEL] [--k 10]
//! ```
//! Models: `baseline`, `popularity`, `svd`, `svdpp`, `als`, and the content models
//! `content-knn`, `content-profile` and `hybrid`, which load the dataset's catalog joined to TMDB
//! metadata. `--buckets` adds RMSE and MAE by item popularity (training ratings per item).
//! Without `--json` it prints a Markdown table; with it, one JSON object per model per line.
//! `--out DIR` also writes `report.md`, `report.csv` and `report.jsonl` there, and pictures (PNG
//! and SVG): `metric-<rmse|hr-at-10|ndcg-at-10>` (each model with its 95% bootstrap interval) and
//! `learning-curves` (iterative models, first fold). A `--test-file`
//! implies `--protocol test-file`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::data::{DataDir, Dataset};
use recsys::eval::protocol::{self, ProtocolConfig};
use recsys::eval::report;
use recsys::eval::runner::{self, RunConfig};
use recsys_plot as plot;

#[path = "common/exit.rs"]
mod exit;

#[path = "common/protocol_arg.rs"]
mod protocol_arg;

/// The protocols of `--protocol`, for the error when it is missing.
const PROTOCOLS: &str =
    "official, holdout, kfold, loo-sampled, loo-full, cold-items, test-file, temporal";

#[derive(Parser, Debug)]
#[command(about = "Compare recommenders under one protocol")]
struct Args {
    /// ml-100k, ml-1m, ml-latest-small or ratings-small.
    #[arg(long)]
    dataset: String,
    /// official, holdout, kfold, loo-sampled, loo-full, cold-items, test-file or temporal.
    #[arg(long)]
    protocol: Option<String>,
    /// Share of ratings (holdout) or items (cold-items) held out.
    #[arg(long, default_value_t = 0.2)]
    test_ratio: f64,
    /// Folds of kfold.
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Sampled negatives per user (loo-sampled).
    #[arg(long, default_value_t = 99)]
    negatives: usize,
    /// Candidates file in the peers' ncf_loo format (loo-sampled).
    #[arg(long)]
    candidates: Option<PathBuf>,
    /// Held-out ratings CSV `user,item,rating` (raw ids); training = all other ratings.
    #[arg(long)]
    test_file: Option<PathBuf>,
    /// Comma-separated model names (default: all).
    #[arg(long, default_value = "")]
    models: String,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
    /// One JSON object per model per line instead of the table.
    #[arg(long)]
    json: bool,
    /// Also write report.md, report.csv, report.jsonl and pictures into this folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Upper bounds of item-popularity buckets for RMSE/MAE (e.g. `0,5,20` → items with 0,
    /// 1–5, 6–20 and 21+ training ratings).
    #[arg(long, value_delimiter = ',')]
    buckets: Vec<u32>,
    /// Cutoff of the ranking metrics (HR@k, NDCG@k, ...).
    #[arg(long, default_value_t = 10)]
    k: usize,
    /// A model of the list to compare every other one with: adds the paired per-user
    /// difference of each main metric, `Δ <metric> vs MODEL [lo, hi]`, and its sign-test p-value.
    #[arg(long)]
    baseline: Option<String>,
}

fn main() -> ExitCode {
    exit::exit_code(run(Args::parse()))
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    let kind = protocol_arg::kind(&args.protocol, &args.test_file, PROTOCOLS)?;
    let dir = DataDir::resolve(args.data.as_deref())?;
    let content = if recsys::models::needs_content(&args.models) {
        let t = std::time::Instant::now();
        let c = recsys::models::catalog_content(&dir, ds)?;
        eprintln!(
            "catalog content: {} movies, neighbours in {:.2} s",
            c.len(),
            t.elapsed().as_secs_f64()
        );
        Some(c)
    } else {
        None
    };
    let models = recsys::models::models_with_content(&args.models, content)?;
    let cfg = ProtocolConfig {
        test_ratio: args.test_ratio,
        folds: args.folds,
        negatives: args.negatives,
        candidates: args.candidates.clone(),
        test_file: args.test_file.clone(),
        seed: args.seed,
        ..ProtocolConfig::new(kind)
    };
    let t = std::time::Instant::now();
    let prepared = protocol::prepare(&dir, ds, &cfg)?;
    eprintln!(
        "{ds} / {}: {} fold(s) prepared in {:.2} s",
        kind.name(),
        prepared.folds.len(),
        t.elapsed().as_secs_f64()
    );
    let bar = ProgressBar::new((models.len() * prepared.folds.len() * 2) as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let opts = RunConfig {
        seed: args.seed,
        k: args.k,
        item_buckets: args.buckets.clone(),
        baseline: args.baseline.clone(),
        ..RunConfig::default()
    };
    let rows = runner::run(&prepared, &models, &opts, &mut |p| {
        if let Some(step) = p.step() {
            bar.set_message(step);
            bar.inc(1);
        }
    })?;
    bar.finish_and_clear();
    if let Some(w) = recsys::eval::leakage::warning(&rows) {
        eprintln!("{w}");
    }
    if args.json {
        print!("{}", report::json_lines(&rows));
    } else {
        print!("{}", report::markdown(&rows));
    }
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out)?;
        std::fs::write(out.join("report.md"), report::markdown(&rows))?;
        std::fs::write(out.join("report.csv"), report::csv(&rows))?;
        std::fs::write(out.join("report.jsonl"), report::json_lines(&rows))?;
        eprintln!("wrote {}/report.{{md,csv,jsonl}}", out.display());
        for stem in plots(out, &rows)? {
            eprintln!("wrote {}.{{png,svg}}", stem.display());
        }
    }
    Ok(())
}

/// Pictures of the rows (`recsys::plot::comparison_charts`): each main metric (RMSE; HR@10,
/// NDCG@10) per model with its 95% bootstrap interval, and the learning curves of the iterative
/// models. Returns the path stems (each written as `.png` and `.svg`).
fn plots(
    out: &std::path::Path,
    rows: &[report::ReportRow],
) -> Result<Vec<PathBuf>, plot::PlotError> {
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let what = format!("{} / {}", first.dataset, first.protocol);
    let results: Vec<plot::ModelResult> = rows
        .iter()
        .map(|r| plot::ModelResult::new(&r.model, &r.metrics, &r.ci95, &r.learning_curve))
        .collect();
    plot::comparison_charts(out, "", &what, &results)
}
