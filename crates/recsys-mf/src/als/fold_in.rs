//! Folding a new or changed user into a fitted [`Als`] without refitting.

use recsys_core::traits::{FoldIn, FoldedUser, checked_history};
use recsys_core::{CandidateScorer, CoreError, WrapsCore};

use super::cg::{Row, Scratch};
use super::gram::{gram, plus_diagonal};
use super::kernel::dot_plain;
use super::{Als, dispatch};
use crate::error::MfError;
use crate::simd::Simd;

impl Als {
    /// Factors for a new or changed user from their interactions (`items` dense indices,
    /// `values` their ratings, used only with [`AlsParams::use_ratings`]) with the item factors
    /// fixed: the exact minimizer of the user's loss, by CG from zero with `k` steps (CG's
    /// finite termination), as `implicit`'s `recalculate_user` does by Cholesky.
    ///
    /// Errors: `items` and `values` of different lengths, an item outside the index space, or a
    /// non-positive value with `use_ratings`.
    ///
    /// [`AlsParams::use_ratings`]: super::AlsParams::use_ratings
    pub fn fold_in_user(&self, items: &[u32], values: &[f32]) -> Result<Vec<f32>, MfError> {
        let bad = |reason: String| MfError::param("items", reason);
        if items.len() != values.len() {
            return Err(bad(format!(
                "{} items but {} values",
                items.len(),
                values.len()
            )));
        }
        if let Some(&i) = items.iter().find(|&&i| i as usize >= self.n_items()) {
            return Err(bad(format!(
                "item index {i} outside the model's {} items",
                self.n_items()
            )));
        }
        if self.params.use_ratings
            && let Some(v) = values.iter().find(|&&v| !(v > 0.0 && v.is_finite()))
        {
            return Err(bad(format!("value {v} is not a positive confidence")));
        }
        let k = self.factors();
        let mut x = vec![0.0f32; k];
        if items.is_empty() {
            return Ok(x);
        }
        let simd = Simd::detect();
        let y = self.item_rows();
        let a = self
            .fold_in_system
            .get_or_init(|| plus_diagonal(gram(y, k, simd), k, self.params.regularization as f32));
        let row = Row {
            a,
            y,
            items,
            ratings: values,
            conf: self.params.conf(),
            steps: k.max(self.params.cg_steps),
        };
        dispatch::cg_row(simd, &row, &mut x, &mut Scratch::default());
        Ok(x)
    }
}

/// Folding in is [`Als::fold_in_user`]: the user's exact half-step against the fixed item factors,
/// with the fit's confidence weighting and regularization. The state is the user's `k` factors;
/// a score is `x_u·y_i`, as [`CandidateScorer::score`] gives for a training user. An empty history
/// folds in a zero user (every score 0).
impl FoldIn for Als {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.n_items())?;
        let (items, values): (Vec<u32>, Vec<f32>) = h.into_iter().unzip();
        let state = self
            .fold_in_user(&items, &values)
            .map_err(|e| CoreError::param("history", e.to_string()))?;
        Ok(FoldedUser { state, seen: items })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match self.item_factor(i) {
                Some(yi) if yi.len() == user.state.len() => dot_plain(&user.state, yi),
                Some(_) => 0.0,
                None => f32::NEG_INFINITY,
            };
        }
    }
}
