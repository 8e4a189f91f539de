//! The top-N neighbourhood models (`item-knn`, `user-knn`, `ease`, `rp3beta`, `slim`): the
//! validation search that fixed their registry defaults, the full-ranking table at a cutoff of
//! 20, and fit timings. Not a criterion bench: a program run through `cargo bench`, because each
//! mode prints a table for `docs/BENCHMARKS.md`.
//!
//! ```text
//! # hyperparameters on a validation split of the training data (each user's latest training
//! # interaction among 99 sampled negatives; the test items of the candidates file are never seen)
//! RECSYS_DATA=... cargo bench --bench neighbors_topn -- search --dataset ratings-small \
//!     --candidates ../shared/peers/protocol/ncf_loo_ratings_small.tsv [--models ease,item-knn]
//! # full ranking (loo-full) with Recall/NDCG/HR at --k (default 20), 95% bootstrap intervals
//! RECSYS_DATA=... cargo bench --bench neighbors_topn -- full --dataset ml-latest-small --k 20
//! # HR@10 and the rest on the candidates file with --set parameters (compare has no --set)
//! RECSYS_DATA=... cargo bench --bench neighbors_topn -- sampled --dataset ratings-small \
//!     --candidates FILE --models item-knn --set weighting=cosine,k=400
//! # fit seconds (median of --repeats) on the training data of a candidates file
//! RECSYS_DATA=... cargo bench --bench neighbors_topn -- fit --dataset ratings-small \
//!     --candidates FILE --models item-knn,ease --repeats 3
//! ```
//! Progress goes to stderr. EASE inverts with OpenBLAS, whose thread count is
//! `OPENBLAS_NUM_THREADS` (default: one per core).

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::core::{Interactions, ModelSpec, WrapsCore};
use recsys::data::{DataDir, Dataset};
use recsys::eval::EvalError;
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::eval::report;
use recsys::eval::runner::{self, RunConfig};
use recsys::eval::search::{self, Config, Objective, ParamGrid, Validation};

#[derive(Parser, Debug)]
#[command(about = "Top-N neighbourhood models: validation search, full ranking, fit times")]
struct Args {
    /// search, full, sampled or fit.
    mode: String,
    /// ml-100k, ml-1m, ml-latest-small or ratings-small.
    #[arg(long)]
    dataset: String,
    /// The peers' ncf_loo candidates file (search, fit): training = all but its held-out items.
    #[arg(long)]
    candidates: Option<PathBuf>,
    /// Comma-separated models (default: the five top-N models).
    #[arg(long, default_value = "item-knn,user-knn,ease,rp3beta,slim")]
    models: String,
    /// Ranking cutoff of `full`.
    #[arg(long, default_value_t = 20)]
    k: usize,
    /// Fits per model in `fit`.
    #[arg(long, default_value_t = 3)]
    repeats: usize,
    /// `param=value` settings applied to every model of `fit` and `full` that has the
    /// parameter (e.g. `lambda=200`).
    #[arg(long, value_delimiter = ',')]
    set: Vec<String>,
}

/// The grid searched for each model.
fn grid(model: &str) -> ParamGrid {
    match model {
        "item-knn" => ParamGrid::new()
            .with("weighting", ["cosine", "tfidf", "bm25"])
            .with("k", [20, 50, 100, 200, 400]),
        "user-knn" => ParamGrid::new()
            .with("weighting", ["cosine", "tfidf", "bm25"])
            .with("k", [20, 50, 100, 200]),
        "ease" => ParamGrid::new().with("lambda", [50, 100, 200, 500, 1000, 2000]),
        "rp3beta" => ParamGrid::new()
            .with("alpha", ["0.5", "1.0"])
            .with("beta", ["0.1", "0.3", "0.5"])
            .with("k", [50, 100, 200]),
        "slim" => ParamGrid::new()
            .with("l1", ["0.1", "1", "5"])
            .with("l2", ["1", "10", "30", "100"]),
        _ => ParamGrid::new(),
    }
}

/// `name` with the settings of `config` (and of `set`, for parameters the model has).
fn make(name: &str, config: &Config, set: &[String]) -> Result<Box<dyn ModelSpec>, EvalError> {
    let mut spec = recsys::models::model(name)?;
    let has: Vec<String> = spec.params().into_iter().map(|(k, _)| k).collect();
    let extra = set.iter().filter_map(|kv| kv.split_once('='));
    for (k, v) in config
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(extra.filter(|(k, _)| has.iter().any(|h| h == k)))
    {
        spec.set_param(k, v)
            .map_err(|e| EvalError::param("set", format!("{name}: {k}={v}: {e}")))?;
    }
    Ok(spec)
}

/// The training data of the candidates protocol.
fn candidates_train(
    dir: &DataDir,
    ds: Dataset,
    args: &Args,
) -> Result<Interactions, Box<dyn std::error::Error>> {
    let cfg = ProtocolConfig {
        candidates: args.candidates.clone(),
        ..ProtocolConfig::new(ProtocolKind::LooSampled)
    };
    let mut p = protocol::prepare(dir, ds, &cfg)?;
    Ok(p.folds.remove(0).split.train)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench` to programs without a harness
    let args = Args::parse_from(std::env::args().filter(|a| a != "--bench"));
    let ds = Dataset::from_name(&args.dataset)?;
    let dir = DataDir::resolve(None)?;
    let models: Vec<&str> = args.models.split(',').map(str::trim).collect();
    match args.mode.as_str() {
        "search" => {
            let train = candidates_train(&dir, ds, &args)?;
            let objective = Objective {
                metric: "hr@10".into(),
                minimize: false,
            };
            println!("| model | configuration | validation HR@10 | search s |");
            println!("|---|---|---:|---:|");
            for m in models {
                let configs = grid(m).grid();
                let bar = ProgressBar::new(configs.len() as u64);
                bar.set_style(
                    ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_message(m.to_string());
                let t = Instant::now();
                let mut trials = Vec::new();
                for c in &configs {
                    let r = search::search(
                        &train,
                        std::slice::from_ref(c),
                        &|c| make(m, c, &args.set),
                        &Validation::LeaveLatest { negatives: 99 },
                        &objective,
                        0,
                    )?;
                    eprintln!("{m} {:?}: {:.4}", c, r.best_score);
                    trials.push((c.clone(), r.best_score));
                    bar.inc(1);
                }
                bar.finish_and_clear();
                let secs = t.elapsed().as_secs_f64();
                let best = trials
                    .iter()
                    .fold(None::<&(Config, f64)>, |b, t| match b {
                        Some(b) if b.1 >= t.1 => Some(b),
                        _ => Some(t),
                    })
                    .ok_or("empty grid")?;
                for (c, s) in &trials {
                    let mark = if std::ptr::eq(c, &best.0) {
                        " **best**"
                    } else {
                        ""
                    };
                    println!("| {m} | {c:?}{mark} | {s:.4} | |");
                }
                println!("| {m} | best {:?} | {:.4} | {secs:.1} |", best.0, best.1);
            }
        }
        "full" => {
            let cfg = ProtocolConfig::new(ProtocolKind::LooFull);
            let prepared = protocol::prepare(&dir, ds, &cfg)?;
            let specs = models
                .iter()
                .map(|m| make(m, &Config::new(), &args.set))
                .collect::<Result<Vec<_>, _>>()?;
            let opts = RunConfig {
                k: args.k,
                ..RunConfig::default()
            };
            let rows = runner::run(&prepared, &specs, &opts, &mut |p| eprintln!("{p:?}"))?;
            print!("{}", report::markdown(&rows));
        }
        "sampled" => {
            let cfg = ProtocolConfig {
                candidates: args.candidates.clone(),
                ..ProtocolConfig::new(ProtocolKind::LooSampled)
            };
            let prepared = protocol::prepare(&dir, ds, &cfg)?;
            let specs = models
                .iter()
                .map(|m| make(m, &Config::new(), &args.set))
                .collect::<Result<Vec<_>, _>>()?;
            let rows = runner::run(&prepared, &specs, &RunConfig::default(), &mut |_| {})?;
            print!("{}", report::markdown(&rows));
        }
        "fit" => {
            let train = candidates_train(&dir, ds, &args)?;
            println!("| model | fit s (median) | all fits s | threads | score digest |");
            println!("|---|---:|---|---:|---|");
            for m in models {
                let spec = make(m, &Config::new(), &args.set)?;
                let mut secs = Vec::new();
                let mut digest = 0u64;
                for _ in 0..args.repeats.max(1) {
                    let t = Instant::now();
                    let fitted = spec.fit_model(&train).map_err(|e| e.to_string())?;
                    secs.push(t.elapsed().as_secs_f64());
                    digest = score_digest(&*fitted, &train);
                    drop(fitted);
                }
                let mut sorted = secs.clone();
                sorted.sort_by(f64::total_cmp);
                let all: Vec<String> = secs.iter().map(|s| format!("{s:.3}")).collect();
                println!(
                    "| {m} {:?} | {:.3} | {} | {} | {digest:016x} |",
                    spec.params(),
                    sorted[sorted.len() / 2],
                    all.join(", "),
                    rayon::current_num_threads()
                );
            }
        }
        other => {
            return Err(format!("unknown mode `{other}`: search, full, sampled or fit").into());
        }
    }
    Ok(())
}

/// A digest of the bits of every score of the first 100 users: equal digests mean identical
/// models as far as scoring goes (to compare thread counts).
fn score_digest(m: &dyn recsys::core::Model, train: &Interactions) -> u64 {
    let Some(s) = m.as_scorer() else { return 0 };
    let items: Vec<u32> = (0..s.n_items() as u32).collect();
    let mut out = vec![0.0f32; items.len()];
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for u in 0..train.n_users().min(100) as u32 {
        s.score(u, &items, &mut out);
        for x in &out {
            h = (h ^ u64::from(x.to_bits())).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}
