//! The Bayesian FM end to end: it learns, it is deterministic for a seed whatever the thread
//! count, it saves and loads bit for bit, bad input is a typed error, and a user never seen in
//! training is predicted from side features.

use approx::assert_relative_eq;
use recsys_core::traits::Fit;
use recsys_core::{CoreError, RatingPredictor};
use recsys_fm::features::{BlockBuilder, UserItemFeatures};

#[path = "support/common.rs"]
mod common;
#[path = "support/parity.rs"]
mod support;
use recsys_fm::{Bfm, BfmParams, FmError};
use support::ratings;

fn quick() -> BfmParams {
    BfmParams::default().rank(4).n_iter(60).burn_in(10)
}

#[test]
fn it_learns_the_structure() {
    let train = ratings();
    let m = quick().fit(&train).unwrap();
    let rmse = common::train_rmse(&m, &train);
    assert!(rmse < 0.5, "training rmse {rmse}");
    assert_eq!(m.n_samples(), 50);
    assert_eq!(m.curve().len(), 60);
    // predictions are clipped to the training range
    for u in 0..30 {
        for i in 0..20 {
            assert!((1.0..=5.0).contains(&m.predict(u, i)));
        }
    }
}

#[test]
fn same_seed_same_model_for_any_thread_count() {
    let train = ratings();
    let one = quick().implicit(true).threads(1).fit(&train).unwrap();
    let three = quick().implicit(true).threads(3).fit(&train).unwrap();
    let other_seed = quick().implicit(true).seed(7).fit(&train).unwrap();
    let all = |m: &Bfm| -> Vec<u32> {
        (0..30)
            .flat_map(|u| (0..20).map(move |i| (u, i)))
            .map(|(u, i)| m.predict(u, i).to_bits())
            .collect()
    };
    assert_eq!(all(&one), all(&three));
    assert_ne!(all(&one), all(&other_seed));
}

#[test]
fn save_and_load_round_trip() {
    let train = ratings();
    let m = quick().implicit(true).fit(&train).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bfm.model");
    m.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap();
    for u in 0..30 {
        for i in 0..20 {
            assert_eq!(
                saved.model.predict(u, i).to_bits(),
                m.predict(u, i).to_bits()
            );
        }
    }
    assert_eq!(saved.model.params(), m.params());
    assert_eq!(saved.model.curve().len(), m.curve().len());
    // a file of another kind is refused
    assert!(recsys_fm::Bpr::load(&path).is_err());
}

#[test]
fn bad_input_is_a_typed_error() {
    let train = ratings();
    let param = |r: Result<Bfm, FmError>, name: &str| match r {
        Err(FmError::Core(CoreError::InvalidParameter { name: n, .. })) => assert_eq!(n, name),
        other => panic!("expected a bad `{name}`, got {other:?}"),
    };
    param(quick().rank(0).fit(&train), "rank");
    param(quick().n_iter(0).fit(&train), "n_iter");
    param(quick().n_iter(10).burn_in(10).fit(&train), "burn_in");
    param(quick().init_stdev(f64::NAN).fit(&train), "init_stdev");
    assert!(matches!(
        quick().fit(&common::empty()),
        Err(FmError::Core(CoreError::Empty(_)))
    ));
    // features outside the declared space, non-finite values, empty groups
    let mut b = BlockBuilder::new(2);
    let g = b.group("genre", 3).unwrap();
    assert!(matches!(
        b.set(0, g, 3, 1.0),
        Err(FmError::Feature { row: 0, .. })
    ));
    assert!(matches!(
        b.set(2, g, 0, 1.0),
        Err(FmError::Feature { row: 2, .. })
    ));
    assert!(matches!(
        b.set(1, g, 0, f32::NAN),
        Err(FmError::Feature { row: 1, .. })
    ));
    assert!(matches!(
        b.set(1, g, 0, f32::INFINITY),
        Err(FmError::Feature { .. })
    ));
    assert!(b.group("empty", 0).is_err());
    assert!(b.group("genre", 2).is_err());
    b.set(0, g, 1, 1.0).unwrap();
    b.set(0, g, 1, 2.0).unwrap();
    assert!(b.build().is_err(), "a feature set twice");
    assert!(
        BlockBuilder::new(3).build().is_err(),
        "a block without groups"
    );
    // blocks of the wrong size
    let f = UserItemFeatures::from_interactions(&train, false).unwrap();
    let wrong = UserItemFeatures::new(f.item.clone(), f.user.clone()).unwrap();
    param(quick().fit_features(&train, wrong), "features");
    // a fitted model refuses rows outside its spaces
    let m = quick().fit(&train).unwrap();
    assert!(
        m.predict_features((&[999], &[1.0]), (&[0], &[1.0]))
            .is_err()
    );
    assert!(
        m.predict_features((&[0], &[f32::NAN]), (&[0], &[1.0]))
            .is_err()
    );
    assert!(
        m.predict_features((&[0, 1], &[1.0]), (&[0], &[1.0]))
            .is_err()
    );
}

#[test]
fn an_unseen_user_is_predicted_from_side_features() {
    let train = ratings();
    // users: one-hot id plus a 2-value "gender" side column (even / odd ids)
    let (mut ub, ib) = UserItemFeatures::builders(&train, false).unwrap();
    let gender = ub.group("gender", 2).unwrap();
    for u in 0..train.n_users() {
        let raw = train.users().raw(u as u32).unwrap();
        ub.set(u, gender, (raw % 2) as usize, 1.0).unwrap();
    }
    let features = UserItemFeatures::new(ub.build().unwrap(), ib.build().unwrap()).unwrap();
    let m = BfmParams::default()
        .rank(4)
        .n_iter(100)
        .burn_in(20)
        .fit_features(&train, features)
        .unwrap();
    let nu = train.n_users() as u32;
    let item = |raw: u64| train.item_index(raw).unwrap();
    // a new user described only by gender 0 (like the even users): even items above odd ones
    let p = |g: u32, raw_item: u64| {
        let cols = [nu + g];
        m.predict_features((&cols, &[1.0]), (&[item(raw_item)], &[1.0]))
            .unwrap()
    };
    assert!(p(0, 2) > p(0, 3) + 1.0, "{} vs {}", p(0, 2), p(0, 3));
    assert!(p(1, 3) > p(1, 2) + 1.0, "{} vs {}", p(1, 3), p(1, 2));
    // without features, the same new user is predicted near the item's mean
    let none = m
        .predict_features((&[], &[]), (&[item(2)], &[1.0]))
        .unwrap();
    assert!(none > 1.5 && none < 4.5, "{none}");
    // a known user through its own features predicts as the model does
    let u0 = train.user_index(0).unwrap();
    let (c, x) = m.features().user.row(u0 as usize);
    let direct = m.predict_features((c, x), (&[item(2)], &[1.0])).unwrap();
    assert_relative_eq!(direct, m.predict(u0, item(2)), epsilon = 1e-4);
}
