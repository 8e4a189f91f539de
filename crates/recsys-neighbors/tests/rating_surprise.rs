//! Agreement with Surprise 1.1.5's exact predictions: `tests/fixtures/surprise_knn.json`, written
//! by `benches/peers/surprise_knn_exact.py` (KNNBasic, KNNWithMeans, KNNBaseline; user- and
//! item-based; cosine, msd, pearson, pearson_baseline; several k, min_k, min_support, shrinkage
//! and baseline options), on a small seeded ratings matrix: every prediction, `actual_k` and
//! `was_impossible`.
//!
//! Tolerance 1e-6: our similarities are computed in `f64` like Surprise's but stored as `f32`
//! (a relative error below 6e-8), and a prediction is an `f64` weighted mean of those;
//! Surprise's are `f64` throughout.

use std::sync::Arc;

use recsys_core::traits::Fit;
use recsys_core::{DuplicatePolicy, IdMap, Interaction, Interactions};
use recsys_neighbors::rating::{
    Estimate, Estimator, KnnBaselineParams, KnnBasicParams, KnnMeansParams, KnnParams, Similarity,
};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-6;

#[derive(Deserialize)]
struct Fixture {
    ratings: Vec<(u64, u64, f32)>,
    pairs: Vec<(u64, u64)>,
    configs: Vec<Config>,
}

#[derive(Deserialize)]
struct Config {
    algo: String,
    similarity: Similarity,
    user_based: bool,
    k: usize,
    min_k: usize,
    min_support: usize,
    shrinkage: f64,
    reg_u: f64,
    reg_i: f64,
    n_epochs: usize,
    est: Vec<f64>,
    actual_k: Vec<usize>,
    was_impossible: Vec<bool>,
}

fn fixture() -> Fixture {
    let text = include_str!("fixtures/surprise_knn.json");
    serde_json::from_str(text).unwrap()
}

/// The ratings over id maps in ascending raw-id order (the order of Surprise's neighbour lists
/// for this file, which lists the ratings sorted by user, then item).
fn interactions(f: &Fixture) -> Interactions {
    let mut users: Vec<u64> = f.ratings.iter().map(|r| r.0).collect();
    let mut items: Vec<u64> = f.ratings.iter().map(|r| r.1).collect();
    for v in [&mut users, &mut items] {
        v.sort_unstable();
        v.dedup();
    }
    let (users, items) = (IdMap::from_raw(users), IdMap::from_raw(items));
    let entries = f
        .ratings
        .iter()
        .map(|&(u, i, r)| Interaction {
            user: users.index(u).unwrap(),
            item: items.index(i).unwrap(),
            rating: r,
            timestamp: 0,
        })
        .collect();
    Interactions::from_parts(
        Arc::new(users),
        Arc::new(items),
        entries,
        DuplicatePolicy::Error,
        false,
    )
    .unwrap()
}

fn params<E: Estimator>(c: &Config) -> KnnParams<E> {
    KnnParams {
        user_based: c.user_based,
        similarity: c.similarity,
        k: c.k,
        min_k: c.min_k,
        min_support: c.min_support,
        shrinkage: c.shrinkage,
        reg_user: c.reg_u,
        reg_item: c.reg_i,
        baseline_epochs: c.n_epochs,
        estimator: E::default(),
    }
}

/// Dense indices of the pairs; unknown raw ids get an index past the end (no training ratings).
fn dense_pairs(f: &Fixture, train: &Interactions) -> Vec<(u32, u32)> {
    f.pairs
        .iter()
        .map(|&(u, i)| {
            (
                train.users().index(u).unwrap_or(train.n_users() as u32),
                train.items().index(i).unwrap_or(train.n_items() as u32),
            )
        })
        .collect()
}

#[test]
fn every_prediction_matches_surprise() {
    let f = fixture();
    let train = interactions(&f);
    assert_eq!(train.nnz(), f.ratings.len());
    let pairs = dense_pairs(&f, &train);
    assert!(f.configs.len() >= 30);
    let mut compared = 0;
    for c in &f.configs {
        let predict: Box<dyn Fn(u32, u32) -> Estimate> = match c.algo.as_str() {
            "KNNBasic" => {
                let m = params::<recsys_neighbors::rating::Basic>(c)
                    .fit(&train)
                    .unwrap();
                Box::new(move |u, i| m.estimate(u, i))
            }
            "KNNWithMeans" => {
                let m = params::<recsys_neighbors::rating::Means>(c)
                    .fit(&train)
                    .unwrap();
                Box::new(move |u, i| m.estimate(u, i))
            }
            "KNNBaseline" => {
                let m = params::<recsys_neighbors::rating::WithBaseline>(c)
                    .fit(&train)
                    .unwrap();
                Box::new(move |u, i| m.estimate(u, i))
            }
            other => panic!("unknown algorithm {other}"),
        };
        let what = format!(
            "{} {:?} user_based={} k={} min_k={} min_support={} shrinkage={}",
            c.algo, c.similarity, c.user_based, c.k, c.min_k, c.min_support, c.shrinkage
        );
        for (n, &(u, i)) in pairs.iter().enumerate() {
            let e = predict(u, i);
            let (raw_u, raw_i) = f.pairs[n];
            assert!(
                (e.rating - c.est[n]).abs() <= TOLERANCE,
                "{what}: ({raw_u}, {raw_i}) ours {} Surprise {}",
                e.rating,
                c.est[n]
            );
            assert_eq!(
                e.was_impossible, c.was_impossible[n],
                "{what}: ({raw_u}, {raw_i}) was_impossible"
            );
            if !c.was_impossible[n] {
                assert_eq!(
                    e.actual_k, c.actual_k[n],
                    "{what}: ({raw_u}, {raw_i}) actual_k"
                );
            }
            compared += 1;
        }
    }
    assert_eq!(compared, f.configs.len() * f.pairs.len());
}

#[test]
fn the_fixture_exercises_every_branch() {
    let f = fixture();
    fn of<'a>(f: &'a Fixture, algo: &'a str) -> impl Iterator<Item = &'a Config> {
        f.configs.iter().filter(move |c| c.algo == algo)
    }
    let all = |algo: &'static str| of(&f, algo);
    // fall-backs of KNNBasic (unknown ids, too few neighbours) and neighbour counts above k
    assert!(all("KNNBasic").any(|c| c.was_impossible.iter().any(|&w| w)));
    assert!(
        all("KNNBasic").filter(|c| c.min_k > 1).any(|c| c
            .was_impossible
            .iter()
            .filter(|&&w| w)
            .count()
            > 33)
    );
    assert!(f.configs.iter().any(|c| c.actual_k.contains(&c.k)));
    // KNNBaseline is never impossible
    assert!(all("KNNBaseline").all(|c| c.was_impossible.iter().all(|&w| !w)));
    // predictions at both ends of the scale (clipping)
    assert!(f.configs.iter().any(|c| c.est.contains(&5.0)));
    assert!(f.configs.iter().any(|c| c.est.contains(&1.0)));
}

#[test]
fn registry_defaults_are_the_fixtures_default_configs() {
    // the fixture's first configs use Surprise's defaults but for the similarity and side
    let f = fixture();
    let c = &f.configs[0];
    assert_eq!(params::<recsys_neighbors::rating::Basic>(c), {
        KnnBasicParams::default().with_similarity(Similarity::Cosine)
    });
    let b = f
        .configs
        .iter()
        .find(|c| {
            c.algo == "KNNBaseline" && c.similarity == Similarity::PearsonBaseline && !c.user_based
        })
        .unwrap();
    assert_eq!(
        params::<recsys_neighbors::rating::WithBaseline>(b),
        KnnBaselineParams::item_pearson_baseline()
    );
    let m = f.configs.iter().find(|c| c.algo == "KNNWithMeans").unwrap();
    assert_eq!(
        params::<recsys_neighbors::rating::Means>(m),
        KnnMeansParams::default().with_similarity(Similarity::Cosine)
    );
}
