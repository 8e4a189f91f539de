//! The pairwise factors of a Gibbs sweep (myFM's `update_V` on relational blocks), factor by
//! factor and, within a factor, block by block and feature by feature.
//!
//! For factor `f`, a case `n` has `q_n = Σ_b q_b(r_b(n))` with `q_b(r) = Σ_j x_rj v_jf`, and its
//! prediction is linear in any one `v_jf`: `ŷ_n = g_n + h_n v_jf` with
//! `h_n = x_rj (q_n − x_rj v_jf)`. Writing `o_n = q_n − q_b(r)` (the other blocks) and
//! `a = q_b(r) − x_rj v_jf`, the sums over a row's cases that the conditional needs are
//! `Σ h² = x²(S₂ + 2aS₁ + c a²)` and `Σ e h = x(E_o + a E)` with `S₁ = Σ o`, `S₂ = Σ o²`,
//! `E = Σ e`, `E_o = Σ e o` per row; a draw updates them in O(1) per row.
//!
//! The passes over the cases are fused: one pass applies a finished block's change to the
//! residuals and gathers the next block's row sums (the next factor's first block after the
//! last block), so a factor costs one pass per block. The passes run on rayon over rows (a
//! block whose cases come in row order) or over a fixed number of case chunks whose partial
//! sums are added in chunk order, so the chain does not depend on the thread count.
//!
//! The draws themselves are a sequential scan (features of one row share its sums). They read
//! one packed record per row, their sums in two interleaved halves, on AVX2 where the
//! processor has it; their standard normal variates are drawn for the whole sweep beforehand
//! ([`normals`]: the same values in the same order, the logarithms on rayon).

use std::ops::Range;

use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use recsys_core::simd::Simd;

use super::relation::Relation;
use super::state::Sampler;
use crate::random::{normals, scaled_normal};

/// Fixed case chunks of a pass whose sums scatter over rows (see [`Sampler::fused_pass`]).
const SCATTER_CHUNKS: usize = 8;

/// Per-row sums of one block for one factor, `[S₁, S₂, E, E_o]` per row (one cache line for
/// the draws to touch).
struct RowSums(Vec<[f64; 4]>);

impl RowSums {
    fn zeros(n: usize) -> Self {
        Self(vec![[0.0; 4]; n])
    }

    /// Adds the chunks' partial sums, chunk by chunk in order.
    fn add_parts(&mut self, parts: Vec<Vec<[f64; 4]>>) {
        for part in parts {
            for (t, a) in self.0.iter_mut().zip(&part) {
                t.iter_mut().zip(a).for_each(|(t, a)| *t += a);
            }
        }
    }
}

/// Adds one case to its row's sums: the other blocks' sum `o` and the residual `e`
/// (`[S₁, S₂, E, E_o]`).
#[inline]
fn gather(a: &mut [f64; 4], o: f64, e: f64) {
    a[0] += o;
    a[1] += o * o;
    a[2] += e;
    a[3] += e * o;
}

/// A block whose draws are done: its rows' sums before and after, to apply to the residuals.
struct Done<'a> {
    b: usize,
    q: &'a [Vec<f64>],
    q_old: &'a [f64],
    qs_old: &'a [f64],
    qs_new: &'a [f64],
}

impl Sampler {
    /// Draws every factor of every feature.
    pub fn update_v(&mut self, rng: &mut Xoshiro256PlusPlus) {
        let nb = self.rel.len();
        let nf = self.n_features;
        // one variate per draw, in draw order (factor, then feature)
        let z = normals(rng, self.k * nf);
        let (mut q, mut qs) = self.factor_sums(0);
        let mut sums = self.fused_pass(None, Some((&q, 0)));
        for f in 0..self.k {
            for b in 0..nb {
                let (q_old, qs_old) = (q[b].clone(), qs[b].clone());
                let Some(s) = sums.as_mut() else {
                    unreachable!("every pass but the last gathers sums")
                };
                self.draw_block(f, b, s, &mut q[b], &mut qs[b], &z[f * nf..(f + 1) * nf]);
                let done = Done {
                    b,
                    q: &q,
                    q_old: &q_old,
                    qs_old: &qs_old,
                    qs_new: &qs[b],
                };
                if b + 1 < nb {
                    sums = self.fused_pass(Some(done), Some((&q, b + 1)));
                } else if f + 1 < self.k {
                    let (qn, qsn) = self.factor_sums(f + 1);
                    sums = self.fused_pass(Some(done), Some((&qn, 0)));
                    (q, qs) = (qn, qsn);
                    break;
                } else {
                    sums = self.fused_pass(Some(done), None);
                }
            }
        }
    }

    /// Every block's `(q, q_S)` per row for factor `f`, from the row terms of the last
    /// [`Sampler::recompute_e`]: factor `f` has not changed since (the linear weights and the
    /// factors before `f` have, and the row terms' `q` and `q_S` of `f` do not involve them).
    fn factor_sums(&self, f: usize) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
        let (k, stride) = (self.k, 2 * self.k + 1);
        self.terms
            .iter()
            .map(|t| {
                t.chunks_exact(stride)
                    .map(|row| (row[1 + f], row[1 + k + f]))
                    .unzip()
            })
            .unzip()
    }

    /// One pass over the cases: applies `done`'s change to the residuals, then gathers the row
    /// sums of block `next.1` under the factor sums `next.0`.
    fn fused_pass(
        &mut self,
        done: Option<Done<'_>>,
        next: Option<(&[Vec<f64>], usize)>,
    ) -> Option<RowSums> {
        let mut sums = next.map(|(_, b)| RowSums::zeros(self.rel[b].n_rows()));
        if self.rel.len() == 2 {
            self.fused_pass_two(done.as_ref(), next, sums.as_mut());
        } else {
            debug_assert_eq!(self.rel.len(), 3, "users, items and at most one case block");
            self.fused_pass_three(done.as_ref(), next, sums.as_mut());
        }
        sums
    }

    /// [`Sampler::fused_pass`] for three blocks (users, items and a case block): a fixed
    /// number of case chunks, each with its own partial sums, added in chunk order (the same for
    /// any thread count). The finished block's per-row terms are computed once per row, and a
    /// case's other blocks are two lookups in ascending block order.
    fn fused_pass_three(
        &mut self,
        done: Option<&Done<'_>>,
        next: Option<(&[Vec<f64>], usize)>,
        sums: Option<&mut RowSums>,
    ) {
        /// The two other blocks of each block, ascending.
        const OTHERS: [[usize; 2]; 3] = [[1, 2], [0, 2], [0, 1]];
        let rows = [
            &self.rel[0].case_row[..],
            &self.rel[1].case_row[..],
            &self.rel[2].case_row[..],
        ];
        // per row of the done block: e += (dq·o + c₁) − c₂ (c₁, c₂ kept apart: the additions
        // of the three-block chain as it was first measured, so its figures hold to the bit)
        let upd = done.map(|d| {
            let terms: Vec<[f64; 3]> = (0..d.q_old.len())
                .map(|r| {
                    let (qn, qo) = (d.q[d.b][r], d.q_old[r]);
                    [
                        qn - qo,
                        0.5 * (qn * qn - qo * qo),
                        0.5 * (d.qs_new[r] - d.qs_old[r]),
                    ]
                })
                .collect();
            let [x, y] = OTHERS[d.b];
            (
                rows[d.b],
                [rows[x], rows[y]],
                [&d.q[x][..], &d.q[y][..]],
                terms,
            )
        });
        let gat = next.map(|(q, b)| {
            let [x, y] = OTHERS[b];
            (rows[b], [rows[x], rows[y]], [&q[x][..], &q[y][..]])
        });
        let other = |r: &[&[u32]; 2], q: &[&[f64]; 2], n: usize| {
            q[0][r[0][n] as usize] + q[1][r[1][n] as usize]
        };
        let len = self.e.len().div_ceil(SCATTER_CHUNKS).max(1);
        let n_rows = sums.as_ref().map_or(0, |s| s.0.len());
        let parts: Vec<Vec<[f64; 4]>> = self
            .e
            .par_chunks_mut(len)
            .enumerate()
            .map(|(ci, ech)| {
                // this chunk's cases: every slice below has the chunk's length
                let span = ci * len..ci * len + ech.len();
                let upd = upd
                    .as_ref()
                    .map(|(rd, ro, qo, t)| (&rd[span.clone()], cut(*ro, span.clone()), qo, t));
                let gat = gat
                    .as_ref()
                    .map(|(rn, ro, qo)| (&rn[span.clone()], cut(*ro, span.clone()), qo));
                let mut acc = vec![[0.0f64; 4]; n_rows];
                // the sums of the row of the current run of cases, held in registers: the
                // same additions in the same order as adding into `acc` case by case
                let mut run: Option<(usize, [f64; 4])> = None;
                for (m, en) in ech.iter_mut().enumerate() {
                    if let Some((rd, ro, qo, terms)) = &upd {
                        let t = terms[rd[m] as usize];
                        *en += (t[0] * other(ro, qo, m) + t[1]) - t[2];
                    }
                    if let Some((rn, ro, qo)) = &gat {
                        let r = rn[m] as usize;
                        let a = match &mut run {
                            Some((cur, a)) if *cur == r => a,
                            _ => {
                                if let Some((cur, a)) = run {
                                    acc[cur] = a;
                                }
                                &mut run.insert((r, acc[r])).1
                            }
                        };
                        gather(a, other(ro, qo, m), *en);
                    }
                }
                if let Some((cur, a)) = run {
                    acc[cur] = a;
                }
                acc
            })
            .collect();
        if let Some(s) = sums {
            s.add_parts(parts);
        }
    }

    /// [`Sampler::fused_pass`] for two blocks (users and items), the common case: the other
    /// block's sum is one lookup. The residual change of a finished block's row is the same for
    /// all its cases but for the `o` factor, so it is precomputed per row.
    fn fused_pass_two(
        &mut self,
        done: Option<&Done<'_>>,
        next: Option<(&[Vec<f64>], usize)>,
        sums: Option<&mut RowSums>,
    ) {
        let rows = [&self.rel[0].case_row[..], &self.rel[1].case_row[..]];
        // per row of the done block: e += dq·o + c, `[dq, c]` side by side (one read)
        let upd = done.map(|d| {
            let dc: Vec<[f64; 2]> = (0..d.q_old.len())
                .map(|r| {
                    let (qn, qo) = (d.q[d.b][r], d.q_old[r]);
                    [
                        qn - qo,
                        0.5 * (qn * qn - qo * qo) - 0.5 * (d.qs_new[r] - d.qs_old[r]),
                    ]
                })
                .collect();
            (d.b, &d.q[1 - d.b], dc)
        });
        let e = &mut self.e[..];
        match (upd, next, sums) {
            (upd, Some((q, nb)), Some(s)) if self.rel[nb].contiguous => {
                // the sums' block has its cases in row order: rows in parallel, each row's
                // sums in registers, each case's residual updated by its row's task
                let rel = &self.rel[nb];
                let rm = rows[1 - nb];
                let qm = &q[1 - nb];
                let upd = upd
                    .as_ref()
                    .map(|(b, qo, dc)| (rows[*b], rows[1 - *b], *qo, dc));
                let mut chunks = Vec::new();
                let mut rest = &mut *e;
                let bounds = row_chunks(&rel.row_ptr, 64);
                let mut at = 0;
                for w in bounds.windows(2) {
                    let (lo, hi) = (rel.row_ptr[w[0]], rel.row_ptr[w[1]]);
                    let (head, tail) = std::mem::take(&mut rest).split_at_mut(hi - at);
                    debug_assert_eq!(lo, at);
                    chunks.push((w[0], w[1], head));
                    rest = tail;
                    at = hi;
                }
                let parts: Vec<Vec<[f64; 4]>> = chunks
                    .into_par_iter()
                    .map(|(r0, r1, ech)| {
                        let base = rel.row_ptr[r0];
                        (r0..r1)
                            .map(|r| {
                                let mut acc = [0.0; 4];
                                // the row's cases: its slices of the case arrays, in step
                                let span = rel.row_ptr[r]..rel.row_ptr[r + 1];
                                let er = &mut ech[span.start - base..span.end - base];
                                let others = &rm[span.clone()];
                                match &upd {
                                    Some((rb, ro, qo, dc)) => {
                                        let done_rows = rb[span.clone()].iter().zip(&ro[span]);
                                        for ((en, &o), (&b, &bo)) in
                                            er.iter_mut().zip(others).zip(done_rows)
                                        {
                                            let b = b as usize;
                                            let [dq, c] = dc[b];
                                            *en += dq * qo[bo as usize] + c;
                                            gather(&mut acc, qm[o as usize], *en);
                                        }
                                    }
                                    None => {
                                        for (en, &o) in er.iter().zip(others) {
                                            gather(&mut acc, qm[o as usize], *en);
                                        }
                                    }
                                }
                                acc
                            })
                            .collect()
                    })
                    .collect();
                for (r, a) in parts.into_iter().flatten().enumerate() {
                    s.0[r] = a;
                }
            }
            (upd, Some((q, nb)), Some(s)) => {
                // scattered sums: a fixed number of case chunks, each with its own partial
                // sums, added in chunk order (the same for any thread count)
                let (rn, rm) = (rows[nb], rows[1 - nb]);
                let qm = &q[1 - nb];
                let upd = upd
                    .as_ref()
                    .map(|(b, qo, dc)| (rows[*b], rows[1 - *b], *qo, dc));
                let n_rows = s.0.len();
                let len = e.len().div_ceil(SCATTER_CHUNKS).max(1);
                let parts: Vec<Vec<[f64; 4]>> = e
                    .par_chunks_mut(len)
                    .enumerate()
                    .map(|(ci, ech)| {
                        let mut acc = vec![[0.0f64; 4]; n_rows];
                        // the chunk's slices of the case arrays, walked in step
                        let span = ci * len..ci * len + ech.len();
                        let cases = rn[span.clone()].iter().zip(&rm[span.clone()]);
                        match &upd {
                            Some((rb, ro, qo, dc)) => {
                                let done_rows = rb[span.clone()].iter().zip(&ro[span]);
                                for ((en, (&r, &o)), (&b, &bo)) in
                                    ech.iter_mut().zip(cases).zip(done_rows)
                                {
                                    let b = b as usize;
                                    let [dq, c] = dc[b];
                                    *en += dq * qo[bo as usize] + c;
                                    gather(&mut acc[r as usize], qm[o as usize], *en);
                                }
                            }
                            None => {
                                for (en, (&r, &o)) in ech.iter().zip(cases) {
                                    gather(&mut acc[r as usize], qm[o as usize], *en);
                                }
                            }
                        }
                        acc
                    })
                    .collect();
                s.add_parts(parts);
            }
            (Some((b, qo, dc)), _, _) => {
                let (rb, ro) = (rows[b], rows[1 - b]);
                for ((en, &r), &o) in e.iter_mut().zip(rb).zip(ro) {
                    let [dq, c] = dc[r as usize];
                    *en += dq * qo[o as usize] + c;
                }
            }
            (None, _, _) => {}
        }
    }

    /// Draws factor `f` of block `b`'s features in order, keeping the row sums `s` and the
    /// block's `q`, `q_S` current; `z` holds the factor's standard normal variates, one per
    /// feature.
    ///
    /// The draws run on one packed record per row ([`Packed`]): a feature's rows are visited
    /// twice (its conditional, then its update), and each visit then touches one cache line.
    fn draw_block(
        &mut self,
        f: usize,
        b: usize,
        s: &mut RowSums,
        qb: &mut [f64],
        qsb: &mut [f64],
        z: &[f64],
    ) {
        let (k, nf) = (self.k, self.n_features);
        let rel = &self.rel[b];
        let mut rows: Vec<Packed> =
            s.0.iter()
                .zip(qb.iter().zip(qsb.iter()))
                .zip(&rel.card)
                .map(|((t, (&q, &qs)), &c)| Packed([t[0], t[1], t[2], t[3], q, qs, c, 0.0]))
                .collect();
        let features = rel.offset..rel.offset + rel.n_features;
        let draws = Draws {
            rel,
            group: &self.group[features.clone()],
            lambda: &self.lambda_v[..],
            mu: &self.mu_v[..],
            z: &z[features.clone()],
            k,
            f,
            alpha: self.alpha,
        };
        let v = &mut self.v[f * nf + features.start..f * nf + features.end];
        draws.run(self.simd, &mut rows, v);
        for ((p, t), (q, qs)) in rows
            .iter()
            .zip(s.0.iter_mut())
            .zip(qb.iter_mut().zip(qsb.iter_mut()))
        {
            t.copy_from_slice(&p.0[..4]);
            (*q, *qs) = (p.0[4], p.0[5]);
        }
    }
}

/// The sequential draws of one factor of one block's features.
struct Draws<'a> {
    rel: &'a Relation,
    /// The block's features' groups.
    group: &'a [u32],
    /// Every group's prior precision and mean, `[g * k + f]`.
    lambda: &'a [f64],
    mu: &'a [f64],
    /// The block's features' standard normal variates.
    z: &'a [f64],
    k: usize,
    f: usize,
    alpha: f64,
}

impl Draws<'_> {
    /// Draws every feature of the block into `v`, on the widest instructions `simd` allows
    /// (the same arithmetic, so the same values, on every path).
    fn run(&self, simd: Simd, rows: &mut [Packed], v: &mut [f64]) {
        #[cfg(target_arch = "x86_64")]
        if simd.has_avx2_fma() {
            // SAFETY: `Simd::detect` found AVX2 and FMA on this processor.
            unsafe { self.run_avx2(rows, v) };
            return;
        }
        let _ = simd;
        self.body(rows, v);
    }

    /// [`Draws::body`] compiled for AVX2 (three-operand vector instructions; no fused
    /// multiply-adds are formed, so the values are the baseline's).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn run_avx2(&self, rows: &mut [Packed], v: &mut [f64]) {
        self.body(rows, v)
    }

    #[inline(always)]
    fn body(&self, rows: &mut [Packed], v: &mut [f64]) {
        let (k, f, alpha) = (self.k, self.f, self.alpha);
        for (j, v_j) in v.iter_mut().enumerate() {
            let g = self.group[j] as usize;
            let v_old = *v_j;
            let (r, x) = self.rel.col(j);
            let (sq, le) = conditional_sums(rows, r, x, v_old);
            let (lambda, mu) = (self.lambda[g * k + f], self.mu[g * k + f]);
            let quad = alpha * sq + lambda;
            let lin = alpha * (sq * v_old - le) + lambda * mu;
            let v_new = scaled_normal(self.z[j], quad, lin);
            apply_draw(rows, r, x, v_old, v_new);
            *v_j = v_new;
        }
    }
}

/// One block row as the draws see it: `[S₁, S₂, E, E_o, q, q_S, cases, 0]`, one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Packed([f64; 8]);

/// `(Σ h², Σ e h)` of a feature with rows `rows`, values `xs` and current value `v_old`
/// (see the module doc), in two interleaved partial sums each so that consecutive rows do not
/// wait on one another's additions.
#[inline(always)]
fn conditional_sums(p: &[Packed], rows: &[u32], xs: &[f64], v_old: f64) -> (f64, f64) {
    let term = |r: u32, x: f64| {
        let t = &p[r as usize].0;
        let a = t[4] - x * v_old;
        (
            x * x * (t[1] + 2.0 * a * t[0] + t[6] * a * a),
            x * (t[3] + a * t[2]),
        )
    };
    let (mut sq, mut le) = ([0.0; 2], [0.0; 2]);
    let (pairs_r, pairs_x) = (rows.chunks_exact(2), xs.chunks_exact(2));
    let (tail_r, tail_x) = (pairs_r.remainder(), pairs_x.remainder());
    for (r, x) in pairs_r.zip(pairs_x) {
        for l in 0..2 {
            let (a, b) = term(r[l], x[l]);
            sq[l] += a;
            le[l] += b;
        }
    }
    for (&r, &x) in tail_r.iter().zip(tail_x) {
        let (a, b) = term(r, x);
        sq[0] += a;
        le[0] += b;
    }
    (sq[0] + sq[1], le[0] + le[1])
}

/// Moves a feature from `v_old` to `v_new` in its rows' records.
#[inline(always)]
fn apply_draw(p: &mut [Packed], rows: &[u32], xs: &[f64], v_old: f64, v_new: f64) {
    let d = v_new - v_old;
    let dsq = v_new * v_new - v_old * v_old;
    for (&r, &x) in rows.iter().zip(xs) {
        let t = &mut p[r as usize].0;
        let a = t[4] - x * v_old;
        t[2] += d * x * (t[0] + t[6] * a);
        t[3] += d * x * (t[1] + a * t[0]);
        t[4] += x * d;
        t[5] += x * x * dsq;
    }
}

/// The cases `span` of two blocks' case rows.
fn cut(r: [&[u32]; 2], span: Range<usize>) -> [&[u32]; 2] {
    [&r[0][span.clone()], &r[1][span]]
}

/// About `n` ranges of consecutive rows with similar case counts, as row bounds
/// (`[0, …, n_rows]`), from the row pointers `ptr`.
fn row_chunks(ptr: &[usize], n: usize) -> Vec<usize> {
    let rows = ptr.len() - 1;
    let total = ptr[rows].max(1);
    let mut out = vec![0];
    let mut next = total.div_ceil(n);
    for (r, &p) in ptr.iter().enumerate().take(rows).skip(1) {
        if p >= next {
            out.push(r);
            next = p + total.div_ceil(n);
        }
    }
    out.push(rows);
    out
}
