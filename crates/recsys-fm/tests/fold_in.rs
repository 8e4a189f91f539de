//! Folding a new user into a Bayesian FM through their implicit-set features.

use recsys_core::traits::{Fit, FoldIn, history_of};
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor};
use recsys_fm::BfmParams;

#[path = "support/common.rs"]
mod common;
#[path = "support/parity.rs"]
mod support;
use support::ratings;

#[test]
fn the_folded_row_is_the_implicit_feature_row() {
    let train = ratings();
    let m = BfmParams::default()
        .rank(4)
        .n_iter(40)
        .burn_in(10)
        .implicit(true)
        .fit(&train)
        .unwrap();
    common::fold_in_is_the_implicit_row(&m, &train);
}

/// As [`ratings`], but users rate mostly items of their own parity: the set of rated items
/// carries the taste, as it does in MovieLens (people watch what they expect to like).
fn ratings_by_set() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..30u64 {
        for i in 0..20u64 {
            let same = u % 2 == i % 2;
            if (same && (u + i) % 4 != 0) || (!same && (u * 7 + i * 3) % 5 == 0) {
                b.push(u, i, if same { 5.0 } else { 1.0 }, None).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

#[test]
fn folded_training_users_keep_their_taste_when_the_set_carries_it() {
    let train = ratings_by_set();
    let m = BfmParams::default()
        .rank(4)
        .n_iter(60)
        .burn_in(10)
        .implicit(true)
        .fit(&train)
        .unwrap();
    // a folded user's scores put the items of their own parity above the others, like the
    // fitted user's: the implicit set carries the taste without the one-hot (the ratings'
    // values do not enter the features: on `ratings()`, whose rated sets ignore parity, the
    // folded users are split 15/15)
    let mut agree = 0;
    for u in 0..30u32 {
        let f = m.fold_in(&history_of(&train, u)).unwrap();
        let items: Vec<u32> = (0..20).collect();
        let mut s = vec![0.0; 20];
        m.score_folded(&f, &items, &mut s);
        let same: f32 = items
            .iter()
            .filter(|&&i| i % 2 == u % 2)
            .map(|&i| s[i as usize])
            .sum();
        let other: f32 = items
            .iter()
            .filter(|&&i| i % 2 != u % 2)
            .map(|&i| s[i as usize])
            .sum();
        let fitted_same: f32 = items
            .iter()
            .filter(|&&i| i % 2 == u % 2)
            .map(|&i| m.predict(u, i))
            .sum();
        let fitted_other: f32 = items
            .iter()
            .filter(|&&i| i % 2 != u % 2)
            .map(|&i| m.predict(u, i))
            .sum();
        assert!(fitted_same > fitted_other);
        if same > other {
            agree += 1;
        }
    }
    // measured: 28 of 30 (every fitted user prefers their parity)
    assert!(
        agree >= 27,
        "{agree} of 30 folded users prefer their own parity"
    );
}

#[test]
fn without_implicit_features_every_new_user_is_the_same_and_bad_input_is_refused() {
    let train = ratings();
    let m = BfmParams::default()
        .rank(4)
        .n_iter(20)
        .burn_in(5)
        .fit(&train)
        .unwrap();
    let a = m.fold_in(&history_of(&train, 0)).unwrap();
    let b = m.fold_in(&history_of(&train, 1)).unwrap();
    assert_eq!(a.state, b.state);
    for bad in [
        vec![(20, 5.0)],
        vec![(1, f32::NAN)],
        vec![(1, 5.0), (1, 4.0)],
        vec![(1, 9.0)],
    ] {
        assert!(m.fold_in(&bad).is_err(), "{bad:?}");
    }
    let empty = m.fold_in(&[]).unwrap();
    assert_eq!(m.recommend_folded(&empty, 3).len(), 3);
}
