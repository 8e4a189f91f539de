//! Loading benchmarks: MovieLens ratings files into the interaction matrix.
//!
//! `RECSYS_DATA=../shared/data cargo bench --bench data`

use criterion::Criterion;
use recsys::core::{DuplicatePolicy, InteractionsBuilder};
use recsys::data::synthetic::SyntheticConfig;
use recsys::data::{DataDir, Dataset};

mod common;

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20);
    if let Ok(dir) = DataDir::resolve(None) {
        for ds in [
            Dataset::Ml100k,
            Dataset::MlLatestSmall,
            Dataset::RatingsSmall,
        ] {
            if dir.dataset_dir(ds).is_ok() {
                g.bench_function(ds.name(), |b| {
                    b.iter(|| dir.load_ratings(ds).map(|m| m.nnz()))
                });
            }
        }
    } else {
        eprintln!("RECSYS_DATA not set: only the synthetic benchmark runs");
    }
    // Synthetic: build a 1M-rating matrix from raw ids.
    let raw: Vec<(u64, u64, f32)> = SyntheticConfig::scaled(1_000_000)
        .stream()
        .unwrap_or_else(|e| panic!("synthetic data: {e}"))
        .map(|r| (r.user, r.item, r.rating))
        .collect();
    g.bench_function("build-1M", |b| {
        b.iter(|| {
            let mut bl = InteractionsBuilder::with_capacity(raw.len());
            for &(u, i, r) in &raw {
                bl.push(u, i, r, None).ok();
            }
            bl.build(DuplicatePolicy::KeepLast).map(|m| m.nnz())
        })
    });
    g.finish();
}

bench_main!(loading);
