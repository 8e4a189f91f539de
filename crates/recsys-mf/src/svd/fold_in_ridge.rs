//! [`FoldInMethod::Ridge`](super::FoldInMethod::Ridge): the user's factors and bias by the
//! closed-form ridge solve the fit's SGD converges to.

use recsys_core::ridge::Ridge;

use super::FactorModel;

impl FactorModel {
    /// The state (`p'_u`, then `b_u`; `k + 1` values) of the ridge solve for the history `h`
    /// (ascending items, checked, not empty) with SVD++'s implicit part `z` (zeros for SVD):
    /// penalty `reg·n` on `p_u` and `reg_bias·n` on `b_u`, targets `r − μ − b_i − q_i·z`, by
    /// Cholesky in `f64`. A singular system (zero `reg` and fewer ratings than factors) keeps
    /// `p_u = 0`.
    pub(super) fn ridge_state(&self, h: &[(u32, f32)], z: &[f32]) -> Vec<f32> {
        let k = self.item_factors.ncols();
        let mut state = vec![0.0f32; k + 1];
        let biased = self.reg_bias.is_some();
        let dim = k + usize::from(biased);
        let mut ridge = Ridge::new(dim);
        let mut x = vec![0.0f64; dim];
        for &(i, r) in h {
            let qi = self.item_factors.row(i as usize);
            let mut target = f64::from(r - self.mean - self.item_bias[i as usize]);
            for (f, (&q, &zf)) in qi.iter().zip(z).enumerate() {
                x[f] = f64::from(q);
                target -= f64::from(q) * f64::from(zf);
            }
            if biased {
                x[k] = 1.0;
            }
            ridge.add(&x, target);
        }
        let n = h.len() as f64;
        let mut lambda = vec![f64::from(self.reg) * n; dim];
        if let Some(rb) = self.reg_bias {
            lambda[k] = f64::from(rb) * n;
        }
        if let Some(theta) = ridge.solve(&lambda) {
            for f in 0..k {
                state[f] = theta[f] as f32 + z[f];
            }
            if biased {
                state[k] = theta[k] as f32;
            }
        }
        state
    }
}
