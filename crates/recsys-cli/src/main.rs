//! `recsys`: fetch the datasets, fit and save any registry model, ask it for recommendations,
//! and compare models from an experiment file — from the shell.
//!
//! Exit codes: 0 ok, 1 the command failed, 2 bad usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod compare;

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "recsys",
    version,
    about = "Recommender systems for movies, from the shell"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Compare models on datasets and protocols described in a TOML experiment file.
    Compare(compare::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Compare(args) => compare::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
