//! Folding a user into a fitted [`Knn`] rating model: item-based, the user's ratings are their
//! neighbours' ratings directly; user-based, their similarity to every training user is
//! computed as the fit computes a training user's row. Nothing is refitted.

use recsys_core::CoreError;
use recsys_core::traits::{FoldIn, FoldedUser, checked_history, values_in_range};

use super::estimate::Query;
use super::model::Knn;
use super::params::{Estimator, Similarity};
use super::similarity::{OneX, similarity_row};

impl<E: Estimator> Knn<E> {
    /// Folds `history` in as training user `user`'s ratings. A user-based model treats `user`'s
    /// own training ratings as the user themself, as the fit does (the similarity matrix's
    /// diagonal, 1), not as another user whose similarity is computed: with `user`'s training
    /// ratings as `history` the predictions are exactly [`Knn::estimate`]'s for `user`, bit for
    /// bit, under every similarity (`tests/fold_in.rs`). An item-based model has no such
    /// difference: this is [`FoldIn::fold_in`].
    ///
    /// A `user` outside the training users is a [`CoreError::InvalidParameter`] naming `user`;
    /// a bad history is one naming `history`.
    pub fn fold_in_as(&self, user: u32, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let n_users = self.train.n_users();
        if user as usize >= n_users {
            return Err(CoreError::param(
                "user",
                format!("user index {user} outside the model's {n_users} users"),
            ));
        }
        self.fold_in_with(history, Some(user as usize))
    }

    /// The folded state of `history`; user-based with `own` the training user it stands for.
    fn fold_in_with(
        &self,
        history: &[(u32, f32)],
        own: Option<usize>,
    ) -> recsys_core::Result<FoldedUser> {
        let h = checked_history(history, self.train.n_items())?;
        values_in_range(&h, Some(self.range))?;
        let (seen, ratings): (Vec<u32>, Vec<f32>) = h.into_iter().unzip();
        let mut state = if self.params.user_based {
            let bias = self.folded_bias(&seen, &ratings);
            self.similarities_of(&seen, &ratings, bias, own)
        } else {
            Vec::with_capacity(ratings.len())
        };
        state.extend_from_slice(&ratings);
        Ok(FoldedUser { state, seen })
    }

    /// The mean of `ratings` as the fit computes a user's mean (`knn-means`'s `μ_u`).
    fn folded_mean(ratings: &[f32]) -> f64 {
        let sum: f64 = ratings.iter().map(|&v| f64::from(v)).sum();
        if ratings.is_empty() {
            0.0
        } else {
            sum / ratings.len() as f64
        }
    }

    /// The user bias `b_u` of the baselines for a user with these ratings: the last sweep of
    /// the fit's ALS (items first, so a fit's last step is the user sweep against the final item
    /// biases), `Σ (r − μ − b_i) / (reg_user + n)` summed in item order; 0 without baselines, for
    /// no ratings, or with 0 sweeps.
    fn folded_bias(&self, seen: &[u32], ratings: &[f32]) -> f64 {
        let Some(b) = self.biases.as_ref() else {
            return 0.0;
        };
        if seen.is_empty() || self.params.baseline_epochs == 0 {
            return 0.0;
        }
        let s: f64 = seen
            .iter()
            .zip(ratings)
            .map(|(&i, &r)| f64::from(r) - b.mean - b.item.get(i as usize).copied().unwrap_or(0.0))
            .sum();
        s / (self.params.reg_user + seen.len() as f64)
    }

    /// A user-based model's similarities of these ratings to every training user, as the fit
    /// computes a row (`pearson_baseline` on the residuals, with `bias` as `b_u`).
    fn similarities_of(
        &self,
        seen: &[u32],
        ratings: &[f32],
        bias: f64,
        own: Option<usize>,
    ) -> Vec<f32> {
        let residuals = self
            .biases
            .as_ref()
            .filter(|_| self.params.similarity == Similarity::PearsonBaseline);
        let mean = self.mean;
        let item_bias = |b: &[f64], y: u32| b.get(y as usize).copied().unwrap_or(0.0);
        let values: Vec<f64> = match residuals {
            Some(b) => seen
                .iter()
                .zip(ratings)
                .map(|(&i, &r)| f64::from(r) - ((mean + item_bias(&b.item, i)) + bias))
                .collect(),
            None => ratings.iter().map(|&r| f64::from(r)).collect(),
        };
        let (idx, val) = (self.yr.idx(), self.yr.val());
        let y_value = |e: usize, y: u32| {
            let r = f64::from(val[e]);
            match residuals {
                Some(b) => r - ((mean + item_bias(&b.item, y)) + item_bias(&b.user, idx[e])),
                None => r,
            }
        };
        let x = OneX {
            ys: seen,
            values: &values,
            own,
        };
        similarity_row(
            &x,
            &self.yr,
            y_value,
            self.n_x,
            self.params.similarity,
            self.params.min_support,
            self.params.shrinkage,
        )
    }
}

/// The state and what scores are depend on the model's side:
///
/// - **item-based**: the history's ratings in the order of [`FoldedUser::seen`] (ascending
///   items). A prediction for item `i` reads `i`'s fitted similarities to the history's items and
///   the history's ratings exactly as it reads a training user's ratings (the same neighbours,
///   ties and sums).
/// - **user-based**: the history's similarity to each training user (`n_users` values, computed
///   over the common items with the fit's measure, sums and support rules; `pearson_baseline`
///   on the residuals `r − (μ + b_i + b_u)`), then the history's ratings in the order of
///   [`FoldedUser::seen`]. A prediction for item `i` averages over the training users who rated
///   `i`, as for a training user.
///
/// What the estimators centre on is computed from the ratings when scoring, in `f64` as the fit
/// computes it: `knn-means`' `μ_u` (user-based), and `b_u`, the baselines' user bias
/// (`knn-baseline`, or the `pearson_baseline` similarity): the fit's last ALS step for one user
/// against the fitted item biases, `Σ (r − μ − b_i) / (reg_user + n)`, which is exactly a
/// training user's fitted bias (the fit sweeps items first, users last). Scores are the
/// predicted ratings, clipped as the model clips.
///
/// **Exactness** (`tests/fold_in.rs`): item-based, a training user folded in from their training
/// ratings gets their fitted predictions bit for bit. User-based, a new user is nobody in the
/// training data, so a training user folded in from their own ratings meets their own training
/// row as another user with the measure's similarity to it — 1 for `msd` and `cosine` (as the
/// fit's diagonal, so their predictions are bit for bit the fitted ones), but the shrunk
/// `(n − 1)/(n − 1 + shrinkage)` for `pearson_baseline`, 0 for `pearson` over all-equal ratings,
/// or 0 below `min_support` common ratings — which changes only the predictions of items they
/// rated themselves; every item they did not rate is predicted bit for bit as fitted, under
/// every measure. [`Knn::fold_in_as`] folds in a training user as themself and is exact for
/// every item.
///
/// Histories are checked ([`checked_history`]) and their ratings must lie in the training
/// ratings' range. An **empty** history is a user without ratings, as a training user without
/// any: every prediction is the global mean (`knn-basic`, `knn-means`) or the baseline `μ + b_i`
/// (`knn-baseline`, ranking by item bias).
impl<E: Estimator> FoldIn for Knn<E> {
    fn fold_in_items(&self) -> usize {
        self.train.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        self.fold_in_with(history, None)
    }

    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let seen = &user.seen[..];
        let sides = if self.params.user_based { self.n_x } else { 0 };
        // a state of another model (or another length) is a user without ratings
        let (row, ratings, seen) = match user.state.split_at_checked(sides) {
            Some((row, ratings)) if ratings.len() == seen.len() => (row, ratings, seen),
            _ => (&[][..], &[][..], &[][..]),
        };
        let user_known = !seen.is_empty();
        let x_mean = Self::folded_mean(ratings);
        let user_bias = self.folded_bias(seen, ratings);
        let biases = self.biases.as_ref();
        let n_items = self.train.n_items();
        for (o, &i) in out.iter_mut().zip(items) {
            if i as usize >= n_items {
                *o = f32::NEG_INFINITY;
                continue;
            }
            let item_bias = biases.map_or(0.0, |b| b.item.get(i as usize).copied().unwrap_or(0.0));
            let q = if self.params.user_based {
                let (xs, rs) = self.yr.get(i as usize);
                Query {
                    row,
                    xs,
                    rs,
                    user_known,
                    item_known: self.yr.has(i as usize),
                    x_mean,
                    user_bias,
                    item_bias,
                }
            } else {
                Query {
                    row: self.sims_row(i as usize),
                    xs: seen,
                    rs: ratings,
                    user_known,
                    item_known: self.x_known.get(i as usize).copied().unwrap_or(false),
                    x_mean: self.x_means.get(i as usize).copied().unwrap_or(0.0),
                    user_bias,
                    item_bias,
                }
            };
            *o = self.estimate_query(&q).rating as f32;
        }
    }
}
