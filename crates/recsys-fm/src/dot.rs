//! [`dot8`]: the crate's one dot product of `f32` rows, in eight lanes so the compiler keeps
//! them in one vector register; the lanes are added in order, so the value is the same on every
//! machine.

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
