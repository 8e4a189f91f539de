//! Implicit ALS: hand-checkable solves, rankings, errors and determinism on tiny matrices, and a
//! smoke test on ml-100k (the validation search behind the defaults is `tests/als_search.rs`).

use approx::assert_relative_eq;
use recsys_core::CoreError;
use recsys_core::ModelSpec;
use recsys_core::traits::{Fit, Model, recommend_raw};
use recsys_core::{CandidateScorer, Interactions, Recommender};
use recsys_mf::{Als, AlsParams, Confidence, MfError};

/// Raw ids: users 1..=6, items 10..=17. Users 1–3 like items 10–13, users 4–6 like 14–17, with
/// a few missing so that there is something to recommend; user 6 also likes item 10.
fn blocks() -> Interactions {
    let likes: [(u64, &[u64]); 6] = [
        (1, &[10, 11, 12, 13]),
        (2, &[10, 11, 12]),
        (3, &[10, 11, 13]),
        (4, &[14, 15, 16, 17]),
        (5, &[14, 15, 16]),
        (6, &[14, 16, 17, 10]),
    ];
    let triples: Vec<(u64, u64, f32)> = likes
        .iter()
        .flat_map(|&(u, items)| items.iter().map(move |&i| (u, i, 1.0)))
        .collect();
    ratings(&triples)
}

/// [`blocks`] and the model `p` fits on it.
fn fit_blocks(p: AlsParams) -> (Interactions, Als) {
    let m = blocks();
    let model = p.fit(&m).unwrap();
    (m, model)
}

#[path = "support/data.rs"]
mod data;

#[path = "support/linalg.rs"]
mod linalg;

use data::ratings;
use linalg::direct_solve;

/// Checks every item's factors against the direct solve of its system against the final user
/// factors (`k` = 3 = `cg_steps`: CG ends at the exact solution, in exact arithmetic), each
/// interaction of stored value `r` weighing `conf(r)`.
fn assert_items_solved(model: &Als, m: &Interactions, reg: f64, conf: impl Fn(f32) -> f64) {
    let x = model.user_factors().as_slice().unwrap();
    let by_item = m.by_item();
    for i in 0..m.n_items() as u32 {
        let (users, ratings) = by_item.item(i);
        let rows: Vec<(usize, f64)> = users
            .iter()
            .zip(ratings)
            .map(|(&u, &r)| (u as usize, conf(r)))
            .collect();
        let want = direct_solve(x, 3, reg, &rows);
        let got = model.item_factor(i).unwrap();
        for d in 0..3 {
            assert_relative_eq!(f64::from(got[d]), want[d], epsilon = 1e-4);
        }
    }
}

#[test]
fn last_half_step_matches_a_direct_solve() {
    // k = 3 = cg_steps: CG terminates at the exact solution of each item's system (in exact
    // arithmetic), and the last half-step solves items against the final user factors.
    let m = blocks();
    for (confidence, alpha) in [(Confidence::Scaled, 3.0), (Confidence::OnePlusAlpha, 2.0)] {
        let p = AlsParams::default()
            .with_factors(3)
            .with_cg_steps(3)
            .with_iterations(4)
            .with_regularization(0.1)
            .with_alpha(alpha)
            .with_confidence(confidence);
        let model = p.fit(&m).unwrap();
        let c = confidence.of(alpha as f32, 1.0) as f64;
        assert_items_solved(&model, &m, 0.1, |_| c);
    }
}

#[test]
fn fold_in_matches_a_direct_solve() {
    let p = AlsParams::default()
        .with_factors(5)
        .with_regularization(0.05)
        .with_alpha(4.0);
    let (_, model) = fit_blocks(p);
    let y = model.item_factors().as_slice().unwrap();
    // a new user who likes items 10 and 11 (dense 0 and 1) and 14 (dense 4)
    let items = [0u32, 1, 4];
    let got = model.fold_in_user(&items, &[1.0; 3]).unwrap();
    let rows: Vec<(usize, f64)> = items.iter().map(|&i| (i as usize, 4.0)).collect();
    let want = direct_solve(y, 5, 0.05, &rows);
    for d in 0..5 {
        assert_relative_eq!(f64::from(got[d]), want[d], epsilon = 1e-4);
    }
    // nothing liked: the zero vector; bad input: errors
    assert_eq!(model.fold_in_user(&[], &[]).unwrap(), vec![0.0; 5]);
    assert!(matches!(
        model.fold_in_user(&[99], &[1.0]),
        Err(MfError::Core(recsys_core::CoreError::InvalidParameter {
            name: "items",
            ..
        }))
    ));
    assert!(model.fold_in_user(&[0, 1], &[1.0]).is_err());
}

#[test]
fn co_liked_items_rank_above_unrelated_ones() {
    let (m, model) = fit_blocks(
        AlsParams::default()
            .with_factors(4)
            .with_regularization(0.1),
    );
    let idx = |raw: u64| m.item_index(raw).unwrap();
    // user 2 misses item 13 of their block; user 5 misses item 17 of theirs
    let u2 = m.user_index(2).unwrap();
    let mut s = [0.0f32; 4];
    model.score(u2, &[idx(13), idx(14), idx(15), idx(17)], &mut s);
    assert!(s[0] > s[1] && s[0] > s[2] && s[0] > s[3], "{s:?}");
    let top = recommend_raw(&model, &m, 2, 1).unwrap();
    assert_eq!(top[0].0, 13);
    let top = recommend_raw(&model, &m, 5, 1).unwrap();
    assert_eq!(top[0].0, 17);
    // recommendations exclude what the user has seen
    let all = recommend_raw(&model, &m, 1, 100).unwrap();
    assert_eq!(all.len(), m.n_items() - 4);
    assert!(all.iter().all(|(i, _)| ![10, 11, 12, 13].contains(i)));
    // similar items: within the block, never the item itself
    let sim = model.similar_items_raw(&m, 15, 3).unwrap();
    assert_eq!(sim.len(), 3);
    assert!(sim.iter().all(|&(i, _)| i != 15));
    assert!([14, 16, 17].contains(&sim[0].0), "{sim:?}");
    assert!(sim[0].1 <= 1.0 + 1e-6 && sim[0].1 >= sim[1].1);
}

#[test]
fn unknown_ids_and_indices_are_errors() {
    let (m, model) = fit_blocks(AlsParams::default().with_factors(4));
    assert!(matches!(
        model.similar_items(99, 3),
        Err(MfError::Core(recsys_core::CoreError::InvalidParameter {
            name: "item",
            ..
        }))
    ));
    assert!(matches!(
        model.similar_items_raw(&m, 999, 3),
        Err(MfError::Core(CoreError::UnknownId {
            kind: "item",
            id: 999
        }))
    ));
    assert!(matches!(
        recommend_raw(&model, &m, 999, 3),
        Err(CoreError::UnknownId {
            kind: "user",
            id: 999
        })
    ));
    // out-of-range indices: -inf for items, 0 for an unknown user, no panic
    let mut s = [0.0f32; 2];
    model.score(0, &[0, 99], &mut s);
    assert!(s[0].is_finite() && s[1] == f32::NEG_INFINITY);
    model.score(99, &[0, 1], &mut s);
    assert_eq!(s, [0.0, 0.0]);
    assert_eq!(model.similar_items(0, 0).unwrap(), vec![]);
}

#[test]
fn bad_parameters_and_empty_data_are_rejected() {
    let m = blocks();
    let cases: [(AlsParams, &str); 7] = [
        (AlsParams::default().with_factors(0), "factors"),
        (AlsParams::default().with_iterations(0), "iterations"),
        (
            AlsParams::default().with_regularization(-0.1),
            "regularization",
        ),
        (
            AlsParams::default().with_regularization(f64::INFINITY),
            "regularization",
        ),
        (AlsParams::default().with_alpha(f64::NAN), "alpha"),
        (AlsParams::default().with_alpha(0.0), "alpha"),
        (AlsParams::default().with_cg_steps(0), "cg_steps"),
    ];
    for (p, name) in cases {
        match p.fit(&m) {
            Err(MfError::Core(recsys_core::CoreError::InvalidParameter { name: n, .. })) => {
                assert_eq!(n, name)
            }
            other => panic!("{name}: expected InvalidParameter, got {other:?}"),
        }
    }
    assert!(matches!(
        AlsParams::default().fit(&ratings(&[])),
        Err(MfError::Core(recsys_core::CoreError::Empty(_)))
    ));
    // ratings as confidences must be positive
    let zero = ratings(&[(1, 1, 0.0), (1, 2, 3.0)]);
    assert!(AlsParams::default().fit(&zero).is_ok());
    assert!(matches!(
        AlsParams::default().with_use_ratings(true).fit(&zero),
        Err(MfError::Core(recsys_core::CoreError::InvalidParameter {
            name: "use_ratings",
            ..
        }))
    ));
}

#[test]
fn seeded_and_independent_of_the_thread_count() {
    let m = blocks();
    let p = AlsParams::default().with_factors(8).with_seed(7);
    let a = p.clone().with_threads(1).fit(&m).unwrap();
    let b = p.clone().with_threads(1).fit(&m).unwrap();
    assert_eq!(a.user_factors(), b.user_factors());
    assert_eq!(a.item_factors(), b.item_factors());
    // bit-identical with 2 threads (each row's solve is independent; Gram sums are ordered)
    let c = p.clone().with_threads(2).fit(&m).unwrap();
    assert_eq!(a.user_factors(), c.user_factors());
    assert_eq!(a.item_factors(), c.item_factors());
    let d = p.with_seed(8).with_threads(1).fit(&m).unwrap();
    assert_ne!(a.item_factors(), d.item_factors());
}

#[test]
fn learning_curve_records_a_decreasing_loss() {
    let (_, model) = fit_blocks(AlsParams::default().with_factors(4).with_iterations(6));
    let boxed = model.clone().into_model();
    let curve = boxed.learning_curve();
    assert_eq!(curve.len(), 6);
    assert_eq!(curve, model.curve());
    for (t, e) in curve.iter().enumerate() {
        assert_eq!(e.epoch, t + 1);
        assert!(e.loss.is_finite() && e.loss > 0.0 && e.seconds >= 0.0);
    }
    // each CG half-step lowers every row's quadratic: the loss never rises (up to rounding)
    for w in curve.windows(2) {
        assert!(w[1].loss <= w[0].loss * (1.0 + 1e-5), "{curve:?}");
    }
    assert!(boxed.as_scorer().is_some());
    assert!(boxed.as_rating_predictor().is_none());
    assert!(boxed.as_save().is_some());
}

#[test]
fn loss_by_hand_with_one_factor() {
    // One user, one item, k = 1: after fitting, loss = (c (1 − x y)² + λ (x² + y²)) / c.
    let p = AlsParams::default()
        .with_factors(1)
        .with_iterations(3)
        .with_regularization(0.5)
        .with_alpha(2.0);
    let model = p.fit(&ratings(&[(1, 1, 1.0)])).unwrap();
    let (x, y) = (
        f64::from(model.user_factor(0).unwrap()[0]),
        f64::from(model.item_factor(0).unwrap()[0]),
    );
    let want = (2.0 * (1.0 - x * y).powi(2) + 0.5 * (x * x + y * y)) / 2.0;
    assert_relative_eq!(model.curve()[2].loss, want, epsilon = 1e-6);
    // the item solve is exact for k = 1: y = c x / (c x² + λ)
    assert_relative_eq!(y, 2.0 * x / (2.0 * x * x + 0.5), epsilon = 1e-6);
}

#[test]
fn ratings_as_values_set_the_confidence() {
    // With use_ratings, c = α·r (Scaled) or 1 + α·r (OnePlusAlpha): check the item systems of
    // the last half-step against direct solves with those confidences (k = cg_steps = 3).
    #[rustfmt::skip]
    let m = ratings(&[
        (1, 10, 5.0), (1, 11, 1.0), (2, 10, 4.0), (2, 12, 2.0),
        (3, 11, 0.5), (3, 12, 3.0), (4, 10, 1.0), (4, 13, 5.0),
    ]);
    for confidence in [Confidence::Scaled, Confidence::OnePlusAlpha] {
        let p = AlsParams::default()
            .with_factors(3)
            .with_cg_steps(3)
            .with_iterations(3)
            .with_regularization(0.2)
            .with_alpha(0.5)
            .with_confidence(confidence)
            .with_use_ratings(true);
        let model = p.fit(&m).unwrap();
        let params = model.params().params();
        assert!(
            params.contains(&("use_ratings".into(), "true".into())),
            "{params:?}"
        );
        assert_items_solved(&model, &m, 0.2, |r| f64::from(confidence.of(0.5, r)));
    }
}

#[test]
fn beats_popularity_on_ml100k_and_ignores_the_thread_count()
-> Result<(), Box<dyn std::error::Error>> {
    use recsys_core::{candidates::CandidateSet, split};
    use recsys_data::Dataset;
    use recsys_data::location::test_data_dir;
    let Some(dir) = test_data_dir(Dataset::Ml100k)? else {
        return Ok(());
    };
    let ratings = dir.load_ratings(Dataset::Ml100k)?;
    let s = split::leave_latest_out(&ratings, 1)?;
    let cands = CandidateSet::from_split(&s, 99, 0)?;
    // small and quick even in a debug build
    let p = AlsParams::tuned().with_factors(16).with_iterations(5);
    let model = p.clone().with_threads(1).fit(&s.train)?;
    // bit-identical whatever the thread count
    let two = p.with_threads(2).fit(&s.train)?;
    assert_eq!(model.user_factors(), two.user_factors());
    assert_eq!(model.item_factors(), two.item_factors());
    let pop = recsys_mf::PopularityParams.fit(&s.train)?;
    let hr = |m: &dyn CandidateScorer| {
        let mut hits = 0usize;
        for e in cands.entries() {
            let items: Vec<u32> = e.positives.iter().chain(&e.negatives).copied().collect();
            let mut sc = vec![0.0f32; items.len()];
            m.score(e.user, &items, &mut sc);
            let rank = sc[1..].iter().filter(|&&v| v >= sc[0]).count();
            hits += usize::from(rank < 10);
        }
        hits as f64 / cands.entries().len() as f64
    };
    let (a, p) = (hr(&model), hr(&pop));
    eprintln!("ml-100k leave-latest-out HR@10: als {a:.4}, popularity {p:.4}");
    assert!(a > p + 0.05, "als {a} vs popularity {p}");
    // recommend() lists unseen items only
    let recs = model.recommend(0, 10, &s.train);
    assert_eq!(recs.len(), 10);
    assert!(recs.iter().all(|&(i, _)| !s.train.contains(0, i)));
    Ok(())
}

#[test]
fn model_is_usable_through_the_traits() {
    let (m, model) = fit_blocks(AlsParams::default().with_factors(4));
    let boxed: Box<dyn Model> = Box::new(model.clone().into_model());
    let scorer = boxed.as_scorer().unwrap();
    assert_eq!(scorer.n_items(), m.n_items());
    let mut a = [0.0f32; 3];
    let mut b = [0.0f32; 3];
    scorer.score(1, &[0, 1, 2], &mut a);
    model.score(1, &[0, 1, 2], &mut b);
    assert_eq!(a, b);
    assert_eq!(model.factors(), 4);
    assert_eq!(model.n_users(), m.n_users());
}
