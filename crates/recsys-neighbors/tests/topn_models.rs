//! The top-N models of `recsys-neighbors` (item-knn, user-knn, EASE, RP3beta, SLIM): answers
//! computed by hand or by an independent dense computation, implicit's exact similarities, save →
//! load round trips, determinism across thread counts, and bad input.

use approx::assert_abs_diff_eq;
use recsys_core::traits::Fit;
use recsys_core::{CandidateScorer, CoreError, Interactions, Recommender};
use recsys_neighbors::NeighborsError;
use recsys_neighbors::topn::{
    EaseParams, ItemKnnParams, Precision, Rp3BetaParams, SlimParams, UserKnnParams, Weighting,
};

/// Interactions from `(user, item)` pairs (value 1).
fn data(pairs: &[(u64, u64)]) -> Interactions {
    Interactions::from_pairs(pairs.iter().copied()).unwrap()
}

/// A seeded random binary matrix, `users × items`, about `density` full.
fn random(users: u64, items: u64, density: f64, seed: u64) -> Interactions {
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut pairs = Vec::new();
    for u in 0..users {
        for i in 0..items {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            if ((s >> 33) as f64 / (1u64 << 31) as f64) < density {
                pairs.push((u, i));
            }
        }
    }
    data(&pairs)
}

/// All scores of `m` for every user, items in index order.
fn all_scores(m: &dyn CandidateScorer, n_users: usize) -> Vec<Vec<f32>> {
    let items: Vec<u32> = (0..m.n_items() as u32).collect();
    (0..n_users as u32)
        .map(|u| {
            let mut s = vec![0.0; items.len()];
            m.score(u, &items, &mut s);
            s
        })
        .collect()
}

fn is_param(e: &NeighborsError, name: &str) -> bool {
    matches!(e, NeighborsError::Core(CoreError::InvalidParameter { name: n, .. }) if *n == name)
}

#[test]
fn ease_on_three_items_by_hand() {
    // X = [[1,1,0],[0,1,1],[1,1,1]]: XᵀX + I = [[3,2,1],[2,4,2],[1,2,3]], whose inverse is
    // P = [[1/2,-1/4,0],[-1/4,1/2,-1/4],[0,-1/4,1/2]] (det 16), so B = −P / diag P with a zero
    // diagonal is [[0,1/2,0],[1/2,0,1/2],[0,1/2,0]]
    let train = data(&[(0, 0), (0, 1), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)]);
    for precision in [Precision::F32, Precision::F64] {
        let m = EaseParams::default()
            .with_lambda(1.0)
            .with_precision(precision)
            .fit(&train)
            .unwrap();
        let want = [0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0, 0.5, 0.0];
        for (g, w) in m.weights().iter().zip(want) {
            assert_abs_diff_eq!(*g, w, epsilon = 1e-6);
        }
        // user 0 has items 0 and 1: item 2 scores B[0][2] + B[1][2] = 1/2
        let mut s = [0.0; 3];
        m.score(0, &[0, 1, 2], &mut s);
        assert_abs_diff_eq!(s[2], 0.5, epsilon = 1e-6);
        assert_eq!(m.recommend(0, 5, &train), vec![(2, s[2])]);
        assert_eq!(m.similar_items(1, 5).unwrap().len(), 2);
    }
}

#[test]
fn ease_too_large_names_the_item_count() {
    let train = random(30, 40, 0.3, 1);
    let n = train.n_items();
    let e = EaseParams::default()
        .with_max_bytes(1000)
        .fit(&train)
        .unwrap_err();
    match &e {
        NeighborsError::TooLarge {
            items,
            bytes,
            limit,
        } => {
            assert_eq!((*items, *bytes, *limit), (n, (n * n * 4) as u64, 1000));
        }
        other => panic!("expected TooLarge, got {other}"),
    }
    assert!(e.to_string().contains(&format!("{n} items")), "{e}");
    let f64_bytes = EaseParams::default()
        .with_precision(Precision::F64)
        .bytes_for(n);
    assert_eq!(f64_bytes, (n * n * 12) as u64);
}

#[test]
fn f32_and_f64_ease_agree() {
    let train = random(80, 60, 0.15, 3);
    let a = EaseParams::default().with_lambda(5.0).fit(&train).unwrap();
    let b = EaseParams::default()
        .with_lambda(5.0)
        .with_precision(Precision::F64)
        .fit(&train)
        .unwrap();
    let max = b.weights().iter().fold(0f32, |m, x| m.max(x.abs()));
    for (x, y) in a.weights().iter().zip(b.weights()) {
        assert!((x - y).abs() <= 1e-4 * max, "{x} vs {y}");
    }
}

/// implicit 0.7.3's similarities and scores on a 12 × 9 matrix
/// (`benches/peers/implicit_knn_fixture.py`).
#[test]
fn item_knn_matches_implicit_exactly() {
    let fx: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/implicit_knn.json")).unwrap();
    let pairs: Vec<(u64, u64)> = fx["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
        .collect();
    // implicit's matrix is 12 × 9 with an empty user (0) and an empty item (8): the same index
    // space here comes from one extra interaction (0, 8), filtered out
    let mut with_empty = pairs.clone();
    with_empty.push((0, 8));
    let full = data(&with_empty);
    let (u0, i8) = (
        full.users().index(0).unwrap(),
        full.items().index(8).unwrap(),
    );
    let train = full.filter(|it| (it.user, it.item) != (u0, i8));
    assert_eq!((train.n_users(), train.n_items()), (12, 9));
    let k = fx["k"].as_u64().unwrap() as usize;
    for (name, weighting) in [
        ("cosine", Weighting::Cosine),
        ("tfidf", Weighting::TfIdf),
        ("bm25", Weighting::Bm25),
    ] {
        let want = &fx["models"][name];
        let m = ItemKnnParams::default()
            .with_k(k)
            .with_weighting(weighting)
            .fit(&train)
            .unwrap();
        let w = m.item_item().weights();
        // implicit's rows, by raw item id
        let mut theirs: Vec<(u64, u64, f64)> = want["similarity"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t[0].as_u64().unwrap(),
                    t[1].as_u64().unwrap(),
                    t[2].as_f64().unwrap(),
                )
            })
            .collect();
        theirs.sort_by_key(|t| (t.0, t.1));
        let mut ours = Vec::new();
        for i in 0..w.n_rows() {
            let (js, vs) = w.row(i);
            for (&j, &v) in js.iter().zip(vs) {
                let raw = |x: u32| train.items().raw(x).unwrap();
                ours.push((raw(i as u32), raw(j), f64::from(v)));
            }
        }
        ours.sort_by_key(|t| (t.0, t.1));
        assert_eq!(ours.len(), theirs.len(), "{name}");
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!((a.0, a.1), (b.0, b.1), "{name}");
            assert!((a.2 - b.2).abs() < 1e-5, "{name}: {a:?} vs {b:?}");
        }
        // scores of unseen items: Σ_i x_ui S[i][j], as implicit's recommend sums them
        let scores = want["scores"].as_array().unwrap();
        for u in 0..train.n_users() as u32 {
            let ru = train.users().raw(u).unwrap() as usize;
            let items: Vec<u32> = (0..train.n_items() as u32).collect();
            let mut s = vec![0.0; items.len()];
            m.score(u, &items, &mut s);
            for &j in &items {
                let rj = train.items().raw(j).unwrap() as usize;
                let t = scores[ru][rj].as_f64().unwrap();
                if j == i8 {
                    // no training interaction: -inf here (implicit's sum is 0)
                    assert_eq!((s[j as usize], t), (f32::NEG_INFINITY, 0.0));
                    continue;
                }
                assert_abs_diff_eq!(f64::from(s[j as usize]), t, epsilon = 1e-5);
            }
        }
    }
}

#[test]
fn user_knn_by_hand() {
    // users 0 {0,1}, 1 {0,1,2}, 2 {3}: cos(0,1) = 2/√6, cos(0,2) = cos(1,2) = 0
    let train = data(&[(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 3)]);
    let m = UserKnnParams::default()
        .with_k(1)
        .with_weighting(Weighting::Cosine)
        .fit(&train)
        .unwrap();
    let c = 2.0 / 6f32.sqrt();
    assert_eq!(m.similar_users(0, 5).unwrap().len(), 1);
    assert_abs_diff_eq!(m.similar_users(0, 1).unwrap()[0].1, c, epsilon = 1e-6);
    let mut s = [0.0; 2];
    m.score(0, &[2, 3], &mut s);
    assert_abs_diff_eq!(s[0], c, epsilon = 1e-6);
    assert_eq!(s[1], 0.0);
    // user 2 (only item 3) has no neighbour with a positive similarity but keeps k touched
    // users only: nobody shares an item, so nothing is touched
    assert!(m.similar_users(2, 5).unwrap().is_empty());
}

/// RP3beta against a dense computation written out in the test.
#[test]
fn rp3beta_matches_a_dense_computation() {
    let train = random(25, 15, 0.3, 5);
    let (nu, ni) = (train.n_users(), train.n_items());
    let (alpha, beta, k) = (0.8, 0.4, 5);
    let mut x = vec![vec![0.0f64; ni]; nu];
    for it in train.iter() {
        x[it.user as usize][it.item as usize] = 1.0;
    }
    let du: Vec<f64> = x.iter().map(|r| r.iter().sum()).collect();
    let di: Vec<f64> = (0..ni).map(|i| x.iter().map(|r| r[i]).sum()).collect();
    let m = Rp3BetaParams { k, alpha, beta }.fit(&train).unwrap();
    let w = m.item_item().weights();
    for i in 0..ni {
        let mut row: Vec<(usize, f64)> = (0..ni)
            .filter(|&j| j != i)
            .map(|j| {
                let s: f64 = (0..nu)
                    .filter(|&u| x[u][i] > 0.0 && x[u][j] > 0.0)
                    .map(|u| (1.0 / di[i]).powf(alpha) * (1.0 / du[u]).powf(alpha))
                    .sum();
                (j, s / di[j].powf(beta))
            })
            .filter(|e| e.1 > 0.0)
            .collect();
        row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        row.truncate(k);
        let total: f64 = row.iter().map(|e| e.1).sum();
        let (js, vs) = w.row(i);
        assert_eq!(js.len(), row.len(), "item {i}");
        for ((&j, &v), (wj, wv)) in js.iter().zip(vs).zip(&row) {
            assert_eq!(j as usize, *wj, "item {i}");
            assert_abs_diff_eq!(f64::from(v), wv / total, epsilon = 1e-5);
        }
    }
}

/// SLIM's weights satisfy the elastic net's optimality conditions (checked in f64 with the
/// full column set, `k` large enough to keep every weight).
#[test]
fn slim_weights_are_optimal() {
    let train = random(40, 20, 0.25, 9);
    let (nu, ni) = (train.n_users(), train.n_items());
    let p = SlimParams::default()
        .with_l1(0.5)
        .with_l2(2.0)
        .with_k(1000)
        .with_tol(1e-9)
        .with_max_iter(1000);
    let m = p.fit(&train).unwrap();
    let mut x = vec![vec![0.0f64; ni]; nu];
    for it in train.iter() {
        x[it.user as usize][it.item as usize] = 1.0;
    }
    let w = m.item_item().weights();
    let mut dense = vec![vec![0.0f64; ni]; ni];
    for (i, row) in dense.iter_mut().enumerate() {
        let (js, vs) = w.row(i);
        for (&j, &v) in js.iter().zip(vs) {
            assert!(v > 0.0);
            row[j as usize] = f64::from(v);
        }
    }
    for j in 0..ni {
        assert_eq!(dense[j][j], 0.0);
        let r: Vec<f64> = (0..nu)
            .map(|u| x[u][j] - (0..ni).map(|i| x[u][i] * dense[i][j]).sum::<f64>())
            .collect();
        for i in (0..ni).filter(|&i| i != j) {
            let g: f64 = (0..nu).map(|u| x[u][i] * r[u]).sum::<f64>() - p.l2 * dense[i][j];
            if dense[i][j] > 0.0 {
                assert_abs_diff_eq!(g, p.l1, epsilon = 1e-3);
            } else {
                assert!(g <= p.l1 + 1e-3, "item {i} → {j}: gradient {g}");
            }
        }
    }
}

/// Every model saves and loads to the same scores, bit for bit, through its own `load` and
/// scores no NaN.
#[test]
fn round_trips_and_finite_scores() {
    let train = random(30, 25, 0.2, 11);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.model");
    let nu = train.n_users() + 1; // one user outside the index space
    macro_rules! check {
        ($params:expr, $ty:ty) => {{
            let m = $params.fit(&train).unwrap();
            m.save(&path, train.users(), train.items()).unwrap();
            let back = <$ty>::load(&path).unwrap();
            assert_eq!(back.model, m);
            assert_eq!(all_scores(&back.model, nu), all_scores(&m, nu));
            for row in all_scores(&m, nu) {
                assert!(row.iter().all(|s| !s.is_nan()));
            }
        }};
    }
    use recsys_neighbors::topn::{Ease, ItemKnn, Rp3Beta, Slim, UserKnn};
    check!(ItemKnnParams::default().with_k(5), ItemKnn);
    check!(
        ItemKnnParams::default().with_weighting(Weighting::TfIdf),
        ItemKnn
    );
    check!(
        UserKnnParams::default().with_weighting(Weighting::Bm25),
        UserKnn
    );
    check!(EaseParams::default().with_lambda(10.0), Ease);
    check!(Rp3BetaParams::default().with_k(4), Rp3Beta);
    check!(SlimParams::default().with_l1(0.1).with_l2(1.0), Slim);
    // another kind's file is refused
    ItemKnnParams::default()
        .fit(&train)
        .unwrap()
        .save(&path, train.users(), train.items())
        .unwrap();
    assert!(Ease::load(&path).is_err());
}

/// Items without training interactions score -inf and are never recommended; a user without
/// any scores 0 elsewhere.
#[test]
fn unknown_items_and_empty_users() {
    // item 9 appears only for user 5, whose rows are then dropped by a filter
    let full = data(&[(1, 1), (1, 2), (2, 1), (2, 3), (3, 2), (3, 3), (5, 9)]);
    let train = full.filter(|it| it.user != full.users().index(5).unwrap());
    assert_eq!(train.n_items(), full.n_items());
    let cold = train.items().index(9).unwrap();
    let empty_user = train.users().index(5).unwrap();
    let models: Vec<Box<dyn Recommender>> = vec![
        Box::new(ItemKnnParams::default().fit(&train).unwrap()),
        Box::new(UserKnnParams::default().fit(&train).unwrap()),
        Box::new(EaseParams::default().with_lambda(1.0).fit(&train).unwrap()),
        Box::new(Rp3BetaParams::default().fit(&train).unwrap()),
        Box::new(SlimParams::default().with_l1(0.1).fit(&train).unwrap()),
    ];
    for m in &models {
        let mut s = [0.0; 2];
        m.score(0, &[cold, 9999], &mut s);
        assert_eq!(s, [f32::NEG_INFINITY; 2]);
        m.score(empty_user, &[0, 1], &mut s);
        assert_eq!(s, [0.0, 0.0]);
        assert!(m.recommend(0, 10, &train).iter().all(|&(i, _)| i != cold));
    }
}

#[test]
fn bad_parameters_and_empty_data() {
    let train = random(10, 10, 0.3, 2);
    let e = |r: Result<(), NeighborsError>| r.unwrap_err();
    assert!(is_param(
        &e(ItemKnnParams::default().with_k(0).check()),
        "k"
    ));
    assert!(is_param(
        &e(ItemKnnParams::default().with_b(1.5).check()),
        "b"
    ));
    assert!(is_param(
        &e(ItemKnnParams::default().with_k1(f64::NAN).check()),
        "k1"
    ));
    assert!(is_param(
        &e(UserKnnParams::default().with_k(0).check()),
        "k"
    ));
    for l in [0.0, -1.0, f64::INFINITY, f64::NAN] {
        assert!(is_param(
            &e(EaseParams::default().with_lambda(l).check()),
            "lambda"
        ));
    }
    for b in [0.0, -0.5, f64::NAN] {
        assert!(is_param(
            &e(Rp3BetaParams::default().with_beta(b).check()),
            "beta"
        ));
    }
    assert!(is_param(
        &e(Rp3BetaParams::default().with_alpha(0.0).check()),
        "alpha"
    ));
    assert!(is_param(
        &e(Rp3BetaParams::default().with_k(0).check()),
        "k"
    ));
    assert!(is_param(
        &e(SlimParams::default().with_l2(-1.0).check()),
        "l2"
    ));
    assert!(is_param(&e(SlimParams::default().with_k(0).check()), "k"));
    assert!(is_param(
        &e(SlimParams::default().with_tol(0.0).check()),
        "tol"
    ));
    // fits check too
    assert!(ItemKnnParams::default().with_k(0).fit(&train).is_err());
    // the registry's text setter refuses negative and zero values
    use recsys_core::ModelSpec;
    let mut spec = EaseParams::default();
    assert!(spec.set_param("lambda", "-3").is_err());
    assert!(spec.set_param("lambda", "0").is_err());
    let mut spec = ItemKnnParams::default();
    assert!(spec.set_param("k", "-1").is_err());
    assert!(spec.set_param("weighting", "tfidf").is_ok());
    assert_eq!(spec.weighting, Weighting::TfIdf);
    // empty training data
    let empty = train.filter(|_| false);
    assert!(matches!(
        ItemKnnParams::default().fit(&empty),
        Err(NeighborsError::Core(recsys_core::CoreError::Empty(_)))
    ));
    assert!(matches!(
        EaseParams::default().fit(&empty),
        Err(NeighborsError::Core(recsys_core::CoreError::Empty(_)))
    ));
    assert!(matches!(
        SlimParams::default().fit(&empty),
        Err(NeighborsError::Core(recsys_core::CoreError::Empty(_)))
    ));
}

/// The same data give the same model with 1 and 3 threads.
#[test]
fn fits_do_not_depend_on_thread_count() {
    let train = random(60, 50, 0.15, 4);
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let (one, three) = (pool(1), pool(3));
    macro_rules! same {
        ($p:expr) => {{
            let a = one.install(|| $p.fit(&train).unwrap());
            let b = three.install(|| $p.fit(&train).unwrap());
            assert_eq!(a, b);
        }};
    }
    same!(ItemKnnParams::default().with_k(7));
    same!(UserKnnParams::default().with_k(7));
    same!(EaseParams::default().with_lambda(3.0));
    same!(Rp3BetaParams::default().with_k(7));
    same!(SlimParams::default().with_k(7));
}
