//! Folding a new or changed user into a fitted [`Als`] without refitting.

use recsys_core::CandidateScorer;
use recsys_core::WrapsCore;

use super::cg::{Row, Scratch};
use super::gram::{gram, plus_diagonal};
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
        let a = plus_diagonal(gram(y, k, simd), k, self.params.regularization as f32);
        let row = Row {
            a: &a,
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
