//! Dataset statistics: users, items, ratings, sparsity, rating histogram, activity
//! distributions, genres and (for catalogs) the movie count and the join with TMDB metadata.
//!
//! ```text
//! cargo run --release --example stats -- --dataset ml-100k [--json] [--data DIR]
//! ```
//! Datasets: ml-100k, ml-1m, ml-latest-small, ratings-small, tmdb-5000. The data folder comes from
//! `--data DIR` or `RECSYS_DATA`; with `--features download`, `--download` fetches a missing
//! GroupLens archive into the cache first.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use recsys::data::catalog;
use recsys::data::stats::{self, RatingStats};
use recsys::data::{DataError, Dataset};
use serde_json::{Value, json};

#[path = "common/data.rs"]
mod data;

#[path = "common/exit.rs"]
mod exit;

#[derive(Parser, Debug)]
#[command(about = "Print statistics of a dataset")]
struct Args {
    /// ml-100k, ml-1m, ml-latest-small, ratings-small or tmdb-5000.
    #[arg(long)]
    dataset: String,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Download a missing GroupLens archive into the cache (feature `download`).
    #[arg(long)]
    download: bool,
}

fn main() -> ExitCode {
    exit::exit_code(run(&Args::parse()))
}

fn run(args: &Args) -> Result<(), DataError> {
    let ds = Dataset::from_name(&args.dataset)?;
    let dir = data::data_dir(args.data.as_deref(), ds, args.download)?;
    dir.dataset_dir(ds)?;
    let mut out = serde_json::Map::new();
    out.insert("dataset".into(), json!(ds.name()));

    if ds.ratings_file().is_some() {
        let rss0 = rss_bytes();
        let t = Instant::now();
        let ratings = dir.load_ratings(ds)?;
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        let rss1 = rss_bytes();
        let s = RatingStats::of(&ratings);
        out.insert("users".into(), json!(s.users));
        out.insert("items".into(), json!(s.items));
        out.insert("ratings".into(), json!(s.ratings));
        out.insert("sparsity".into(), json!(s.sparsity));
        out.insert("mean_rating".into(), json!(s.mean_rating));
        out.insert(
            "histogram".into(),
            Value::Array(s.histogram.iter().map(|(r, c)| json!([r, c])).collect()),
        );
        out.insert("per_user".into(), json!(s.per_user));
        out.insert("per_item".into(), json!(s.per_item));
        out.insert("time_range".into(), json!(s.time_range));
        out.insert("load_ms".into(), json!(load_ms));
        out.insert(
            "bytes_per_rating".into(),
            json!(ratings.memory_bytes() as f64 / s.ratings.max(1) as f64),
        );
        if let (Some(a), Some(b)) = (rss0, rss1) {
            out.insert(
                "rss_growth_bytes_per_rating".into(),
                json!(b.saturating_sub(a) as f64 / s.ratings.max(1) as f64),
            );
        }
        if let Ok(movies) = dir.load_movies(ds) {
            out.insert("genres".into(), json!(stats::genre_counts(&movies)));
        }
    }
    {
        match catalog::load_catalog(&dir, ds) {
            Ok((cat, report)) => {
                out.insert("movies".into(), json!(cat.len()));
                out.insert("join".into(), json!(report));
                if ds == Dataset::Tmdb5000 {
                    out.insert("users".into(), json!(0));
                    out.insert("items".into(), json!(0));
                    out.insert("ratings".into(), json!(0));
                    out.insert("sparsity".into(), Value::Null);
                    let profit = stats::profit_by_year(cat.entries().iter().filter_map(|e| {
                        Some((i32::from(e.year?), e.budget as f64, e.revenue as f64))
                    }));
                    out.insert("profit_by_year".into(), json!(profit));
                }
            }
            Err(e) => out
                .insert("catalog_error".into(), json!(e.to_string()))
                .map_or((), |_| ()),
        }
    }

    if args.json {
        println!("{}", Value::Object(out));
    } else {
        print_text(&out);
    }
    Ok(())
}

fn print_text(o: &serde_json::Map<String, Value>) {
    let get = |k: &str| o.get(k).cloned().unwrap_or(Value::Null);
    println!("dataset      {}", get("dataset").as_str().unwrap_or(""));
    if let Some(r) = o.get("ratings").and_then(Value::as_u64).filter(|&r| r > 0) {
        println!("users        {}", get("users"));
        println!("items        {}", get("items"));
        println!("ratings      {r}");
        println!(
            "sparsity     {:.4}%",
            get("sparsity").as_f64().unwrap_or(f64::NAN) * 100.0
        );
        println!(
            "mean rating  {:.3}",
            get("mean_rating").as_f64().unwrap_or(f64::NAN)
        );
        println!(
            "loaded in    {:.1} ms, {:.1} bytes/rating",
            get("load_ms").as_f64().unwrap_or(f64::NAN),
            get("bytes_per_rating").as_f64().unwrap_or(f64::NAN)
        );
        println!("rating histogram:");
        if let Some(h) = o.get("histogram").and_then(Value::as_array) {
            let max = h
                .iter()
                .filter_map(|x| x[1].as_u64())
                .max()
                .unwrap_or(1)
                .max(1);
            for x in h {
                let c = x[1].as_u64().unwrap_or(0);
                let bar = "#".repeat((c * 50 / max) as usize);
                println!("  {:>4}  {:>8}  {bar}", x[0], c);
            }
        }
        for key in ["per_user", "per_item"] {
            if let Some(s) = o.get(key).filter(|v| !v.is_null()) {
                println!(
                    "ratings {:<9} min {} / median {} / p90 {} / max {} / mean {:.1}",
                    key.replace('_', " "),
                    s["min"],
                    s["median"],
                    s["p90"],
                    s["max"],
                    s["mean"].as_f64().unwrap_or(f64::NAN)
                );
            }
        }
    }
    if let Some(m) = o.get("movies") {
        println!("movies       {m}");
    }
    if let Some(j) = o.get("join").and_then(Value::as_object) {
        println!("join with metadata:");
        for (k, v) in j {
            println!("  {k:<22} {v}");
        }
    }
    if let Some(g) = o.get("genres").and_then(Value::as_array) {
        println!(
            "genres (movies): {}",
            g.iter()
                .map(|x| format!("{} {}", x[0].as_str().unwrap_or(""), x[1]))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(p) = o.get("profit_by_year").and_then(Value::as_array) {
        println!("profit by year (last 10 years with data, USD millions):");
        for y in p.iter().rev().take(10).rev() {
            println!(
                "  {}  {:>3} movies  profit {:>9.1}",
                y["year"],
                y["movies"],
                y["profit"].as_f64().unwrap_or(0.0) / 1e6
            );
        }
    }
    if let Some(e) = o.get("catalog_error") {
        println!("catalog: {e}");
    }
}

/// Resident set size from /proc (Linux), for the memory report.
fn rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}
