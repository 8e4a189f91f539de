//! [`PlotError`], why a chart could not be drawn.

use std::fmt::Display;
use std::path::PathBuf;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlotError {
    /// Nothing (finite) to draw.
    #[error("nothing to plot: {0}")]
    Empty(String),
    /// Inconsistent input: lengths that differ, a size too small to draw in, ...
    #[error("invalid plot input: {0}")]
    Invalid(String),
    /// The embedded font could not be registered.
    #[error("the embedded font could not be loaded")]
    Font,
    /// The output folder could not be created.
    #[error("creating {path}: {source}")]
    Io {
        /// The folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A dataset could not be read (the [`eda`](crate::eda) pictures).
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
    /// Drawing or encoding failed.
    #[error("drawing {path}: {reason}")]
    Draw {
        /// The file being written.
        path: PathBuf,
        /// The backend's message.
        reason: String,
    },
}

/// A backend's error as the message that [`PlotError::Draw`] carries.
pub(crate) fn err<E: Display>(e: E) -> String {
    e.to_string()
}
