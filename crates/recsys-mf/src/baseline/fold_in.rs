//! Folding a user into a fitted [`Baseline`]: the user's bias from their history, the item
//! biases fixed.

use recsys_core::traits::{FoldIn, FoldedUser, checked_history, values_in_range};

use super::Baseline;
use crate::clip::clip;

/// The state is `[b_u]`, the fit's user sweep for one user against the fitted item biases:
/// `b_u = Σ_{i∈h} (r_ui − μ − b_i) / (reg_user + |h|)`. A training user whose fit ended on the
/// item sweep gets back their bias up to the last sweep's change (equal at convergence). A
/// model with a rating range (`clip`) rejects values outside it. An empty history gives `b_u = 0`: ranking by item bias. Scores are predicted ratings (clipped as
/// the model clips).
impl FoldIn for Baseline {
    fn fold_in_items(&self) -> usize {
        self.item_bias.len()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.item_bias.len())?;
        values_in_range(&h, self.range())?;
        let sum: f64 = h
            .iter()
            .map(|&(i, r)| f64::from(r) - self.mean - self.item_bias[i as usize])
            .sum();
        let bias = sum / (self.reg_user() + h.len() as f64);
        let bias = if bias.is_finite() { bias } else { 0.0 };
        Ok(FoldedUser {
            state: vec![bias as f32],
            seen: h.into_iter().map(|(i, _)| i).collect(),
        })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let bu = f64::from(user.state.first().copied().unwrap_or(0.0));
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match self.item_bias.get(i as usize) {
                Some(bi) => clip((self.mean + bu + bi) as f32, self.range()),
                None => f32::NEG_INFINITY,
            };
        }
    }
}
