//! Negative sampling throughput on ratings-small (binarized, leave-latest-out train part), or on a
//! synthetic matrix of the same shape (`recsys::data::synthetic`) when `RECSYS_DATA` does not hold it.
//!
//! `RECSYS_DATA=/path/to/data cargo bench --bench sampling`

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use recsys::core::sampling::{NegativeSampler, pointwise_epoch, seeded_rng};
use recsys::core::split;
use recsys::data::Dataset;

mod common;

fn bench(c: &mut Criterion) {
    let m =
        common::dataset_or_synthetic(Dataset::RatingsSmall, 671, 9066, 100_000).implicit(f32::MIN);
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

bench_main!(bench);
