//! Implicit ALS fit on ratings-small (every rating an interaction), or on a synthetic matrix of
//! the same shape when `RECSYS_DATA` does not hold it: the registry's parameters
//! (`AlsParams::tuned`: 64 factors, 15 iterations, 3 CG steps) with rayon's default pool and with
//! one thread, plus scoring every item for every user.
//!
//! `RECSYS_DATA=/path/to/data cargo bench --bench als`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recsys_core::traits::Fit;
use recsys_data::{DataDir, Dataset};
use recsys_core::{CandidateScorer, DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_mf::AlsParams;

/// ratings-small, or 671 users × 9,066 items with ~100k ratings drawn at random.
fn data() -> Interactions {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(m) = dir.load_ratings(Dataset::RatingsSmall)
    {
        return m;
    }
    eprintln!("ratings-small not found under RECSYS_DATA: using a synthetic matrix");
    let mut b = InteractionsBuilder::new();
    let mut x: u64 = 1;
    for k in 0..100_000u32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        b.push(x % 671, (x >> 20) % 9066, 1.0, Some(k))
            .expect("finite rating");
    }
    b.build(DuplicatePolicy::KeepLast).expect("valid matrix")
}

fn bench(c: &mut Criterion) {
    let m = data();
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

// criterion's HTML plots need system fonts, which this project does not require: text reports only
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
