//! The crate's dot products: [`dot8`] of `f32` rows in eight lanes, [`dot4`] of `f64` rows in
//! four, so that the compiler keeps the lanes in one vector register; the lanes are added in
//! order, so the value is the same on every machine.

use std::iter::Sum;
use std::ops::{Add, Mul};

/// `x·y` of two rows of the same length (every caller's rows are): `L` interleaved lane sums,
/// then the lanes in order, then the tail.
#[inline(always)]
fn dot_lanes<T, const L: usize>(x: &[T], y: &[T]) -> T
where
    T: Copy + Default + Add<Output = T> + Mul<Output = T> + Sum,
{
    let mut acc = [T::default(); L];
    let (cx, cy) = (x.chunks_exact(L), y.chunks_exact(L));
    let tail: T = cx
        .remainder()
        .iter()
        .zip(cy.remainder())
        .map(|(&a, &b)| a * b)
        .sum();
    for (a, b) in cx.zip(cy) {
        for l in 0..L {
            acc[l] = acc[l] + a[l] * b[l];
        }
    }
    acc.iter().copied().sum::<T>() + tail
}

/// `x·y` of `f32` rows in eight lanes.
#[inline(always)]
pub(crate) fn dot8(x: &[f32], y: &[f32]) -> f32 {
    dot_lanes::<f32, 8>(x, y)
}

/// `x·y` of `f64` rows in four lanes.
#[inline]
pub(crate) fn dot4(x: &[f64], y: &[f64]) -> f64 {
    dot_lanes::<f64, 4>(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_match_a_plain_sum() {
        let x: Vec<f64> = (0..11).map(|i| i as f64 * 0.5 - 2.0).collect();
        let y: Vec<f64> = (0..11).map(|i| 1.0 + i as f64).collect();
        let plain: f64 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        approx::assert_relative_eq!(dot4(&x, &y), plain, epsilon = 1e-12);
        let xf: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let yf: Vec<f32> = y.iter().map(|&v| v as f32).collect();
        approx::assert_relative_eq!(dot8(&xf, &yf), plain as f32, epsilon = 1e-4);
    }
}
