//! Implicit ALS fit on ratings-small (every rating an interaction), or on a synthetic matrix of
//! the same shape (`recsys::data::synthetic`) when `RECSYS_DATA` does not hold it: the registry's parameters
//! (`AlsParams::tuned`: 64 factors, 15 iterations, 3 CG steps) with rayon's default pool and with
//! one thread, plus scoring every item for every user.
//!
//! `RECSYS_DATA=/path/to/data cargo bench --bench als`

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use recsys::core::CandidateScorer;
use recsys::core::traits::Fit;
use recsys::data::Dataset;
use recsys::mf::AlsParams;

mod common;

fn bench(c: &mut Criterion) {
    let m = common::dataset_or_synthetic(Dataset::RatingsSmall, 671, 9066, 100_000);
    let mut g = c.benchmark_group("als");
    g.sample_size(10);
    g.throughput(Throughput::Elements(m.nnz() as u64));
    for threads in [0, 1] {
        let p = AlsParams::tuned().with_threads(threads);
        let name = format!("fit_k64_it15_threads_{threads}");
        g.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(p.fit(&m).expect("fit")))
        });
    }
    let model = AlsParams::tuned().with_iterations(1).fit(&m).expect("fit");
    let items: Vec<u32> = (0..m.n_items() as u32).collect();
    g.throughput(Throughput::Elements((m.n_users() * items.len()) as u64));
    g.bench_function("score_all_items_all_users", |b| {
        let mut out = vec![0.0f32; items.len()];
        b.iter(|| {
            for u in 0..m.n_users() as u32 {
                model.score(u, &items, &mut out);
                black_box(&out);
            }
        })
    });
    g.finish();
}

bench_main!(bench);
