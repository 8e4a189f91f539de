//! `recsys eda`: the exploratory pictures of a dataset (`recsys_plot::eda`).

use std::path::PathBuf;
use std::time::Instant;

use recsys::data::Dataset;
use recsys::plot::eda::{self, STEPS};

use crate::data_arg::{DataArg, parse_dataset};
use crate::error::CliResult;
use crate::output::{print_json, write_folder};

/// Arguments of `recsys eda`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// ml-100k, ml-1m, ml-latest-small or ratings-small (TMDB 5000's pictures too when its
    /// folder is in the same data folder).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Dataset,
    /// Folder for the pictures (PNG and SVG); they appear there only once all are drawn.
    #[arg(long, default_value = "out/eda")]
    pub out: PathBuf,
    /// Item bins across the sparsity picture (user bins: three quarters of it).
    #[arg(long, default_value_t = 200)]
    pub grid: usize,
    /// One JSON object (summary, files, skipped) instead of text.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArg,
}

/// Runs `recsys eda`.
pub fn run(args: Args) -> CliResult<()> {
    let t = Instant::now();
    let ds = args.dataset;
    let dir = args.data.find(ds)?;
    let bar = crate::progress::steps(STEPS.len() as u64, "");
    let mut report = None;
    let files = write_folder(&args.out, |tmp| {
        let r = eda::eda(&dir, ds, tmp, args.grid, &mut |step| {
            bar.set_message(step.to_string());
            bar.inc(1);
        })?;
        let files = r.files.clone();
        report = Some(r);
        Ok(files)
    });
    bar.finish_and_clear();
    let files = files?;
    let report = report.unwrap_or_default();
    if args.json {
        return print_json(&serde_json::json!({
            "dataset": ds.name(),
            "summary": report.summary,
            "files": files,
            "skipped": report.skipped,
            "seconds": t.elapsed().as_secs_f64(),
        }));
    }
    for l in &report.summary {
        println!("{l}");
    }
    println!("files written to {}:", args.out.display());
    for f in &files {
        println!("  {}", f.display());
    }
    for s in &report.skipped {
        println!("skipped: {s}");
    }
    println!("done in {:.2} s", t.elapsed().as_secs_f64());
    Ok(())
}
