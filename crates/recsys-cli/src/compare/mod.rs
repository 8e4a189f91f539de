//! `recsys compare --config experiment.toml`: datasets × protocols × models from one TOML file,
//! with parameter grids searched on validation data carved from each training fold (never the
//! test fold). Writes a report folder — `report.md`, `report.csv`, `report.jsonl`, the pictures
//! and `manifest.toml` — atomically, and `recsys compare --config <out>/manifest.toml` reruns it
//! to the same numbers. The file format is described in `experiments/README.md`.
//!
//! Exit codes: 2 for a bad experiment file (it does not parse, names an unknown key, model,
//! dataset or protocol, or a value out of range: nothing has run), 1 for a run that failed
//! (missing data or files, a model that failed to fit, an unwritable report folder).

mod config;
mod files;
mod manifest;
mod plan;
mod report;
mod run;
mod spec;

use std::path::PathBuf;

use crate::data_arg::DataArg;
use crate::error::{CliError, CliResult};

pub use config::ConfigError;

/// Arguments of `recsys compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The experiment file (TOML), or the manifest.toml of an earlier run.
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The report folder (default: `reports/<experiment name>`); replaced files are written
    /// atomically, and nothing is written when the run fails.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The peers' folder for `peers:` paths (default: $RECSYS_PEERS, else peers/ beside the
    /// data folder).
    #[arg(long, value_name = "DIR")]
    pub peers: Option<PathBuf>,
    /// Print the report as JSON lines (one object per model, dataset and protocol) on stdout
    /// instead of Markdown tables.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArg,
}

/// Runs `recsys compare`.
pub fn run(args: Args) -> CliResult<()> {
    let usage = |e: ConfigError| CliError::Usage(e.to_string());
    let experiment = config::read(&args.config).map_err(usage)?;
    let plan = plan::check(&args.config, experiment).map_err(usage)?;
    run::run(&args, &plan)
}
