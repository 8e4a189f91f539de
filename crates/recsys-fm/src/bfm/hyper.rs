//! The hyperparameter draws of a Gibbs sweep: the noise precision α and, per feature group, the
//! Normal-Gamma priors of the linear weights and of each factor (myFM's `update_alpha`,
//! `update_lambda_generic`, `update_mu_generic`).

use rand_xoshiro::Xoshiro256PlusPlus;

use super::state::Sampler;
use crate::random::{gamma, normal_from_quadratic};

impl Sampler {
    /// α ~ Gamma((α₀ + N)/2, scale 2/(β₀ + Σe²)).
    pub fn update_alpha(&mut self, rng: &mut Xoshiro256PlusPlus) {
        let sse: f64 = self.e.iter().map(|e| e * e).sum();
        let n = self.e.len() as f64;
        let p = self.priors;
        self.alpha = gamma(rng, (p.alpha_0 + n) / 2.0, 2.0 / (p.beta_0 + sse));
    }

    /// λ then μ of every group for the weights `x(j)` of the features, given the group's current
    /// μ (for λ) and new λ (for μ): λ_g ~ Gamma((α₀ + n_g)/2, scale 2/(β₀ + Σ(x − μ_g)²)),
    /// μ_g ~ N((γ₀μ₀ + Σx)/(γ₀ + n_g), 1/(λ_g(γ₀ + n_g))).
    fn draw_group_priors(
        &self,
        x: &[f64],
        mu: &mut [f64],
        lambda: &mut [f64],
        rng: &mut Xoshiro256PlusPlus,
    ) {
        let p = self.priors;
        let mut dev2 = vec![0.0; self.n_groups];
        let mut sum = vec![0.0; self.n_groups];
        for (j, &xj) in x.iter().enumerate() {
            let g = self.group[j] as usize;
            dev2[g] += (xj - mu[g]) * (xj - mu[g]);
        }
        for g in 0..self.n_groups {
            let n = self.group_size[g] as f64;
            lambda[g] = gamma(rng, (p.alpha_0 + n) / 2.0, 2.0 / (p.beta_0 + dev2[g]));
        }
        for (j, &xj) in x.iter().enumerate() {
            sum[self.group[j] as usize] += xj;
        }
        for g in 0..self.n_groups {
            let n = self.group_size[g] as f64;
            let quad = lambda[g] * (p.gamma_0 + n);
            let lin = lambda[g] * (p.gamma_0 * p.mu_0 + sum[g]);
            mu[g] = normal_from_quadratic(rng, quad, lin);
        }
    }

    /// The linear weights' group priors: λ_w for every group, then μ_w.
    pub fn update_w_priors(&mut self, rng: &mut Xoshiro256PlusPlus) {
        let (mut mu, mut lambda) = (self.mu_w.clone(), self.lambda_w.clone());
        self.draw_group_priors(&self.w, &mut mu, &mut lambda, rng);
        self.mu_w = mu;
        self.lambda_w = lambda;
    }

    /// The factors' group priors, factor by factor. myFM draws every factor's λ before any μ;
    /// the draws of one factor depend on that factor only, so the order only decides which
    /// random numbers go where: here λ of every factor, then μ of every factor, as myFM does.
    pub fn update_v_priors(&mut self, rng: &mut Xoshiro256PlusPlus) {
        let (k, ng, p) = (self.k, self.n_groups, self.priors);
        for f in 0..k {
            let col = self.v_col(f);
            let mut dev2 = vec![0.0; ng];
            for (j, &x) in col.iter().enumerate() {
                let g = self.group[j] as usize;
                let m = self.mu_v[g * k + f];
                dev2[g] += (x - m) * (x - m);
            }
            for (g, d2) in dev2.iter().enumerate() {
                let n = self.group_size[g] as f64;
                self.lambda_v[g * k + f] = gamma(rng, (p.alpha_0 + n) / 2.0, 2.0 / (p.beta_0 + d2));
            }
        }
        for f in 0..k {
            let col = self.v_col(f);
            let mut sum = vec![0.0; ng];
            for (j, &x) in col.iter().enumerate() {
                sum[self.group[j] as usize] += x;
            }
            for (g, sg) in sum.iter().enumerate() {
                let n = self.group_size[g] as f64;
                let l = self.lambda_v[g * k + f];
                self.mu_v[g * k + f] =
                    normal_from_quadratic(rng, l * (p.gamma_0 + n), l * (p.gamma_0 * p.mu_0 + sg));
            }
        }
    }
}
