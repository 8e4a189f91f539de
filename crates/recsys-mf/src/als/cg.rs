//! The conjugate-gradient solve of one row's system, as `implicit`'s `least_squares_cg` does it.

use super::kernel::{axpy, dot, madd, row_dots, weighted_rows};
use super::params::Conf;

/// CG stops early once the squared residual norm falls below this (as in `implicit`).
const CG_EPS: f32 = 1e-20;

/// One row's system `(A + Σ (c−1) y_i y_iᵀ) x = Σ c y_i`, `A = YᵀY + λI`.
pub(super) struct Row<'a> {
    /// `A = YᵀY + λI` (k×k, row-major).
    pub(super) a: &'a [f32],
    /// The other side's factors (row-major, k wide).
    pub(super) y: &'a [f32],
    /// The row's interactions: indices into `y`'s rows.
    pub(super) items: &'a [u32],
    /// Their stored values.
    pub(super) ratings: &'a [f32],
    /// The confidence rule.
    pub(super) conf: Conf,
    /// CG steps.
    pub(super) steps: usize,
}

/// Per-thread buffers of the CG kernel.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    r: Vec<f32>,
    p: Vec<f32>,
    ap: Vec<f32>,
    /// One weight per interaction of the row.
    w: Vec<f32>,
}

/// `implicit`'s `least_squares_cg` for one row: CG warm-started from `x`.
#[inline(always)]
pub(super) fn cg_row<const F: bool>(row: &Row<'_>, x: &mut [f32], s: &mut Scratch) {
    let k = x.len();
    let n = row.items.len();
    for v in [&mut s.r, &mut s.p, &mut s.ap] {
        v.clear();
        v.resize(k, 0.0);
    }
    s.w.clear();
    s.w.resize(n, 0.0);
    let (r, p, ap, w) = (&mut s.r[..], &mut s.p[..], &mut s.ap[..], &mut s.w[..]);
    let (a, y, items) = (row.a, row.y, row.items);
    let item = |i: u32| {
        let i = i as usize;
        &y[i * k..(i + 1) * k]
    };
    // r = b − A_u x = −A x + Σ (c − (c − 1)(y_i·x)) y_i
    row_dots::<F>(w, items, y, x);
    for (wi, &rating) in w.iter_mut().zip(row.ratings) {
        let c = row.conf.of(rating);
        *wi = c - (c - 1.0) * *wi;
    }
    {
        let x: &[f32] = x;
        let w: &[f32] = w;
        weighted_rows::<F, _, _>(
            r,
            || a.chunks_exact(k).zip(x).map(|(ar, &xj)| (-xj, ar)),
            || w.iter().zip(items).map(|(&wi, &i)| (wi, item(i))),
        );
    }
    p.copy_from_slice(r);
    let mut rs_old = dot::<F>(r, r);
    if rs_old < CG_EPS {
        return;
    }
    for _ in 0..row.steps {
        // Ap = A p + Σ (c − 1)(y_i·p) y_i
        row_dots::<F>(w, items, y, p);
        for (wi, &rating) in w.iter_mut().zip(row.ratings) {
            *wi *= row.conf.of(rating) - 1.0;
        }
        {
            let p: &[f32] = p;
            let w: &[f32] = w;
            weighted_rows::<F, _, _>(
                ap,
                || a.chunks_exact(k).zip(p).map(|(ar, &pj)| (pj, ar)),
                || w.iter().zip(items).map(|(&wi, &i)| (wi, item(i))),
            );
        }
        let p_ap = dot::<F>(p, ap);
        if !(p_ap.is_finite() && p_ap > 0.0) {
            break; // a singular direction (λ = 0 with too few data): keep what we have
        }
        let step = rs_old / p_ap;
        axpy::<F>(step, p, x);
        axpy::<F>(-step, ap, r);
        let rs_new = dot::<F>(r, r);
        if rs_new < CG_EPS {
            break;
        }
        let beta = rs_new / rs_old;
        for (pj, &rj) in p.iter_mut().zip(r.iter()) {
            *pj = madd::<F>(beta, *pj, rj);
        }
        rs_old = rs_new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::als::dispatch;
    use crate::als::gram::{gram, plus_diagonal};
    use crate::als::linalg::direct_solve;
    use crate::als::params::Confidence;
    use crate::simd::Simd;
    use approx::assert_relative_eq;

    #[test]
    fn cg_converges_to_the_direct_solve() {
        // k = 3, A = YᵀY + λI for 4 item rows; the user has items 0 and 2, c = α = 3.
        let k = 3;
        let y: Vec<f32> = vec![
            0.5, -0.2, 0.1, //
            0.3, 0.8, -0.4, //
            -0.6, 0.1, 0.7, //
            0.2, 0.2, 0.2,
        ];
        let reg = 0.1f32;
        for simd in [Simd::Baseline, Simd::detect()] {
            let a = plus_diagonal(gram(&y, k, simd), k, reg);
            let conf = Conf {
                rule: Confidence::Scaled,
                alpha: 3.0,
                use_ratings: false,
            };
            let row = Row {
                a: &a,
                y: &y,
                items: &[0, 2],
                ratings: &[1.0, 1.0],
                conf,
                steps: 3,
            };
            let mut x = vec![0.01f32, 0.02, 0.03];
            dispatch::cg_row(simd, &row, &mut x, &mut Scratch::default());
            // direct: (YᵀY + λI + 2·Σ y yᵀ) x = 3·Σ y
            let want = direct_solve(&y, k, f64::from(reg), &[(0, 3.0), (2, 3.0)]);
            for d in 0..k {
                assert_relative_eq!(f64::from(x[d]), want[d], epsilon = 1e-4);
            }
        }
    }
}
