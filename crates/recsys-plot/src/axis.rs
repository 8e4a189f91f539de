//! Axes: compact tick labels, round and logarithmic ticks, value ranges, category axes.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

use crate::font::{LABEL_SIZE, text_px};

/// A compact tick label: `1.5M`, `250k`, `12`, `0.95`, `0.0012`. Below 10⁻⁹ in size a value is
/// the rounding error of a tick at zero (plotters steps its ticks by repeated addition) and
/// reads `0`.
///
/// ```
/// assert_eq!(recsys_plot::tick(1_500_000.0), "1.5M");
/// assert_eq!(recsys_plot::tick(0.0012), "0.0012");
/// assert_eq!(recsys_plot::tick(-3.47e-12), "0");
/// ```
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
    } else if a < 1e-9 {
        "0".to_string()
    } else if a >= 100.0 {
        trim(format!("{v:.0}"))
    } else if a >= 1.0 {
        trim(format!("{v:.2}"))
    } else {
        let decimals = (-a.log10().floor()) as usize + 2;
        trim(format!("{v:.decimals$}"))
    }
}

/// [`tick`] as a label formatter of a numeric axis.
pub(crate) fn tick_label(v: &f64) -> String {
    tick(*v)
}

/// `(lo, hi)` widened by `pad` of its span on both sides (or by 1 / 1% when the span is 0).
pub(crate) fn padded(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    let span = hi - lo;
    if span > 0.0 {
        (lo - span * pad, hi + span * pad)
    } else {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.01 };
        (lo - d, hi + d)
    }
}

/// About `target` round tick values (steps of 1, 2 or 5 × 10^k) in `[lo, hi]`.
pub(crate) fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
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
pub(crate) fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
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

/// A numeric axis over `lo..hi` whose ticks are exactly `keys` (category centres), so categories
/// can be labelled while bars sit at fractional positions.
#[derive(Debug, Clone)]
pub(crate) struct KeyedAxis {
    /// Start of the axis.
    pub(crate) lo: f64,
    /// End of the axis.
    pub(crate) hi: f64,
    /// Where the ticks are.
    pub(crate) keys: Vec<f64>,
}

impl KeyedAxis {
    /// `n` categories at 0, 1, ..., labelled every `step`.
    pub(crate) fn categories(n: usize, step: usize) -> Self {
        Self {
            lo: -0.5,
            hi: n as f64 - 0.5,
            keys: (0..n).step_by(step.max(1)).map(|i| i as f64).collect(),
        }
    }
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

/// The label of the category at position `v` of a [`KeyedAxis::categories`] axis (empty off
/// the axis); `flip`: the first category is at the far end.
pub(crate) fn category_label<S: AsRef<str>>(labels: &[S], v: f64, flip: bool) -> String {
    let (i, n) = (v.round(), labels.len());
    if i >= 0.0 && (i as usize) < n {
        let i = i as usize;
        labels[if flip { n - 1 - i } else { i }]
            .as_ref()
            .to_string()
    } else {
        String::new()
    }
}

/// Label every `step`-th of the categories along a horizontal axis of a `width`-pixel chart, so
/// that labels do not overlap.
pub(crate) fn label_step<'a>(
    labels: impl ExactSizeIterator<Item = &'a String>,
    width: u32,
) -> usize {
    let n = labels.len();
    let widest = labels
        .map(|l| text_px(l, LABEL_SIZE) + 10)
        .max()
        .unwrap_or(1);
    let room = width.saturating_sub(130).max(1);
    (widest as usize * n).div_ceil(room as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
