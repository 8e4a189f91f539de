//! The frame every chart kind draws in: title, margins, label areas, axes and grid, legend.

use plotters::chart::{ChartContext, SeriesAnno, SeriesLabelPosition};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::prelude::*;

use crate::ChartSpec;
use crate::error::err;
use crate::files::{Area, Drawn};
use crate::font::{desc_style, label_style, title_style};

/// A tick label formatter of an axis over `f64`.
pub(crate) type Fmt<'f> = &'f dyn Fn(&f64) -> String;

/// The coordinate system built over the axes `x` and `y` (ranges or [`Ranged`] axes).
pub(crate) type Plot<'a, DB, X, Y> = ChartContext<
    'a,
    DB,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// Which grid lines run across the plot (at the bold ticks), grey at `RGBColor(g, g, g)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grid {
    /// Both ways.
    Both(u8),
    /// Horizontal lines only (at the ticks of the vertical axis).
    Horizontal(u8),
    /// Vertical lines only (at the ticks of the horizontal axis).
    Vertical(u8),
    /// None.
    Off,
}

/// How a chart is framed: the part of its layout that differs between chart kinds. The rest
/// (14 px margin, 50 px below the plot for the x labels, text styles) is the same for all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<'s> {
    spec: &'s ChartSpec,
    caption: bool,
    y_area: u32,
    right_area: Option<u32>,
    grid: Grid,
}

impl<'s> Frame<'s> {
    /// A captioned frame with 80 px for the y labels and light grey grid lines both ways.
    pub(crate) fn new(spec: &'s ChartSpec) -> Self {
        Self {
            spec,
            caption: true,
            y_area: 80,
            right_area: None,
            grid: Grid::Both(225),
        }
    }

    /// No caption (the caller titled the drawing area itself).
    pub(crate) fn uncaptioned(mut self) -> Self {
        self.caption = false;
        self
    }

    /// `px` pixels left of the plot for the y labels.
    pub(crate) fn y_area(mut self, px: u32) -> Self {
        self.y_area = px;
        self
    }

    /// `px` pixels right of the plot for the labels of a secondary y axis.
    pub(crate) fn right_area(mut self, px: u32) -> Self {
        self.right_area = Some(px);
        self
    }

    /// The grid lines.
    pub(crate) fn grid(mut self, grid: Grid) -> Self {
        self.grid = grid;
        self
    }

    /// The coordinate system `x × y` on `area`, axes not drawn yet (see [`Frame::axes`]).
    pub(crate) fn build<'a, DB, X, Y>(
        &self,
        area: &'a Area<DB>,
        x: X,
        y: Y,
    ) -> Result<Plot<'a, DB, X, Y>, String>
    where
        DB: DrawingBackend,
        X: AsRangedCoord<Value = f64>,
        Y: AsRangedCoord<Value = f64>,
    {
        let mut b = ChartBuilder::on(area);
        if self.caption {
            b.caption(&self.spec.title, title_style());
        }
        b.margin(14)
            .x_label_area_size(50)
            .y_label_area_size(self.y_area);
        if let Some(px) = self.right_area {
            b.right_y_label_area_size(px);
        }
        b.build_cartesian_2d(x, y).map_err(err)
    }

    /// Draws the axes, their labels (tick labels by `x_fmt` and `y_fmt`, descriptions from the
    /// spec) and the grid.
    pub(crate) fn axes<DB, X, Y>(
        &self,
        c: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
        x_fmt: Fmt<'_>,
        y_fmt: Fmt<'_>,
    ) -> Drawn
    where
        DB: DrawingBackend,
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let mut mesh = c.configure_mesh();
        mesh.x_label_formatter(x_fmt)
            .y_label_formatter(y_fmt)
            .x_desc(&self.spec.x_label)
            .y_desc(&self.spec.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style());
        let grey = match self.grid {
            Grid::Both(g) => g,
            Grid::Horizontal(g) => {
                mesh.disable_x_mesh();
                g
            }
            Grid::Vertical(g) => {
                mesh.disable_y_mesh();
                g
            }
            Grid::Off => return mesh.disable_mesh().draw().map_err(err),
        };
        mesh.max_light_lines(0)
            .bold_line_style(RGBColor(grey, grey, grey))
            .draw()
            .map_err(err)
    }

    /// [`Frame::build`] then [`Frame::axes`].
    pub(crate) fn chart<'a, DB, X, Y>(
        &self,
        area: &'a Area<DB>,
        (x, x_fmt): (X, Fmt<'_>),
        (y, y_fmt): (Y, Fmt<'_>),
    ) -> Result<Plot<'a, DB, X, Y>, String>
    where
        DB: DrawingBackend,
        X: AsRangedCoord<Value = f64>,
        Y: AsRangedCoord<Value = f64>,
        X::CoordDescType: ValueFormatter<f64>,
        Y::CoordDescType: ValueFormatter<f64>,
    {
        let mut c = self.build(area, x, y)?;
        self.axes(&mut c, x_fmt, y_fmt)?;
        Ok(c)
    }
}

/// What a legend entry shows next to a series name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// A filled square (bars).
    Bar,
    /// A thick line (lines).
    Line,
}

/// Names a drawn series in the legend with a swatch of its colour.
pub(crate) fn name_series<DB: DrawingBackend>(
    anno: &mut SeriesAnno<'_, DB>,
    name: &str,
    col: RGBColor,
    swatch: Swatch,
) {
    let anno = anno.label(name);
    match swatch {
        Swatch::Bar => {
            anno.legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], col.filled()))
        }
        Swatch::Line => anno
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], col.stroke_width(3))),
    };
}

/// Draws the legend of the named series in a corner of the plot.
pub(crate) fn legend<'a, DB, X, Y>(
    c: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
) -> Drawn
where
    DB: DrawingBackend + 'a,
    X: Ranged,
    Y: Ranged,
{
    c.configure_series_labels()
        .position(position)
        .label_font(label_style())
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(err)
}

/// A thin horizontal line at y = 0 from `x0` to `x1`.
pub(crate) fn zero_line(x0: f64, x1: f64, style: RGBAColor) -> PathElement<(f64, f64)> {
    PathElement::new(vec![(x0, 0.0), (x1, 0.0)], style.stroke_width(1))
}
