//! The k-NN rating models on real data under `RECSYS_DATA` (skipped when it is missing, a
//! failure under `CI=true`): `knn-baseline` (item-based pearson_baseline, Surprise's defaults)
//! against Surprise 1.1.5's figures in the peers' `RESULTS.md` — ml-100k fold u1 (0.9359) and
//! ratings-small with the peers' 80/20 test file (0.8663) — within ±0.002 RMSE.

use recsys_core::traits::Fit;
use recsys_core::{Interactions, RatingPredictor};
use recsys_data::Dataset;
use recsys_data::location::{test_data_dir, test_peers_file};
use recsys_eval::protocol::{self, Prepared, ProtocolConfig, ProtocolKind};
use recsys_neighbors::rating::KnnBaselineParams;

/// RMSE of `m` on `test`.
fn rmse(m: &dyn RatingPredictor, test: &Interactions) -> f64 {
    let (mut s, mut n) = (0.0f64, 0usize);
    for e in test.iter() {
        let d = f64::from(m.predict(e.user, e.item)) - f64::from(e.rating);
        assert!(d.is_finite());
        s += d * d;
        n += 1;
    }
    (s / n as f64).sqrt()
}

/// `ds` under `RECSYS_DATA` prepared by `cfg`; `None` (a skip) when it is missing.
fn prepared(ds: Dataset, cfg: &ProtocolConfig) -> Option<Prepared> {
    let dir = test_data_dir(ds).unwrap()?;
    Some(protocol::prepare(&dir, ds, cfg).unwrap())
}

/// The first fold of `p` (`test_ratings` held out): `knn-baseline` (item-based
/// pearson_baseline, Surprise's defaults) fitted on its training ratings, and its test RMSE.
fn knn_baseline_rmse(p: &Prepared, test_ratings: usize) -> f64 {
    let fold = &p.folds[0].split;
    assert_eq!(fold.test.nnz(), test_ratings);
    let m = KnnBaselineParams::item_pearson_baseline()
        .fit(&fold.train)
        .unwrap();
    rmse(&m, &fold.test)
}

#[test]
fn knn_baseline_on_ml100k_u1_matches_surprise() {
    let Some(p) = prepared(
        Dataset::Ml100k,
        &ProtocolConfig::new(ProtocolKind::Official),
    ) else {
        return;
    };
    let r = knn_baseline_rmse(&p, 20_000);
    // Surprise KNNBaseline (item, pearson_baseline, k 40) on u1: 0.9359
    assert!((r - 0.9359).abs() < 0.002, "rmse {r}");
}

#[test]
fn knn_baseline_on_the_peers_ratings_small_test_file() {
    let Some(file) =
        test_peers_file("protocol/ratings_small_surprise_split80_seed0_test.csv").unwrap()
    else {
        return;
    };
    let cfg = ProtocolConfig {
        test_file: Some(file),
        ..ProtocolConfig::new(ProtocolKind::TestFile)
    };
    let Some(p) = prepared(Dataset::RatingsSmall, &cfg) else {
        return;
    };
    let r = knn_baseline_rmse(&p, 20_001);
    // Surprise KNNBaseline on the same split: 0.8663
    assert!((r - 0.8663).abs() < 0.002, "rmse {r}");
}
