//! Incremental updates: a fitted model takes new ratings (new users, more ratings of known
//! users, new items) without a refit; the changed users' rows are their fold-ins, everyone
//! else is untouched, and the index space grows as the data's id maps do.

use approx::assert_relative_eq;
use recsys_core::traits::{Fit, FoldIn, PartialFit, history_of};
use recsys_core::{CandidateScorer, DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_mf::{AlsParams, BaselineParams, PopularityParams, SvdParams};
use recsys_testkit::XorShift;

/// 60 users × 40 items, ~30% rated 1..5.
fn data() -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for u in 0..60u64 {
        for i in 0..40u64 {
            let x = rng.next_u64();
            if x % 10 < 3 {
                b.push(u, i, 1.0 + ((x >> 8) % 5) as f32, Some((u * 40 + i) as u32))
                    .unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// Every score of `u` for the first `n` items.
fn scores(m: &dyn CandidateScorer, u: u32, n: usize) -> Vec<f32> {
    let items: Vec<u32> = (0..n as u32).collect();
    let mut out = vec![0.0; n];
    m.score(u, &items, &mut out);
    out
}

/// A new user (raw 1000), more ratings for raw user 3, and a new item (raw 500) rated by raw
/// users 1, 2 and 1000.
fn new_ratings() -> Vec<(u64, u64, f32, Option<u32>)> {
    let mut v: Vec<(u64, u64, f32, Option<u32>)> =
        (0..8).map(|i| (1000, i * 3, 4.0, Some(9_000))).collect();
    v.extend([(3, 39, 5.0, Some(9_001)), (3, 38, 1.0, Some(9_002))]);
    v.extend([
        (1, 500, 5.0, None),
        (2, 500, 4.0, None),
        (1000, 500, 5.0, None),
    ]);
    v
}

#[test]
fn als_grows_and_refits_only_the_changed_users() {
    let train = data();
    let p = AlsParams::default().with_factors(6).with_iterations(5);
    let before = p.fit(&train).unwrap();
    let g = train.with_ratings(&new_ratings()).unwrap();
    assert_eq!((g.data.n_users(), g.data.n_items()), (61, 41));
    let mut m = before.clone();
    m.partial_fit(&g.data, &g.users).unwrap();
    assert_eq!((m.n_users(), m.n_items()), (61, 41));
    let new_user = g.data.user_index(1000).unwrap();
    let new_item = g.data.item_index(500).unwrap();
    assert!(m.item_factor(new_item).unwrap().iter().any(|&v| v != 0.0));
    // a changed user's row is their fold-in against the grown items
    for &u in &g.users {
        let h = history_of(&g.data, u);
        let f = m.fold_in(&h).unwrap();
        for (a, b) in m.user_factor(u).unwrap().iter().zip(&f.state) {
            assert_relative_eq!(*a, *b, epsilon = 1e-6);
        }
    }
    // everyone else keeps their scores of the old items
    for u in (0..60u32).filter(|u| !g.users.contains(u)) {
        assert_eq!(scores(&m, u, 40), scores(&before, u, 40), "user {u}");
    }
    // the new user's list leaves out what they rated and ranks the new item's co-raters' taste
    assert_eq!(m.user_factor(new_user).unwrap().len(), 6);
    // a smaller index space is refused
    assert!(m.partial_fit(&train, &[0]).is_err());
}

#[test]
fn svd_and_baseline_fold_the_changed_users_in() {
    let train = data();
    let g = train.with_ratings(&new_ratings()).unwrap();
    let svd = SvdParams::default().factors(4).fit(&train).unwrap();
    let mut m = svd.clone();
    m.partial_fit(&g.data, &g.users).unwrap();
    assert_eq!((m.user_bias.len(), m.item_bias.len()), (61, 41));
    let new_item = g.data.item_index(500).unwrap() as usize;
    assert!(m.item_factors.row(new_item).iter().all(|&v| v == 0.0));
    let new_user = g.data.user_index(1000).unwrap();
    let h = history_of(&g.data, new_user);
    let f = m.fold_in(&h).unwrap();
    for (a, b) in m.user_factors.row(new_user as usize).iter().zip(&f.state) {
        assert_relative_eq!(*a, *b, epsilon = 1e-6);
    }
    assert_relative_eq!(m.user_bias[new_user as usize], f.state[4], epsilon = 1e-6);
    for u in (0..60usize).filter(|u| !g.users.contains(&(*u as u32))) {
        assert_eq!(m.user_factors.row(u), svd.user_factors.row(u));
    }

    let base = BaselineParams::default().fit(&train).unwrap();
    let mut b = base.clone();
    b.partial_fit(&g.data, &g.users).unwrap();
    assert_eq!((b.user_bias.len(), b.item_bias.len()), (61, 41));
    assert_relative_eq!(
        b.user_bias[new_user as usize],
        f64::from(b.fold_in(&h).unwrap().state[0]),
        epsilon = 1e-6
    );
    // raw users 1, 2, 3 changed; the 57 others keep their biases
    assert_eq!(g.users.iter().filter(|&&u| u < 60).count(), 3);
    for u in (0..60usize).filter(|u| !g.users.contains(&(*u as u32))) {
        assert_eq!(b.user_bias[u], base.user_bias[u]);
    }
}

#[test]
fn popularity_after_partial_fit_is_a_refit() {
    let train = data();
    let g = train.with_ratings(&new_ratings()).unwrap();
    let mut m = PopularityParams.fit(&train).unwrap();
    m.partial_fit(&g.data, &g.users).unwrap();
    assert_eq!(m, PopularityParams.fit(&g.data).unwrap());
}
