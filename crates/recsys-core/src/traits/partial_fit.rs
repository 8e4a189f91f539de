//! [`PartialFit`]: models that take new ratings without refitting everything.

use crate::error::{CoreError, Result};
use crate::interactions::Interactions;

/// A fitted model that updates itself for new ratings: the rows of the users who have them are
/// solved again against the model's fixed item side (their fold-in, [`super::FoldIn`]), new
/// users are appended, and the model grows to the data's index space; nothing else is refitted.
///
/// `data` is the whole updated data over an index space that extends the model's: the users and
/// items the model knows keep their indices (as [`Interactions::with_ratings`] guarantees), new
/// ones follow. `users` are the dense users whose rows changed (new users included), from
/// [`crate::interactions::Grown::users`]. What each model does for new items is its own
/// (documented on its implementation).
pub trait PartialFit {
    /// Updates the model for `users` from their rows of `data` and grows it to `data`'s index
    /// space. Errors: an index space smaller than the model's, a user outside it, or what the
    /// model's fold-in rejects in a user's row.
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> Result<()>;
}

/// Checks that `data` extends a model of `n_users` × `n_items` and that every one of `users`
/// lies in `data`: the check every [`PartialFit`] implementation starts with.
pub fn check_growth(
    data: &Interactions,
    users: &[u32],
    n_users: usize,
    n_items: usize,
) -> Result<()> {
    if data.n_users() < n_users || data.n_items() < n_items {
        return Err(CoreError::param(
            "data",
            format!(
                "index space {}×{} is smaller than the model's {n_users}×{n_items}: pass the \
                 model's training data grown by the new ratings (Interactions::with_ratings)",
                data.n_users(),
                data.n_items()
            ),
        ));
    }
    if let Some(&u) = users.iter().find(|&&u| u as usize >= data.n_users()) {
        return Err(CoreError::param(
            "users",
            format!("user index {u} outside the data's {} users", data.n_users()),
        ));
    }
    Ok(())
}

/// A user's row of `data` as a fold-in history.
pub fn history_of(data: &Interactions, user: u32) -> Vec<(u32, f32)> {
    let row = data.row(user);
    row.items
        .iter()
        .copied()
        .zip(row.ratings.iter().copied())
        .collect()
}
