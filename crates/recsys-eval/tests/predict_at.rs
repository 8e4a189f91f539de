//! The rating task predicts each test rating at its timestamp
//! (`RatingPredictor::predict_at`), so models with features of the rating's time are judged
//! with them: a model that knows the rating only from its timestamp scores RMSE 0, one that
//! ignores it scores its plain prediction's error.

use std::collections::BTreeMap;

use recsys_core::traits::{BoxError, FnSpec, RatingModel};
use recsys_core::{
    DuplicatePolicy, Interactions, InteractionsBuilder, Model, ModelSpec, RatingPredictor,
};
use recsys_eval::protocol::{Fold, Prepared, Task};
use recsys_eval::runner::{RunConfig, run};

/// Every rating is `1 + timestamp mod 5`; `predict` says 3 whatever the pair.
struct ByTime;

impl RatingPredictor for ByTime {
    fn predict(&self, _user: u32, _item: u32) -> f32 {
        3.0
    }
    fn predict_at(&self, _user: u32, _item: u32, timestamp: u32) -> f32 {
        1.0 + (timestamp % 5) as f32
    }
}

/// `ByTime` without its `predict_at`: the trait's default, `predict`.
struct Timeless;

impl RatingPredictor for Timeless {
    fn predict(&self, _user: u32, _item: u32) -> f32 {
        3.0
    }
}

fn data() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..12u64 {
        for i in 0..10u64 {
            let t = (u * 31 + i * 17) as u32;
            b.push(u, i, 1.0 + (t % 5) as f32, Some(t)).unwrap();
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn spec<P: RatingPredictor + 'static>(name: &str, make: fn() -> P) -> Box<dyn ModelSpec> {
    Box::new(FnSpec::new(
        name,
        Vec::new(),
        move |t: &Interactions| -> Result<Box<dyn Model>, BoxError> {
            Ok(Box::new(RatingModel::new(make(), t.n_items())))
        },
    ))
}

#[test]
fn the_rating_task_predicts_at_the_timestamp() {
    let split = recsys_core::split::random_holdout(&data(), 0.25, 7).unwrap();
    // by hand: the test ratings' error when every prediction is 3
    let test = &split.test;
    let n = test.nnz() as f64;
    let plain = (test
        .iter()
        .map(|x| (f64::from(x.rating) - 3.0).powi(2))
        .sum::<f64>()
        / n)
        .sqrt();
    let prepared = Prepared {
        dataset: "synthetic".into(),
        protocol: "holdout".into(),
        task: Task::Rating,
        folds: vec![Fold::new(split, None)],
    };
    let models = [spec("by-time", || ByTime), spec("timeless", || Timeless)];
    let opts = RunConfig {
        bootstrap: 0,
        ..RunConfig::default()
    };
    let rows = run(&prepared, &models, &opts, &mut |_| {}).unwrap();
    let rmse: BTreeMap<&str, f64> = rows
        .iter()
        .map(|r| (r.model.as_str(), r.metrics["rmse"]))
        .collect();
    assert!(plain > 0.5, "the plain prediction must be wrong: {plain}");
    approx::assert_abs_diff_eq!(rmse["by-time"], 0.0, epsilon = 1e-12);
    approx::assert_relative_eq!(rmse["timeless"], plain, max_relative = 1e-9);
}
