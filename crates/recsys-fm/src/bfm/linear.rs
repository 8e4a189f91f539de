//! The global bias and the linear weights of a Gibbs sweep (myFM's `update_w0`, `update_w` on
//! relational blocks): each weight drawn from its normal conditional given everything else.

use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::state::{MIN_LEN, Sampler};
use crate::random::normal_from_quadratic;

impl Sampler {
    /// w₀ | rest ~ N: precision `αN + reg₀`, linear term `α Σ (w₀ − e)`.
    pub fn update_w0(&mut self, rng: &mut Xoshiro256PlusPlus) {
        let n = self.e.len() as f64;
        let lin = self.alpha * self.e.iter().map(|e| self.w0 - e).sum::<f64>();
        let quad = self.alpha * n + self.priors.reg_0;
        let new = normal_from_quadratic(rng, quad, lin);
        let d = new - self.w0;
        self.e
            .par_iter_mut()
            .with_min_len(MIN_LEN)
            .for_each(|e| *e += d);
        self.w0 = new;
    }

    /// Every linear weight of relation `b`, one feature after the other. With `E_r` the sum of
    /// the residuals of row `r`'s cases and `c_r` their count, weight `j` has precision
    /// `λ + α Σ_r c_r x_rj²` and linear term `α(Σ_r c_r x_rj² w_j − Σ_r x_rj E_r) + λμ`.
    pub fn update_w_block(&mut self, b: usize, rng: &mut Xoshiro256PlusPlus) {
        let old_lin = self.linear_rows(b);
        let rel = &self.rel[b];
        let mut e_row: Vec<f64> = (0..rel.n_rows())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|r| rel.cases(r).iter().map(|&n| self.e[n as usize]).sum())
            .collect();
        for j in 0..rel.n_features {
            let gj = rel.offset + j;
            let g = self.group[gj] as usize;
            let (rows, xs) = rel.col(j);
            let (mut sq, mut le) = (0.0, 0.0);
            for (&r, &x) in rows.iter().zip(xs) {
                sq += rel.card[r as usize] * x * x;
                le += x * e_row[r as usize];
            }
            let w_old = self.w[gj];
            let (lambda, mu) = (self.lambda_w[g], self.mu_w[g]);
            let quad = lambda + self.alpha * sq;
            let lin = self.alpha * (sq * w_old - le) + lambda * mu;
            let w_new = normal_from_quadratic(rng, quad, lin);
            let d = w_new - w_old;
            for (&r, &x) in rows.iter().zip(xs) {
                e_row[r as usize] += rel.card[r as usize] * x * d;
            }
            self.w[gj] = w_new;
        }
        let new_lin = self.linear_rows(b);
        let rows = &self.rel[b].case_row;
        self.e
            .par_iter_mut()
            .zip(rows.par_iter())
            .with_min_len(MIN_LEN)
            .for_each(|(e, &r)| *e += new_lin[r as usize] - old_lin[r as usize]);
    }
}
