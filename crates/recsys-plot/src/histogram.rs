//! Histograms: [`bin`] counts values, [`histogram`] draws the counts.

use std::path::Path;

use plotters::prelude::*;

use crate::axis::tick_label;
use crate::colour::colour;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::frame::{Frame, Grid};
use crate::{ChartSpec, Files, PlotError};

/// Counts of `values` in `bins` equal-width bins over `[lo, hi]` (`None`: the range of the
/// finite values). Returns the bin edges (`bins + 1`) and the counts; values outside the range
/// and non-finite ones are left out.
///
/// ```
/// let (edges, counts) = recsys_plot::bin(&[0.0, 0.5, 1.0, 2.0, f64::NAN], 2, None).unwrap();
/// assert_eq!(edges, vec![0.0, 1.0, 2.0]);
/// assert_eq!(counts, vec![2, 2]);
/// ```
pub fn bin(values: &[f64], bins: usize, range: Option<(f64, f64)>) -> Option<(Vec<f64>, Vec<u64>)> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = match range {
        Some(r) => r,
        None => finite.clone().fold(None, |acc: Option<(f64, f64)>, v| {
            Some(acc.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
        })?,
    };
    if bins == 0 || !lo.is_finite() || !hi.is_finite() || hi < lo {
        return None;
    }
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 0.5, hi + 0.5)
    };
    let w = (hi - lo) / bins as f64;
    let mut counts = vec![0u64; bins];
    let mut any = false;
    for v in finite.filter(|v| (lo..=hi).contains(v)) {
        let k = (((v - lo) / w) as usize).min(bins - 1);
        counts[k] += 1;
        any = true;
    }
    any.then(|| ((0..=bins).map(|k| lo + w * k as f64).collect(), counts))
}

/// Bin counts and their edges (one more edge than counts).
struct Hist {
    edges: Vec<f64>,
    counts: Vec<u64>,
}

impl Figure for Hist {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let lo = self.edges[0];
        let hi = self.edges[self.edges.len() - 1];
        let max = self.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let frame = Frame::new(spec).grid(Grid::Horizontal(220));
        let mut c = frame.chart(root, (lo..hi, &tick_label), (0.0..max * 1.05, &tick_label))?;
        // filled bars, then white outlines of the non-empty ones so neighbouring bins stay apart
        for (style, outline) in [(colour(0).filled(), false), (WHITE.stroke_width(1), true)] {
            let bins = self
                .counts
                .iter()
                .enumerate()
                .filter(|x| !outline || *x.1 > 0);
            c.draw_series(bins.map(|(k, &n)| {
                Rectangle::new([(self.edges[k], 0.0), (self.edges[k + 1], n as f64)], style)
            }))
            .map_err(err)?;
        }
        Ok(())
    }
}

/// A histogram of `values` in `bins` equal-width bins over `range` (`None`: the data's range).
pub fn histogram(
    stem: &Path,
    spec: &ChartSpec,
    values: &[f64],
    bins: usize,
    range: Option<(f64, f64)>,
) -> Result<Files, PlotError> {
    let (edges, counts) =
        bin(values, bins, range).ok_or_else(|| PlotError::Empty("no value to bin".into()))?;
    render(stem, spec, &Hist { edges, counts })
}
