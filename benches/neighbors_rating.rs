//! The k-NN rating models (`knn-baseline`, item-based pearson_baseline, Surprise's defaults):
//! fit, and the prediction of a test fold, on ml-100k's official fold u1 (80,000 training and
//! 20,000 test ratings; synthetic ratings of that shape when `RECSYS_DATA` lacks ml-100k).
//!
//! ```text
//! RECSYS_DATA=/work/shared/data cargo bench --bench neighbors_rating
//! ```
//! Surprise's side of the comparison is `benches/peers/surprise_knn_timing.py`
//! (docs/BENCHMARKS.md, "Neighbourhood models: rating prediction").

use criterion::{BatchSize, Criterion};
use recsys::core::split::{self, Split};
use recsys::core::traits::Fit;
use recsys::core::{Interaction, RatingPredictor};
use recsys::data::{DataDir, Dataset};
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::neighbors::rating::{KnnBaselineParams, KnnBasicParams, Similarity};

mod common;

/// ml-100k's fold u1, or a seeded 80/20 holdout of synthetic ratings of ml-100k's shape.
fn fold() -> Split {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(p) = protocol::prepare(
            &dir,
            Dataset::Ml100k,
            &ProtocolConfig::new(ProtocolKind::Official),
        )
        && let Some(f) = p.folds.into_iter().next()
    {
        return f.split;
    }
    let all = common::synthetic(943, 1682, 100_000);
    split::random_holdout(&all, 0.2, 0).unwrap_or_else(|e| panic!("holdout: {e}"))
}

fn knn_rating(c: &mut Criterion) {
    let s = fold();
    let test: Vec<Interaction> = s.test.iter().collect();
    let mut g = c.benchmark_group("knn-rating u1");
    g.sample_size(20);
    let baseline = KnnBaselineParams::item_pearson_baseline();
    g.bench_function("knn-baseline fit", |b| {
        b.iter(|| baseline.fit(&s.train).unwrap_or_else(|e| panic!("{e}")))
    });
    let m = baseline
        .fit(&s.train)
        .unwrap_or_else(|e| panic!("fit: {e}"));
    g.bench_function("knn-baseline predict test fold", |b| {
        b.iter(|| test.iter().map(|e| m.predict(e.user, e.item)).sum::<f32>())
    });
    g.bench_function("knn-baseline fit + predict test fold", |b| {
        b.iter_batched(
            || (),
            |_| {
                let m = baseline
                    .fit(&s.train)
                    .unwrap_or_else(|e| panic!("fit: {e}"));
                test.iter().map(|e| m.predict(e.user, e.item)).sum::<f32>()
            },
            BatchSize::SmallInput,
        )
    });
    let basic = KnnBasicParams::default().with_similarity(Similarity::Msd);
    g.bench_function("knn-basic (user msd) fit", |b| {
        b.iter(|| basic.fit(&s.train).unwrap_or_else(|e| panic!("{e}")))
    });
    g.finish();
}

bench_main!(knn_rating);
