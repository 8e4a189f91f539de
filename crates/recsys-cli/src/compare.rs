//! `recsys compare --config experiment.toml`.

use std::path::PathBuf;

/// Arguments of `recsys compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The experiment file (TOML), or a manifest written by an earlier run.
    #[arg(long)]
    pub config: PathBuf,
}

/// Runs `recsys compare`.
pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    Err(format!("compare: not built yet ({})", args.config.display()).into())
}
