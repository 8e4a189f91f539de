//! Exploratory data analysis as pictures (PNG and SVG): the rating distribution, the sparsity of
//! the user–item matrix, genre popularity and average rating by genre of a ratings dataset; and,
//! from TMDB 5000 when its folder is there, the distribution of vote averages, movies and profit by
//! release year, and budget against profit.
//!
//! ```text
//! cargo run --release --example eda -- --dataset <ml-100k|ml-latest-small|ratings-small>
//!   [--data DIR] [--out DIR (default out/eda)] [--grid N (default 200)]
//! ```
//! It prints a short summary, the files written and the time taken. Genres of ratings-small come
//! from ml-latest-small's `movies.csv` (same MovieLens ids) when that folder is there.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::data::{DataDir, Dataset};
use recsys_plot::eda::{self, Report, STEPS};

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(about = "Pictures of a dataset's statistics")]
pub struct Args {
    /// ml-100k, ml-latest-small or ratings-small (ml-1m when its ratings are there).
    #[arg(long)]
    pub dataset: String,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Folder for the pictures.
    #[arg(long, default_value = "out/eda")]
    pub out: PathBuf,
    /// Item bins across the sparsity picture (user bins: three quarters of it).
    #[arg(long, default_value_t = 200)]
    pub grid: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let t = Instant::now();
    let bar = ProgressBar::new(STEPS.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let result = run(&args, &mut |step| {
        bar.set_message(step.to_string());
        bar.inc(1);
    });
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            for l in &r.summary {
                println!("{l}");
            }
            println!("files written to {}:", args.out.display());
            for f in &r.files {
                println!("  {}", f.display());
            }
            for s in &r.skipped {
                println!("skipped: {s}");
            }
            println!("done in {:.2} s", t.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every step of [`eda::eda`], calling `progress` with the name of each step as it starts.
pub fn run(args: &Args, progress: &mut dyn FnMut(&str)) -> Result<Report, Box<dyn Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    let dir = DataDir::resolve(args.data.as_deref())?;
    Ok(eda::eda(&dir, ds, &args.out, args.grid, progress)?)
}

/// For the test suite: the run of `dataset` from `data` into `out`, without progress output.
pub fn run_quiet(dataset: &str, data: &Path, out: &Path) -> Result<Report, Box<dyn Error>> {
    run(
        &Args {
            dataset: dataset.to_string(),
            data: Some(data.to_path_buf()),
            out: out.to_path_buf(),
            grid: 200,
        },
        &mut |_| {},
    )
}
