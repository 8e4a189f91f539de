//! Incremental updates of the item-based top-N models (item-knn, RP3beta, SLIM, EASE): their
//! user state is the history, so new ratings only replace the changed users' rows.

use recsys_core::Interactions;
use recsys_core::traits::{check_growth, history_of};

use super::fold_in::history_state;
use super::sparse::SparseRows;

/// The histories grown to `data`'s index space: each of `users` (and every user beyond the old
/// rows) gets their row of `data` as a fold-in state (the rating with `use_ratings`, else 1, in
/// the order [`history_state`] gives), every other user keeps their old row. Errors: what
/// [`check_growth`] rejects, or a changed row that a fold-in rejects.
pub(crate) fn grown_histories(
    old: &SparseRows,
    data: &Interactions,
    users: &[u32],
    use_ratings: bool,
) -> recsys_core::Result<SparseRows> {
    check_growth(data, users, old.n_rows(), old.n_cols())?;
    let mut changed = vec![false; data.n_users()];
    for &u in users {
        changed[u as usize] = true;
    }
    let mut rows = Vec::with_capacity(data.n_users());
    for (u, &is_changed) in changed.iter().enumerate() {
        if is_changed || u >= old.n_rows() {
            let folded = history_state(&history_of(data, u as u32), data.n_items(), use_ratings)?;
            rows.push(folded.seen.into_iter().zip(folded.state).collect());
        } else {
            let (cols, vals) = old.row(u);
            rows.push(cols.iter().copied().zip(vals.iter().copied()).collect());
        }
    }
    Ok(SparseRows::from_rows(rows, data.n_items()))
}
