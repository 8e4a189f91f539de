//! Folding a user into the item-based top-N models (item-knn, RP3beta, SLIM, EASE): the state is
//! the history itself, scored by the fitted item–item weights as a training user's row is.

use recsys_core::traits::{FoldedUser, checked_history};

use super::item_item::ItemItem;

/// A folded user's state for an item-based model: the history's values as the model weighs a
/// training row (`x_i` = the rating when `use_ratings`, else 1), in the order of
/// [`FoldedUser::seen`].
pub(crate) fn history_state(
    history: &[(u32, f32)],
    n_items: usize,
    use_ratings: bool,
) -> recsys_core::Result<FoldedUser> {
    let h = checked_history(history, n_items)?;
    if use_ratings && let Some(&(i, v)) = h.iter().find(|&&(_, v)| v <= 0.0) {
        return Err(recsys_core::CoreError::param(
            "history",
            format!("item index {i} has the value {v}: use_ratings wants ratings > 0"),
        ));
    }
    Ok(FoldedUser {
        state: h
            .iter()
            .map(|&(_, v)| if use_ratings { v } else { 1.0 })
            .collect(),
        seen: h.into_iter().map(|(i, _)| i).collect(),
    })
}

impl ItemItem {
    /// `Σ_{i ∈ h} x_i · W[i, j]` for the folded `user`, as [`ItemItem::score`] computes it for
    /// a training row; items the model knows nothing of get `-inf`.
    pub(crate) fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let mut acc = vec![0.0f32; self.n_items()];
        for (&i, &x) in user.seen.iter().zip(&user.state) {
            let (js, ws) = self.weights().row(i as usize);
            for (&j, &w) in js.iter().zip(ws) {
                acc[j as usize] += x * w;
            }
        }
        for (o, &j) in out.iter_mut().zip(items) {
            *o = if self.known(j) {
                acc[j as usize]
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}
