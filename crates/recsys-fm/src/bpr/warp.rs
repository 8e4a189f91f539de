//! One WARP step (Weston et al. 2011) as LightFM takes it (`lightfm/_lightfm_fast.pyx`), with
//! per-parameter adagrad: rows hold the `k + 1` parameters (factors, then the bias column: the
//! user's constant 1, the item's bias) followed by their `k + 1` squared-gradient accumulators.

use crate::dot::dot8;

recsys_core::simd_dispatch! { avx2;
    /// [`row_score`] on the widest vectors `simd` allows.
    pub(crate) fn row_score_on(x: &[f32], y: &[f32], k1: usize) -> f32 = row_score;
    /// [`warp_step`] on the widest vectors `simd` allows.
    pub(crate) fn warp_step_on(x: &mut [f32], p: &mut [f32], n: &mut [f32], k1: usize, lr: f32,
        weight: f32, alpha: f32, g_n: &mut [f32]) = warp_step;
    /// [`apply_deferred`] on the widest vectors `simd` allows.
    pub(crate) fn apply_deferred_on(row: &mut [f32], g: &[f32], lr: f32) = apply_deferred;
}

/// `x·y` over the parameter halves of two rows of `2·(k + 1)` values (the crate's 8-lane
/// [`dot8`]).
#[inline(always)]
pub(crate) fn row_score(x: &[f32], y: &[f32], k1: usize) -> f32 {
    dot8(&x[..k1], &y[..k1])
}

/// The hinge step on user `x`, positive `p` and violating negative `n` (rows of `2·k1`
/// values), with the rank weight `weight`: gradients `weight·(q_n − q_p) + α·x` for the user,
/// `∓weight·x + α·q` for the items and `∓weight` for their biases, each parameter moved by
/// `lr·g / √G`, then `g²` added to its accumulator `G` (LightFM's order: the first step is
/// `lr·g`). The user's bias column stays 1. The negative's gradient (`k1` values) is written
/// to `g_n`: where `n` is a copy of the negative's row, the caller keeps it for
/// [`apply_deferred`]. One pass over zipped slices, so the compiler vectorizes it (the same
/// operations per value in the same order as one value at a time).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(crate) fn warp_step(
    x: &mut [f32],
    p: &mut [f32],
    n: &mut [f32],
    k1: usize,
    lr: f32,
    weight: f32,
    alpha: f32,
    g_n: &mut [f32],
) {
    let k = k1 - 1;
    let (xp, xg) = x.split_at_mut(k1);
    let (pp, pg) = p.split_at_mut(k1);
    let (np, ng) = n.split_at_mut(k1);
    let user = xp[..k].iter_mut().zip(&mut xg[..k]);
    let pos = pp[..k].iter_mut().zip(&mut pg[..k]);
    let neg = np[..k].iter_mut().zip(&mut ng[..k]);
    for ((((xu, xa), (qp, pa)), (qn, na)), g) in user.zip(pos).zip(neg).zip(&mut g_n[..k]) {
        let (u, a, b) = (*xu, *qp, *qn);
        let gu = weight * (b - a) + alpha * u;
        let gp = -weight * u + alpha * a;
        let gn = weight * u + alpha * b;
        *xu -= lr * gu / xa.sqrt();
        *qp -= lr * gp / pa.sqrt();
        *qn -= lr * gn / na.sqrt();
        *xa += gu * gu;
        *pa += gp * gp;
        *na += gn * gn;
        *g = gn;
    }
    let (gp, gn) = (-weight + alpha * pp[k], weight + alpha * np[k]);
    pp[k] -= lr * gp / pg[k].sqrt();
    np[k] -= lr * gn / ng[k].sqrt();
    pg[k] += gp * gp;
    ng[k] += gn * gn;
    g_n[k] = gn;
}

/// One deferred adagrad step on a row of `2·k1` values (parameters, then accumulators) with
/// the gradient `g` (`k1` values) that [`warp_step`] recorded: `w −= lr·g/√G`, then `G += g²`.
#[inline(always)]
pub(crate) fn apply_deferred(row: &mut [f32], g: &[f32], lr: f32) {
    let k1 = g.len();
    let (w, acc) = row.split_at_mut(k1);
    for ((w, a), &g) in w.iter_mut().zip(acc.iter_mut()).zip(g) {
        *w -= lr * g / a.sqrt();
        *a += g * g;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use recsys_core::simd::Simd;

    #[test]
    fn every_vector_width_steps_to_the_same_bits() {
        // 64 factors and the bias, then 65 accumulators
        let row = |a: f32| -> Vec<f32> {
            let params = (0..65).map(|j| (j as f32 * a).sin() * 0.3);
            params
                .chain((0..65).map(|j| 1.0 + j as f32 * 0.01))
                .collect()
        };
        let run = |simd: Simd| {
            let (mut x, mut p, mut n) = (row(0.7), row(1.3), row(-0.4));
            let mut g = vec![0.0f32; 65];
            let s = row_score_on(simd, &x, &p, 65);
            warp_step_on(simd, &mut x, &mut p, &mut n, 65, 0.05, 2.5, 0.01, &mut g);
            apply_deferred_on(simd, &mut p, &g, 0.05);
            let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            (s.to_bits(), bits(&x), bits(&p), bits(&n), bits(&g))
        };
        let base = run(Simd::Baseline);
        assert_eq!(base, run(Simd::detect()));
        assert_ne!(
            base.1,
            row(0.7).iter().map(|f| f.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn one_step_by_hand() {
        // k = 1: [factor, bias | accumulators]
        let mut x = vec![0.5, 1.0, 1.0, 1.0];
        let mut p = vec![0.2, 0.1, 1.0, 1.0];
        let mut n = vec![-0.4, 0.3, 1.0, 1.0];
        let mut n2 = n.clone();
        let mut x2 = x.clone();
        let mut p2 = p.clone();
        let mut ignored = vec![0.0; 2];
        warp_step(&mut x, &mut p, &mut n, 2, 0.1, 2.0, 0.0, &mut ignored);
        // deferred: the same user and positive steps, and the negative's step applied later
        let mut g = vec![0.0; 2];
        let mut copy = n2.clone();
        warp_step(&mut x2, &mut p2, &mut copy, 2, 0.1, 2.0, 0.0, &mut g);
        assert_eq!(g, ignored);
        apply_deferred(&mut n2, &g, 0.1);
        assert_eq!(
            (x2.clone(), p2.clone(), n2.clone()),
            (x.clone(), p.clone(), n.clone())
        );
        // g_u = 2·(−0.4 − 0.2) = −1.2 with G = 1, then G = 2.44
        assert_relative_eq!(x[0], 0.5 + 0.1 * 1.2, epsilon = 1e-6);
        assert_relative_eq!(x[2], 2.44, epsilon = 1e-6);
        // g_p = −2·0.5 = −1, g_n = 1
        assert_relative_eq!(p[0], 0.2 + 0.1, epsilon = 1e-6);
        assert_relative_eq!(n[0], -0.4 - 0.1, epsilon = 1e-6);
        // biases: g = ∓2, then G = 5
        assert_relative_eq!(p[1], 0.1 + 0.2, epsilon = 1e-6);
        assert_relative_eq!(n[1], 0.3 - 0.2, epsilon = 1e-6);
        assert_relative_eq!(n[3], 5.0, epsilon = 1e-6);
        assert_eq!(x[1], 1.0);
        assert_relative_eq!(row_score(&x, &p, 2), x[0] * p[0] + p[1], epsilon = 1e-6);
    }
}
