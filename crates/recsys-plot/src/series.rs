//! [`Series`], the `(x, y)` points of line charts, scatter plots and [`bars_and_line`](crate::bars_and_line).

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

    /// The points whose coordinates are both finite.
    pub(crate) fn finite(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
    }
}

/// The range of the finite points of `series`, or `None`.
pub(crate) fn bounds(series: &[Series]) -> Option<((f64, f64), (f64, f64))> {
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
