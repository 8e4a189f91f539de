//! The evaluation runner end to end: protocols, models from the registry, the peers' figures on
//! the real data, hand-computed answers on tiny data, and hyperparameter search.

use approx::assert_relative_eq;
use recsys::core::traits::{FnSpec, ScorerModel};
use recsys::core::{
    CandidateScorer, DuplicatePolicy, Interactions, InteractionsBuilder, Model, ModelSpec,
};
use recsys::data::Dataset;
use recsys::data::location::test_data_dir;
use recsys::eval::protocol::{self, Prepared, ProtocolConfig, ProtocolKind};
use recsys::eval::report::ReportRow;
use recsys::eval::runner::{RunConfig, run};
use recsys::eval::search::{self, Objective, ParamGrid, Validation};

#[allow(dead_code)]
mod common;

fn quiet() -> impl FnMut(&recsys::eval::runner::Progress) {
    |_| {}
}

/// The rows of the registry's model `name` run on `p` with the default settings.
fn run_model(p: &Prepared, name: &str) -> Vec<ReportRow> {
    run(
        p,
        &[recsys::models::model(name).unwrap()],
        &RunConfig::default(),
        &mut quiet(),
    )
    .unwrap()
}

#[test]
fn baseline_on_official_folds_matches_surprise() {
    let Some(dir) = test_data_dir(Dataset::Ml100k).unwrap() else {
        return;
    };
    let p = protocol::prepare(
        &dir,
        Dataset::Ml100k,
        &ProtocolConfig::new(ProtocolKind::Official),
    )
    .unwrap();
    assert_eq!(p.folds.len(), 5);
    let rows = run_model(&p, "baseline");
    let rmse = rows[0].metrics["rmse"];
    // Surprise BaselineOnly (ALS, 10 epochs, reg_u 15, reg_i 10): 0.9457 mean RMSE, MAE 0.7499
    assert!((rmse - 0.9457).abs() < 0.002, "rmse {rmse}");
    assert!((rows[0].metrics["mae"] - 0.7499).abs() < 0.002);
    let (lo, hi) = rows[0].ci95["rmse"];
    assert!(lo < rmse && rmse < hi && hi - lo < 0.05, "{lo} {hi}");
}

#[test]
fn popularity_on_peers_candidates_matches_peers() {
    let Some(p) =
        common::with_peers_candidates(Dataset::RatingsSmall, "protocol/ncf_loo_ratings_small.tsv")
    else {
        return;
    };
    // the peers train on every rating but the held-out one: 100,004 - 671
    assert_eq!(p.folds[0].split.train.nnz(), 99_333);
    let rows = run_model(&p, "popularity");
    let m = &rows[0].metrics;
    assert_relative_eq!(m["hr@10"], 0.5425, epsilon = 5e-5);
    assert_relative_eq!(m["ndcg@10"], 0.3255, epsilon = 5e-5);
    assert_eq!(m["users"], 671.0);
}

#[test]
fn baseline_on_the_peers_test_file() {
    let Some(p) = common::with_peers_test_file(
        Dataset::RatingsSmall,
        "protocol/ratings_small_surprise_split80_seed0_test.csv",
    ) else {
        return;
    };
    assert_eq!(p.folds[0].split.test.nnz(), 20_001);
    assert_eq!(p.folds[0].split.train.nnz(), 100_004 - 20_001);
    let rows = run_model(&p, "baseline");
    // Surprise BaselineOnly on the same split: 0.8838
    assert!(
        (rows[0].metrics["rmse"] - 0.8838).abs() < 0.002,
        "{}",
        rows[0].metrics["rmse"]
    );
}

/// A scorer that returns fixed scores per item, for hand-computed answers.
struct Fixed(Vec<f32>);
impl CandidateScorer for Fixed {
    fn n_items(&self) -> usize {
        self.0.len()
    }
    fn score(&self, _u: u32, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = self.0[i as usize];
        }
    }
}

fn tiny() -> Interactions {
    // 3 users × 6 items; timestamps make each user's last item the held-out one
    let mut b = InteractionsBuilder::new();
    let rows = [
        (1, 0, 1),
        (1, 1, 2),
        (1, 5, 3), // user 1 holds out item 5
        (2, 0, 1),
        (2, 2, 2),
        (2, 3, 3), // user 2 holds out item 3
        (3, 1, 1),
        (3, 4, 2),
        (3, 0, 3), // user 3 holds out item 0
    ];
    for (u, i, t) in rows {
        b.push(u, i, 4.0, Some(t)).unwrap();
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

#[test]
fn full_ranking_metrics_by_hand() {
    let m = tiny();
    let p = protocol::prepare_ratings(&m, &ProtocolConfig::new(ProtocolKind::LooFull)).unwrap();
    // items 0..5 in first-appearance order are raw 0,1,5,2,3,4; scores by dense index
    // dense: 0→raw0, 1→raw1, 2→raw5, 3→raw2, 4→raw3, 5→raw4
    let scores = vec![0.9, 0.8, 0.1, 0.7, 0.6, 0.5];
    let spec: Box<dyn ModelSpec> =
        Box::new(FnSpec::new("fixed", vec![], move |_t: &Interactions| {
            Ok(Box::new(ScorerModel::new(Fixed(scores.clone()))) as Box<dyn Model>)
        }));
    let opts = RunConfig {
        k: 2,
        bootstrap: 0,
        ..RunConfig::default()
    };
    let rows = run(&p, &[spec], &opts, &mut quiet()).unwrap();
    let r = &rows[0].metrics;
    // user 1 trained on raw 0,1; candidates raw 5,2,3,4 scored 0.1,0.7,0.6,0.5 → held-out raw 5 last: rank 3
    // user 2 trained on raw 0,2; candidates raw 1,5,3,4 scored 0.8,0.1,0.6,0.5 → raw 3 at rank 1
    // user 3 trained on raw 1,4; candidates raw 0,5,2,3 scored 0.9,0.1,0.7,0.6 → raw 0 at rank 0
    assert_relative_eq!(r["hr@2"], 2.0 / 3.0);
    assert_relative_eq!(r["ndcg@2"], (0.0 + 1.0 / 3f64.log2() + 1.0) / 3.0);
    assert_relative_eq!(r["mrr"], (0.25 + 0.5 + 1.0) / 3.0);
    // AUC: user 1: 0 of 3 below; user 2: 2 of 3; user 3: 3 of 3
    assert_relative_eq!(r["auc"], (0.0 + 2.0 / 3.0 + 1.0) / 3.0);
    // top-2 lists: u1 raw{2,3}, u2 raw{1,3}, u3 raw{0,2}: 4 distinct of 6 items
    assert_relative_eq!(r["coverage@2"], 4.0 / 6.0);
}

impl recsys::core::traits::FoldIn for Fixed {
    fn fold_in_items(&self) -> usize {
        self.0.len()
    }
    fn fold_in(
        &self,
        history: &[(u32, f32)],
    ) -> recsys::core::Result<recsys::core::traits::FoldedUser> {
        let h = recsys::core::traits::checked_history(history, self.0.len())?;
        Ok(recsys::core::traits::FoldedUser {
            state: Vec::new(),
            seen: h.into_iter().map(|(i, _)| i).collect(),
        })
    }
    fn score_folded(&self, _u: &recsys::core::traits::FoldedUser, items: &[u32], out: &mut [f32]) {
        self.score(0, items, out);
    }
}

#[test]
fn new_users_fold_in_and_retrain_by_hand() {
    let m = tiny();
    // every user withheld, each folded in from their first rating
    let cfg = ProtocolConfig {
        test_ratio: 1.0,
        fold_in: 1,
        folds: 1,
        ..ProtocolConfig::new(ProtocolKind::NewUsers)
    };
    let p = protocol::prepare_ratings(&m, &cfg).unwrap();
    assert_eq!(p.protocol, "new-users-1");
    let fold = &p.folds[0];
    let data = fold.new_users.as_ref().unwrap();
    assert_eq!(
        (
            fold.split.train.nnz(),
            data.history.nnz(),
            fold.split.test.nnz()
        ),
        (0, 3, 6)
    );
    assert_eq!(data.retrain.nnz(), 3);
    let scores = vec![0.9, 0.8, 0.1, 0.7, 0.6, 0.5];
    let spec: Box<dyn ModelSpec> =
        Box::new(FnSpec::new("fixed", vec![], move |_t: &Interactions| {
            Ok(Box::new(ScorerModel::new(Fixed(scores.clone())).with_fold_in()) as Box<dyn Model>)
        }));
    let opts = RunConfig {
        k: 2,
        bootstrap: 0,
        ..RunConfig::default()
    };
    let r = &run(&p, &[spec], &opts, &mut quiet()).unwrap()[0].metrics;
    // dense items: 0→raw0, 1→raw1, 2→raw5, 3→raw2, 4→raw3, 5→raw4
    // user 1 folds in raw 0; tests raw 1 (0.8, rank 0) and raw 5 (0.1, rank 4)
    // user 2 folds in raw 0; tests raw 2 (0.7, rank 1) and raw 3 (0.6, rank 2)
    // user 3 folds in raw 1; tests raw 4 (0.5, rank 3) and raw 0 (0.9, rank 0)
    assert_relative_eq!(r["hr@2"], 1.0);
    assert_relative_eq!(r["recall@2"], 0.5);
    assert_relative_eq!(r["recall@20"], 1.0);
    // the retrained model scores the same, its training rows being the histories
    assert_relative_eq!(r["retrained hr@2"], 1.0);
    assert_relative_eq!(r["retrained recall@2"], 0.5);
    assert_eq!(r["fold-in failures"], 0.0);
}

#[test]
fn protocols_partition_and_guard_against_leakage() {
    let m = tiny();
    for kind in [
        ProtocolKind::Holdout,
        ProtocolKind::KFold,
        ProtocolKind::LooFull,
        ProtocolKind::LooSampled,
        ProtocolKind::ColdItems,
    ] {
        let cfg = ProtocolConfig {
            folds: 3,
            negatives: 2,
            test_ratio: 0.34,
            ..ProtocolConfig::new(kind)
        };
        let p = protocol::prepare_ratings(&m, &cfg).unwrap();
        for f in &p.folds {
            assert_eq!(
                f.split.train.nnz() + f.split.test.nnz(),
                m.nnz(),
                "{kind:?}"
            );
            for e in f.split.test.iter() {
                assert!(!f.split.train.contains(e.user, e.item), "{kind:?}: leak");
            }
            if let Some(c) = &f.candidates {
                for e in c.entries() {
                    for n in &e.negatives {
                        assert!(
                            !f.split.train.contains(e.user, *n)
                                && !f.split.test.contains(e.user, *n)
                        );
                    }
                }
            }
            for &i in &f.cold_items {
                assert!(f.split.train.by_item().item(i).0.is_empty());
            }
        }
    }
    assert!(protocol::prepare_ratings(&m, &ProtocolConfig::new(ProtocolKind::TestFile)).is_err());
    assert!(
        ProtocolKind::from_name("nope")
            .unwrap_err()
            .to_string()
            .contains("loo-sampled")
    );
}

#[test]
fn search_picks_the_best_on_validation_only() {
    // ratings with strong item effects: less item regularization is better
    let mut b = InteractionsBuilder::new();
    for u in 0..60u64 {
        for i in 0..30u64 {
            if (u * 7 + i * 3) % 4 != 0 {
                let r = 1.0 + (i % 5) as f32;
                b.push(u, i, r, Some((u * 30 + i) as u32)).unwrap();
            }
        }
    }
    let train = b.build(DuplicatePolicy::KeepLast).unwrap();
    let grid = ParamGrid::new().with("reg_item", [0.0, 1000.0]);
    let make = |c: &search::Config| -> Result<Box<dyn ModelSpec>, recsys::eval::EvalError> {
        let reg: f64 = c["reg_item"].parse().unwrap();
        Ok(Box::new(FnSpec::new(
            "baseline",
            vec![],
            move |t: &Interactions| {
                use recsys::core::traits::Fit;
                let p = recsys::mf::BaselineParams {
                    reg_item: reg,
                    ..Default::default()
                };
                Ok(Box::new(recsys::core::traits::RatingModel::new(
                    p.fit(t)?,
                    t.n_items(),
                )) as Box<dyn Model>)
            },
        )))
    };
    let obj = Objective {
        metric: "rmse".into(),
        minimize: true,
    };
    let r = search::search(
        &train,
        &grid.grid(),
        &make,
        &Validation::Holdout { ratio: 0.2 },
        &obj,
        1,
    )
    .unwrap();
    assert_eq!(r.trials.len(), 2);
    assert_eq!(r.best["reg_item"], "0");
    assert!(r.trials[0].1 < r.trials[1].1);
    let bad = Objective {
        metric: "hr@10".into(),
        minimize: false,
    };
    assert!(
        search::search(
            &train,
            &grid.grid(),
            &make,
            &Validation::Holdout { ratio: 0.2 },
            &bad,
            1
        )
        .is_err()
    );
}

/// Predicts a fixed rating per dense item.
struct ItemRating(Vec<f32>);
impl recsys::core::RatingPredictor for ItemRating {
    fn predict(&self, _u: u32, i: u32) -> f32 {
        self.0.get(i as usize).copied().unwrap_or(3.0)
    }
}

#[test]
fn rating_metrics_by_item_popularity_bucket_by_hand() {
    use recsys::core::split::Split;
    use recsys::eval::protocol::{Fold, Prepared, Task};
    // training: item 10 has 3 ratings, item 11 has 1, item 12 none (it exists only in test)
    let mut b = InteractionsBuilder::new();
    for (u, i, r) in [(1, 10, 4.0), (2, 10, 4.0), (3, 10, 4.0), (1, 11, 2.0)] {
        b.push(u, i, r, None).unwrap();
    }
    b.push(3, 12, 5.0, None).unwrap();
    b.push(2, 11, 1.0, None).unwrap();
    b.push(2, 12, 1.0, None).unwrap();
    let all = b.build(DuplicatePolicy::KeepLast).unwrap();
    let test_pairs = [(3u64, 12u64), (2, 11), (2, 12)];
    let is_test: Vec<bool> = all
        .iter()
        .map(|e| {
            let (ru, ri) = (
                all.users().raw(e.user).unwrap(),
                all.items().raw(e.item).unwrap(),
            );
            test_pairs.contains(&(ru, ri))
        })
        .collect();
    let is_train: Vec<bool> = is_test.iter().map(|t| !t).collect();
    let split = Split {
        train: all.select(&is_train).unwrap(),
        test: all.select(&is_test).unwrap(),
    };
    let item = |raw| split.train.items().index(raw).unwrap() as usize;
    let mut preds = vec![3.0f32; split.train.n_items()];
    preds[item(11)] = 2.0; // error on (2, 11): 2 − 1 = 1
    preds[item(12)] = 3.0; // errors on item 12: 3 − 5 = −2 and 3 − 1 = 2
    let prepared = Prepared {
        dataset: "tiny".into(),
        protocol: "holdout".into(),
        task: Task::Rating,
        folds: vec![Fold::new(split, None)],
    };
    let spec: Box<dyn ModelSpec> =
        Box::new(FnSpec::new("fixed", vec![], move |t: &Interactions| {
            Ok(Box::new(recsys::core::traits::RatingModel::new(
                ItemRating(preds.clone()),
                t.n_items(),
            )) as Box<dyn Model>)
        }));
    let opts = RunConfig {
        bootstrap: 0,
        item_buckets: vec![0, 1, 5],
        ..RunConfig::default()
    };
    let rows = run(&prepared, &[spec], &opts, &mut quiet()).unwrap();
    let m = &rows[0].metrics;
    assert_relative_eq!(m["rmse"], (9.0f64 / 3.0).sqrt());
    assert_relative_eq!(m["rmse[items 0]"], 2.0);
    assert_relative_eq!(m["mae[items 0]"], 2.0);
    assert_relative_eq!(m["ratings[items 0]"], 2.0);
    assert_relative_eq!(m["rmse[items 1]"], 1.0);
    assert_relative_eq!(m["ratings[items 2-5]"], 0.0);
    assert!(!m.contains_key("rmse[items 2-5]"));
    // bounds must ascend
    let bad = RunConfig {
        item_buckets: vec![5, 5],
        ..RunConfig::default()
    };
    assert!(run(&prepared, &[], &bad, &mut quiet()).is_err());
}
