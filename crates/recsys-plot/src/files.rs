//! Writing a chart twice, as `<stem>.png` and `<stem>.svg`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::err;
use crate::font::register_font;
use crate::{ChartSpec, PlotError};

/// The two files a chart function wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    /// `<stem>.png`.
    pub png: PathBuf,
    /// `<stem>.svg`.
    pub svg: PathBuf,
}

/// A picture, or a part of one, on a drawing backend, in pixels.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// What drawing gives: on failure, the backend's message.
pub(crate) type Drawn = Result<(), String>;

/// A chart that can draw itself on any backend.
pub(crate) trait Figure {
    /// Draws on `root` (already white) with the title, labels and size of `spec`.
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn;
}

/// `stem` with `.ext` appended (not replacing anything after a dot in the stem).
fn with_ext(stem: &Path, ext: &str) -> PathBuf {
    let mut s = OsString::from(stem.as_os_str());
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// Draws `fig` on a white `root` and writes it out.
fn draw_on<DB: DrawingBackend>(
    root: Area<DB>,
    spec: &ChartSpec,
    fig: &impl Figure,
    path: &Path,
) -> Result<(), PlotError> {
    let drawn = root
        .fill(&WHITE)
        .map_err(err)
        .and_then(|()| fig.draw(&root, spec))
        .and_then(|()| root.present().map_err(err));
    drawn.map_err(|reason| PlotError::Draw {
        path: path.to_path_buf(),
        reason,
    })
}

/// Checks the size, creates the folder of `stem` and writes `fig` as PNG and SVG.
pub(crate) fn render(stem: &Path, spec: &ChartSpec, fig: &impl Figure) -> Result<Files, PlotError> {
    let size = spec.checked_size()?;
    register_font()?;
    if let Some(dir) = stem.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let png = with_ext(stem, "png");
    let area = BitMapBackend::new(&png, size).into_drawing_area();
    draw_on(area, spec, fig, &png)?;
    let svg = with_ext(stem, "svg");
    let area = SVGBackend::new(&svg, size).into_drawing_area();
    draw_on(area, spec, fig, &svg)?;
    Ok(Files { png, svg })
}
