//! `recsys`: fetch the datasets, fit and save any registry model, ask it for recommendations,
//! and compare models from an experiment file — from the shell.
//!
//! Exit codes: 0 ok, 1 the command failed, 2 bad usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod compare;
mod data_arg;
mod data_cmd;
mod eda;
mod error;
mod fit;
mod hybrid;
mod list_args;
mod model_file;
mod output;
mod progress;
mod ratings_arg;
mod recommend;
mod similar;
mod titles;

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "recsys",
    version,
    about = "Recommender systems for movies, from the shell",
    long_about = "Recommender systems for movies, from the shell.\n\n\
        Datasets are found in --data DIR, then $RECSYS_DATA, then the cache ($RECSYS_CACHE, \
        else ~/.cache/recsys); a missing GroupLens archive (ml-100k, ml-1m, ml-latest-small) \
        is downloaded into the cache on first use.\n\n\
        Exit codes: 0 ok, 1 the command failed, 2 bad usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Datasets: fetch the GroupLens archives, list what is present and where, print a summary.
    Data(data_cmd::Args),
    /// Fit a registry model on a dataset and save it to a model file.
    Fit(fit::Args),
    /// A saved model's top N movies for a user.
    Recommend(recommend::Args),
    /// Movies similar to a title (TF-IDF neighbours re-ranked by weighted rating).
    Similar(similar::Args),
    /// For a user and a movie they liked: similar unseen movies by predicted rating.
    Hybrid(hybrid::Args),
    /// Exploratory pictures of a dataset (PNG and SVG).
    Eda(eda::Args),
    /// Compare models on datasets and protocols described in a TOML experiment file.
    Compare(compare::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: error::CliResult<()> = match cli.command {
        Command::Data(args) => data_cmd::run(args),
        Command::Fit(args) => fit::run(args),
        Command::Recommend(args) => recommend::run(args),
        Command::Similar(args) => similar::run(args),
        Command::Hybrid(args) => hybrid::run(args),
        Command::Eda(args) => eda::run(args),
        Command::Compare(args) => compare::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
