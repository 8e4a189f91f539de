//! Categorical bar charts: [`bar_chart`] and [`grouped_bars`], vertical or horizontal.

use std::path::Path;

use plotters::chart::{ChartContext, SeriesLabelPosition};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;

use crate::axis::{KeyedAxis, category_label, label_step, padded, tick_label};
use crate::colour::colour;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::font::{LABEL_SIZE, text_px};
use crate::frame::{Frame, Grid, Swatch, legend, name_series};
use crate::{ChartSpec, Files, PlotError};

/// Direction of the bars of a categorical bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Categories along the horizontal axis, bars going up (few, short labels).
    Vertical,
    /// Categories down the vertical axis, bars going right (many or long labels).
    Horizontal,
}

/// Series of values per category, drawn side by side within each category.
struct Bars<'a> {
    categories: &'a [String],
    series: &'a [(String, Vec<f64>)],
    orientation: Orientation,
}

impl Figure for Bars<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let (n, m) = (self.categories.len(), self.series.len());
        let vals = self
            .series
            .iter()
            .flat_map(|s| s.1.iter().copied())
            .filter(|v| v.is_finite());
        let (vmin, vmax) = vals.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let (vlo, vhi) = padded(vmin, vmax, 0.05);
        let vlo = if vmin >= 0.0 { 0.0 } else { vlo };
        let base = 0.0f64.max(vlo);
        let labels = self.categories;
        let width = 0.8 / m as f64;
        // bar k of category i spans [i - 0.4 + k·width, i - 0.4 + (k+1)·width]
        let band = |i: usize, k: usize| {
            let a = i as f64 - 0.4 + k as f64 * width;
            (a, a + width)
        };
        let frame = Frame::new(spec);
        match self.orientation {
            Orientation::Vertical => {
                let step = label_step(labels.iter(), spec.width);
                let cats = KeyedAxis::categories(n, step);
                let cat = |v: &f64| category_label(labels, *v, false);
                let frame = frame.grid(Grid::Horizontal(220));
                let mut c = frame.chart(root, (cats, &cat), (vlo..vhi, &tick_label))?;
                let bar = |i, k, v| {
                    let (x0, x1) = band(i, k);
                    [(x0, base), (x1, v)]
                };
                self.draw_bars(&mut c, bar, SeriesLabelPosition::UpperRight)
            }
            Orientation::Horizontal => {
                let longest = labels.iter().map(|l| text_px(l, LABEL_SIZE)).max();
                // first category on top
                let cat = |v: &f64| category_label(labels, *v, true);
                let frame = frame.y_area(longest.unwrap_or(0) + 24);
                let mut c = frame.grid(Grid::Vertical(220)).chart(
                    root,
                    (vlo..vhi, &tick_label),
                    (KeyedAxis::categories(n, 1), &cat),
                )?;
                // within a category, series top to bottom
                let bar = |i, k, v| {
                    let (y0, y1) = band(n - 1 - i, m - 1 - k);
                    [(base, y0), (v, y1)]
                };
                self.draw_bars(&mut c, bar, SeriesLabelPosition::LowerRight)
            }
        }
    }
}

impl Bars<'_> {
    /// Draws the finite values of every series, `bar(i, k, v)` being the corners of series
    /// `k`'s bar of value `v` in category `i`, and a legend when there is a series to name.
    fn draw_bars<'a, DB, X, Y>(
        &self,
        c: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
        bar: impl Fn(usize, usize, f64) -> [(f64, f64); 2],
        position: SeriesLabelPosition,
    ) -> Drawn
    where
        DB: DrawingBackend + 'a,
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        let named = self.series.len() > 1 || self.series.iter().any(|s| !s.0.is_empty());
        for (k, (name, values)) in self.series.iter().enumerate() {
            let col = colour(k);
            let finite = values.iter().enumerate().filter(|v| v.1.is_finite());
            let rects = finite.map(|(i, &v)| Rectangle::new(bar(i, k, v), col.filled()));
            let anno = c.draw_series(rects).map_err(err)?;
            if named {
                name_series(anno, name, col, Swatch::Bar);
            }
        }
        if named {
            legend(c, position)?;
        }
        Ok(())
    }
}

/// Checks that there are bars, as many values per series as categories, and a finite one.
fn check_bars(categories: &[String], series: &[(String, Vec<f64>)]) -> Result<(), PlotError> {
    if series.is_empty() || categories.is_empty() {
        return Err(PlotError::Empty("no bars".into()));
    }
    if let Some(s) = series.iter().find(|s| s.1.len() != categories.len()) {
        return Err(PlotError::Invalid(format!(
            "series {:?} has {} values for {} categories",
            s.0,
            s.1.len(),
            categories.len()
        )));
    }
    if !series.iter().flat_map(|s| &s.1).any(|v| v.is_finite()) {
        return Err(PlotError::Empty("no finite bar value".into()));
    }
    Ok(())
}

/// Grows a horizontal chart so every category label gets a line of its own.
fn fit_categories(
    spec: &ChartSpec,
    n: usize,
    series: usize,
    orientation: Orientation,
) -> ChartSpec {
    let mut c = spec.clone();
    if orientation == Orientation::Horizontal {
        let per = (LABEL_SIZE + 8).max(10 * series as u32 + 6);
        let needed = u32::try_from(n)
            .unwrap_or(u32::MAX)
            .saturating_mul(per)
            .saturating_add(150);
        c.height = c.height.max(needed).min(10_000);
    }
    c
}

/// A bar chart of `(label, value)` pairs, in the given order (labels of a vertical chart are
/// thinned out when they would overlap).
pub fn bar_chart(
    stem: &Path,
    spec: &ChartSpec,
    bars: &[(String, f64)],
    orientation: Orientation,
) -> Result<Files, PlotError> {
    let categories: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let series = vec![(String::new(), bars.iter().map(|b| b.1).collect())];
    grouped_bars(stem, spec, &categories, &series, orientation)
}

/// Bars of several series side by side per category (`series[k].1[i]` is series `k`'s value for
/// `categories[i]`), with a legend of the series names.
pub fn grouped_bars(
    stem: &Path,
    spec: &ChartSpec,
    categories: &[String],
    series: &[(String, Vec<f64>)],
    orientation: Orientation,
) -> Result<Files, PlotError> {
    check_bars(categories, series)?;
    let spec = fit_categories(spec, categories.len(), series.len(), orientation);
    let bars = Bars {
        categories,
        series,
        orientation,
    };
    render(stem, &spec, &bars)
}
