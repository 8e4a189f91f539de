//! The Bayesian FM with a case block (the rating's day): it learns a day effect the user and
//! item blocks cannot express, it is the same for any thread count, it saves and loads bit for
//! bit, and a case block of the wrong length is a typed error. Fitted with its days
//! (`fit_dated`, the registry's `bfm-side-date`), it predicts a rating at its timestamp through
//! `RatingPredictor::predict_at`, which is what `compare` calls.

use std::sync::Arc;

use recsys_core::side::SideFeatures;
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, ModelSpec, RatingPredictor};
use recsys_fm::features::{RatingDays, UserItemFeatures};
use recsys_fm::{Bfm, BfmParams, SideSpec};

const DAY: u32 = 86_400;

/// 20 users × 12 items; ratings on even days are 1.5 stars above those on odd days, with a
/// small user structure; every (user, item) is rated once, on a day in 0..6 scrambled from
/// `(u, i)` so that no user or item term explains it.
fn dated() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..20u64 {
        for i in 0..12u64 {
            let day = ((u * 7 + i * 13 + u * i * 5 + (u * u * i) % 11) % 6) as u32;
            let r = 3.0
                + if day.is_multiple_of(2) { 0.75 } else { -0.75 }
                + 0.1 * ((u % 3) as f32 - 1.0);
            b.push(u, i, r, Some(day * DAY + 3_600)).unwrap();
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn fit(train: &Interactions, threads: usize) -> (Bfm, RatingDays) {
    let days = RatingDays::from_interactions(train);
    let cases = days.case_features(train).unwrap();
    let features = UserItemFeatures::from_interactions(train, false).unwrap();
    let m = BfmParams::default()
        .rank(4)
        .n_iter(80)
        .burn_in(10)
        .threads(threads)
        .fit_cases(train, features, cases)
        .unwrap();
    (m, days)
}

fn all(m: &Bfm) -> Vec<u32> {
    (0..20)
        .flat_map(|u| (0..12).map(move |i| (u, i)))
        .flat_map(|(u, i)| (0..7).map(move |d| m.predict_case(u, i, Some(d)).to_bits()))
        .collect()
}

#[test]
fn it_learns_the_day_effect() {
    let train = dated();
    let (m, days) = fit(&train, 0);
    assert_eq!(days.n_days(), 6);
    assert_eq!(m.case_block().map(|b| b.n_rows()), Some(6));
    let rmse = (train
        .iter()
        .map(|x| (m.predict_case(x.user, x.item, days.row(x.timestamp)) - x.rating).powi(2))
        .sum::<f32>()
        / train.nnz() as f32)
        .sqrt();
    assert!(rmse < 0.25, "training rmse {rmse}");
    // the same user and item: an even day is about 1.5 stars above an odd one
    let (even, odd) = (m.predict_case(3, 4, Some(2)), m.predict_case(3, 4, Some(1)));
    assert!((even - odd - 1.5).abs() < 0.3, "{even} vs {odd}");
    // a day without training ratings adds nothing: between the two
    let none = m.predict_case(3, 4, None);
    assert!(odd < none && none < even, "{odd} < {none} < {even}");
    assert_eq!(m.predict_case(3, 4, Some(99)).to_bits(), none.to_bits());
}

#[test]
fn same_model_for_any_thread_count_and_after_save() {
    let train = dated();
    let (one, _) = fit(&train, 1);
    let (three, _) = fit(&train, 3);
    assert_eq!(all(&one), all(&three));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bfm-date.model");
    one.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap();
    assert_eq!(all(&saved.model), all(&one));
    assert_eq!(saved.model.case_block(), one.case_block());
}

#[test]
fn a_case_block_of_the_wrong_length_is_an_error() {
    let train = dated();
    let days = RatingDays::from_interactions(&train);
    let mut cases = days.case_features(&train).unwrap();
    cases.case_row.pop();
    let features = UserItemFeatures::from_interactions(&train, false).unwrap();
    assert!(
        BfmParams::default()
            .fit_cases(&train, features, cases)
            .is_err()
    );
    // a day outside the encoder, and a case row outside the block
    let other = RatingDays::from_interactions(&dated_shifted());
    assert!(other.case_features(&train).is_err());
    let block = days.case_features(&train).unwrap().block;
    assert!(recsys_fm::features::CaseFeatures::new(block, vec![6]).is_err());
}

fn dated_shifted() -> Interactions {
    let mut b = InteractionsBuilder::new();
    b.push(0, 0, 3.0, Some(100 * DAY)).unwrap();
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn params() -> BfmParams {
    BfmParams::default().rank(4).n_iter(80).burn_in(10)
}

#[test]
fn fit_dated_predicts_at_the_ratings_day() {
    let train = dated();
    let features = || UserItemFeatures::from_interactions(&train, false).unwrap();
    let dated = params().fit_dated(&train, features()).unwrap();
    let (cases, days) = fit(&train, 0);
    // the same chain as fit_cases with the same days; only the day lookup is added
    assert_eq!(all(&dated), all(&cases));
    assert_eq!(dated.days(), Some(&days));
    assert_eq!(cases.days(), None);
    for x in train.iter() {
        let at = dated.predict_at(x.user, x.item, x.timestamp);
        let by_row = dated.predict_case(x.user, x.item, days.row(x.timestamp));
        assert_eq!(at.to_bits(), by_row.to_bits());
        // without days, predict_at is predict
        let plain = cases.predict_at(x.user, x.item, x.timestamp);
        assert_eq!(plain.to_bits(), cases.predict(x.user, x.item).to_bits());
    }
    // a day without training ratings, and the day-less prediction, add no day term
    let far = 400 * DAY;
    assert_eq!(
        dated.predict_at(3, 4, far).to_bits(),
        dated.predict(3, 4).to_bits()
    );
    // the days survive a save
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bfm-dated.model");
    dated.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap().model;
    assert_eq!(saved.days(), Some(&days));
    let x = train.iter().next().unwrap();
    assert_eq!(
        saved.predict_at(x.user, x.item, x.timestamp).to_bits(),
        dated.predict_at(x.user, x.item, x.timestamp).to_bits()
    );
}

#[test]
fn the_side_date_spec_predicts_through_predict_at() {
    let train = dated();
    let mut spec = SideSpec::bfm_side_date(Arc::new(SideFeatures::default()), Arc::default());
    assert_eq!(spec.name(), "bfm-side-date");
    for (k, v) in [
        ("rank", "4"),
        ("n_iter", "80"),
        ("burn_in", "10"),
        ("implicit", "false"),
    ] {
        spec.set_param(k, v).unwrap();
    }
    let model = spec.fit_model(&train).unwrap();
    let p = model.as_rating_predictor().unwrap();
    // the day effect is there through the trait object: even days above odd ones
    let at = |d: u32| p.predict_at(3, 4, d * DAY + 10);
    assert!(at(2) - at(1) > 1.0, "{} vs {}", at(2), at(1));
    let rmse = (train
        .iter()
        .map(|x| (p.predict_at(x.user, x.item, x.timestamp) - x.rating).powi(2))
        .sum::<f32>()
        / train.nnz() as f32)
        .sqrt();
    assert!(rmse < 0.25, "training rmse {rmse}");
}

#[test]
fn saved_days_must_ascend() {
    assert!(RatingDays::from_days(vec![1, 5, 9]).is_ok());
    let err = RatingDays::from_days(vec![1, 5, 5])
        .unwrap_err()
        .to_string();
    assert!(err.contains("day 5 after day 5"), "{err}");
    assert!(RatingDays::from_days(vec![4, 2]).is_err());
}
