//! Incremental updates of `bpr` and `fm-warp`: new ratings (a new user, more items for a known
//! user, a new item) grow the model; the changed users' rows are their fold-ins, bit for bit,
//! and every other user scores the known items as before.

use recsys_core::traits::{Fit, FoldIn, PartialFit, history_of};
use recsys_core::{CandidateScorer, Interactions};
use recsys_fm::{Bpr, BprParams};

/// Two groups of 40 users over 40 items.
fn groups() -> Interactions {
    recsys_testkit::two_groups(40, 0x2545_F491_4F6C_DD1D, 1.0)
}

/// The scores of user `u` for `items`.
fn scores(m: &Bpr, u: u32, items: &[u32]) -> Vec<f32> {
    let mut out = vec![0.0; items.len()];
    m.score(u, items, &mut out);
    out
}

#[test]
fn new_ratings_change_only_their_users() {
    let train = groups();
    // a new user (raw 1000) of group 0, two more items for raw user 3, a new item (raw 77)
    let g = train
        .with_ratings(&recsys_testkit::two_groups_news(1000, 77))
        .unwrap();
    let known: Vec<u32> = (0..train.n_items() as u32).collect();
    for params in [
        BprParams::cornac().factors(8).iterations(30),
        BprParams::warp().factors(8).iterations(20),
    ] {
        let before = params.fit(&train).unwrap();
        let mut m = before.clone();
        m.partial_fit(&g.data, &g.users).unwrap();
        assert_eq!(
            (m.n_users(), m.n_items()),
            (g.data.n_users(), g.data.n_items())
        );
        for u in 0..g.data.n_users() as u32 {
            if g.users.contains(&u) {
                let folded = m.fold_in(&history_of(&g.data, u)).unwrap();
                assert_eq!(m.user_factor(u).unwrap(), &folded.state[..], "user {u}");
            } else {
                assert_eq!(
                    scores(&m, u, &known),
                    scores(&before, u, &known),
                    "user {u}"
                );
            }
        }
        // the new item scores 0 until a refit; the new user prefers their group
        let item = g.data.item_index(77).unwrap();
        assert_eq!(scores(&m, 0, &[item]), vec![0.0]);
        let u = g.data.user_index(1000).unwrap();
        let top = m.recommend_folded(&m.fold_in(&history_of(&g.data, u)).unwrap(), 5);
        let group0 = top
            .iter()
            .filter(|(i, _)| g.data.items().raw(*i).unwrap() < 20);
        assert!(group0.count() >= 4, "{top:?}");
        // an index space smaller than the model's is an error
        assert!(m.clone().partial_fit(&train, &[]).is_err());
    }
}
