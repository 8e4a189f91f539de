//! Scale test: generate seeded synthetic ratings, build the interaction matrix and fit a model
//! of the registry, reporting seconds per stage, bytes per rating and peak memory.
//!
//! ```text
//! cargo run --release --example scale -- --ratings 20000000 [--users N --items M] \
//!     [--model baseline] [--seed 0] [--recommend-all 10] [--json]
//! ```
//! Users and items default to the MovieLens-like shape of
//! `recsys::data::synthetic::SyntheticConfig::scaled` (20M ratings → 133,333 users, ~25,700
//! items). Peak memory is the process's high-water mark (`VmHWM` of `/proc/self/status`,
//! Linux); run it under `/usr/bin/time -v` for an outside view.

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use recsys::core::DuplicatePolicy;
use recsys::data::synthetic::SyntheticConfig;
use serde_json::{Value, json};

#[path = "common/exit.rs"]
mod exit;

#[derive(Parser, Debug)]
#[command(about = "Generate synthetic ratings, build the matrix and fit a model, with timings")]
struct Args {
    /// Ratings to generate (exactly; no duplicate pairs).
    #[arg(long, default_value_t = 1_000_000)]
    ratings: u64,
    /// Users (default: ratings / 150).
    #[arg(long)]
    users: Option<u32>,
    /// Items (default: 0.21 · ratings^0.7).
    #[arg(long)]
    items: Option<u32>,
    /// Model of the registry (`recsys::models::model_names`).
    #[arg(long, default_value = "baseline")]
    model: String,
    /// Seed of the generator.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Latent rank of the generated ratings.
    #[arg(long)]
    factors: Option<usize>,
    /// Standard deviation of the rating noise, in stars.
    #[arg(long)]
    noise: Option<f64>,
    /// Power-law exponent of user activity.
    #[arg(long)]
    user_exponent: Option<f64>,
    /// Power-law exponent of item popularity.
    #[arg(long)]
    item_exponent: Option<f64>,
    /// After fitting, the top N unseen items of every user (0: skip), to time and measure it.
    #[arg(long, default_value_t = 0)]
    recommend_all: usize,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    exit::exit_code(run(&Args::parse()))
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut cfg = SyntheticConfig::scaled(args.ratings);
    cfg.seed = args.seed;
    cfg.users = args.users.unwrap_or(cfg.users);
    cfg.items = args.items.unwrap_or(cfg.items);
    cfg.factors = args.factors.unwrap_or(cfg.factors);
    cfg.noise = args.noise.unwrap_or(cfg.noise);
    cfg.user_exponent = args.user_exponent.unwrap_or(cfg.user_exponent);
    cfg.item_exponent = args.item_exponent.unwrap_or(cfg.item_exponent);
    cfg.check()?;
    // Look the model up before spending minutes on data.
    let spec = recsys::models::model(&args.model)?;

    let t = Instant::now();
    let builder = cfg.builder()?;
    let generate_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let ratings = builder.build(DuplicatePolicy::Error)?;
    let build_s = t.elapsed().as_secs_f64();
    let rss_after_build = proc_status_kb("VmRSS");

    let t = Instant::now();
    let model = spec.fit_model(&ratings)?;
    let fit_s = t.elapsed().as_secs_f64();

    // Top-N for every user: one score row per thread, never a users × items matrix.
    let recommend = if args.recommend_all > 0 {
        let scorer = model.as_scorer().ok_or("the model does not rank items")?;
        let t = Instant::now();
        let all = recsys::core::traits::recommend_all(scorer, &ratings, args.recommend_all);
        let secs = t.elapsed().as_secs_f64();
        let listed: usize = all.iter().map(Vec::len).sum();
        Some((secs, listed))
    } else {
        None
    };

    // Training RMSE on an even sample of at most 100,000 ratings, when the model predicts.
    let train_rmse = model.as_rating_predictor().map(|p| {
        let step = (ratings.nnz() / 100_000).max(1);
        let (mut se, mut n) = (0.0f64, 0usize);
        for e in ratings.iter().step_by(step) {
            se += f64::from(p.predict(e.user, e.item) - e.rating).powi(2);
            n += 1;
        }
        (se / n.max(1) as f64).sqrt()
    });

    let nnz = ratings.nnz();
    let out = json!({
        "config": cfg,
        "model": spec.name(),
        "model_params": spec
            .params()
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect::<serde_json::Map<String, Value>>(),
        "users": ratings.n_users(),
        "items": ratings.n_items(),
        "ratings": nnz,
        "top1pct_item_share": top_share(ratings.item_counts(), 0.01),
        "top1pct_user_share": top_share(ratings.user_counts(), 0.01),
        "mean_rating": ratings.global_mean(),
        "generate_s": generate_s,
        "build_s": build_s,
        "fit_s": fit_s,
        "bytes_per_rating": ratings.memory_bytes() as f64 / nnz.max(1) as f64,
        "rss_after_build_bytes": rss_after_build.map(|k| k * 1024),
        "peak_rss_bytes": proc_status_kb("VmHWM").map(|k| k * 1024),
        "train_rmse_sample": train_rmse,
        "recommend_all_n": args.recommend_all,
        "recommend_all_s": recommend.map(|r| r.0),
        "recommend_all_items": recommend.map(|r| r.1),
    });
    if args.json {
        println!("{out}");
    } else {
        let mb = |v: &Value| {
            v.as_u64()
                .map_or("n/a".to_string(), |b| format!("{:.1} MB", b as f64 / 1e6))
        };
        println!(
            "data      {} users × {} items, {} ratings (seed {}; top 1% of items hold {:.1}%, of users {:.1}%)",
            out["users"],
            out["items"],
            out["ratings"],
            cfg.seed,
            out["top1pct_item_share"].as_f64().unwrap_or(f64::NAN) * 100.0,
            out["top1pct_user_share"].as_f64().unwrap_or(f64::NAN) * 100.0,
        );
        println!("generate  {generate_s:.2} s");
        println!(
            "build     {build_s:.2} s, {:.1} bytes/rating in the matrix",
            out["bytes_per_rating"].as_f64().unwrap_or(f64::NAN)
        );
        println!("fit       {fit_s:.2} s ({})", spec.name());
        if let Some(r) = train_rmse {
            println!("train RMSE {r:.4} (sample)");
        }
        if let Some((secs, listed)) = recommend {
            println!(
                "recommend top {} for all {} users: {secs:.2} s, {listed} items listed",
                args.recommend_all,
                ratings.n_users()
            );
        }
        println!(
            "memory    RSS after build {}, peak {}",
            mb(&out["rss_after_build_bytes"]),
            mb(&out["peak_rss_bytes"])
        );
    }
    Ok(())
}

/// Share of all ratings held by the top `frac` of `counts`.
fn top_share(mut counts: Vec<u32>, frac: f64) -> f64 {
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let k = ((counts.len() as f64 * frac).ceil() as usize).clamp(1, counts.len().max(1));
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let top: u64 = counts.iter().take(k).map(|&c| u64::from(c)).sum();
    top as f64 / total.max(1) as f64
}

/// A `kB` field of `/proc/self/status` (Linux): `VmHWM` is the peak resident set size.
fn proc_status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.split(':').next() == Some(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
