//! Folding a user into the item-based top-N models (item-knn, RP3beta, SLIM, EASE): the state is
//! the history itself, scored by the fitted item–item weights as a training user's row is.

use recsys_core::traits::{FoldedUser, checked_history};

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
