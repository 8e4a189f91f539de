//! The pairwise factors of a Gibbs sweep (myFM's `update_V` on relational blocks), factor by
//! factor and, within a factor, block by block and feature by feature.
//!
//! For factor `f`, a case `n` has `q_n = Σ_b q_b(r_b(n))` with `q_b(r) = Σ_j x_rj v_jf`, and its
//! prediction is linear in any one `v_jf`: `ŷ_n = g_n + h_n v_jf` with
//! `h_n = x_rj (q_n − x_rj v_jf)`. Writing `o_n = q_n − q_b(r)` (the other blocks) and
//! `a = q_b(r) − x_rj v_jf`, the sums over a row's cases that the conditional needs are
//! `Σ h² = x²(S₂ + 2aS₁ + c a²)` and `Σ e h = x(E_o + a E)` with `S₁ = Σ o`, `S₂ = Σ o²`,
//! `E = Σ e`, `E_o = Σ e o` per row; a draw updates them in O(1) per row.

use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::state::{MIN_LEN, Sampler};
use crate::random::normal_from_quadratic;

/// Per-row sums of one block for one factor.
struct RowSums {
    s1: Vec<f64>,
    s2: Vec<f64>,
    e: Vec<f64>,
    eo: Vec<f64>,
}

impl Sampler {
    /// Draws factor `f` of every feature.
    pub fn update_v_factor(&mut self, f: usize, rng: &mut Xoshiro256PlusPlus) {
        let nb = self.rel.len();
        let mut q: Vec<Vec<f64>> = Vec::with_capacity(nb);
        let mut qs: Vec<Vec<f64>> = Vec::with_capacity(nb);
        for b in 0..nb {
            let (a, s) = self.factor_rows(b, self.v_col(f));
            q.push(a);
            qs.push(s);
        }
        // q_n of every case
        let mut qn = vec![0.0; self.e.len()];
        for b in 0..nb {
            let (rows, qb) = (&self.rel[b].case_row, &q[b]);
            qn.par_iter_mut()
                .zip(rows.par_iter())
                .with_min_len(MIN_LEN)
                .for_each(|(x, &r)| *x += qb[r as usize]);
        }
        for b in 0..nb {
            self.update_v_block(f, b, &mut q[b], &mut qs[b], &mut qn, rng);
        }
    }

    fn row_sums(&self, b: usize, qb: &[f64], qn: &[f64]) -> RowSums {
        let rel = &self.rel[b];
        let sums: Vec<[f64; 4]> = (0..rel.n_rows())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|r| {
                let mut s = [0.0; 4];
                for &n in rel.cases(r) {
                    let o = qn[n as usize] - qb[r];
                    let e = self.e[n as usize];
                    s[0] += o;
                    s[1] += o * o;
                    s[2] += e;
                    s[3] += e * o;
                }
                s
            })
            .collect();
        RowSums {
            s1: sums.iter().map(|s| s[0]).collect(),
            s2: sums.iter().map(|s| s[1]).collect(),
            e: sums.iter().map(|s| s[2]).collect(),
            eo: sums.iter().map(|s| s[3]).collect(),
        }
    }

    fn update_v_block(
        &mut self,
        f: usize,
        b: usize,
        qb: &mut [f64],
        qsb: &mut [f64],
        qn: &mut [f64],
        rng: &mut Xoshiro256PlusPlus,
    ) {
        let mut s = self.row_sums(b, qb, qn);
        let (q_old, qs_old) = (qb.to_vec(), qsb.to_vec());
        let (k, nf, alpha) = (self.k, self.n_features, self.alpha);
        let rel = &self.rel[b];
        for j in 0..rel.n_features {
            let gj = rel.offset + j;
            let g = self.group[gj] as usize;
            let v_old = self.v[f * nf + gj];
            let (rows, xs) = rel.col(j);
            let (mut sq, mut le) = (0.0, 0.0);
            for (&r, &x) in rows.iter().zip(xs) {
                let r = r as usize;
                let a = qb[r] - x * v_old;
                sq += x * x * (s.s2[r] + 2.0 * a * s.s1[r] + rel.card[r] * a * a);
                le += x * (s.eo[r] + a * s.e[r]);
            }
            let (lambda, mu) = (self.lambda_v[g * k + f], self.mu_v[g * k + f]);
            let quad = alpha * sq + lambda;
            let lin = alpha * (sq * v_old - le) + lambda * mu;
            let v_new = normal_from_quadratic(rng, quad, lin);
            let d = v_new - v_old;
            for (&r, &x) in rows.iter().zip(xs) {
                let r = r as usize;
                let a = qb[r] - x * v_old;
                s.e[r] += d * x * (s.s1[r] + rel.card[r] * a);
                s.eo[r] += d * x * (s.s2[r] + a * s.s1[r]);
                qb[r] += x * d;
                qsb[r] += x * x * (v_new * v_new - v_old * v_old);
            }
            self.v[f * nf + gj] = v_new;
        }
        // the residuals and q_n of the block's cases, from the rows' old and new sums
        let rows = &self.rel[b].case_row;
        let (qb, qsb) = (&*qb, &*qsb);
        self.e
            .par_iter_mut()
            .zip(qn.par_iter_mut())
            .zip(rows.par_iter())
            .with_min_len(MIN_LEN)
            .for_each(|((e, qn), &r)| {
                let r = r as usize;
                let o = *qn - q_old[r];
                *e += (qb[r] - q_old[r]) * o + 0.5 * (qb[r] * qb[r] - q_old[r] * q_old[r])
                    - 0.5 * (qsb[r] - qs_old[r]);
                *qn = o + qb[r];
            });
    }
}
