//! The ordered-probit Bayesian FM (`BfmParams::ordinal`): it learns ordered classes, its
//! predictions are expected ratings inside the levels, it is deterministic for a seed whatever
//! the thread count, saves and loads bit for bit (with a case block of user-days too), folds
//! new users in as `predict_features` does, and refuses data with one rating level.

#[path = "support/common.rs"]
mod common;

use recsys_core::traits::Fit;
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor};
use recsys_fm::features::{UserDays, UserItemFeatures};
use recsys_fm::{Bfm, BfmParams};

/// 30 users × 20 items on three levels: users of one parity rate the items of their parity 5,
/// the others 1, and every seventh pair 3; about 60% of the pairs are rated, on one of four
/// days.
fn three_levels() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..30u64 {
        for i in 0..20u64 {
            if (u * 7 + i * 3) % 5 < 3 {
                let r = if (u + i) % 7 == 0 {
                    3.0
                } else if u % 2 == i % 2 {
                    5.0
                } else {
                    1.0
                };
                let day = 86_400 * ((u + i) % 4) as u32;
                b.push(u, i, r, Some(day + 60)).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn quick() -> BfmParams {
    BfmParams::default()
        .rank(4)
        .n_iter(60)
        .burn_in(10)
        .ordinal(true)
}

fn all(m: &Bfm) -> Vec<u32> {
    (0..30)
        .flat_map(|u| (0..20).map(move |i| (u, i)))
        .map(|(u, i)| m.predict(u, i).to_bits())
        .collect()
}

#[test]
fn it_learns_ordered_classes() {
    let train = three_levels();
    let m = quick().fit(&train).unwrap();
    assert_eq!(m.ordinal_levels(), Some(&[1.0, 3.0, 5.0][..]));
    let rmse = common::train_rmse(&m, &train);
    // the 3s are noise to the parity rule; the rule itself is learned
    assert!(rmse < 1.0, "training rmse {rmse}");
    for u in 0..30u32 {
        for i in 0..20u32 {
            let p = m.predict(u, i);
            assert!((1.0..=5.0).contains(&p));
        }
    }
    // user index 1 and item index 3 share their parity (raw ids equal indices here: pushed in order)
    assert!(m.predict(1, 3) > 4.0, "{}", m.predict(1, 3));
    assert!(m.predict(1, 2) < 2.0, "{}", m.predict(1, 2));
    // regression on the same data sits in the same place
    let r = quick().ordinal(false).fit(&train).unwrap();
    assert!((r.predict(1, 3) - m.predict(1, 3)).abs() < 1.0);
}

#[test]
fn deterministic_for_any_thread_count_and_after_save() {
    let train = three_levels();
    let one = quick().implicit(true).threads(1).fit(&train).unwrap();
    let three = quick().implicit(true).threads(3).fit(&train).unwrap();
    assert_eq!(all(&one), all(&three));
    assert_ne!(
        all(&one),
        all(&quick().implicit(true).seed(5).fit(&train).unwrap())
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bfm-ordinal.model");
    one.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap().model;
    assert_eq!(all(&saved), all(&one));
    assert_eq!(saved.ordinal_levels(), one.ordinal_levels());
    // a regression model's file has no ordinal part
    let reg = quick().ordinal(false).fit(&train).unwrap();
    reg.save(&path, train.users(), train.items()).unwrap();
    assert_eq!(Bfm::load(&path).unwrap().model.ordinal_levels(), None);
}

#[test]
fn a_case_block_of_user_days_round_trips() {
    let train = three_levels();
    let days = UserDays::from_interactions(&train);
    let features = UserItemFeatures::from_interactions(&train, false).unwrap();
    let cases = days.case_features(&train).unwrap();
    let m = quick().fit_cases(&train, features, cases).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bfm-days.model");
    m.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap().model;
    for x in train.iter() {
        let row = days.row(x.user, x.timestamp);
        assert!(row.is_some());
        let p = m.predict_case(x.user, x.item, row);
        assert!((1.0..=5.0).contains(&p));
        assert_eq!(
            p.to_bits(),
            saved.predict_case(x.user, x.item, row).to_bits()
        );
    }
}

#[test]
fn a_folded_user_is_scored_as_their_feature_row() {
    let train = three_levels();
    let m = quick().implicit(true).fit(&train).unwrap();
    common::fold_in_is_the_implicit_row(&m, &train);
}

#[test]
fn one_rating_level_is_refused_and_old_params_read_as_regression() {
    let mut b = InteractionsBuilder::new();
    for u in 0..5u64 {
        b.push(u, u % 3, 4.0, None).unwrap();
    }
    let flat = b.build(DuplicatePolicy::KeepLast).unwrap();
    let err = quick().fit(&flat).unwrap_err().to_string();
    assert!(err.contains("ordinal"), "{err}");
    // parameters saved before the ordered probit existed
    let mut json = serde_json::to_value(BfmParams::default()).unwrap();
    json.as_object_mut().unwrap().remove("ordinal");
    let p: BfmParams = serde_json::from_value(json).unwrap();
    assert!(!p.ordinal);
}
