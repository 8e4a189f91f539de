//! The embedded font and the three text styles of every chart.

use std::sync::OnceLock;

use plotters::prelude::*;

use crate::PlotError;

/// DejaVu Sans (Bitstream Vera license, see `assets/fonts/LICENSE-DejaVu.txt`).
static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// The font family every chart uses; the embedded font is registered under this name.
const FONT: &str = "sans-serif";

/// Size of the chart's title.
const TITLE_SIZE: u32 = 22;
/// Size of tick labels and legend entries.
pub(crate) const LABEL_SIZE: u32 = 14;
/// Size of the axis descriptions.
const DESC_SIZE: u32 = 16;

/// Registers the embedded font with plotters (once per process).
pub(crate) fn register_font() -> Result<(), PlotError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, FONT_BYTES).is_ok()
    });
    if ok { Ok(()) } else { Err(PlotError::Font) }
}

/// The chart's title.
pub(crate) fn title_style() -> TextStyle<'static> {
    (FONT, TITLE_SIZE).into_font().into()
}

/// Tick labels, legend entries, value labels.
pub(crate) fn label_style() -> TextStyle<'static> {
    (FONT, LABEL_SIZE).into_font().into()
}

/// Axis descriptions.
pub(crate) fn desc_style() -> TextStyle<'static> {
    (FONT, DESC_SIZE).into_font().into()
}

/// Pixel width of a label (an estimate: DejaVu Sans averages ~0.6 em).
pub(crate) fn text_px(s: &str, size: u32) -> u32 {
    (s.chars().count() as u32 * size * 6).div_ceil(10)
}
