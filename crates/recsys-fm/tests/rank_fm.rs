//! The ranking FM (`lightfm-warp`, `fm-bpr`) end to end: a score by hand, WARP and BPR rank a
//! two-community set, the fit does not depend on the thread count, the model file round-trips
//! bit for bit, bad parameters are typed errors, and an item without ratings scores from its
//! features.

use recsys_core::traits::Fit;
use recsys_core::{CandidateScorer, Interactions};
use recsys_fm::features::UserItemFeatures;
use recsys_fm::{FmError, RankFm, RankFmParams};

#[path = "support/common.rs"]
mod common;
use common::two_communities as data;

/// Mean over users of (own-community mean score − other-community mean score).
fn margin(m: &RankFm, train: &Interactions) -> f32 {
    let items: Vec<u32> = (0..30u64).map(|i| train.item_index(i).unwrap()).collect();
    let mut s = vec![0.0; 30];
    let mut total = 0.0;
    for u in 0..40u64 {
        m.score(train.user_index(u).unwrap(), &items, &mut s);
        let (own, other): (Vec<_>, Vec<_>) = (0..30).partition(|&i| i % 2 == u as usize % 2);
        let mean = |v: &[usize]| v.iter().map(|&i| s[i]).sum::<f32>() / v.len() as f32;
        total += mean(&own) - mean(&other);
    }
    total / 40.0
}

/// Asserts that `a` and `b` score every item of every user of [`data`] to the same bits.
fn assert_same_scores(a: &RankFm, b: &RankFm) {
    let items: Vec<u32> = (0..30).collect();
    let (mut sa, mut sb) = (vec![0.0; 30], vec![0.0; 30]);
    for u in 0..40 {
        a.score(u, &items, &mut sa);
        b.score(u, &items, &mut sb);
        assert_eq!(sa, sb, "user {u}");
    }
}

#[test]
fn warp_and_bpr_separate_the_communities() {
    let train = data();
    for p in [RankFmParams::warp(), RankFmParams::bpr()] {
        let m = p.clone().rank(8).epochs(30).fit(&train).unwrap();
        assert!(
            margin(&m, &train) > 0.5,
            "{:?}: {}",
            p.loss,
            margin(&m, &train)
        );
        assert!(m.curve().first().unwrap().loss > m.curve().last().unwrap().loss);
    }
}

#[test]
fn one_and_two_threads_give_the_same_model() {
    let train = data();
    let fit = |t: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .unwrap();
        pool.install(|| {
            RankFmParams::warp()
                .rank(8)
                .epochs(5)
                .batch(16)
                .fit(&train)
                .unwrap()
        })
    };
    let (a, b) = (fit(1), fit(2));
    assert_same_scores(&a, &b);
}

#[test]
fn save_load_round_trip_is_bit_exact() {
    let train = data();
    let m = RankFmParams::bpr().rank(4).epochs(3).fit(&train).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.rsm");
    m.save(&path, train.users(), train.items()).unwrap();
    let back = RankFm::load(&path).unwrap().model;
    assert_same_scores(&m, &back);
}

#[test]
fn bad_params_are_typed_errors() {
    let train = data();
    for p in [
        RankFmParams::warp().rank(0),
        RankFmParams::warp().learning_rate(0.0),
        RankFmParams::warp().learning_rate(f32::NAN),
        RankFmParams::bpr().item_alpha(-1.0),
        RankFmParams::bpr().epochs(0),
    ] {
        assert!(matches!(p.fit(&train), Err(FmError::Core(_))), "{p:?}");
    }
}

#[test]
fn a_score_by_hand_over_feature_rows() {
    // 2 users, 3 items; one item feature "genre" shared by items 1 and 2
    let train = Interactions::from_pairs([(0, 0), (1, 1), (1, 2)]).unwrap();
    let (ub, mut ib) = UserItemFeatures::builders(&train, false).unwrap();
    let g = ib.group("genre", 1).unwrap();
    for i in [1u64, 2] {
        ib.set(train.item_index(i).unwrap() as usize, g, 0, 1.0)
            .unwrap();
    }
    let features = UserItemFeatures::new(ub.build().unwrap(), ib.build().unwrap()).unwrap();
    let m = RankFmParams::warp()
        .rank(2)
        .epochs(2)
        .fit_features(&train, features)
        .unwrap();
    // score(u, i) = x_u·q_i + b_i from the representations
    let (x, q) = (m.user_repr(0).unwrap(), m.item_repr(1).unwrap());
    let mut s = [0.0];
    m.score(0, &[1], &mut s);
    approx::assert_relative_eq!(s[0], x[0] * q[0] + x[1] * q[1] + q[2], epsilon = 1e-6);
    // a user outside the rows scores by the bias alone
    m.score(99, &[1], &mut s);
    assert_eq!(s[0], q[2]);
}
