//! Loading benchmarks: MovieLens ratings files into the interaction matrix.
//!
//! `RECSYS_DATA=../shared/data cargo bench --bench data`

use criterion::{Criterion, criterion_group, criterion_main};
use recsys::data::{DataDir, Dataset};
use recsys::core::{DuplicatePolicy, InteractionsBuilder};

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
    let raw: Vec<(u64, u64, f32)> = (0..1_000_000u64)
        .map(|k| {
            (
                (k * 7919) % 20_000,
                (k * 104_729) % 5_000,
                ((k % 5) + 1) as f32,
            )
        })
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

// criterion's HTML plots need system fonts, which this project does not require: text reports only
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = loading
}
criterion_main!(benches);
