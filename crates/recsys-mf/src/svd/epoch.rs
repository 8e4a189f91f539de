//! One SGD epoch of SVD or SVD++ over a block of users and items: the per-rating steps,
//! written once and compiled for each vector width (see `kernel`).

use super::csr::Csr;
use super::dot::row_dot;
use recsys_core::simd::prefetch;

/// How many users one SVD epoch interleaves (independent dependency chains in flight).
const INTERLEAVE: usize = 4;

/// How many ratings ahead the next item row is prefetched (measured best on ml-100k).
const PREFETCH_AHEAD: usize = 2;

/// Constants of one SGD epoch (`k` the padded row width).
pub(super) struct SgdConsts {
    pub(super) k: usize,
    pub(super) mean: f32,
    pub(super) lr: f32,
    pub(super) reg: f32,
    pub(super) lr_b: f32,
    pub(super) reg_b: f32,
    pub(super) biased: bool,
    pub(super) plus_plus: bool,
}

/// What one SGD epoch reads: its constants, the training ratings and its users in visiting
/// order.
#[derive(Clone, Copy)]
pub(super) struct Pass<'a> {
    pub(super) c: &'a SgdConsts,
    pub(super) train: &'a Csr,
    pub(super) order: &'a [u32],
}

/// The parameters SGD updates: user factors `p` and biases `bu` of a block of users `u0..`,
/// item factors `q` and biases `bi` of a block of items `i0..i_end` (the whole index space for
/// one thread), and SVD++'s implicit factors `y` of every item (empty for SVD).
pub(super) struct Factors<'a> {
    pub(super) p: &'a mut [f32],
    pub(super) q: &'a mut [f32],
    pub(super) y: &'a mut [f32],
    pub(super) bu: &'a mut [f32],
    pub(super) bi: &'a mut [f32],
    pub(super) u0: u32,
    pub(super) i0: u32,
    pub(super) i_end: u32,
}

/// SVD++'s scratch vectors of length k (empty for SVD): the user's implicit term `z`, the
/// accumulated shift `grad_y` of their `y_j`, and `pz = p_u + z`.
pub(super) struct Buffers<'a> {
    pub(super) z: &'a mut [f32],
    pub(super) grad_y: &'a mut [f32],
    pub(super) pz: &'a mut [f32],
}

/// One SGD epoch over `order`'s users. `FMA` fuses each factor update into one multiply-add
/// (only from the kernels compiled with FMA; elsewhere `mul_add` would be a slow library call).
#[inline(always)]
pub(super) fn epoch<const WIDE: bool, const FMA: bool>(
    pass: Pass<'_>,
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
) -> f64 {
    if pass.c.plus_plus {
        epoch_svdpp::<WIDE, FMA>(pass, f, b)
    } else {
        epoch_svd_pairs::<WIDE, FMA>(pass, f)
    }
}

/// The error of the rating `r` predicted with `dotv = q_i·p'_u` and the biases `bu`, `bi`,
/// which then take their SGD step (when the model is biased).
#[inline(always)]
fn bias_step(c: &SgdConsts, bu: &mut f32, bi: &mut f32, r: f32, dotv: f32) -> f32 {
    let (bu_u, bi_i) = (*bu, *bi);
    let est = if c.biased {
        c.mean + bu_u + bi_i + dotv
    } else {
        dotv
    };
    let err = r - est;
    if c.biased {
        *bu += c.lr_b * (err - c.reg_b * bu_u);
        *bi += c.lr_b * (err - c.reg_b * bi_i);
    }
    err
}

/// One SGD step of biased/unbiased SVD on the rating `r` of local user `lu` for local item
/// `li`; returns the error before the step.
#[inline(always)]
fn svd_step<const WIDE: bool, const FMA: bool>(
    c: &SgdConsts,
    f: &mut Factors<'_>,
    lu: usize,
    li: usize,
    r: f32,
) -> f32 {
    let pu = &mut f.p[lu * c.k..(lu + 1) * c.k];
    let qi = &mut f.q[li * c.k..(li + 1) * c.k];
    let dotv = row_dot::<WIDE>(qi, pu);
    let err = bias_step(c, &mut f.bu[lu], &mut f.bi[li], r, dotv);
    let (le, lreg) = (c.lr * err, c.lr * c.reg);
    let decay = 1.0 - lreg;
    if FMA {
        // (1 - lr·reg)·p + lr·err·q in one fused step per element
        for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
            let (p0, q0) = (*pf, *qf);
            *pf = le.mul_add(q0, decay * p0);
            *qf = le.mul_add(p0, decay * q0);
        }
    } else {
        for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
            let (p0, q0) = (*pf, *qf);
            *pf = p0 + le * q0 - lreg * p0;
            *qf = q0 + le * p0 - lreg * q0;
        }
    }
    err
}

/// One SVD epoch (no implicit part) that walks the users of `order` two at a time, alternating
/// their ratings: consecutive steps of one user form a dependent chain (each step's dot product
/// reads the `p_u` the step before wrote), and two interleaved chains let the processor overlap
/// them. Every rating is visited once per epoch, in an order fixed by `order`.
#[inline(always)]
fn epoch_svd_pairs<const WIDE: bool, const FMA: bool>(pass: Pass<'_>, f: &mut Factors<'_>) -> f64 {
    let Pass { c, train, order } = pass;
    let mut sse = 0.0f64;
    for group in order.chunks(INTERLEAVE) {
        let mut segs: [(&[u32], &[f32], usize); INTERLEAVE] = [(&[], &[], 0); INTERLEAVE];
        let mut longest = 0;
        for (slot, &u) in segs.iter_mut().zip(group) {
            let (items, ratings) = train.row(u).within(f.i0, f.i_end);
            longest = longest.max(items.len());
            *slot = (items, ratings, (u - f.u0) as usize);
        }
        for t in 0..longest {
            for &(items, ratings, lu) in &segs {
                if let Some(&next) = items.get(t + PREFETCH_AHEAD) {
                    prefetch_item(f.q, f.i0, next, c.k);
                }
                if t < items.len() {
                    let e = svd_step::<WIDE, FMA>(c, f, lu, (items[t] - f.i0) as usize, ratings[t]);
                    sse += f64::from(e) * f64::from(e);
                }
            }
        }
    }
    sse
}

/// One SVD++ epoch, user by user with the implicit term kept up to date (see the module
/// documentation of `svd`).
#[inline(always)]
fn epoch_svdpp<const WIDE: bool, const FMA: bool>(
    pass: Pass<'_>,
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
) -> f64 {
    let Pass { c, train, order } = pass;
    let mut sse = 0.0f64;
    let decay = 1.0 - c.lr * c.reg;
    for &u in order {
        let row = train.row(u);
        if row.is_empty() {
            continue;
        }
        let lu = (u - f.u0) as usize;
        let pu = &mut f.p[lu * c.k..(lu + 1) * c.k];
        let n = row.len();
        let norm = 1.0 / (n as f32).sqrt();
        // z = |N(u)|^-½ Σ y_j, and no shift of the y_j yet
        b.z.iter_mut().for_each(|v| *v = 0.0);
        for &j in row.items {
            let yj = &f.y[j as usize * c.k..(j as usize + 1) * c.k];
            b.z.iter_mut().zip(yj).for_each(|(a, b)| *a += b);
        }
        b.z.iter_mut().for_each(|v| *v *= norm);
        b.grad_y.iter_mut().for_each(|v| *v = 0.0);
        let (seg, ratings) = row.within(f.i0, f.i_end);
        for (n_at, (&i, &r)) in seg.iter().zip(ratings).enumerate() {
            if let Some(&next) = seg.get(n_at + PREFETCH_AHEAD) {
                prefetch_item(f.q, f.i0, next, c.k);
            }
            let li = (i - f.i0) as usize;
            let qi = &mut f.q[li * c.k..(li + 1) * c.k];
            b.pz.iter_mut()
                .zip(pu.iter().zip(b.z.iter()))
                .for_each(|(o, (a, b))| *o = a + b);
            let dotv = row_dot::<WIDE>(qi, b.pz);
            let err = bias_step(c, &mut f.bu[lu], &mut f.bi[li], r, dotv);
            sse += f64::from(err) * f64::from(err);
            let (le, lreg) = (c.lr * err, c.lr * c.reg);
            let g = le * norm;
            let it = pu
                .iter_mut()
                .zip(qi.iter_mut())
                .zip(b.z.iter_mut())
                .zip(b.grad_y.iter_mut())
                .zip(b.pz.iter());
            if FMA {
                for ((((pf, qf), zf), gy), pzf) in it {
                    let (p0, q0) = (*pf, *qf);
                    *pf = le.mul_add(q0, decay * p0);
                    *qf = le.mul_add(*pzf, decay * q0);
                    *zf = le.mul_add(q0, decay * *zf);
                    *gy = g.mul_add(q0, decay * *gy);
                }
            } else {
                for ((((pf, qf), zf), gy), pzf) in it {
                    let (p0, q0) = (*pf, *qf);
                    *pf = p0 + le * q0 - lreg * p0;
                    *qf = q0 + le * pzf - lreg * q0;
                    *zf = decay * *zf + le * q0;
                    *gy = decay * *gy + g * q0;
                }
            }
        }
        // the n per-rating steps of every y_j at once: y_j ← dⁿ·y_j + G
        let dn = decay.powi(n as i32);
        for &j in row.items {
            let yj = &mut f.y[j as usize * c.k..(j as usize + 1) * c.k];
            yj.iter_mut()
                .zip(b.grad_y.iter())
                .for_each(|(y, g)| *y = dn * *y + g);
        }
    }
    sse
}

/// Asks for the row of block-local item `next - i0` of `q` ahead of its step (the next item
/// rows are random accesses).
#[inline(always)]
fn prefetch_item(q: &[f32], i0: u32, next: u32, k: usize) {
    prefetch(&q[((next - i0) as usize * k).min(q.len().saturating_sub(1))..]);
}
