//! # recsys-plot
//!
//! Charts for the command-line examples (`eda`, `compare`): each function draws one picture and
//! writes it twice, as `<stem>.png` and `<stem>.svg`, and returns the two paths ([`Files`]).
//!
//! | function | picture |
//! |---|---|
//! | [`bar_chart`], [`grouped_bars`] | bars per category, vertical or horizontal ([`Orientation`]) |
//! | [`histogram()`] (counts by [`bin`]) | a histogram of values |
//! | [`line_chart`], [`scatter`] | lines or point clouds of [`Series`] |
//! | [`bars_and_line`] | bars on the left axis, a line on the right axis |
//! | [`intervals()`] | estimates with their confidence intervals ([`Interval`]) |
//! | [`sparsity()`] | the user–item matrix as a density image ([`DensityGrid`]) |
//!
//! Every chart takes a [`ChartSpec`]: title, axis labels and size. Text is drawn with DejaVu
//! Sans, embedded in the crate (`assets/fonts/`), so no system font library is needed.
//! Non-finite values are left out; a chart with nothing left to draw is a [`PlotError::Empty`]
//! error, never a panic.
//!
//! ```
//! use recsys_plot::{ChartSpec, Orientation};
//! # let dir = tempfile::tempdir()?;
//! let stem = dir.path().join("ratings"); // writes ratings.png and ratings.svg
//! let bars = vec![("1".to_string(), 6110.0), ("2".to_string(), 11370.0)];
//! let spec = ChartSpec::new("Rating distribution").labels("rating", "ratings");
//! let files = recsys_plot::bar_chart(&stem, &spec, &bars, Orientation::Vertical)?;
//! assert!(files.png.is_file() && files.svg.is_file());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pieces of the workspace that compute (`recsys-data`, `recsys-eval`, ...) never plot: these
//! functions take their results as plain numbers. The one exception is [`eda`], the exploratory
//! pictures of a dataset, which reads the dataset through `recsys-data` (so the `eda` example and
//! `recsys eda` share it). The facade `recsys` re-exports this crate as
//! `recsys::plot` behind its `plot` feature.

#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod axis;
mod bars;
mod bars_line;
mod colour;
mod comparison;
mod density;
pub mod eda;
mod error;
mod files;
mod font;
mod frame;
mod histogram;
mod intervals;
mod lines;
mod series;
mod sparsity;
mod spec;

pub use axis::tick;
pub use bars::{Orientation, bar_chart, grouped_bars};
pub use bars_line::bars_and_line;
pub use comparison::{COMPARISON_METRICS, ModelResult, comparison_charts};
pub use density::DensityGrid;
pub use error::PlotError;
pub use files::Files;
pub use histogram::{bin, histogram};
pub use intervals::{Interval, intervals};
pub use lines::{line_chart, scatter};
pub use series::Series;
pub use sparsity::sparsity;
pub use spec::ChartSpec;
