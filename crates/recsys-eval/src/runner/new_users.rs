//! The new-users task: withheld users folded into the fitted model from their histories, and the
//! same users ranked by a model retrained with those histories.

use rayon::prelude::*;
use recsys_core::traits::{FoldIn, FoldedUser, history_of};
use recsys_core::{CandidateScorer, Interactions, Model};

use super::{FoldValues, full_metrics};
use crate::protocol::NewUsersData;

/// The second cutoff of the task beside the run's `k`: the full-ranking Recall@20.
pub(super) const SECOND_CUTOFF: usize = 20;

/// Scores of folded users: a [`CandidateScorer`] over the users of the history, so that the
/// full-ranking metrics run unchanged. A user whose fold-in failed scores `-inf` everywhere
/// (a miss).
struct Folded<'a> {
    model: &'a dyn FoldIn,
    users: Vec<Option<FoldedUser>>,
}

impl CandidateScorer for Folded<'_> {
    fn n_items(&self) -> usize {
        self.model.fold_in_items()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        match self.users.get(user as usize).and_then(Option::as_ref) {
            Some(u) => self.model.score_folded(u, items, out),
            None => out.fill(f32::NEG_INFINITY),
        }
    }
}

/// HR, NDCG, recall … at `k` and at [`SECOND_CUTOFF`] of the test users folded in from
/// `data.history`, ranked among every item not in their history. Adds `fold-in failures` (users
/// whose history the model rejected) and `fold-in ms per user`.
pub(super) fn fold_in_metrics(
    v: &mut FoldValues,
    model: &dyn FoldIn,
    data: &NewUsersData,
    test: &Interactions,
    k: usize,
) {
    let history = &data.history;
    let t = std::time::Instant::now();
    let users: Vec<Option<FoldedUser>> = (0..history.n_users() as u32)
        .into_par_iter()
        .map(|u| {
            if test.row(u).is_empty() {
                return None;
            }
            model.fold_in(&history_of(history, u)).ok()
        })
        .collect();
    let tested = (0..test.n_users() as u32)
        .filter(|&u| !test.row(u).is_empty())
        .count();
    let folded = users.iter().flatten().count();
    v.scalar
        .insert("fold-in failures".into(), (tested - folded) as f64);
    if tested > 0 {
        let ms = t.elapsed().as_secs_f64() * 1e3 / tested as f64;
        v.scalar.insert("fold-in ms per user".into(), ms);
    }
    let scorer = Folded { model, users };
    ranking_at_both_cutoffs(v, history, test, &scorer, k);
}

/// HR, NDCG and recall at `k` and at [`SECOND_CUTOFF`] from a model fitted on `data.retrain`
/// (the histories are its training rows), each named `retrained <metric>`.
pub(super) fn retrained_metrics(
    v: &mut FoldValues,
    model: &dyn Model,
    data: &NewUsersData,
    test: &Interactions,
    k: usize,
) {
    let Some(s) = model.as_scorer() else { return };
    let mut r = FoldValues::default();
    ranking_at_both_cutoffs(&mut r, &data.retrain, test, s, k);
    let prefix = |name: String| format!("retrained {name}");
    v.per_user
        .extend(r.per_user.into_iter().map(|(n, x)| (prefix(n), x)));
    v.scalar
        .extend(r.scalar.into_iter().map(|(n, x)| (prefix(n), x)));
}

/// Full-ranking metrics at `k` (all of them) and HR, NDCG and recall at [`SECOND_CUTOFF`],
/// excluding `seen`'s items.
fn ranking_at_both_cutoffs(
    v: &mut FoldValues,
    seen: &Interactions,
    test: &Interactions,
    s: &dyn CandidateScorer,
    k: usize,
) {
    let all: Vec<u32> = (0..seen.n_items() as u32).collect();
    full_metrics(v, seen, test, s, &all, k, false, None);
    if k != SECOND_CUTOFF {
        let mut second = FoldValues::default();
        full_metrics(&mut second, seen, test, s, &all, SECOND_CUTOFF, false, None);
        for m in ["hr", "ndcg", "recall"] {
            let name = format!("{m}@{SECOND_CUTOFF}");
            if let Some(x) = second.per_user.remove(&name) {
                v.per_user.insert(name, x);
            }
        }
    }
}
