//! Charts for the command-line examples (`eda`, `compare`): each function draws one picture and
//! writes it twice, as `<stem>.png` and `<stem>.svg`, and returns the two paths.
//!
//! Text is drawn with DejaVu Sans, embedded in the crate (`assets/fonts/`), so no system font
//! library is needed. Non-finite values are left out; a chart with nothing left to draw is a
//! [`PlotError::Empty`] error, never a panic.
//!
//! ```no_run
//! use recsys_plot::{self, Chart, Orientation};
//! let bars = vec![("1".to_string(), 6110.0), ("2".to_string(), 11370.0)];
//! let chart = Chart::new("Rating distribution").labels("rating", "ratings");
//! let files = plot::bar_chart("out/ratings".as_ref(), &chart, &bars, Orientation::Vertical)?;
//! println!("{}", files.png.display());
//! # Ok::<(), recsys_plot::PlotError>(())
//! ```
//!
//! The pieces of the workspace that compute (`recsys-data`, `recsys-eval`, ...) never plot: these
//! functions take their results as plain numbers.

use std::ffi::OsString;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use recsys_core::Interactions;

/// DejaVu Sans (Bitstream Vera license, see `assets/fonts/LICENSE-DejaVu.txt`).
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// The font family every chart uses; the embedded font is registered under this name.
const FONT: &str = "sans-serif";

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
    /// Drawing or encoding failed.
    #[error("drawing {path}: {reason}")]
    Draw {
        /// The file being written.
        path: PathBuf,
        /// The backend's message.
        reason: String,
    },
}

/// Title, axis labels and size of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Caption above the plot.
    pub title: String,
    /// Label of the horizontal axis.
    pub x_label: String,
    /// Label of the vertical axis.
    pub y_label: String,
    /// Width in pixels (at least 200).
    pub width: u32,
    /// Height in pixels (at least 150); horizontal bar charts grow it to fit their labels.
    pub height: u32,
}

impl Chart {
    /// A 900 × 540 chart with a title and no axis labels.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            x_label: String::new(),
            y_label: String::new(),
            width: 900,
            height: 540,
        }
    }

    /// Sets the axis labels.
    pub fn labels(mut self, x: impl Into<String>, y: impl Into<String>) -> Self {
        self.x_label = x.into();
        self.y_label = y.into();
        self
    }

    /// Sets the size in pixels.
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }
}

/// The two files a chart function wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    /// `<stem>.png`.
    pub png: PathBuf,
    /// `<stem>.svg`.
    pub svg: PathBuf,
}

/// A named series of `(x, y)` points (a line, a set of bars, a scatter cloud).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend entry (empty: no legend entry).
    pub name: String,
    /// The points.
    pub points: Vec<(f64, f64)>,
}

impl Series {
    /// A series from a name and points.
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Self {
            name: name.into(),
            points,
        }
    }

    fn finite(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
    }
}

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

/// Direction of the bars of a categorical bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Categories along the horizontal axis, bars going up (few, short labels).
    Vertical,
    /// Categories down the vertical axis, bars going right (many or long labels).
    Horizontal,
}

/// Series colours (colour-blind friendly, Okabe–Ito).
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(120, 120, 120),
];

/// The `k`-th series colour.
fn colour(k: usize) -> RGBColor {
    PALETTE[k % PALETTE.len()]
}

fn register_font() -> Result<(), PlotError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, FONT_BYTES).is_ok()
    });
    if ok { Ok(()) } else { Err(PlotError::Font) }
}

fn with_ext(stem: &Path, ext: &str) -> PathBuf {
    let mut s = OsString::from(stem.as_os_str());
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// A chart that can draw itself on any backend.
trait Figure {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

fn err<E: Display>(e: E) -> String {
    e.to_string()
}

fn render(stem: &Path, chart: &Chart, fig: &impl Figure) -> Result<Files, PlotError> {
    if chart.width < 200 || chart.height < 150 || chart.width > 10_000 || chart.height > 10_000 {
        return Err(PlotError::Invalid(format!(
            "chart size {}×{} (width 200–10000, height 150–10000)",
            chart.width, chart.height
        )));
    }
    register_font()?;
    if let Some(dir) = stem.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let size = (chart.width, chart.height);
    let png = with_ext(stem, "png");
    let draw_err = |path: &Path| {
        let path = path.to_path_buf();
        move |reason: String| PlotError::Draw { path, reason }
    };
    {
        let root = BitMapBackend::new(&png, size).into_drawing_area();
        root.fill(&WHITE).map_err(err).map_err(draw_err(&png))?;
        fig.draw(&root).map_err(draw_err(&png))?;
        root.present().map_err(err).map_err(draw_err(&png))?;
    }
    let svg = with_ext(stem, "svg");
    {
        let root = SVGBackend::new(&svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err).map_err(draw_err(&svg))?;
        fig.draw(&root).map_err(draw_err(&svg))?;
        root.present().map_err(err).map_err(draw_err(&svg))?;
    }
    Ok(Files { png, svg })
}

/// A compact tick label: `1.5M`, `250k`, `12`, `0.95`, `0.0012`.
pub fn tick(v: f64) -> String {
    let a = v.abs();
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if !v.is_finite() {
        return String::new();
    }
    if a >= 1e9 {
        format!("{}B", trim(format!("{:.2}", v / 1e9)))
    } else if a >= 1e6 {
        format!("{}M", trim(format!("{:.2}", v / 1e6)))
    } else if a >= 1e4 {
        format!("{}k", trim(format!("{:.1}", v / 1e3)))
    } else if a >= 100.0 || a == 0.0 {
        trim(format!("{v:.0}"))
    } else if a >= 1.0 {
        trim(format!("{v:.2}"))
    } else {
        let decimals = (-a.log10().floor()) as usize + 2;
        trim(format!("{v:.decimals$}"))
    }
}

/// `(lo, hi)` widened by `pad` of its span on both sides (or by 1 / 1% when the span is 0).
fn padded(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    let span = hi - lo;
    if span > 0.0 {
        (lo - span * pad, hi + span * pad)
    } else {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.01 };
        (lo - d, hi + d)
    }
}

/// Pixel width of a label (an estimate: DejaVu Sans averages ~0.6 em).
fn text_px(s: &str, size: u32) -> u32 {
    (s.chars().count() as u32 * size * 6).div_ceil(10)
}

const TITLE_SIZE: u32 = 22;
const LABEL_SIZE: u32 = 14;
const DESC_SIZE: u32 = 16;

fn title_style() -> TextStyle<'static> {
    (FONT, TITLE_SIZE).into_font().into()
}

fn label_style() -> TextStyle<'static> {
    (FONT, LABEL_SIZE).into_font().into()
}

fn desc_style() -> TextStyle<'static> {
    (FONT, DESC_SIZE).into_font().into()
}

// ------------------------------------------------------------------ category axis

/// A numeric axis over `lo..hi` whose ticks are exactly `keys` (category centres), so categories
/// can be labelled while bars sit at fractional positions.
#[derive(Debug, Clone)]
struct KeyedAxis {
    lo: f64,
    hi: f64,
    keys: Vec<f64>,
}

impl KeyedAxis {
    /// `n` categories at 0, 1, ..., labelled every `step`.
    fn categories(n: usize, step: usize) -> Self {
        Self {
            lo: -0.5,
            hi: n as f64 - 0.5,
            keys: (0..n).step_by(step.max(1)).map(|i| i as f64).collect(),
        }
    }
}

/// About `target` round tick values (steps of 1, 2 or 5 × 10^k) in `[lo, hi]`.
fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let raw = (hi - lo) / target.max(1) as f64;
    if !(raw > 0.0 && raw.is_finite()) {
        return vec![lo];
    }
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Ticks of a log10 axis over `[lo, hi]` (exponents): 1, 2 and 5 × 10^k, or only the powers of
/// ten when the range spans more than three decades.
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mults: &[f64] = if hi - lo > 3.0 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut out = Vec::new();
    for e in (lo.floor() as i32)..=(hi.ceil() as i32) {
        for m in mults {
            let v = (m * 10f64.powi(e)).log10();
            if v >= lo - 1e-9 && v <= hi + 1e-9 {
                out.push(v);
            }
        }
    }
    out
}

impl Ranged for KeyedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        let t = (v - self.lo) / (self.hi - self.lo);
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.keys.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

// ------------------------------------------------------------------ categorical bars

struct Bars<'a> {
    chart: &'a Chart,
    categories: &'a [String],
    series: &'a [(String, Vec<f64>)],
    orientation: Orientation,
}

impl Figure for Bars<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.categories.len();
        let m = self.series.len();
        let vals = self
            .series
            .iter()
            .flat_map(|s| s.1.iter().copied())
            .filter(|v| v.is_finite());
        let (vmin, vmax) = vals.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
        let (vlo, vhi) = padded(vmin, vmax, 0.05);
        let (vlo, vhi) = (if vmin >= 0.0 { 0.0 } else { vlo }, vhi);
        let cat_range = KeyedAxis::categories(n, self.label_step());
        let labels = self.categories;
        let cat_label = move |v: &f64| {
            let i = v.round();
            if i >= 0.0 && (i as usize) < labels.len() {
                labels[i as usize].clone()
            } else {
                String::new()
            }
        };
        let longest = labels
            .iter()
            .map(|l| text_px(l, LABEL_SIZE))
            .max()
            .unwrap_or(0);
        let value_label = |v: &f64| tick(*v);
        let legend = m > 1 || self.series.iter().any(|s| !s.0.is_empty());
        let mut b = ChartBuilder::on(root);
        b.caption(&self.chart.title, title_style()).margin(14);
        let width = 0.8 / m as f64;
        // bar k of category i spans [i - 0.4 + k·width, i - 0.4 + (k+1)·width]
        let band = |i: usize, k: usize| {
            let a = i as f64 - 0.4 + k as f64 * width;
            (a, a + width)
        };
        match self.orientation {
            Orientation::Vertical => {
                b.x_label_area_size(50).y_label_area_size(80);
                let mut c = b.build_cartesian_2d(cat_range, vlo..vhi).map_err(err)?;
                c.configure_mesh()
                    .disable_x_mesh()
                    .x_label_formatter(&cat_label)
                    .y_label_formatter(&value_label)
                    .x_desc(&self.chart.x_label)
                    .y_desc(&self.chart.y_label)
                    .label_style(label_style())
                    .axis_desc_style(desc_style())
                    .max_light_lines(0)
                    .bold_line_style(RGBColor(220, 220, 220))
                    .draw()
                    .map_err(err)?;
                for (k, (name, values)) in self.series.iter().enumerate() {
                    let col = colour(k);
                    let a = c
                        .draw_series(values.iter().enumerate().filter(|v| v.1.is_finite()).map(
                            |(i, &v)| {
                                let (x0, x1) = band(i, k);
                                Rectangle::new([(x0, 0.0f64.max(vlo)), (x1, v)], col.filled())
                            },
                        ))
                        .map_err(err)?;
                    if legend {
                        a.label(name.as_str()).legend(move |(x, y)| {
                            Rectangle::new([(x, y - 6), (x + 14, y + 6)], col.filled())
                        });
                    }
                }
                if legend {
                    c.configure_series_labels()
                        .position(SeriesLabelPosition::UpperRight)
                        .label_font(label_style())
                        .background_style(WHITE.mix(0.85))
                        .border_style(BLACK.mix(0.3))
                        .draw()
                        .map_err(err)?;
                }
            }
            Orientation::Horizontal => {
                b.x_label_area_size(50).y_label_area_size(longest + 24);
                let mut c = b.build_cartesian_2d(vlo..vhi, cat_range).map_err(err)?;
                // first category on top
                let flip = |i: usize| (n - 1 - i) as f64;
                let flipped = move |v: &f64| {
                    let i = v.round();
                    if i >= 0.0 && (i as usize) < n {
                        cat_label(&flip(i as usize))
                    } else {
                        String::new()
                    }
                };
                c.configure_mesh()
                    .disable_y_mesh()
                    .y_label_formatter(&flipped)
                    .x_label_formatter(&value_label)
                    .x_desc(&self.chart.x_label)
                    .y_desc(&self.chart.y_label)
                    .label_style(label_style())
                    .axis_desc_style(desc_style())
                    .max_light_lines(0)
                    .bold_line_style(RGBColor(220, 220, 220))
                    .draw()
                    .map_err(err)?;
                for (k, (name, values)) in self.series.iter().enumerate() {
                    let col = colour(k);
                    // within a category, series top to bottom
                    let a = c
                        .draw_series(values.iter().enumerate().filter(|v| v.1.is_finite()).map(
                            |(i, &v)| {
                                let (y0, y1) = band(n - 1 - i, m - 1 - k);
                                Rectangle::new([(0.0f64.max(vlo), y0), (v, y1)], col.filled())
                            },
                        ))
                        .map_err(err)?;
                    if legend {
                        a.label(name.as_str()).legend(move |(x, y)| {
                            Rectangle::new([(x, y - 6), (x + 14, y + 6)], col.filled())
                        });
                    }
                }
                if legend {
                    c.configure_series_labels()
                        .position(SeriesLabelPosition::LowerRight)
                        .label_font(label_style())
                        .background_style(WHITE.mix(0.85))
                        .border_style(BLACK.mix(0.3))
                        .draw()
                        .map_err(err)?;
                }
            }
        }
        Ok(())
    }
}

impl Bars<'_> {
    /// Label every `step`-th category, so that labels do not overlap.
    fn label_step(&self) -> usize {
        match self.orientation {
            Orientation::Vertical => label_step(self.categories.iter(), self.chart.width),
            Orientation::Horizontal => 1,
        }
    }
}

/// Label every `step`-th of the categories along a horizontal axis of a `width`-pixel chart.
fn label_step<'a>(labels: impl ExactSizeIterator<Item = &'a String>, width: u32) -> usize {
    let n = labels.len();
    let widest = labels
        .map(|l| text_px(l, LABEL_SIZE) + 10)
        .max()
        .unwrap_or(1);
    let room = width.saturating_sub(130).max(1);
    (widest as usize * n).div_ceil(room as usize).max(1)
}

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
fn fit_categories(chart: &Chart, n: usize, series: usize, orientation: Orientation) -> Chart {
    let mut c = chart.clone();
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
    chart: &Chart,
    bars: &[(String, f64)],
    orientation: Orientation,
) -> Result<Files, PlotError> {
    let categories: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let series = vec![(String::new(), bars.iter().map(|b| b.1).collect())];
    grouped_bars(stem, chart, &categories, &series, orientation)
}

/// Bars of several series side by side per category (`series[k].1[i]` is series `k`'s value for
/// `categories[i]`), with a legend of the series names.
pub fn grouped_bars(
    stem: &Path,
    chart: &Chart,
    categories: &[String],
    series: &[(String, Vec<f64>)],
    orientation: Orientation,
) -> Result<Files, PlotError> {
    check_bars(categories, series)?;
    let chart = fit_categories(chart, categories.len(), series.len(), orientation);
    render(
        stem,
        &chart,
        &Bars {
            chart: &chart,
            categories,
            series,
            orientation,
        },
    )
}

// ------------------------------------------------------------------ histogram

/// Counts of `values` in `bins` equal-width bins over `[lo, hi]` (`None`: the range of the
/// finite values). Returns the bin edges (`bins + 1`) and the counts; values outside the range
/// and non-finite ones are left out.
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

struct Hist<'a> {
    chart: &'a Chart,
    edges: Vec<f64>,
    counts: Vec<u64>,
}

impl Figure for Hist<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lo = self.edges[0];
        let hi = self.edges[self.edges.len() - 1];
        let max = self.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let mut c = ChartBuilder::on(root)
            .caption(&self.chart.title, title_style())
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(lo..hi, 0.0..max * 1.05)
            .map_err(err)?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .x_desc(&self.chart.x_label)
            .y_desc(&self.chart.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .max_light_lines(0)
            .bold_line_style(RGBColor(220, 220, 220))
            .draw()
            .map_err(err)?;
        let col = colour(0);
        c.draw_series(self.counts.iter().enumerate().map(|(k, &n)| {
            Rectangle::new(
                [(self.edges[k], 0.0), (self.edges[k + 1], n as f64)],
                col.filled(),
            )
        }))
        .map_err(err)?;
        // bar outlines so neighbouring bins stay apart
        c.draw_series(
            self.counts
                .iter()
                .enumerate()
                .filter(|x| *x.1 > 0)
                .map(|(k, &n)| {
                    Rectangle::new(
                        [(self.edges[k], 0.0), (self.edges[k + 1], n as f64)],
                        WHITE.stroke_width(1),
                    )
                }),
        )
        .map_err(err)?;
        Ok(())
    }
}

/// A histogram of `values` in `bins` equal-width bins over `range` (`None`: the data's range).
pub fn histogram(
    stem: &Path,
    chart: &Chart,
    values: &[f64],
    bins: usize,
    range: Option<(f64, f64)>,
) -> Result<Files, PlotError> {
    let (edges, counts) =
        bin(values, bins, range).ok_or_else(|| PlotError::Empty("no value to bin".into()))?;
    render(
        stem,
        chart,
        &Hist {
            chart,
            edges,
            counts,
        },
    )
}

// ------------------------------------------------------------------ lines and points

/// The range of the finite points of `series`, or `None`.
fn bounds(series: &[Series]) -> Option<((f64, f64), (f64, f64))> {
    series
        .iter()
        .flat_map(Series::finite)
        .fold(None, |acc, (x, y)| {
            Some(match acc {
                None => ((x, x), (y, y)),
                Some(((a, b), (c, d))) => ((a.min(x), b.max(x)), (c.min(y), d.max(y))),
            })
        })
}

struct Lines<'a> {
    chart: &'a Chart,
    series: &'a [Series],
    /// Draw lines (false: points only).
    lines: bool,
    /// Horizontal line at y = 0 when the range crosses it.
    zero_line: bool,
}

impl Figure for Lines<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let ((x0, x1), (y0, y1)) = bounds(self.series).ok_or("no finite point")?;
        let (x0, x1) = padded(x0, x1, 0.02);
        let (y0, y1) = padded(y0, y1, 0.05);
        let mut c = ChartBuilder::on(root)
            .caption(&self.chart.title, title_style())
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(err)?;
        c.configure_mesh()
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .x_desc(&self.chart.x_label)
            .y_desc(&self.chart.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .max_light_lines(0)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()
            .map_err(err)?;
        if self.zero_line && y0 < 0.0 && y1 > 0.0 {
            c.draw_series(std::iter::once(PathElement::new(
                vec![(x0, 0.0), (x1, 0.0)],
                BLACK.mix(0.5).stroke_width(1),
            )))
            .map_err(err)?;
        }
        let legend = self.series.iter().any(|s| !s.name.is_empty());
        for (k, s) in self.series.iter().enumerate() {
            let col = colour(k);
            let pts: Vec<(f64, f64)> = s.finite().collect();
            let a = if self.lines {
                if pts.len() <= 60 {
                    c.draw_series(pts.iter().map(|&p| Circle::new(p, 3, col.filled())))
                        .map_err(err)?;
                }
                c.draw_series(LineSeries::new(pts, col.stroke_width(2)))
                    .map_err(err)?
            } else {
                c.draw_series(
                    pts.iter()
                        .map(|&p| Circle::new(p, 2, col.mix(0.45).filled())),
                )
                .map_err(err)?
            };
            if legend && !s.name.is_empty() {
                a.label(s.name.as_str()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], col.stroke_width(3))
                });
            }
        }
        if legend {
            c.configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font(label_style())
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK.mix(0.3))
                .draw()
                .map_err(err)?;
        }
        Ok(())
    }
}

/// A line chart of several series (learning curves, ...), with a legend of the named series.
pub fn line_chart(stem: &Path, chart: &Chart, series: &[Series]) -> Result<Files, PlotError> {
    if bounds(series).is_none() {
        return Err(PlotError::Empty("no finite point".into()));
    }
    render(
        stem,
        chart,
        &Lines {
            chart,
            series,
            lines: true,
            zero_line: false,
        },
    )
}

/// A scatter plot of one or several point clouds (half-transparent dots), with a line at y = 0
/// when the values cross it.
pub fn scatter(stem: &Path, chart: &Chart, series: &[Series]) -> Result<Files, PlotError> {
    if bounds(series).is_none() {
        return Err(PlotError::Empty("no finite point".into()));
    }
    render(
        stem,
        chart,
        &Lines {
            chart,
            series,
            lines: false,
            zero_line: true,
        },
    )
}

// ------------------------------------------------------------------ bars and a line, two axes

struct BarsLine<'a> {
    chart: &'a Chart,
    bars: &'a Series,
    line: &'a Series,
    y2_label: &'a str,
}

impl Figure for BarsLine<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let bars: Vec<(f64, f64)> = self.bars.finite().collect();
        let line: Vec<(f64, f64)> = self.line.finite().collect();
        let b = bounds(std::slice::from_ref(self.bars)).ok_or("no bar")?;
        let l = bounds(std::slice::from_ref(self.line)).ok_or("no line point")?;
        let mut xs: Vec<f64> = bars.iter().map(|p| p.0).collect();
        xs.sort_by(f64::total_cmp);
        let gap = xs
            .windows(2)
            .map(|w| w[1] - w[0])
            .filter(|d| *d > 0.0)
            .fold(f64::INFINITY, f64::min);
        let half = if gap.is_finite() { gap * 0.4 } else { 0.4 };
        let x0 = b.0.0.min(l.0.0) - half * 1.5;
        let x1 = b.0.1.max(l.0.1) + half * 1.5;
        let (_, by1) = padded(b.1.0.min(0.0), b.1.1.max(0.0), 0.05);
        let by0 = if b.1.0 >= 0.0 {
            0.0
        } else {
            padded(b.1.0, b.1.1, 0.05).0
        };
        let (ly0, ly1) = padded(l.1.0.min(0.0), l.1.1.max(0.0), 0.05);
        let mut c = ChartBuilder::on(root)
            .caption(&self.chart.title, title_style())
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .right_y_label_area_size(80)
            .build_cartesian_2d(x0..x1, by0..by1)
            .map_err(err)?
            .set_secondary_coord(x0..x1, ly0..ly1);
        c.configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .x_desc(&self.chart.x_label)
            .y_desc(&self.chart.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .max_light_lines(0)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()
            .map_err(err)?;
        c.configure_secondary_axes()
            .y_label_formatter(&|v| tick(*v))
            .y_desc(self.y2_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .draw()
            .map_err(err)?;
        let bc = colour(4);
        let lc = colour(5);
        let a = c
            .draw_series(
                bars.iter()
                    .map(|&(x, y)| Rectangle::new([(x - half, 0.0), (x + half, y)], bc.filled())),
            )
            .map_err(err)?;
        if !self.bars.name.is_empty() {
            a.label(self.bars.name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], bc.filled()));
        }
        if ly0 < 0.0 && ly1 > 0.0 {
            c.draw_secondary_series(std::iter::once(PathElement::new(
                vec![(x0, 0.0), (x1, 0.0)],
                lc.mix(0.5).stroke_width(1),
            )))
            .map_err(err)?;
        }
        let a = c
            .draw_secondary_series(LineSeries::new(line, lc.stroke_width(2)))
            .map_err(err)?;
        if !self.line.name.is_empty() {
            a.label(self.line.name.as_str()).legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], lc.stroke_width(3))
            });
        }
        if self.bars.name.is_empty() && self.line.name.is_empty() {
            return Ok(());
        }
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(label_style())
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .draw()
            .map_err(err)?;
        Ok(())
    }
}

/// Bars of one series on the left axis and a line of another on the right axis, over a shared
/// numeric x (movies released per year and their profit, ...). `y2_label` names the right axis.
pub fn bars_and_line(
    stem: &Path,
    chart: &Chart,
    bars: &Series,
    line: &Series,
    y2_label: &str,
) -> Result<Files, PlotError> {
    if bars.finite().next().is_none() || line.finite().next().is_none() {
        return Err(PlotError::Empty(
            "bars and line both need a finite point".into(),
        ));
    }
    render(
        stem,
        chart,
        &BarsLine {
            chart,
            bars,
            line,
            y2_label,
        },
    )
}

// ------------------------------------------------------------------ estimates with intervals

struct Intervals<'a> {
    chart: &'a Chart,
    items: &'a [Interval],
}

impl Figure for Intervals<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
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
        let cat_label = |v: &f64| {
            let i = v.round();
            if i >= 0.0 && (i as usize) < n {
                labels[i as usize].to_string()
            } else {
                String::new()
            }
        };
        let step = label_step(self.items.iter().map(|e| &e.label), self.chart.width);
        let mut c = ChartBuilder::on(root)
            .caption(&self.chart.title, title_style())
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(KeyedAxis::categories(n, step), y0..y1)
            .map_err(err)?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_label_formatter(&cat_label)
            .y_label_formatter(&|v| tick(*v))
            .x_desc(&self.chart.x_label)
            .y_desc(&self.chart.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .max_light_lines(0)
            .bold_line_style(RGBColor(225, 225, 225))
            .draw()
            .map_err(err)?;
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
pub fn intervals(stem: &Path, chart: &Chart, items: &[Interval]) -> Result<Files, PlotError> {
    if !items.iter().any(|e| e.value.is_finite()) {
        return Err(PlotError::Empty("no finite estimate".into()));
    }
    render(stem, chart, &Intervals { chart, items })
}

// ------------------------------------------------------------------ sparsity picture

/// The user–item matrix reduced to a grid of cells: users sorted by number of ratings (most
/// active first, top to bottom) and items by popularity (most rated first, left to right), each
/// cell holding the share of its user–item pairs that are rated.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityGrid {
    /// Grid rows (user bins).
    pub rows: usize,
    /// Grid columns (item bins).
    pub cols: usize,
    /// Users with at least one rating.
    pub users: usize,
    /// Items with at least one rating.
    pub items: usize,
    /// Ratings.
    pub ratings: usize,
    /// `ratings / (users · items)`.
    pub density: f64,
    /// Cell densities, row-major (`rows × cols`), each in `[0, 1]`.
    pub cells: Vec<f64>,
}

impl DensityGrid {
    /// The grid of `m` with at most `max_rows × max_cols` cells (`None`: no rating, or a zero
    /// limit).
    ///
    /// ```
    /// # use recsys::data::{InteractionsBuilder, DuplicatePolicy};
    /// let mut b = InteractionsBuilder::new();
    /// for (u, i) in [(1, 1), (1, 2), (2, 1)] {
    ///     b.push(u, i, 4.0, None)?;
    /// }
    /// let g = recsys_plot::DensityGrid::of(&b.build(DuplicatePolicy::KeepLast)?, 10, 10).unwrap();
    /// assert_eq!((g.rows, g.cols), (2, 2));
    /// assert_eq!(g.cells, vec![1.0, 1.0, 1.0, 0.0]);
    /// assert!((g.density - 0.75).abs() < 1e-12);
    /// # Ok::<(), recsys::data::DataError>(())
    /// ```
    pub fn of(m: &Interactions, max_rows: usize, max_cols: usize) -> Option<Self> {
        let uc = m.user_counts();
        let ic = m.item_counts();
        // rank of each user / item by count, descending (ties by index); -1: no rating
        let order = |c: &[u32]| {
            let mut idx: Vec<usize> = (0..c.len()).filter(|&i| c[i] > 0).collect();
            idx.sort_by(|&a, &b| c[b].cmp(&c[a]).then(a.cmp(&b)));
            let mut rank = vec![usize::MAX; c.len()];
            for (r, &i) in idx.iter().enumerate() {
                rank[i] = r;
            }
            (idx.len(), rank)
        };
        let (users, urank) = order(&uc);
        let (items, irank) = order(&ic);
        if users == 0 || items == 0 || max_rows == 0 || max_cols == 0 {
            return None;
        }
        let rows = users.min(max_rows);
        let cols = items.min(max_cols);
        let ubin = |r: usize| r * rows / users;
        let ibin = |r: usize| r * cols / items;
        let mut counts = vec![0u64; rows * cols];
        let mut ratings = 0usize;
        for u in 0..m.n_users() as u32 {
            let ur = urank[u as usize];
            if ur == usize::MAX {
                continue;
            }
            let row = ubin(ur);
            for &i in m.user_items(u) {
                counts[row * cols + ibin(irank[i as usize])] += 1;
                ratings += 1;
            }
        }
        // number of users (items) that fall in each bin
        let sizes = |n: usize, bins: usize, f: &dyn Fn(usize) -> usize| {
            let mut s = vec![0u64; bins];
            for r in 0..n {
                s[f(r)] += 1;
            }
            s
        };
        let rs = sizes(users, rows, &ubin);
        let cs = sizes(items, cols, &ibin);
        let cells = counts
            .iter()
            .enumerate()
            .map(|(k, &c)| c as f64 / (rs[k / cols] * cs[k % cols]) as f64)
            .collect();
        Some(Self {
            rows,
            cols,
            users,
            items,
            ratings,
            density: ratings as f64 / (users as f64 * items as f64),
            cells,
        })
    }
}

/// Viridis-like colour of `t` in `[0, 1]` (dark purple → yellow).
fn ramp(t: f64) -> RGBColor {
    const STOPS: [(f64, f64, f64); 5] = [
        (68.0, 1.0, 84.0),
        (59.0, 82.0, 139.0),
        (33.0, 145.0, 140.0),
        (94.0, 201.0, 98.0),
        (253.0, 231.0, 37.0),
    ];
    let t = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let k = (t.floor() as usize).min(STOPS.len() - 2);
    let f = t - k as f64;
    let (a, b) = (STOPS[k], STOPS[k + 1]);
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

struct Sparsity<'a> {
    chart: &'a Chart,
    grid: &'a DensityGrid,
}

impl Figure for Sparsity<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let g = self.grid;
        let positive = g.cells.iter().copied().filter(|&d| d > 0.0);
        let lmin = positive.clone().fold(f64::INFINITY, f64::min).log10();
        let lmax = positive.fold(0.0f64, f64::max).log10();
        let (lmin, lmax) = if lmax > lmin {
            (lmin, lmax)
        } else {
            (lmin - 1.0, lmax)
        };
        // 64 colour levels; 0 = white
        let level = |d: f64| {
            if d <= 0.0 {
                None
            } else {
                Some(
                    (((d.log10() - lmin) / (lmax - lmin)) * 63.0)
                        .round()
                        .clamp(0.0, 63.0) as u8,
                )
            }
        };
        let root = root.titled(&self.chart.title, title_style()).map_err(err)?;
        let (main, bar) = root.split_horizontally(root.dim_in_pixel().0.saturating_sub(130));
        let (users, items) = (g.users as f64, g.items as f64);
        // axes in ranks; most active users at the top
        let x_axis = KeyedAxis {
            lo: 0.0,
            hi: items,
            keys: nice_ticks(0.0, items, 6),
        };
        let y_axis = KeyedAxis {
            lo: 0.0,
            hi: users,
            keys: nice_ticks(0.0, users, 6)
                .into_iter()
                .map(|k| users - k)
                .collect(),
        };
        let mut c = ChartBuilder::on(&main)
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(x_axis, y_axis)
            .map_err(err)?;
        c.configure_mesh()
            .disable_mesh()
            .x_label_formatter(&|v| tick(v.round()))
            .y_label_formatter(&|v| tick((users - v).round()))
            .x_desc(&self.chart.x_label)
            .y_desc(&self.chart.y_label)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .draw()
            .map_err(err)?;
        let cx = |c: usize| c as f64 * items / g.cols as f64;
        let ry = |r: usize| users - r as f64 * users / g.rows as f64;
        // one rectangle per run of equal colour in a row (keeps the SVG small)
        let mut rects = Vec::new();
        for r in 0..g.rows {
            let mut start = 0;
            while start < g.cols {
                let l = level(g.cells[r * g.cols + start]);
                let mut end = start + 1;
                while end < g.cols && level(g.cells[r * g.cols + end]) == l {
                    end += 1;
                }
                if let Some(l) = l {
                    rects.push(Rectangle::new(
                        [(cx(start), ry(r + 1)), (cx(end), ry(r))],
                        ramp(f64::from(l) / 63.0).filled(),
                    ));
                }
                start = end;
            }
        }
        c.draw_series(rects).map_err(err)?;
        // colour bar: log10 density
        let mut cb = ChartBuilder::on(&bar)
            .margin_top(14)
            .margin_bottom(64)
            .margin_right(10)
            .y_label_area_size(70)
            .build_cartesian_2d(
                0.0..1.0,
                KeyedAxis {
                    lo: lmin,
                    hi: lmax,
                    keys: log_ticks(lmin, lmax),
                },
            )
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
        let steps = 64;
        cb.draw_series((0..steps).map(|k| {
            let a = lmin + (lmax - lmin) * k as f64 / steps as f64;
            let b = lmin + (lmax - lmin) * (k + 1) as f64 / steps as f64;
            Rectangle::new(
                [(0.0, a), (1.0, b)],
                ramp(k as f64 / (steps - 1) as f64).filled(),
            )
        }))
        .map_err(err)?;
        Ok(())
    }
}

/// A density image of the user–item matrix (see [`DensityGrid`]): one cell per bin of users and
/// items, coloured by the share of rated pairs on a log scale, white where none is rated; a colour
/// bar on the right. The axes count users and items by rank of activity.
pub fn sparsity(stem: &Path, chart: &Chart, grid: &DensityGrid) -> Result<Files, PlotError> {
    if grid.rows == 0
        || grid.cols == 0
        || grid.cells.len() != grid.rows * grid.cols
        || !grid.cells.iter().any(|&d| d > 0.0)
    {
        return Err(PlotError::Empty("an empty density grid".into()));
    }
    render(stem, chart, &Sparsity { chart, grid })
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder};

    fn check(files: &Files) {
        let png = std::fs::read(&files.png).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", files.png.display());
        let svg = std::fs::read_to_string(&files.svg).unwrap();
        assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    }

    fn chart() -> Chart {
        Chart::new("test chart").labels("x", "y").size(400, 300)
    }

    #[test]
    fn bar_charts_both_ways() {
        let d = tempfile::tempdir().unwrap();
        let bars: Vec<(String, f64)> = (1..=5).map(|r| (r.to_string(), r as f64 * 10.0)).collect();
        for (o, name) in [(Orientation::Vertical, "v"), (Orientation::Horizontal, "h")] {
            let f = bar_chart(&d.path().join(name), &chart(), &bars, o).unwrap();
            assert_eq!(f.png, d.path().join(format!("{name}.png")));
            check(&f);
        }
        let cats: Vec<String> = vec!["Drama".into(), "Comedy".into()];
        let series = vec![
            ("movies".to_string(), vec![0.4, 0.3]),
            ("ratings".to_string(), vec![0.35, f64::NAN]),
        ];
        let f = grouped_bars(
            &d.path().join("sub/g"),
            &chart(),
            &cats,
            &series,
            Orientation::Horizontal,
        )
        .unwrap();
        check(&f);
        assert!(matches!(
            bar_chart(&d.path().join("e"), &chart(), &[], Orientation::Vertical),
            Err(PlotError::Empty(_))
        ));
        assert!(matches!(
            bar_chart(
                &d.path().join("n"),
                &chart(),
                &[("a".into(), f64::NAN)],
                Orientation::Vertical
            ),
            Err(PlotError::Empty(_))
        ));
        assert!(matches!(
            grouped_bars(
                &d.path().join("x"),
                &chart(),
                &cats,
                &[("a".into(), vec![1.0])],
                Orientation::Vertical
            ),
            Err(PlotError::Invalid(_))
        ));
        assert!(!d.path().join("e.png").exists());
    }

    #[test]
    fn histogram_bins_and_draws() {
        let (edges, counts) = bin(&[0.0, 0.5, 1.0, 2.0, f64::NAN], 2, None).unwrap();
        assert_eq!(edges, vec![0.0, 1.0, 2.0]);
        assert_eq!(counts, vec![2, 2]);
        assert_eq!(bin(&[3.0, 3.0], 4, None).unwrap().1.iter().sum::<u64>(), 2);
        assert!(bin(&[f64::NAN], 3, None).is_none());
        assert!(bin(&[1.0], 0, None).is_none());
        let d = tempfile::tempdir().unwrap();
        let v: Vec<f64> = (0..500).map(|i| (i % 97) as f64 / 9.7).collect();
        check(&histogram(&d.path().join("h"), &chart(), &v, 20, Some((0.0, 10.0))).unwrap());
        assert!(matches!(
            histogram(&d.path().join("e"), &chart(), &[], 10, None),
            Err(PlotError::Empty(_))
        ));
    }

    #[test]
    fn lines_scatter_and_two_axes() {
        let d = tempfile::tempdir().unwrap();
        let s = vec![
            Series::new(
                "svd",
                (1..=20).map(|e| (e as f64, 1.0 / e as f64)).collect(),
            ),
            Series::new("als", vec![(1.0, 0.9), (2.0, f64::NAN), (3.0, 0.5)]),
        ];
        check(&line_chart(&d.path().join("l"), &chart(), &s).unwrap());
        let cloud = vec![Series::new(
            "",
            (0..300)
                .map(|i| (i as f64 * 1e6, (i as f64 - 100.0) * 3e6))
                .collect(),
        )];
        check(&scatter(&d.path().join("s"), &chart(), &cloud).unwrap());
        let bars = Series::new("movies", (1990..2000).map(|y| (y as f64, 10.0)).collect());
        let line = Series::new("profit", (1990..2000).map(|y| (y as f64, -2.0e9)).collect());
        check(&bars_and_line(&d.path().join("b"), &chart(), &bars, &line, "profit").unwrap());
        let empty = vec![Series::new("x", vec![(f64::NAN, 1.0)])];
        assert!(matches!(
            line_chart(&d.path().join("e"), &chart(), &empty),
            Err(PlotError::Empty(_))
        ));
        assert!(matches!(
            scatter(&d.path().join("e"), &chart(), &[]),
            Err(PlotError::Empty(_))
        ));
        assert!(matches!(
            bars_and_line(
                &d.path().join("e"),
                &chart(),
                &bars,
                &Series::new("", vec![]),
                ""
            ),
            Err(PlotError::Empty(_))
        ));
    }

    #[test]
    fn intervals_draw_and_reject_empty() {
        let d = tempfile::tempdir().unwrap();
        let items = vec![
            Interval {
                label: "baseline".into(),
                value: 0.9457,
                lo: 0.94,
                hi: 0.951,
            },
            Interval {
                label: "popularity".into(),
                value: 0.93,
                lo: f64::NAN,
                hi: f64::NAN,
            },
        ];
        check(&intervals(&d.path().join("i"), &chart(), &items).unwrap());
        let nan = vec![Interval {
            label: "x".into(),
            value: f64::NAN,
            lo: 0.0,
            hi: 1.0,
        }];
        assert!(matches!(
            intervals(&d.path().join("e"), &chart(), &nan),
            Err(PlotError::Empty(_))
        ));
        assert!(matches!(
            intervals(&d.path().join("e"), &chart(), &[]),
            Err(PlotError::Empty(_))
        ));
    }

    #[test]
    fn density_grid_and_picture() {
        let mut b = InteractionsBuilder::new();
        for u in 0..50u64 {
            for i in 0..(u % 20 + 1) {
                b.push(u, i * 3 % 40, 3.0, None).unwrap();
            }
        }
        let m = b.build(DuplicatePolicy::KeepLast).unwrap();
        let g = DensityGrid::of(&m, 10, 8).unwrap();
        assert_eq!((g.rows, g.cols), (10, 8));
        assert_eq!(g.ratings, m.nnz());
        assert!(g.cells.iter().all(|d| (0.0..=1.0).contains(d)));
        // the most active users and most rated items are in the top-left cell
        assert!(g.cells[0] >= g.cells[g.cells.len() - 1]);
        let d = tempfile::tempdir().unwrap();
        check(&sparsity(&d.path().join("d"), &chart().size(500, 400), &g).unwrap());
        let empty = DensityGrid {
            rows: 0,
            cols: 0,
            users: 0,
            items: 0,
            ratings: 0,
            density: 0.0,
            cells: vec![],
        };
        assert!(matches!(
            sparsity(&d.path().join("e"), &chart(), &empty),
            Err(PlotError::Empty(_))
        ));
        assert!(
            DensityGrid::of(
                &InteractionsBuilder::new()
                    .build(DuplicatePolicy::KeepLast)
                    .unwrap(),
                5,
                5
            )
            .is_none()
        );
    }

    #[test]
    fn bad_size_is_an_error() {
        let d = tempfile::tempdir().unwrap();
        let r = bar_chart(
            &d.path().join("x"),
            &chart().size(10, 10),
            &[("a".into(), 1.0)],
            Orientation::Vertical,
        );
        assert!(matches!(r, Err(PlotError::Invalid(_))));
        // the smallest accepted size draws every kind of chart
        let small = Chart::new("a long title that does not fit in a small chart").size(200, 150);
        let p = |s: &str| d.path().join(s);
        let s = vec![Series::new("s", vec![(0.0, 1.0), (1.0, 2.0)])];
        check(
            &bar_chart(
                &p("a"),
                &small,
                &[("a".into(), 1.0)],
                Orientation::Horizontal,
            )
            .unwrap(),
        );
        check(&histogram(&p("b"), &small, &[1.0, 2.0], 3, None).unwrap());
        check(&line_chart(&p("c"), &small, &s).unwrap());
        check(&bars_and_line(&p("d"), &small, &s[0], &s[0], "y2").unwrap());
        let iv = Interval {
            label: "m".into(),
            value: 1.0,
            lo: 1.0,
            hi: 1.0,
        };
        check(&intervals(&p("e"), &small, &[iv]).unwrap());
        let mut b = InteractionsBuilder::new();
        b.push(1, 1, 1.0, None).unwrap();
        let g = DensityGrid::of(&b.build(DuplicatePolicy::KeepLast).unwrap(), 5, 5).unwrap();
        assert_eq!(g.cells, vec![1.0]);
        check(&sparsity(&p("f"), &small, &g).unwrap());
    }

    #[test]
    fn nice_and_log_ticks() {
        assert_eq!(
            nice_ticks(0.0, 943.0, 6),
            vec![0.0, 200.0, 400.0, 600.0, 800.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 4), vec![0.0, 0.5, 1.0]);
        assert_eq!(nice_ticks(5.0, 5.0, 4), vec![5.0]);
        let t: Vec<String> = log_ticks(-1.2, 0.0)
            .iter()
            .map(|v| tick(10f64.powf(*v)))
            .collect();
        assert_eq!(t, vec!["0.1", "0.2", "0.5", "1"]);
        assert_eq!(log_ticks(-5.0, 0.0).len(), 6);
    }

    #[test]
    fn ticks_are_compact() {
        assert_eq!(tick(1_500_000.0), "1.5M");
        assert_eq!(tick(2.0e9), "2B");
        assert_eq!(tick(25_000.0), "25k");
        assert_eq!(tick(250.0), "250");
        assert_eq!(tick(0.95), "0.95");
        assert_eq!(tick(3.0), "3");
        assert_eq!(tick(0.0012), "0.0012");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(f64::NAN), "");
    }
}
