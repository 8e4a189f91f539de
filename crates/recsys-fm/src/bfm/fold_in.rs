//! Folding a user into a fitted [`Bfm`] through the user's features: the history becomes the
//! user's implicit-set row.

use recsys_core::traits::{FoldIn, FoldedUser, checked_history, values_in_range};

use super::Bfm;
use super::model::RowView;

/// The name of the user block's implicit group ([`crate::features::UserItemFeatures`]).
const USER_IMPLICIT: &str = "user-implicit";

/// A new user has no trained one-hot column: their feature row is the `user-implicit` group
/// alone, the history's items at `1/√n` each (as the fit builds that group for training users),
/// and the state is that row's averaged linear + pairwise term followed by its `S·k` per-sample
/// factor sums (and, for the ordered probit, its `S` per-sample terms). Scores are the average of the kept samples' predictions, exactly as
/// [`Bfm::predict_features`] computes them for that row. The ratings' values do not enter the
/// features (the implicit group is the set of rated items); they are checked against the
/// model's range.
///
/// A model fitted without implicit features folds every history into the zero user row:
/// `w₀ + item terms`, the same for every new user. A training user folded in loses their
/// one-hot term: `tests/bfm.rs` measures how close their folded scores stay to the fitted ones.
impl FoldIn for Bfm {
    fn fold_in_items(&self) -> usize {
        self.features.item.n_rows()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.fold_in_items())?;
        values_in_range(&h, self.range)?;
        let seen: Vec<u32> = h.iter().map(|&(i, _)| i).collect();
        let mut offset = 0usize;
        let mut cols = Vec::new();
        for g in &self.features.user.groups {
            if g.name == USER_IMPLICIT {
                cols = seen
                    .iter()
                    .filter(|&&i| (i as usize) < g.size)
                    .map(|&i| (offset + i as usize) as u32)
                    .collect();
                break;
            }
            offset += g.size;
        }
        let xs = vec![1.0 / (cols.len().max(1) as f32).sqrt(); cols.len()];
        let t = self.row_terms(&cols, &xs, 0);
        let mut state = Vec::with_capacity(1 + t.z.len() + t.bias_s.len());
        state.push(t.bias as f32);
        state.extend(t.z);
        state.extend(t.bias_s);
        Ok(FoldedUser { state, seen })
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let sk = self.n_samples * self.params.rank;
        let u = match user.state.split_first() {
            Some((b, rest)) if rest.len() >= sk => {
                let (z, bias_s) = rest.split_at(sk);
                RowView {
                    bias: f64::from(*b),
                    z,
                    bias_s,
                }
            }
            Some((b, _)) => RowView {
                bias: f64::from(*b),
                ..RowView::default()
            },
            None => RowView::default(),
        };
        let (_, item_cache) = self.caches();
        for (o, &i) in out.iter_mut().zip(items) {
            if i as usize >= self.fold_in_items() {
                *o = f32::NEG_INFINITY;
                continue;
            }
            *o = self.combine(&[u, self.row_of(item_cache, i)]);
        }
    }
}
