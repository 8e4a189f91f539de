//! [`Sampler`]: the state of the Gibbs chain — weights, hyperparameters, residuals — and the
//! residuals recomputed from scratch after every sweep (as myFM's `update_e` does, so that
//! rounding never accumulates).

use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use super::relation::Relation;
use crate::random::normal;

/// Rows per rayon task in the per-row and per-case passes.
pub(crate) const MIN_LEN: usize = 512;

/// The priors of the chain (myFM's `FMLearningConfig`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Priors {
    pub alpha_0: f64,
    pub beta_0: f64,
    pub gamma_0: f64,
    pub mu_0: f64,
    pub reg_0: f64,
}

/// The chain's state. `v` is factor-major: `v[f * n_features + j]`.
#[derive(Debug, Clone)]
pub(crate) struct Sampler {
    pub rel: Vec<Relation>,
    pub y: Vec<f64>,
    /// Residuals `ŷ − y` of the current sample.
    pub e: Vec<f64>,
    pub w0: f64,
    pub w: Vec<f64>,
    pub v: Vec<f64>,
    pub k: usize,
    pub n_features: usize,
    /// Group of every global feature.
    pub group: Vec<u32>,
    pub n_groups: usize,
    /// Features of every group.
    pub group_size: Vec<usize>,
    pub alpha: f64,
    pub mu_w: Vec<f64>,
    pub lambda_w: Vec<f64>,
    /// `[g * k + f]`.
    pub mu_v: Vec<f64>,
    pub lambda_v: Vec<f64>,
    pub priors: Priors,
}

impl Sampler {
    /// A chain over `rel` with targets `y`, weights drawn `N(0, init_stdev²)` from `rng`
    /// (V, then w, then w₀, as myFM draws them), and myFM's initial hyperparameters (α = 1,
    /// means 0, precisions 1e-5).
    pub fn new(
        rel: Vec<Relation>,
        y: Vec<f64>,
        group: Vec<u32>,
        k: usize,
        init_stdev: f64,
        priors: Priors,
        rng: &mut Xoshiro256PlusPlus,
    ) -> Self {
        let n_features = group.len();
        let n_groups = group.iter().map(|&g| g as usize + 1).max().unwrap_or(0);
        let mut group_size = vec![0usize; n_groups];
        for &g in &group {
            group_size[g as usize] += 1;
        }
        let mut v = vec![0.0; n_features * k];
        for j in 0..n_features {
            for f in 0..k {
                v[f * n_features + j] = normal(rng) * init_stdev;
            }
        }
        let w = (0..n_features).map(|_| normal(rng) * init_stdev).collect();
        let w0 = normal(rng) * init_stdev;
        let n = y.len();
        let mut s = Self {
            rel,
            y,
            e: vec![0.0; n],
            w0,
            w,
            v,
            k,
            n_features,
            group,
            n_groups,
            group_size,
            alpha: 1.0,
            mu_w: vec![0.0; n_groups],
            lambda_w: vec![1e-5; n_groups],
            mu_v: vec![0.0; n_groups * k],
            lambda_v: vec![1e-5; n_groups * k],
            priors,
        };
        s.recompute_e();
        s
    }

    /// Factor `f` of every feature.
    pub fn v_col(&self, f: usize) -> &[f64] {
        &self.v[f * self.n_features..(f + 1) * self.n_features]
    }

    /// Every relation's linear term per row, `Σ_j x_rj w_j`.
    pub fn linear_rows(&self, b: usize) -> Vec<f64> {
        let rel = &self.rel[b];
        let w = &self.w[rel.offset..rel.offset + rel.n_features];
        (0..rel.n_rows())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|r| {
                let (c, x) = rel.row(r);
                c.iter().zip(x).map(|(&j, &x)| x * w[j as usize]).sum()
            })
            .collect()
    }

    /// Relation `b`'s `(q, q_S)` per row for factor column `vf`: `Σ x v` and `Σ x² v²`.
    pub fn factor_rows(&self, b: usize, vf: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let rel = &self.rel[b];
        let vf = &vf[rel.offset..rel.offset + rel.n_features];
        (0..rel.n_rows())
            .into_par_iter()
            .with_min_len(MIN_LEN)
            .map(|r| {
                let (c, x) = rel.row(r);
                c.iter().zip(x).fold((0.0, 0.0), |(q, qs), (&j, &x)| {
                    let t = x * vf[j as usize];
                    (q + t, qs + t * t)
                })
            })
            .unzip()
    }

    /// The current sample's prediction of every case.
    pub fn predict_cases(&self) -> Vec<f64> {
        let n = self.y.len();
        let mut pred = vec![self.w0; n];
        for b in 0..self.rel.len() {
            let lin = self.linear_rows(b);
            let rows = &self.rel[b].case_row;
            pred.par_iter_mut()
                .zip(rows.par_iter())
                .with_min_len(MIN_LEN)
                .for_each(|(p, &r)| *p += lin[r as usize]);
        }
        for f in 0..self.k {
            let per: Vec<(Vec<f64>, Vec<f64>)> = (0..self.rel.len())
                .map(|b| self.factor_rows(b, self.v_col(f)))
                .collect();
            pred.par_iter_mut()
                .enumerate()
                .with_min_len(MIN_LEN)
                .for_each(|(n, p)| {
                    let (mut q, mut qs) = (0.0, 0.0);
                    for (b, (qb, qsb)) in per.iter().enumerate() {
                        let r = self.rel[b].case_row[n] as usize;
                        q += qb[r];
                        qs += qsb[r];
                    }
                    *p += 0.5 * (q * q - qs);
                });
        }
        pred
    }

    /// Recomputes the residuals from the weights.
    pub fn recompute_e(&mut self) {
        let pred = self.predict_cases();
        self.e = pred.iter().zip(&self.y).map(|(p, y)| p - y).collect();
    }

    /// Root mean squared residual of the current sample.
    pub fn rmse(&self) -> f64 {
        (self.e.iter().map(|e| e * e).sum::<f64>() / self.e.len().max(1) as f64).sqrt()
    }
}
