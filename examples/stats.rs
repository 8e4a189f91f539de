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

use clap::Parser;
use recsys::data::stats::summary;
use recsys::data::{DataError, Dataset};

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
    let out = summary::summary(&dir, ds)?;
    if args.json {
        println!("{}", serde_json::Value::Object(out));
    } else {
        print!("{}", summary::summary_text(&out));
    }
    Ok(())
}
