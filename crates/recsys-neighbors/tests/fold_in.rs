//! Folding users into the neighbourhood models: a training user folded in from their own
//! training row gets exactly their fitted scores (item-based models through `FoldIn`, user-based
//! ones through `fold_in_as`, and through `FoldIn` on every item they did not rate); bad
//! histories are errors; every registry model folds in.

use recsys_core::traits::{Fit, FoldIn, FoldedUser, Model, history_of};
use recsys_core::{CandidateScorer, Interactions};
use recsys_neighbors::rating::{
    Estimator, Knn, KnnBaselineParams, KnnBasicParams, KnnMeansParams, KnnParams, Similarity,
};
use recsys_neighbors::topn::{
    EaseParams, ItemKnnParams, Rp3BetaParams, SlimParams, UserKnn, UserKnnParams, Weighting,
};

/// 50 users × 30 items, ~30% of the cells, ratings 1..5.
fn data() -> Interactions {
    recsys_testkit::random_ratings(50, 30, 0x1234_5678_9abc_def1)
}

/// Every training user folded in from their row scores every item as fitted, bit for bit, bad
/// histories are errors ([`recsys_testkit::folds_in_exactly`]), and an empty history scores 0 or
/// `-inf`.
fn folds_in_exactly(name: &str, model: &dyn Model, train: &Interactions) {
    recsys_testkit::folds_in_exactly(name, model, train);
    let f = model.as_fold_in().unwrap();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let mut a = vec![0.0; items.len()];
    let empty = f.fold_in(&[]).unwrap();
    f.score_folded(&empty, &items, &mut a);
    assert!(
        a.iter().all(|&v| v == 0.0 || v == f32::NEG_INFINITY),
        "{name}"
    );
}

#[test]
fn item_models_fold_in_training_users_exactly() {
    let train = data();
    let knn = ItemKnnParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("item-knn", &knn, &train);
    let rated = ItemKnnParams {
        use_ratings: true,
        ..ItemKnnParams::default()
    }
    .fit(&train)
    .unwrap()
    .into_model();
    folds_in_exactly("item-knn use_ratings", &rated, &train);
    assert!(rated.as_fold_in().unwrap().fold_in(&[(1, -2.0)]).is_err());
    let rp3 = Rp3BetaParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("rp3beta", &rp3, &train);
    let slim = SlimParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("slim", &slim, &train);
    let ease = EaseParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("ease", &ease, &train);
}

/// The error of a bad fold-in names `what`.
fn names(e: recsys_core::CoreError, what: &str) {
    assert!(
        matches!(&e, recsys_core::CoreError::InvalidParameter { name, .. } if *name == what),
        "{e}"
    );
}

/// Every item's score for a folded user and for training user `u`.
fn both(m: &dyn Model, f: &FoldedUser, u: u32, n_items: usize) -> (Vec<f32>, Vec<f32>) {
    let items: Vec<u32> = (0..n_items as u32).collect();
    let (mut a, mut b) = (vec![0.0; n_items], vec![0.0; n_items]);
    m.as_fold_in().unwrap().score_folded(f, &items, &mut a);
    m.as_scorer().unwrap().score(u, &items, &mut b);
    (a, b)
}

/// user-knn: `fold_in_as` gives every training user's fitted scores bit for bit (with `k` cutting
/// the neighbourhoods and not); through `FoldIn` a training user's own row is a candidate
/// neighbour, and with `k` over the user count that changes their rated items' scores only, by
/// their similarity to their own row times their values.
#[test]
fn user_knn_folds_in_training_users_exactly() {
    let train = data();
    for weighting in [Weighting::Cosine, Weighting::TfIdf, Weighting::Bm25] {
        for use_ratings in [false, true] {
            for k in [3, 1000] {
                let name = format!("user-knn {weighting:?} use_ratings {use_ratings} k {k}");
                let p = UserKnnParams::default()
                    .with_weighting(weighting)
                    .with_use_ratings(use_ratings)
                    .with_k(k);
                let fitted: UserKnn = p.fit(&train).unwrap();
                let model = fitted.clone().into_model();
                for u in 0..train.n_users() as u32 {
                    let h = history_of(&train, u);
                    let (a, b) = both(&model, &fitted.fold_in_as(u, &h).unwrap(), u, 30);
                    assert_eq!(a, b, "{name}, user {u} as themself");
                    if k < train.n_users() {
                        continue;
                    }
                    let folded = model.as_fold_in().unwrap().fold_in(&h).unwrap();
                    let own = folded.state[u as usize];
                    assert!(own > f32::NEG_INFINITY, "{name}: own row is a candidate");
                    let (a, b) = both(&model, &folded, u, 30);
                    for (j, (x, y)) in a.iter().zip(&b).enumerate() {
                        match h.iter().find(|p| p.0 == j as u32) {
                            None => assert_eq!(x, y, "{name}, user {u}, unrated item {j}"),
                            Some(&(_, r)) => {
                                let v = if use_ratings { r } else { 1.0 };
                                approx::assert_relative_eq!(
                                    *x,
                                    y + own * v,
                                    epsilon = 1e-5,
                                    max_relative = 1e-5
                                );
                            }
                        }
                    }
                }
                folds_in_checks(&name, &model, 30);
                names(fitted.fold_in_as(50, &[]).unwrap_err(), "user");
            }
        }
    }
}

/// Bad histories are errors naming `history`; an empty history scores 0 or `-inf` (top-N) and
/// recommendations leave the history out.
fn folds_in_checks(name: &str, model: &dyn Model, n_items: u32) {
    let f = model.as_fold_in().unwrap();
    assert_eq!(f.fold_in_items(), n_items as usize, "{name}");
    for bad in [
        vec![(n_items, 1.0)],
        vec![(1, f32::NAN)],
        vec![(1, f32::INFINITY)],
        vec![(2, 1.0), (2, 1.0)],
    ] {
        names(f.fold_in(&bad).unwrap_err(), "history");
    }
    let new = f.fold_in(&[(3, 4.0), (0, 5.0), (7, 2.0)]).unwrap();
    assert_eq!(new.seen, vec![0, 3, 7], "{name}");
    let top = f.recommend_folded(&new, 5);
    assert!(!top.is_empty(), "{name}");
    assert!(top.iter().all(|(i, _)| ![0, 3, 7].contains(i)), "{name}");
    // a state of the wrong shape is no panic
    let mut out = vec![0.0; 2];
    let junk = FoldedUser {
        state: vec![1.0],
        seen: vec![0, 1, 2],
    };
    f.score_folded(&junk, &[0, n_items + 5], &mut out);
    assert_eq!(out[1], f32::NEG_INFINITY, "{name}");
}

/// The training users' scores of every item: `fold_in` (item-based) or `fold_in_as` (user-based)
/// reproduces them bit for bit; user-based through `FoldIn`, every unrated item bit for bit, and
/// every item with `msd` and `cosine` (their similarity of a row to itself is exactly the fit's
/// diagonal 1).
fn knn_folds_in<E: Estimator>(p: KnnParams<E>, train: &Interactions)
where
    KnnParams<E>: Fit<Model = Knn<E>>,
    <KnnParams<E> as Fit>::Error: std::fmt::Debug,
    Knn<E>: recsys_core::traits::SaveModel,
{
    let name = format!("{} user_based {} {:?}", E::KIND, p.user_based, p.similarity);
    let fitted = p.fit(train).unwrap();
    let model = fitted.clone().into_model(train.n_items());
    let f = model.as_fold_in().expect("folds in");
    let self_exact = matches!(p.similarity, Similarity::Msd | Similarity::Cosine);
    let mut inexact = 0;
    for u in 0..train.n_users() as u32 {
        let h = history_of(train, u);
        let (a, b) = both(
            &model,
            &fitted.fold_in_as(u, &h).unwrap(),
            u,
            train.n_items(),
        );
        assert_eq!(a, b, "{name}, user {u} as themself");
        let (a, b) = both(&model, &f.fold_in(&h).unwrap(), u, train.n_items());
        if !p.user_based || self_exact {
            assert_eq!(a, b, "{name}, user {u}");
        } else {
            for (j, (x, y)) in a.iter().zip(&b).enumerate() {
                if h.iter().all(|q| q.0 != j as u32) {
                    assert_eq!(x, y, "{name}, user {u}, unrated item {j}");
                } else if x != y {
                    inexact += 1;
                }
            }
        }
    }
    if p.similarity == Similarity::PearsonBaseline && p.user_based {
        // the own row's similarity is shrunk below 1: their rated items' predictions move
        assert!(inexact > 0, "{name}");
    }
    folds_in_checks(&name, &model, train.n_items() as u32);
    // ratings outside the training range (1..=5) are refused
    names(f.fold_in(&[(0, 6.0)]).unwrap_err(), "history");
    names(f.fold_in(&[(0, 0.5)]).unwrap_err(), "history");
    // an empty history: the global mean, or the baseline μ + b_i
    let empty = f.fold_in(&[]).unwrap();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let mut out = vec![0.0; items.len()];
    f.score_folded(&empty, &items, &mut out);
    for (i, &o) in out.iter().enumerate() {
        let expect = match fitted.biases() {
            Some(b) if E::KIND == "knn-baseline" => fitted.mean() + b.item[i],
            _ => fitted.mean(),
        };
        let (lo, hi) = fitted.range();
        approx::assert_relative_eq!(o, (expect as f32).clamp(lo, hi), epsilon = 1e-6);
    }
}

#[test]
fn rating_knn_fold_in_reproduces_the_fitted_predictions() {
    let train = data();
    let sims = [
        Similarity::Msd,
        Similarity::Cosine,
        Similarity::Pearson,
        Similarity::PearsonBaseline,
    ];
    for user_based in [true, false] {
        for s in sims {
            // k 5 so that the neighbourhoods are cut; shrinkage small enough to matter little
            knn_folds_in(
                KnnBasicParams::default()
                    .with_user_based(user_based)
                    .with_similarity(s)
                    .with_k(5)
                    .with_shrinkage(10.0),
                &train,
            );
            knn_folds_in(
                KnnMeansParams::default()
                    .with_user_based(user_based)
                    .with_similarity(s)
                    .with_k(5)
                    .with_min_k(2),
                &train,
            );
            knn_folds_in(
                KnnBaselineParams::default()
                    .with_user_based(user_based)
                    .with_similarity(s)
                    .with_k(5),
                &train,
            );
        }
    }
    // no baseline sweeps: zero biases, folded in as zero
    knn_folds_in(
        KnnBaselineParams::default()
            .item_based()
            .with_baseline_epochs(0),
        &train,
    );
}

/// Every model of the crate's registry folds in.
#[test]
fn registry_models_fold_in() {
    let train = data();
    for entry in recsys_neighbors::registry::MODELS {
        let model = (entry.spec)().fit_model(&train).unwrap();
        let f = model
            .as_fold_in()
            .unwrap_or_else(|| panic!("{} folds in", entry.name));
        let user = f.fold_in(&history_of(&train, 0)).unwrap();
        assert!(!f.recommend_folded(&user, 3).is_empty(), "{}", entry.name);
    }
}

/// A folded user's scores do not depend on the order of the history.
#[test]
fn history_order_does_not_matter() {
    let train = data();
    let m = UserKnnParams::default().fit(&train).unwrap();
    let a = m.fold_in(&[(4, 1.0), (2, 1.0), (9, 1.0)]).unwrap();
    let b = m.fold_in(&[(9, 1.0), (4, 1.0), (2, 1.0)]).unwrap();
    assert_eq!(a, b);
    let mut out = vec![0.0; 3];
    m.score_folded(&a, &[0, 1, 2], &mut out);
    assert!(out.iter().all(|s| s.is_finite()));
    assert_eq!(m.n_items(), 30);
}
