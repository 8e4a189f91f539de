//! [`CliError`]: why a command failed, and the process exit code it maps to.

use std::fmt;

/// A boxed error of any library crate.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a command failed. Any library error converts into [`CliError::Failed`] with `?`.
///
/// Exit codes ([`CliError::exit_code`]): 1 for a command that failed (bad data, unknown model,
/// user or title, a damaged model file, a failed download), 2 for bad usage that clap could not
/// catch (clap's own usage errors also exit with 2).
pub enum CliError {
    /// The command line is wrong (exit code 2).
    Usage(String),
    /// The command failed (exit code 1): the library's typed error, kept as the source.
    Failed(BoxError),
}

/// `Result` with [`CliError`].
pub type CliResult<T> = Result<T, CliError>;

impl CliError {
    /// A failure with a message only.
    pub fn msg(message: impl Into<String>) -> Self {
        CliError::Failed(message.into().into())
    }

    /// The failure with `context` (what was being done) before the error's own message.
    #[allow(dead_code)] // for the subcommands that add context (compare)
    pub fn context(self, context: impl fmt::Display) -> Self {
        match self {
            CliError::Usage(m) => CliError::Usage(format!("{context}: {m}")),
            CliError::Failed(e) => CliError::Failed(format!("{context}: {e}").into()),
        }
    }

    /// The process exit code: 2 for [`CliError::Usage`], 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}

impl<E: Into<BoxError>> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError::Failed(e.into())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) => write!(f, "{m}"),
            CliError::Failed(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Debug for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
