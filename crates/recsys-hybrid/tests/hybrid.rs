//! The hybrids on small hand-made catalogs: the seed's hybrid, the content k-NN predictor, the
//! user-profile scorer and the collaborative/content blend.

mod common;

use std::sync::Arc;

use approx::assert_abs_diff_eq;
use common::{ByItemId, catalog, catalog_content, cf_spec, item_content, ratings};
use recsys_core::traits::{Model, ModelSpec};
use recsys_core::{CandidateScorer, RatingPredictor};
use recsys_hybrid::{
    CatalogContent, ContentKnnParams, ContentProfile, ContentRecommender, Hybrid, HybridError,
    HybridParams, HybridSpec, seed_hybrid,
};

#[test]
fn seed_hybrid_reranks_unseen_similar_movies_by_predicted_rating() {
    let cat = catalog();
    let rec = ContentRecommender::fit(&cat).unwrap();
    // user 10 rated Star Voyage (liked) and Soup Masters; user 11 rated everything else
    #[rustfmt::skip]
    let train = ratings(&[
        (10, 1, 5.0), (10, 5, 2.0), (11, 2, 3.0), (11, 3, 4.0),
        (11, 4, 3.0), (11, 6, 1.0),
    ]);
    let model = ByItemId(train.clone());
    let list = seed_hybrid(&rec, &cat, &train, &model, 10, "star voyage", 3, 10).unwrap();
    let ids: Vec<u64> = list.iter().map(|x| x.movie_id).collect();
    // only the two other space movies share words with Star Voyage (movies of similarity 0 are
    // no neighbours); re-ranked by the predicted rating (= the id here), best first
    assert_eq!(ids, [3, 2]);
    assert!(
        !ids.contains(&1) && !ids.contains(&5),
        "seen movies returned: {ids:?}"
    );
    assert!(list.windows(2).all(|w| w[0].predicted >= w[1].predicted));
    for x in &list {
        assert_abs_diff_eq!(x.predicted, x.movie_id as f32);
    }
    // top cuts the re-ranked list
    let top1 = seed_hybrid(&rec, &cat, &train, &model, 10, "Star Voyage", 3, 1).unwrap();
    assert_eq!(top1.len(), 1);
    assert_eq!(top1[0].movie_id, list[0].movie_id);
}

#[test]
fn seed_hybrid_errors() {
    let cat = catalog();
    let rec = ContentRecommender::fit(&cat).unwrap();
    let train = ratings(&[(10, 1, 5.0), (11, 2, 3.0)]);
    let model = ByItemId(train.clone());
    assert!(matches!(
        seed_hybrid(&rec, &cat, &train, &model, 99, "Star Voyage", 3, 3),
        Err(HybridError::Core(_))
    ));
    assert!(matches!(
        seed_hybrid(&rec, &cat, &train, &model, 10, "Stra Voyag", 3, 3),
        Err(HybridError::UnknownTitle { .. })
    ));
    assert!(matches!(
        seed_hybrid(&rec, &cat, &train, &model, 10, "Star Voyage", 0, 3),
        Err(HybridError::Core(
            recsys_core::CoreError::InvalidParameter { .. }
        ))
    ));
}

#[test]
fn content_knn_prediction_by_hand() {
    // one user, ratings on movies 1 (5 stars) and 4 (1 star)
    let train = ratings(&[(1, 1, 5.0), (1, 4, 1.0), (2, 2, 3.0), (2, 5, 3.0)]);
    let items = item_content(&train);
    assert_eq!(items.items_with_text(), 4);
    let p = ContentKnnParams {
        k: 40,
        shrink: 0.0,
        content_prior: false,
    };
    let knn = p.fit(&train, Arc::clone(&items)).unwrap();
    // baseline by hand: μ = 3; b_i = Σ(r − μ)/(25 + n_i); b_u = Σ(r − μ − b_i)/(10 + n_u)
    let mu = 3.0f32;
    let bi = |sum: f32, n: f32| sum / (25.0 + n);
    let (b1, b4, b2, b5) = (bi(2.0, 1.0), bi(-2.0, 1.0), bi(0.0, 1.0), bi(0.0, 1.0));
    let bu1 = ((5.0 - mu - b1) + (1.0 - mu - b4)) / 12.0;
    // movie 2 (dense index of raw 2) is similar to movie 1 only among user 1's ratings
    let i2 = train.items().index(2).unwrap();
    let i1 = train.items().index(1).unwrap();
    let u1 = train.users().index(1).unwrap();
    let s12 = items
        .neighbours(i2)
        .iter()
        .find(|&&(j, _)| j == i1)
        .map(|&(_, s)| s)
        .unwrap();
    assert!(s12 > 0.0);
    let (used, pred) = knn.explain(u1, i2);
    assert_eq!(used, 1);
    let residual = 5.0 - (mu + bu1 + b1);
    assert_abs_diff_eq!(pred, mu + bu1 + b2 + residual, epsilon = 1e-5);
    // no rated neighbour: the baseline (movie 5 shares words with movie 4 only, which user 1
    // disliked; a stranger user gets the baseline of an unknown user)
    let i5 = train.items().index(5).unwrap();
    let (used5, pred5) = knn.explain(u1, i5);
    assert_eq!(used5, 1);
    assert!(
        pred5 < mu + bu1 + b5,
        "a disliked neighbour pulls the prediction down"
    );
    assert_abs_diff_eq!(knn.predict(99, i5), mu + b5, epsilon = 1e-6);
    // predictions stay within the training ratings' range
    assert!((1.0..=5.0).contains(&knn.predict(u1, i2)));
}

#[test]
fn content_knn_rejects_bad_parameters() {
    let cat = catalog();
    let rec = ContentRecommender::fit(&cat).unwrap();
    let content = CatalogContent::from_recommender(&rec, &cat, 5).unwrap();
    let train = ratings(&[(1, 1, 5.0), (2, 2, 3.0)]);
    let items = Arc::new(content.for_items(train.items()));
    for p in [
        ContentKnnParams {
            k: 0,
            ..ContentKnnParams::default()
        },
        ContentKnnParams {
            shrink: f32::NAN,
            ..ContentKnnParams::default()
        },
        ContentKnnParams {
            shrink: -1.0,
            ..ContentKnnParams::default()
        },
    ] {
        assert!(matches!(
            p.fit(&train, Arc::clone(&items)),
            Err(HybridError::Core(
                recsys_core::CoreError::InvalidParameter { .. }
            ))
        ));
    }
    // content built for another item space
    let other = ratings(&[(1, 1, 5.0), (1, 2, 3.0), (1, 3, 4.0)]);
    assert!(ContentKnnParams::default().fit(&other, items).is_err());
    assert!(CatalogContent::from_recommender(&rec, &cat, 0).is_err());
}

#[test]
fn content_profile_scores_like_the_liked_movies() {
    // user 1 loves space (5) and dislikes cooking (1)
    #[rustfmt::skip]
    let train = ratings(&[
        (1, 1, 5.0), (1, 4, 1.0), (2, 2, 3.0), (2, 3, 3.0),
        (2, 5, 3.0),
    ]);
    let items = item_content(&train);
    let prof = ContentProfile::new(&train, items).unwrap();
    let u1 = train.users().index(1).unwrap();
    let idx = |raw: u64| train.items().index(raw).unwrap();
    let cands = [idx(2), idx(3), idx(5)];
    let mut s = [0.0f32; 3];
    prof.score(u1, &cands, &mut s);
    assert!(
        s[0] > 0.0 && s[1] > 0.0,
        "space movies score positive: {s:?}"
    );
    assert!(s[2] < 0.0, "cooking scores negative: {s:?}");
    // user 2 rated everything 3: flat weights of 1, every shared term counts positively
    let u2 = train.users().index(2).unwrap();
    prof.score(u2, &[idx(1)], &mut s[..1]);
    assert!(s[0] > 0.0);
}

#[test]
fn blend_weights_follow_the_counts() {
    #[rustfmt::skip]
    let train = ratings(&[
        (1, 1, 5.0), (1, 2, 4.0), (2, 1, 4.0), (2, 3, 2.0),
        (3, 1, 3.0),
    ]);
    let items = item_content(&train);
    let knn = ContentKnnParams::default()
        .fit(&train, Arc::clone(&items))
        .unwrap();
    let cf = cf_spec().fit_model(&train).unwrap();
    let h = Hybrid::new(cf, knn.clone(), &train, 3.0, 2.0).unwrap();
    let (u1, i1) = (
        train.users().index(1).unwrap(),
        train.items().index(1).unwrap(),
    );
    // item 1 has 3 ratings, user 1 has 2: α = 3/6 · 2/4 = 0.25
    assert_abs_diff_eq!(h.alpha(u1, i1), 0.25, epsilon = 1e-12);
    let want = 0.25 * 1.0 + 0.75 * f64::from(knn.predict(u1, i1));
    assert_abs_diff_eq!(f64::from(h.predict(u1, i1)), want, epsilon = 1e-5);
    // β = 0: collaborative only; β = ∞: content only
    let cf = cf_spec().fit_model(&train).unwrap();
    let only_cf = Hybrid::new(cf, knn.clone(), &train, 0.0, 0.0).unwrap();
    assert_abs_diff_eq!(only_cf.predict(u1, i1), 1.0);
    let cf = cf_spec().fit_model(&train).unwrap();
    let only_cb = Hybrid::new(cf, knn.clone(), &train, f64::INFINITY, 0.0).unwrap();
    assert_abs_diff_eq!(only_cb.predict(u1, i1), knn.predict(u1, i1));
    // the cold floor γ: the item trust is γ + (1 − γ)·n_i/(n_i + β_item)
    let cf = cf_spec().fit_model(&train).unwrap();
    let floored = Hybrid::new(cf, knn.clone(), &train, 3.0, 2.0)
        .unwrap()
        .with_cold_floor(0.5)
        .unwrap();
    assert_abs_diff_eq!(
        floored.alpha(u1, i1),
        (0.5 + 0.5 * 0.5) * 0.5,
        epsilon = 1e-12
    );
    // an item outside the training data has n_i = 0: the item trust is γ
    assert_abs_diff_eq!(floored.alpha(u1, 1_000), 0.5 * 0.5, epsilon = 1e-12);
    // bad betas and floors
    let cf = cf_spec().fit_model(&train).unwrap();
    assert!(Hybrid::new(cf, knn.clone(), &train, -1.0, 0.0).is_err());
    let cf = cf_spec().fit_model(&train).unwrap();
    let h = Hybrid::new(cf, knn, &train, 1.0, 1.0).unwrap();
    assert!(h.with_cold_floor(1.5).is_err());
}

#[test]
fn hybrid_spec_chooses_content_when_the_collaborative_model_is_useless() {
    // ratings follow the content: space movies 5, cooking movies 1, for every user; the
    // collaborative stand-in predicts the raw id (useless), so validation must pick β_item = ∞
    let content = Arc::new(catalog_content());
    let mut rows = Vec::new();
    for u in 0..40u64 {
        for (i, r) in [(1, 5.0), (2, 5.0), (3, 5.0), (4, 1.0), (5, 1.0)] {
            if (u + i) % 3 != 0 {
                rows.push((u, i, r));
            }
        }
    }
    let train = ratings(&rows);
    let params = HybridParams {
        beta_item: vec![0.0, f64::INFINITY],
        beta_user: vec![0.0],
        ..HybridParams::default()
    };
    let spec = HybridSpec::new("hybrid", cf_spec(), Arc::clone(&content), params).unwrap();
    let (h, val_rmse) = spec.fit_hybrid(&train).unwrap();
    assert_eq!(h.betas(), (f64::INFINITY, 0.0));
    assert_eq!(h.cold_floor(), 0.0);
    assert!(val_rmse < 1.0, "{val_rmse}");
    assert!(spec.params().iter().any(|(k, _)| k == "beta_item"));
    // deterministic: the same seed gives the same choice and predictions
    let (h2, r2) = spec.fit_hybrid(&train).unwrap();
    assert_eq!(val_rmse, r2);
    assert_eq!(h.predict(0, 0), h2.predict(0, 0));
    // invalid settings are errors
    let bad = HybridParams {
        validation: 1.5,
        ..HybridParams::default()
    };
    assert!(HybridSpec::new("h", cf_spec(), Arc::clone(&content), bad).is_err());
    let bad = HybridParams {
        cold_floor: vec![2.0],
        ..HybridParams::default()
    };
    assert!(HybridSpec::new("h", cf_spec(), Arc::clone(&content), bad).is_err());
    let bad = HybridParams {
        beta_item: vec![],
        ..HybridParams::default()
    };
    assert!(HybridSpec::new("h", cf_spec(), content, bad).is_err());
}

#[test]
fn content_prior_gives_unrated_items_their_neighbours_bias() {
    // space movies are loved (5), cooking movies disliked (1); movie 3 (space) and movie 5
    // (cooking) have no ratings: with the content prior their item biases follow their
    // neighbours', without it both are 0
    let mut rows = Vec::new();
    for u in 0..10u64 {
        rows.extend([(u, 1, 5.0), (u, 2, 5.0), (u, 4, 1.0)]);
    }
    rows.push((99, 3, 3.0)); // give movies 3 and 5 an index, rated by one outsider
    rows.push((99, 5, 3.0));
    let train = ratings(&rows);
    let items = item_content(&train);
    let stranger = 1_000; // a user index without ratings: the prediction is μ + b_i
    let (i3, i5) = (
        train.items().index(3).unwrap(),
        train.items().index(5).unwrap(),
    );
    let with = ContentKnnParams::default()
        .fit(&train, Arc::clone(&items))
        .unwrap();
    let without = ContentKnnParams {
        content_prior: false,
        ..ContentKnnParams::default()
    }
    .fit(&train, items)
    .unwrap();
    assert!(with.predict(stranger, i3) > without.predict(stranger, i3));
    assert!(with.predict(stranger, i5) < without.predict(stranger, i5));
}

#[test]
fn items_outside_the_index_space_score_negative_infinity() {
    let train = ratings(&[(1, 1, 5.0), (1, 4, 1.0), (2, 2, 3.0)]);
    let items = item_content(&train);
    let knn = ContentKnnParams::default()
        .fit(&train, Arc::clone(&items))
        .unwrap();
    let prof = ContentProfile::new(&train, Arc::clone(&items)).unwrap();
    let cf = cf_spec().fit_model(&train).unwrap();
    // the rating models score through their core wrappers
    let h = Hybrid::new(cf, knn.clone(), &train, 1.0, 1.0)
        .unwrap()
        .into_model();
    let knn = knn.into_model();
    let scorers: [&dyn CandidateScorer; 3] =
        [knn.as_scorer().unwrap(), &prof, h.as_scorer().unwrap()];
    for s in scorers {
        let mut out = [0.0f32; 2];
        // an unknown user too: no panic, finite scores for known items
        for user in [0, 1_000] {
            s.score(user, &[0, 99], &mut out);
            assert!(out[0].is_finite());
            assert_eq!(out[1], f32::NEG_INFINITY);
        }
    }
}
