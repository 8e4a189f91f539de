//! ALS's training loss, as `implicit` reports it.

use rayon::prelude::*;

use super::dispatch;
use super::kernel::dot;
use super::params::Conf;
use crate::simd::Simd;

/// The training loss after an iteration, not yet normalized:
/// `Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ(|X|² + |Y|²)`, from `Σ_{u,i} (x_u·y_i)² = ⟨XᵀX, YᵀY⟩`
/// plus, over observed cells, `c (1 − s)² − s²`: O(k² + nnz·k) given both Gram matrices.
#[allow(clippy::too_many_arguments)]
pub(super) fn weighted_loss<'a>(
    x: &[f32],
    y: &[f32],
    gram_x: &[f32],
    gram_y: &[f32],
    k: usize,
    reg: f32,
    conf: Conf,
    simd: Simd,
    rows: &(dyn Fn(usize) -> (&'a [u32], &'a [f32]) + Sync),
) -> f64 {
    let all: f64 = gram_x
        .iter()
        .zip(gram_y)
        .map(|(&a, &b)| f64::from(a) * f64::from(b))
        .sum();
    let observed: Vec<f64> = x
        .par_chunks(k)
        .enumerate()
        .map(|(u, xu)| {
            let (items, ratings) = rows(u);
            dispatch::observed_loss(simd, xu, y, items, ratings, conf)
        })
        .collect();
    let observed: f64 = observed.iter().sum();
    let trace = |g: &[f32]| (0..k).map(|d| f64::from(g[d * k + d])).sum::<f64>();
    all + observed + f64::from(reg) * (trace(gram_x) + trace(gram_y))
}

/// Over one row's interactions: `Σ c (1 − s)² − s²`, `s = x_u·y_i`.
#[inline(always)]
pub(super) fn observed_loss<const F: bool>(
    xu: &[f32],
    y: &[f32],
    items: &[u32],
    ratings: &[f32],
    conf: Conf,
) -> f64 {
    let k = xu.len();
    let mut s = 0.0f64;
    for (&i, &r) in items.iter().zip(ratings) {
        let i = i as usize;
        let d = f64::from(dot::<F>(xu, &y[i * k..(i + 1) * k]));
        let c = f64::from(conf.of(r));
        s += c * (1.0 - d) * (1.0 - d) - d * d;
    }
    s
}
