//! Shared by the examples: a run's result as the process's exit code, the error on stderr.

use std::process::ExitCode;

/// `ExitCode::SUCCESS` for `Ok`; for an error, prints `error: …` to stderr and fails.
pub fn exit_code<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
