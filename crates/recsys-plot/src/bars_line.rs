//! [`bars_and_line`]: bars on the left axis and a line on the right axis, over a shared x.

use std::path::Path;

use plotters::chart::SeriesLabelPosition;
use plotters::prelude::*;

use crate::axis::{padded, tick_label};
use crate::colour::colour;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::font::{desc_style, label_style};
use crate::frame::{Frame, Grid, Swatch, legend, name_series, zero_line};
use crate::series::bounds;
use crate::{ChartSpec, Files, PlotError, Series};

/// Bars of one series and a line of another, each on its own y axis.
struct BarsLine<'a> {
    bars: &'a Series,
    line: &'a Series,
    y2_label: &'a str,
}

/// Half the width of bars at `xs`: 40% of the smallest gap between two of them (0.4 for one).
fn half_width(bars: &[(f64, f64)]) -> f64 {
    let mut xs: Vec<f64> = bars.iter().map(|p| p.0).collect();
    xs.sort_by(f64::total_cmp);
    let gap = xs
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|d| *d > 0.0)
        .fold(f64::INFINITY, f64::min);
    if gap.is_finite() { gap * 0.4 } else { 0.4 }
}

impl Figure for BarsLine<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let bars: Vec<(f64, f64)> = self.bars.finite().collect();
        let line: Vec<(f64, f64)> = self.line.finite().collect();
        let b = bounds(std::slice::from_ref(self.bars)).ok_or("no bar")?;
        let l = bounds(std::slice::from_ref(self.line)).ok_or("no line point")?;
        let half = half_width(&bars);
        let x0 = b.0.0.min(l.0.0) - half * 1.5;
        let x1 = b.0.1.max(l.0.1) + half * 1.5;
        let (_, by1) = padded(b.1.0.min(0.0), b.1.1.max(0.0), 0.05);
        let by0 = if b.1.0 >= 0.0 {
            0.0
        } else {
            padded(b.1.0, b.1.1, 0.05).0
        };
        let (ly0, ly1) = padded(l.1.0.min(0.0), l.1.1.max(0.0), 0.05);
        let frame = Frame::new(spec).right_area(80).grid(Grid::Horizontal(225));
        let mut c = frame
            .build(root, x0..x1, by0..by1)?
            .set_secondary_coord(x0..x1, ly0..ly1);
        frame.axes(&mut c, &tick_label, &tick_label)?;
        c.configure_secondary_axes()
            .y_label_formatter(&tick_label)
            .y_desc(self.y2_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .draw()
            .map_err(err)?;
        let (bc, lc) = (colour(4), colour(5));
        let rects = bars
            .iter()
            .map(|&(x, y)| Rectangle::new([(x - half, 0.0), (x + half, y)], bc.filled()));
        let anno = c.draw_series(rects).map_err(err)?;
        if !self.bars.name.is_empty() {
            name_series(anno, &self.bars.name, bc, Swatch::Bar);
        }
        if ly0 < 0.0 && ly1 > 0.0 {
            c.draw_secondary_series(std::iter::once(zero_line(x0, x1, lc.mix(0.5))))
                .map_err(err)?;
        }
        let anno = c
            .draw_secondary_series(LineSeries::new(line, lc.stroke_width(2)))
            .map_err(err)?;
        if !self.line.name.is_empty() {
            name_series(anno, &self.line.name, lc, Swatch::Line);
        }
        if self.bars.name.is_empty() && self.line.name.is_empty() {
            return Ok(());
        }
        legend(&mut c, SeriesLabelPosition::UpperLeft)
    }
}

/// Bars of one series on the left axis and a line of another on the right axis, over a shared
/// numeric x (movies released per year and their profit, ...). `y2_label` names the right axis.
pub fn bars_and_line(
    stem: &Path,
    spec: &ChartSpec,
    bars: &Series,
    line: &Series,
    y2_label: &str,
) -> Result<Files, PlotError> {
    if bars.finite().next().is_none() || line.finite().next().is_none() {
        return Err(PlotError::Empty(
            "bars and line both need a finite point".into(),
        ));
    }
    let fig = BarsLine {
        bars,
        line,
        y2_label,
    };
    render(stem, spec, &fig)
}
