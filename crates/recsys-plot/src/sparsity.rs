//! [`sparsity`]: a picture of a [`DensityGrid`], with a colour bar on a log scale.

use std::path::Path;

use plotters::prelude::*;

use crate::axis::{KeyedAxis, log_ticks, nice_ticks, tick};
use crate::colour::ramp;
use crate::error::err;
use crate::files::{Area, Drawn, Figure, render};
use crate::font::{desc_style, label_style, title_style};
use crate::frame::{Frame, Grid};
use crate::{ChartSpec, DensityGrid, Files, PlotError};

/// Colour levels of the cells and the colour bar.
const LEVELS: usize = 64;

/// log10 of the densities that map to the ends of the colour ramp.
#[derive(Debug, Clone, Copy)]
struct LogScale {
    lo: f64,
    hi: f64,
}

impl LogScale {
    /// From the smallest to the largest positive cell (a decade below when they are equal).
    fn of(g: &DensityGrid) -> Self {
        let positive = g.cells.iter().copied().filter(|&d| d > 0.0);
        let lo = positive.clone().fold(f64::INFINITY, f64::min).log10();
        let hi = positive.fold(0.0f64, f64::max).log10();
        if hi > lo {
            Self { lo, hi }
        } else {
            Self { lo: lo - 1.0, hi }
        }
    }

    /// The colour level (0 to `LEVELS - 1`) of density `d`; `None` (white) for 0.
    fn level(self, d: f64) -> Option<u8> {
        let top = (LEVELS - 1) as f64;
        (d > 0.0).then(|| {
            (((d.log10() - self.lo) / (self.hi - self.lo)) * top)
                .round()
                .clamp(0.0, top) as u8
        })
    }
}

/// The cells of `g` as rectangles in `(item rank, user rank from the bottom)` coordinates: one
/// per run of equal colour in a row (keeps the SVG small), none for empty cells.
fn cell_runs(g: &DensityGrid, scale: LogScale) -> Vec<Rectangle<(f64, f64)>> {
    let (users, items) = (g.users as f64, g.items as f64);
    let cx = |c: usize| c as f64 * items / g.cols as f64;
    let ry = |r: usize| users - r as f64 * users / g.rows as f64;
    let mut rects = Vec::new();
    for r in 0..g.rows {
        let mut start = 0;
        while start < g.cols {
            let l = scale.level(g.cells[r * g.cols + start]);
            let mut end = start + 1;
            while end < g.cols && scale.level(g.cells[r * g.cols + end]) == l {
                end += 1;
            }
            if let Some(l) = l {
                rects.push(Rectangle::new(
                    [(cx(start), ry(r + 1)), (cx(end), ry(r))],
                    ramp(f64::from(l) / (LEVELS - 1) as f64).filled(),
                ));
            }
            start = end;
        }
    }
    rects
}

/// The colour bar: the ramp over log10 density, labelled in densities.
fn colour_bar<DB: DrawingBackend>(area: &Area<DB>, scale: LogScale) -> Drawn {
    let LogScale { lo, hi } = scale;
    let axis = KeyedAxis {
        lo,
        hi,
        keys: log_ticks(lo, hi),
    };
    let mut cb = ChartBuilder::on(area)
        .margin_top(14)
        .margin_bottom(64)
        .margin_right(10)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..1.0, axis)
        .map_err(err)?;
    cb.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_label_formatter(&|v| tick(10f64.powf(*v)))
        .y_desc("cell density (log scale)")
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .draw()
        .map_err(err)?;
    let at = |k: usize| lo + (hi - lo) * k as f64 / LEVELS as f64;
    cb.draw_series((0..LEVELS).map(|k| {
        let col = ramp(k as f64 / (LEVELS - 1) as f64);
        Rectangle::new([(0.0, at(k)), (1.0, at(k + 1))], col.filled())
    }))
    .map_err(err)?;
    Ok(())
}

/// A density grid drawn as an image.
struct Sparsity<'a> {
    grid: &'a DensityGrid,
}

impl Figure for Sparsity<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &Area<DB>, spec: &ChartSpec) -> Drawn {
        let g = self.grid;
        let scale = LogScale::of(g);
        let root = root.titled(&spec.title, title_style()).map_err(err)?;
        let (main, bar) = root.split_horizontally(root.dim_in_pixel().0.saturating_sub(130));
        let (users, items) = (g.users as f64, g.items as f64);
        // axes in ranks; most active users at the top
        let x_axis = KeyedAxis {
            lo: 0.0,
            hi: items,
            keys: nice_ticks(0.0, items, 6),
        };
        let y_keys = nice_ticks(0.0, users, 6).into_iter().map(|k| users - k);
        let y_axis = KeyedAxis {
            lo: 0.0,
            hi: users,
            keys: y_keys.collect(),
        };
        let mut c = Frame::new(spec).uncaptioned().grid(Grid::Off).chart(
            &main,
            (x_axis, &|v| tick(v.round())),
            (y_axis, &|v| tick((users - v).round())),
        )?;
        c.draw_series(cell_runs(g, scale)).map_err(err)?;
        colour_bar(&bar, scale)
    }
}

/// A density image of the user–item matrix (see [`DensityGrid`]): one cell per bin of users and
/// items, coloured by the share of rated pairs on a log scale, white where none is rated; a colour
/// bar on the right. The axes count users and items by rank of activity.
pub fn sparsity(stem: &Path, spec: &ChartSpec, grid: &DensityGrid) -> Result<Files, PlotError> {
    if grid.rows == 0
        || grid.cols == 0
        || grid.cells.len() != grid.rows * grid.cols
        || !grid.cells.iter().any(|&d| d > 0.0)
    {
        return Err(PlotError::Empty("an empty density grid".into()));
    }
    render(stem, spec, &Sparsity { grid })
}
