//! [`ChartSpec`]: what every chart is told besides its data (title, axis labels, size).

use crate::PlotError;

/// Title, axis labels and size of a chart.
///
/// ```
/// let spec = recsys_plot::ChartSpec::new("Ratings per user").labels("ratings", "users");
/// assert_eq!((spec.width, spec.height), (900, 540));
/// assert_eq!(spec.size(400, 300).x_label, "ratings");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSpec {
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

impl ChartSpec {
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

    /// The size in pixels, or an error when it is outside 200–10000 × 150–10000.
    pub(crate) fn checked_size(&self) -> Result<(u32, u32), PlotError> {
        if self.width < 200 || self.height < 150 || self.width > 10_000 || self.height > 10_000 {
            return Err(PlotError::Invalid(format!(
                "chart size {}×{} (width 200–10000, height 150–10000)",
                self.width, self.height
            )));
        }
        Ok((self.width, self.height))
    }
}
