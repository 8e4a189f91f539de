//! Folding a user into a fitted SVD or SVD++ [`FactorModel`]: the user's factors and bias
//! against the fixed item factors and biases, by the closed-form ridge solve (`fold_in_ridge`)
//! or by replaying the fit's SGD on the user alone (`fold_in_sgd`), as the model's
//! [`SvdFoldIn`] says.

use recsys_core::traits::{FoldIn, FoldedUser, checked_history, values_in_range};

use super::dot::dot;
use super::{FactorModel, SvdFoldIn};
use crate::clip::clip;

/// The state is the user's effective factors `p'_u` (k values) then `b_u`.
///
/// With [`SvdFoldIn::Sgd`] the state is where the fit's own SGD takes the user in the fit's
/// epochs (see `FactorModel::sgd_state`); with [`SvdFoldIn::Ridge`] (the default):
///
/// The fit's SGD applies `reg` at every rating, so its stationary point for one user with the
/// items fixed is the ridge solution with penalty `reg·n` on `p_u` and `reg_bias·n` on `b_u`
/// (`n` the history's length): folding in solves exactly that system (by Cholesky, in `f64`)
/// for the targets `r − μ − b_i − q_i·z`. For SVD `z = 0`; for SVD++ `z = |h|^-½ Σ_{j∈h} y_j`,
/// the implicit part of the history, and `p'_u = p_u + z`. This is the point that SGD steps on
/// `p_u` alone converge to, so no step size or step count is involved.
///
/// A training user gets back their fitted factors up to how far the fit's SGD was from that
/// point (its last epoch also moved the items): `tests/fold_in.rs` measures the difference.
/// An empty history gives the zero user (`μ + b_i`); a model with a rating range (`clip`)
/// rejects values outside it.
impl FoldIn for FactorModel {
    fn fold_in_items(&self) -> usize {
        self.item_bias.len()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.item_bias.len())?;
        values_in_range(&h, self.range)?;
        let k = self.item_factors.ncols();
        let seen: Vec<u32> = h.iter().map(|&(i, _)| i).collect();
        if h.is_empty() {
            let state = vec![0.0f32; k + 1];
            return Ok(FoldedUser { state, seen });
        }
        let z = self.implicit_part(&seen, k);
        let state = match self.fold_in {
            SvdFoldIn::Ridge => self.ridge_state(&h, &z),
            SvdFoldIn::Sgd {
                epochs,
                lr,
                lr_bias,
            } => self.sgd_state(&h, &z, epochs, lr, lr_bias),
        };
        Ok(FoldedUser { state, seen })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let k = self.item_factors.ncols();
        let (pu, bu) = match user.state.split_at_checked(k) {
            Some((p, b)) => (p, b.first().copied().unwrap_or(0.0)),
            None => (&[][..], 0.0),
        };
        for (o, &i) in out.iter_mut().zip(items) {
            let Some(&bi) = self.item_bias.get(i as usize) else {
                *o = f32::NEG_INFINITY;
                continue;
            };
            let qi = self.item_factors.row(i as usize);
            let dotted = match qi.as_slice() {
                Some(q) if pu.len() == k => dot(pu, q),
                _ => 0.0,
            };
            *o = clip(self.mean + bu + bi + dotted, self.range);
        }
    }
}

impl FactorModel {
    /// SVD++'s `|h|^-½ Σ_{j∈h} y_j` for the history items `seen` (zeros for SVD).
    fn implicit_part(&self, seen: &[u32], k: usize) -> Vec<f32> {
        let mut z = vec![0.0f32; k];
        if self.implicit_factors.nrows() == 0 || seen.is_empty() {
            return z;
        }
        let norm = 1.0 / (seen.len() as f32).sqrt();
        for &j in seen
            .iter()
            .filter(|&&j| (j as usize) < self.implicit_factors.nrows())
        {
            for (zf, &y) in z.iter_mut().zip(self.implicit_factors.row(j as usize)) {
                *zf += y * norm;
            }
        }
        z
    }
}
