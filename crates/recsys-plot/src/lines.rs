//! Points over a numeric x: [`line_chart`] and [`scatter`].

use std::path::Path;

use plotters::chart::SeriesLabelPosition;
use plotters::prelude::*;

use crate::axis::{padded, tick_label};
use crate::colour::colour;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::frame::{Frame, Swatch, legend, name_series, zero_line};
use crate::series::bounds;
use crate::{ChartSpec, Files, PlotError, Series};

/// How [`Lines`] draws its points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Lines through the points (and the points themselves when there are at most 60).
    Lines,
    /// Half-transparent dots, and a line at y = 0 when the range crosses it.
    Dots,
}

/// Series drawn as lines or as point clouds.
struct Lines<'a> {
    series: &'a [Series],
    mode: Mode,
}

impl Figure for Lines<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let ((x0, x1), (y0, y1)) = bounds(self.series).ok_or("no finite point")?;
        let (x0, x1) = padded(x0, x1, 0.02);
        let (y0, y1) = padded(y0, y1, 0.05);
        let mut c = Frame::new(spec).chart(root, (x0..x1, &tick_label), (y0..y1, &tick_label))?;
        if self.mode == Mode::Dots && y0 < 0.0 && y1 > 0.0 {
            c.draw_series(std::iter::once(zero_line(x0, x1, BLACK.mix(0.5))))
                .map_err(err)?;
        }
        let named = self.series.iter().any(|s| !s.name.is_empty());
        for (k, s) in self.series.iter().enumerate() {
            let col = colour(k);
            let pts: Vec<(f64, f64)> = s.finite().collect();
            let anno = if self.mode == Mode::Lines {
                if pts.len() <= 60 {
                    c.draw_series(pts.iter().map(|&p| Circle::new(p, 3, col.filled())))
                        .map_err(err)?;
                }
                c.draw_series(LineSeries::new(pts, col.stroke_width(2)))
                    .map_err(err)?
            } else {
                let dots = pts
                    .iter()
                    .map(|&p| Circle::new(p, 2, col.mix(0.45).filled()));
                c.draw_series(dots).map_err(err)?
            };
            if named && !s.name.is_empty() {
                name_series(anno, &s.name, col, Swatch::Line);
            }
        }
        if named {
            legend(&mut c, SeriesLabelPosition::UpperRight)?;
        }
        Ok(())
    }
}

/// Draws `series` unless there is no finite point.
fn plot_points(
    stem: &Path,
    spec: &ChartSpec,
    series: &[Series],
    mode: Mode,
) -> Result<Files, PlotError> {
    if bounds(series).is_none() {
        return Err(PlotError::Empty("no finite point".into()));
    }
    render(stem, spec, &Lines { series, mode })
}

/// A line chart of several series (learning curves, ...), with a legend of the named series.
pub fn line_chart(stem: &Path, spec: &ChartSpec, series: &[Series]) -> Result<Files, PlotError> {
    plot_points(stem, spec, series, Mode::Lines)
}

/// A scatter plot of one or several point clouds (half-transparent dots), with a line at y = 0
/// when the values cross it.
pub fn scatter(stem: &Path, spec: &ChartSpec, series: &[Series]) -> Result<Files, PlotError> {
    plot_points(stem, spec, series, Mode::Dots)
}
