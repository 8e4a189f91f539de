//! Gram matrices `FᵀF` of the factors, summed in fixed blocks (the same sums for any number
//! of threads).

use rayon::prelude::*;

use super::dispatch;
use super::kernel::weighted_rows;
use crate::simd::Simd;

/// Rows per block of a Gram matrix: blocks are summed in order, whatever the thread count.
const GRAM_BLOCK: usize = 256;

/// Adds `Σ_rows r rᵀ` to the k×k `g`: row `a` of `g` gains `Σ_rows r_a·r`.
#[inline(always)]
pub(super) fn gram_block<const F: bool>(rows: &[f32], k: usize, g: &mut [f32]) {
    let mut out = vec![0.0f32; k];
    for (a, grow) in g.chunks_exact_mut(k).enumerate() {
        weighted_rows::<F, _, _>(
            &mut out,
            || rows.chunks_exact(k).map(move |r| (r[a], r)),
            std::iter::empty,
        );
        for (gv, &o) in grow.iter_mut().zip(&out) {
            *gv += o;
        }
    }
}

/// `FᵀF` of the n×k row-major `f`: blocks of [`GRAM_BLOCK`] rows in parallel, summed in order.
pub(super) fn gram(f: &[f32], k: usize, simd: Simd) -> Vec<f32> {
    let blocks: Vec<Vec<f32>> = f
        .par_chunks(GRAM_BLOCK * k)
        .map(|rows| {
            let mut g = vec![0.0f32; k * k];
            dispatch::gram_block(simd, rows, k, &mut g);
            g
        })
        .collect();
    let mut g = vec![0.0f32; k * k];
    for b in &blocks {
        for (x, y) in g.iter_mut().zip(b) {
            *x += y;
        }
    }
    g
}

/// `g + λI` for the k×k `g`: a row's system matrix without its interactions.
pub(super) fn plus_diagonal(mut g: Vec<f32>, k: usize, reg: f32) -> Vec<f32> {
    for d in 0..k {
        g[d * k + d] += reg;
    }
    g
}
