//! The crate's dot products: [`dot8`] of `f32` rows in eight lanes, [`dot4`] of `f64` rows in
//! four, so that the compiler keeps the lanes in one vector register; the lanes are added in
//! order, so the value is the same on every machine.

/// `x·y` over the shorter of the two: eight interleaved lane sums, then the lanes in order,
/// then the tail.
#[inline]
pub(crate) fn dot8(x: &[f32], y: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (cx, cy) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = cx
        .remainder()
        .iter()
        .zip(cy.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (a, b) in cx.zip(cy) {
        for l in 0..8 {
            acc[l] += a[l] * b[l];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `x·y` of `f64` rows over the shorter of the two: four interleaved lane sums, then the lanes
/// in order, then the tail.
#[inline]
pub(crate) fn dot4(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0f64; 4];
    let (cx, cy) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = cx
        .remainder()
        .iter()
        .zip(cy.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (a, b) in cx.zip(cy) {
        for l in 0..4 {
            acc[l] += a[l] * b[l];
        }
    }
    acc.iter().sum::<f64>() + tail
}
