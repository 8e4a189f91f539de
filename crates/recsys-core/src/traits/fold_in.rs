//! [`FoldIn`]: models that score a user they were not trained on, from that user's history.
//!
//! A new user (or a training user whose history changed) is *folded in*: the model computes the
//! user's state (factors, a bias, the history itself) from `(item, value)` pairs with everything
//! it learned about items held fixed, and scores items from that state. Nothing is refitted.
//!
//! The rules for histories are on [`FoldIn`].

use crate::error::{CoreError, Result};
use crate::ids::{IdMap, RawId};

use super::rank::{mask_seen, top_n_unmasked};

/// A user folded into a model: the model's state for them and the items of their history.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedUser {
    /// The model's state for the user; its layout is the model's (for factor models the user's
    /// factors, then the user's bias where the model has one).
    pub state: Vec<f32>,
    /// The history's dense item indices, ascending: excluded from recommendations.
    pub seen: Vec<u32>,
}

/// A model that folds in users from a history it was not trained on.
///
/// The history is checked the same way for every model ([`checked_history`]):
/// - an **empty** history is allowed: it folds in the model's prior user (zero factors and bias),
///   whose ranking is the model's item-only part (item biases, or all-equal scores);
/// - an item index outside the model's items, a NaN or infinite value, or an item given twice is
///   a [`CoreError::InvalidParameter`] naming `history`;
/// - rating models with a rating range reject values outside it ([`values_in_range`]);
/// - at the raw-id edge ([`fold_in_raw`]) items the model never saw are **skipped and returned**,
///   so that a history from a newer catalogue still folds in.
///
/// Values are on the scale the model was trained on (stars for rating models, confidences for
/// ALS); models with further limits (ALS with `use_ratings` wants positive values) document them.
pub trait FoldIn: Send + Sync {
    /// Number of items in the model's index space (the items a history may name).
    fn fold_in_items(&self) -> usize;

    /// The state of a user whose history is `history`: `(dense item, value)` pairs. Errors as
    /// [`FoldIn`] documents.
    fn fold_in(&self, history: &[(u32, f32)]) -> Result<FoldedUser>;

    /// Writes the score of each of `items` for the folded `user` into `out`
    /// (`out.len() == items.len()`); items outside the index space get `f32::NEG_INFINITY`.
    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]);

    /// The `n` best items for the folded `user`, best first, excluding the items of their
    /// history; ties go to the lower item index.
    fn recommend_folded(&self, user: &FoldedUser, n: usize) -> Vec<(u32, f32)> {
        top_n_unmasked(&self.unseen_scores_folded(user), n)
    }

    /// The folded `user`'s score of every item of the index space, with the items of their
    /// history set to `f32::NEG_INFINITY`: what [`FoldIn::recommend_folded`] ranks.
    fn unseen_scores_folded(&self, user: &FoldedUser) -> Vec<f32> {
        let items: Vec<u32> = (0..self.fold_in_items() as u32).collect();
        let mut scores = vec![0.0; items.len()];
        self.score_folded(user, &items, &mut scores);
        mask_seen(&mut scores, &user.seen);
        scores
    }
}

/// `history` checked against `n_items` items and sorted by item: the check every [`FoldIn`]
/// implementation starts with (the rules are on [`FoldIn`]).
///
/// ```
/// use recsys_core::traits::checked_history;
/// assert_eq!(checked_history(&[(2, 4.0), (0, 3.0)], 3)?, vec![(0, 3.0), (2, 4.0)]);
/// assert!(checked_history(&[(3, 4.0)], 3).is_err()); // outside the 3 items
/// assert!(checked_history(&[(1, f32::NAN)], 3).is_err());
/// assert!(checked_history(&[(1, 4.0), (1, 5.0)], 3).is_err()); // item 1 twice
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn checked_history(history: &[(u32, f32)], n_items: usize) -> Result<Vec<(u32, f32)>> {
    let bad = |reason: String| CoreError::param("history", reason);
    let mut h = history.to_vec();
    for &(i, v) in &h {
        if i as usize >= n_items {
            return Err(bad(format!(
                "item index {i} outside the model's {n_items} items"
            )));
        }
        if !v.is_finite() {
            return Err(bad(format!("item index {i} has the value {v}")));
        }
    }
    h.sort_by_key(|&(i, _)| i);
    if let Some(w) = h.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(bad(format!("item index {} appears twice", w[0].0)));
    }
    Ok(h)
}

/// Checks that every value of `history` lies in `range` (the model's rating range, when it has
/// one): a value outside is a [`CoreError::InvalidParameter`] naming `history`.
///
/// ```
/// use recsys_core::traits::values_in_range;
/// assert!(values_in_range(&[(0, 4.5)], Some((0.5, 5.0))).is_ok());
/// assert!(values_in_range(&[(0, 6.0)], Some((0.5, 5.0))).is_err());
/// assert!(values_in_range(&[(0, 6.0)], None).is_ok());
/// ```
pub fn values_in_range(history: &[(u32, f32)], range: Option<(f32, f32)>) -> Result<()> {
    let Some((lo, hi)) = range else {
        return Ok(());
    };
    match history.iter().find(|&&(_, v)| !(lo..=hi).contains(&v)) {
        Some(&(i, v)) => Err(CoreError::param(
            "history",
            format!("item index {i} has the value {v}, outside the model's range {lo}..={hi}"),
        )),
        None => Ok(()),
    }
}

/// A user folded in from raw item ids, with the ids the model does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedRaw {
    /// The folded user.
    pub user: FoldedUser,
    /// The raw item ids of the history that the model never saw, skipped, in history order.
    pub skipped: Vec<RawId>,
}

/// Folds in a history of raw item ids through `items` (the model's item id map): unknown ids are
/// skipped and returned in [`FoldedRaw::skipped`]; the rest as [`FoldIn::fold_in`].
///
/// ```
/// use recsys_core::IdMap;
/// use recsys_core::traits::{FoldIn, FoldedUser, fold_in_raw, recommend_folded_raw};
/// /// Scores an item by how many history items share its parity.
/// struct Parity;
/// impl FoldIn for Parity {
///     fn fold_in_items(&self) -> usize { 4 }
///     fn fold_in(&self, h: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
///         let h = recsys_core::traits::checked_history(h, 4)?;
///         let even = h.iter().filter(|(i, _)| i % 2 == 0).count() as f32;
///         Ok(FoldedUser { state: vec![even, h.len() as f32 - even], seen: h.iter().map(|p| p.0).collect() })
///     }
///     fn score_folded(&self, u: &FoldedUser, items: &[u32], out: &mut [f32]) {
///         for (o, &i) in out.iter_mut().zip(items) { *o = u.state[(i % 2) as usize]; }
///     }
/// }
/// let items = IdMap::from_raw([10, 11, 12, 13]);
/// let f = fold_in_raw(&Parity, &items, &[(10, 5.0), (99, 4.0)])?;
/// assert_eq!(f.skipped, vec![99]);
/// // 12 shares 10's parity; 10 itself is seen
/// let top = recommend_folded_raw(&Parity, &items, &[(10, 5.0), (99, 4.0)], 1)?;
/// assert_eq!((top.items, top.skipped), (vec![(12, 1.0)], vec![99]));
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn fold_in_raw(
    model: &dyn FoldIn,
    items: &IdMap,
    history: &[(RawId, f32)],
) -> Result<FoldedRaw> {
    let mut dense = Vec::with_capacity(history.len());
    let mut skipped = Vec::new();
    for &(raw, v) in history {
        match items.index(raw) {
            Some(i) => dense.push((i, v)),
            None => skipped.push(raw),
        }
    }
    Ok(FoldedRaw {
        user: model.fold_in(&dense)?,
        skipped,
    })
}

/// Recommendations for a user folded in from raw item ids.
#[derive(Debug, Clone, PartialEq)]
pub struct FoldedTop {
    /// The best raw item ids with their scores, best first.
    pub items: Vec<(RawId, f32)>,
    /// The raw item ids of the history that the model never saw, skipped, in history order.
    pub skipped: Vec<RawId>,
}

/// The top `n` raw item ids for a user folded in from a raw history ([`fold_in_raw`]), and the
/// history's ids the model never saw.
pub fn recommend_folded_raw(
    model: &dyn FoldIn,
    items: &IdMap,
    history: &[(RawId, f32)],
    n: usize,
) -> Result<FoldedTop> {
    let f = fold_in_raw(model, items, history)?;
    let top = model
        .recommend_folded(&f.user, n)
        .into_iter()
        .filter_map(|(i, s)| items.raw(i).map(|r| (r, s)))
        .collect();
    Ok(FoldedTop {
        items: top,
        skipped: f.skipped,
    })
}
