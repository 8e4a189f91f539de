//! [`FoldInMethod::Sgd`](super::FoldInMethod::Sgd): the fit's SGD replayed on one user, with
//! every item fixed.

use super::FactorModel;

impl FactorModel {
    /// The state (`p'_u`, then `b_u` for a biased model) that `epochs` passes of the fit's
    /// per-rating SGD over the history `h` (ascending items, checked) reach from `p_u = 0`,
    /// `b_u = 0`, with the items' factors, biases and (SVD++) the implicit part `z` held fixed:
    /// per rating `e = r − μ − b_u − b_i − q_i·(p_u + z)`, then `b_u += lr_bias·(e − reg_bias·b_u)`
    /// and `p_u += lr·(e·q_i − reg·p_u)`, Surprise's update. Summed in `f32` as the fit does.
    pub(super) fn sgd_state(
        &self,
        h: &[(u32, f32)],
        z: &[f32],
        epochs: usize,
        lr: f32,
        lr_bias: f32,
    ) -> Vec<f32> {
        let k = self.item_factors.ncols();
        let mut p = vec![0.0f32; k];
        let mut bu = 0.0f32;
        for _ in 0..epochs {
            for &(i, r) in h {
                let qi = self.item_factors.row(i as usize);
                let dot: f32 = qi
                    .iter()
                    .zip(p.iter().zip(z))
                    .map(|(&q, (&pf, &zf))| q * (pf + zf))
                    .sum();
                let e = r - self.mean - bu - self.item_bias[i as usize] - dot;
                if let Some(reg_b) = self.reg_bias {
                    bu += lr_bias * (e - reg_b * bu);
                }
                for (pf, &q) in p.iter_mut().zip(qi.iter()) {
                    *pf += lr * (e * q - self.reg * *pf);
                }
            }
        }
        let mut state: Vec<f32> = p.iter().zip(z).map(|(&pf, &zf)| pf + zf).collect();
        if self.reg_bias.is_some() {
            state.push(bu);
        } else {
            state.push(0.0);
        }
        state
    }
}
