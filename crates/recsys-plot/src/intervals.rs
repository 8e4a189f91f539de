//! [`intervals`]: estimates with their confidence intervals, one per category.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis::{KeyedAxis, category_label, label_step, padded, tick_label};
use crate::colour::colour;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::font::label_style;
use crate::frame::{Frame, Grid};
use crate::{ChartSpec, Files, PlotError};

/// An estimate with its confidence interval, for [`intervals`].
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// Category label (a model name).
    pub label: String,
    /// Point estimate.
    pub value: f64,
    /// Lower bound (NaN: no interval).
    pub lo: f64,
    /// Upper bound (NaN: no interval).
    pub hi: f64,
}

/// The estimates, in the order given.
struct Intervals<'a> {
    items: &'a [Interval],
}

impl Figure for Intervals<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let n = self.items.len();
        let (lo, hi) = self
            .items
            .iter()
            .flat_map(|e| [e.value, e.lo, e.hi])
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            });
        let (y0, y1) = padded(lo, hi, 0.15);
        let labels: Vec<&str> = self.items.iter().map(|e| e.label.as_str()).collect();
        let cat_label = |v: &f64| category_label(&labels, *v, false);
        let step = label_step(self.items.iter().map(|e| &e.label), spec.width);
        let cats = KeyedAxis::categories(n, step);
        let frame = Frame::new(spec).grid(Grid::Horizontal(225));
        let mut c = frame.chart(root, (cats, &cat_label), (y0..y1, &tick_label))?;
        for (i, e) in self.items.iter().enumerate() {
            let x = i as f64;
            let col = colour(i);
            if e.lo.is_finite() && e.hi.is_finite() {
                let cap = 0.12;
                c.draw_series([
                    PathElement::new(vec![(x, e.lo), (x, e.hi)], col.stroke_width(2)),
                    PathElement::new(vec![(x - cap, e.lo), (x + cap, e.lo)], col.stroke_width(2)),
                    PathElement::new(vec![(x - cap, e.hi), (x + cap, e.hi)], col.stroke_width(2)),
                ])
                .map_err(err)?;
            }
            if e.value.is_finite() {
                c.draw_series(std::iter::once(Circle::new((x, e.value), 5, col.filled())))
                    .map_err(err)?;
                let style = label_style().pos(Pos::new(HPos::Left, VPos::Center));
                c.draw_series(std::iter::once(Text::new(
                    format!("{:.4}", e.value),
                    (x + 0.17, e.value),
                    style,
                )))
                .map_err(err)?;
            }
        }
        Ok(())
    }
}

/// One point per category (a model) with its interval as an error bar; the value axis is
/// zoomed on the estimates, and each point is labelled with its value.
pub fn intervals(stem: &Path, spec: &ChartSpec, items: &[Interval]) -> Result<Files, PlotError> {
    if !items.iter().any(|e| e.value.is_finite()) {
        return Err(PlotError::Empty("no finite estimate".into()));
    }
    render(stem, spec, &Intervals { items })
}
