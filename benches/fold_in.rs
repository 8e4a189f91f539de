//! Folding in one new user and taking their top 10, on ml-latest-small (or a synthetic matrix of
//! the same shape when `RECSYS_DATA` does not hold it): ALS (`AlsParams::tuned`, 64 factors),
//! SVD (Surprise's defaults, 100 factors) and the baseline, for a user of 5 and of 50 ratings
//! (a training user's first ratings, folded in as if new). Issue 18's target: under 1 ms for
//! ALS and SVD.
//!
//! `RECSYS_DATA=/path/to/data cargo bench --bench fold_in`

use std::hint::black_box;

use criterion::Criterion;
use recsys::core::traits::{Fit, FoldIn, history_of};
use recsys::data::Dataset;
use recsys::mf::{AlsParams, BaselineParams, SvdParams};

mod common;

fn bench(c: &mut Criterion) {
    let m = common::dataset_or_synthetic(Dataset::MlLatestSmall, 610, 9724, 100_836);
    let als = AlsParams::tuned().fit(&m).expect("als");
    let svd = SvdParams::default().fit(&m).expect("svd");
    let baseline = BaselineParams::default().fit(&m).expect("baseline");
    let models: [(&str, &dyn FoldIn); 3] = [("als", &als), ("svd", &svd), ("baseline", &baseline)];
    // the first user with at least 50 ratings
    let u = (0..m.n_users() as u32)
        .find(|&u| m.row(u).len() >= 50)
        .expect("a user with 50 ratings");
    let history = history_of(&m, u);
    let mut g = c.benchmark_group("fold_in_top10");
    for (name, model) in models {
        // the first fold-in pays for what a model computes once (ALS's Gram matrix)
        black_box(model.fold_in(&history[..5]).expect("fold in"));
        for n in [5, 50] {
            let h = &history[..n];
            g.bench_function(format!("{name}_{n}_ratings"), |b| {
                b.iter(|| {
                    let user = model.fold_in(black_box(h)).expect("fold in");
                    black_box(model.recommend_folded(&user, 10))
                })
            });
        }
    }
    g.finish();
}

bench_main!(bench);
