//! Folding a user into a [`Hybrid`]: both parts folded in from the history, blended with the
//! user weight of the history's length.

use recsys_core::CoreError;
use recsys_core::traits::{FoldIn, FoldedUser, checked_history};

use super::blend::Hybrid;

/// The state is `[n, c, cf state (c values), content state]`: the history's length `n` (the
/// user's rating count in the blend's weight `α`), the length `c` of the collaborative model's
/// fold-in state, then each part's state. A prediction is the blend's, `α·cf + (1 − α)·cb`,
/// of the two folded parts, so a training user folded in lands where their parts' fold-ins do
/// (the content part exactly; the collaborative part within its own tolerance). Errors: the
/// history's, either part's, and a collaborative model that does not fold in.
impl FoldIn for Hybrid {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.n_items())?;
        let cf = self.cf_fold_in().ok_or_else(|| {
            CoreError::param("model", "the hybrid's collaborative model does not fold in")
        })?;
        let a = cf.fold_in(&h)?;
        let b = self.content_model().fold_in(&h)?;
        let mut state = Vec::with_capacity(2 + a.state.len() + b.state.len());
        state.extend([h.len() as f32, a.state.len() as f32]);
        state.extend(a.state);
        state.extend(b.state);
        Ok(FoldedUser {
            state,
            seen: b.seen,
        })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let parts = match (user.state.first(), user.state.get(1), self.cf_fold_in()) {
            (Some(&n), Some(&c), Some(cf)) if 2 + c as usize <= user.state.len() => {
                Some((n as u32, c as usize, cf))
            }
            _ => None,
        };
        let Some((n, c, cf)) = parts else {
            out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY);
            return;
        };
        let part = |range: std::ops::Range<usize>| FoldedUser {
            state: user.state[range].to_vec(),
            seen: user.seen.clone(),
        };
        let (a, b) = (part(2..2 + c), part(2 + c..user.state.len()));
        let mut cb = vec![0.0f32; items.len()];
        cf.score_folded(&a, items, out);
        self.content_model().score_folded(&b, items, &mut cb);
        for ((o, &i), &cb) in out.iter_mut().zip(items).zip(&cb) {
            let w = self.alpha_for(n, i);
            *o = (w * f64::from(*o) + (1.0 - w) * f64::from(cb)) as f32;
        }
    }
}
