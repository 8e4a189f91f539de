//! Incremental updates of GMF, MLP and NeuMF: after new ratings (a new user, more items for a
//! known user, a new item), a changed user scores exactly as their fold-in from the model as it
//! was, every other user exactly as before, and the tables grow to the new index space.

use recsys_core::traits::{Fit, FoldIn, PartialFit, history_of};
use recsys_core::{CandidateScorer, Interactions};
use recsys_ncf::{NcfKind, NcfModel};

#[path = "support/groups.rs"]
mod support;
use support::groups;
#[path = "support/small.rs"]
mod small_net;
use small_net::small;

fn fit(kind: NcfKind, train: &Interactions) -> NcfModel {
    small(kind).with_epochs(3).with_seed(5).fit(train).unwrap()
}

#[test]
fn changed_users_get_their_fold_in_and_nobody_else_moves() {
    let train = groups();
    // a new user (raw 500) of group 0, two more items for raw user 3 (group 1), and a new
    // item (raw 90) for raw users 2 and 500
    let g = train
        .with_ratings(&recsys_testkit::two_groups_news(500, 90))
        .unwrap();
    let (u_new, u3) = (
        g.data.user_index(500).unwrap(),
        g.data.user_index(3).unwrap(),
    );
    let old_items: Vec<u32> = (0..train.n_items() as u32).collect();
    let all: Vec<u32> = (0..g.data.n_items() as u32).collect();
    for kind in [NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf] {
        let before = fit(kind, &train);
        let mut after = before.clone();
        after.partial_fit(&g.data, &g.users).unwrap();
        assert_eq!(after.n_items(), g.data.n_items(), "{kind:?}");
        assert_eq!(after.weights.n_users(), g.data.n_users(), "{kind:?}");
        let n = old_items.len();
        let (mut a, mut b) = (vec![0.0; all.len()], vec![0.0; all.len()]);
        for u in 0..g.data.n_users() as u32 {
            after.score(u, &all, &mut a);
            assert!(a.iter().all(|v| v.is_finite()), "{kind:?}: user {u}");
            if g.users.contains(&u) {
                // the fold-in against the model before the update, the new item left out
                let mut h = history_of(&g.data, u);
                h.retain(|&(i, _)| (i as usize) < n);
                let folded = before.fold_in(&h).unwrap();
                before.score_folded(&folded, &old_items, &mut b[..n]);
            } else {
                before.score(u, &old_items, &mut b[..n]);
            }
            assert_eq!(a[..n], b[..n], "{kind:?}: user {u}");
        }
        // the known user's new items moved their scores
        before.score(u3, &old_items, &mut b[..n]);
        after.score(u3, &old_items, &mut a[..n]);
        assert_ne!(a[..n], b[..n], "{kind:?}");
        assert!(g.users.contains(&u_new));
        // a shrunk index space or a user outside the data is an error
        assert!(after.clone().partial_fit(&train, &[]).is_err(), "{kind:?}");
        assert!(after.partial_fit(&g.data, &[9_999]).is_err(), "{kind:?}");
    }
}
