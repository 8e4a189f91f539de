//! [`Sampler`]: the state of the Gibbs chain — weights, hyperparameters, residuals — and the
//! residuals recomputed from scratch after every sweep (as myFM's `update_e` does, so that
//! rounding never accumulates).

use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use recsys_core::simd::Simd;

use super::relation::Relation;
use crate::dot::dot4;
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
    /// Every block's row terms at the last [`Sampler::recompute_e`] (see [`Sampler::row_terms`]).
    pub terms: Vec<Vec<f64>>,
    /// The vector instructions the draws may use.
    pub simd: Simd,
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
            terms: Vec::new(),
            simd: Simd::detect(),
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

    /// Relation `b`'s row terms for all factors, row-major with `2k + 1` entries per row: the
    /// linear term, then `q_f = Σ x v_f` and `q_S,f = Σ x² v_f²` for every factor. `vt` is `V`
    /// feature-major ([`Sampler::v_by_feature`]): a row's entries read `k` consecutive values
    /// each, not `k` strided ones.
    pub fn row_terms(&self, b: usize, vt: &[f64]) -> Vec<f64> {
        let rel = &self.rel[b];
        let k = self.k;
        let stride = 2 * k + 1;
        let mut out = vec![0.0; rel.n_rows() * stride];
        out.par_chunks_mut(stride)
            .with_min_len(64)
            .enumerate()
            .for_each(|(r, t)| {
                let (c, x) = rel.row(r);
                for (&j, &x) in c.iter().zip(x) {
                    let j = rel.offset + j as usize;
                    t[0] += x * self.w[j];
                    let vj = &vt[j * k..(j + 1) * k];
                    let (q, qs) = t[1..].split_at_mut(k);
                    for f in 0..k {
                        let u = x * vj[f];
                        q[f] += u;
                        qs[f] += u * u;
                    }
                }
            });
        out
    }

    /// `V` feature-major: `[j * k + f]`.
    pub fn v_by_feature(&self) -> Vec<f64> {
        let (k, nf) = (self.k, self.n_features);
        let mut vt = vec![0.0; nf * k];
        for f in 0..k {
            for (j, &v) in self.v_col(f).iter().enumerate() {
                vt[j * k + f] = v;
            }
        }
        vt
    }

    /// Recomputes the residuals from the weights: one pass over the cases, each case
    /// independent of the others, from every block's row terms ([`Sampler::row_terms`]), which
    /// it keeps in [`Sampler::terms`]. A case's prediction is `w₀ + Σ_b s_b + Σ_{b<b'} q_b·q_b'`
    /// with `s_b` the row's own part (its linear term and the pairs within the row,
    /// `½ Σ_f (q_f² − q_S,f)`): one dot product of length `k` per pair of blocks.
    pub fn recompute_e(&mut self) {
        let k = self.k;
        let vt = self.v_by_feature();
        let terms: Vec<Vec<f64>> = (0..self.rel.len())
            .map(|b| self.row_terms(b, &vt))
            .collect();
        let stride = 2 * k + 1;
        let own: Vec<Vec<f64>> = terms
            .iter()
            .map(|t| {
                t.par_chunks(stride)
                    .with_min_len(MIN_LEN)
                    .map(|row| row[0] + 0.5 * pair_within(&row[1..1 + k], &row[1 + k..]))
                    .collect()
            })
            .collect();
        let (rel, w0) = (&self.rel, self.w0);
        let q_of = |b: usize, n: usize| {
            let r = rel[b].case_row[n] as usize;
            &terms[b][r * stride + 1..r * stride + 1 + k]
        };
        self.e
            .par_iter_mut()
            .zip(self.y.par_iter())
            .enumerate()
            .with_min_len(MIN_LEN * 8)
            .for_each(|(n, (e, y))| {
                let mut p = w0;
                for (b, o) in own.iter().enumerate() {
                    p += o[rel[b].case_row[n] as usize];
                }
                for b in 0..rel.len() {
                    for b2 in b + 1..rel.len() {
                        p += dot4(q_of(b, n), q_of(b2, n));
                    }
                }
                *e = p - y;
            });
        self.terms = terms;
    }

    /// Root mean squared residual of the current sample.
    pub fn rmse(&self) -> f64 {
        (self.e.iter().map(|e| e * e).sum::<f64>() / self.e.len().max(1) as f64).sqrt()
    }
}

/// `Σ_f (q_f² − qs_f)`: twice the pairs within one row.
#[inline]
pub(crate) fn pair_within(q: &[f64], qs: &[f64]) -> f64 {
    q.iter().zip(qs).map(|(q, qs)| q * q - qs).sum()
}
