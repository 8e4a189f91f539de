//! Negative sampling throughput on ratings-small (binarized, leave-latest-out train part), or on a
//! synthetic matrix of the same shape when `RECSYS_DATA` does not hold it.
//!
//! `RECSYS_DATA=/path/to/data cargo bench --bench sampling`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recsys_core::sampling::{NegativeSampler, pointwise_epoch, seeded_rng};
use recsys_data::{DataDir, Dataset};
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, split};

/// ratings-small, or 671 users × 9,066 items with ~100k ratings drawn at random.
fn data() -> Interactions {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(m) = dir.load_ratings(Dataset::RatingsSmall)
    {
        return m.implicit(f32::MIN);
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
    let s = split::leave_latest_out(&m, 1).expect("timestamps");
    let train = NegativeSampler::new(&[&s.train]).expect("sampler");
    let both = NegativeSampler::new(&[&s.train, &s.test]).expect("sampler");
    let users: Vec<u32> = s.train.iter().map(|e| e.user).collect();

    let mut g = c.benchmark_group("sampling");
    g.sample_size(20);
    let per_iter = users.len() as u64 * 100;
    g.throughput(Throughput::Elements(per_iter));
    g.bench_function("sample_into_100_per_rating", |b| {
        let mut rng = seeded_rng(0);
        let mut buf = [0u32; 100];
        b.iter(|| {
            for &u in &users {
                train.sample_into(u, &mut rng, &mut buf).expect("negatives");
                black_box(&buf);
            }
        })
    });
    let n = s.train.nnz() as u64 * 5;
    g.throughput(Throughput::Elements(n));
    for parallel in [false, true] {
        let name = format!("pointwise_epoch_k4_parallel_{parallel}");
        g.bench_function(name.as_str(), |b| {
            let mut epoch = 0;
            b.iter(|| {
                epoch += 1;
                black_box(pointwise_epoch(&s.train, &train, 4, 0, epoch, parallel).expect("epoch"))
            })
        });
    }
    g.throughput(Throughput::Elements(m.n_users() as u64 * 99));
    g.bench_function("sample_distinct_99_per_user", |b| {
        let mut rng = seeded_rng(0);
        let mut out = Vec::with_capacity(99);
        b.iter(|| {
            for u in 0..m.n_users() as u32 {
                both.sample_distinct(u, 99, &mut rng, &mut out)
                    .expect("negatives");
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
