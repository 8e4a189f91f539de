//! Clipping predictions to the training ratings' range, as Surprise does.

use recsys_core::Interactions;

/// The lowest and the highest training rating.
pub(crate) fn rating_range(train: &Interactions) -> (f32, f32) {
    let data = train.matrix().data();
    (
        data.iter().copied().fold(f32::INFINITY, f32::min),
        data.iter().copied().fold(f32::NEG_INFINITY, f32::max),
    )
}

/// `p` clamped to `range`, if any.
#[inline]
pub(crate) fn clip(p: f32, range: Option<(f32, f32)>) -> f32 {
    match range {
        Some((lo, hi)) => p.clamp(lo, hi),
        None => p,
    }
}
