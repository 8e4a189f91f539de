//! One SGD epoch of SVD and SVD++ on ml-100k's u1 training fold (80,000 ratings), or on a
//! synthetic matrix of the same size when the data is absent.
//!
//! `RECSYS_DATA=../shared/data cargo bench --bench mf`

use criterion::{Criterion, criterion_group, criterion_main};
use recsys::core::traits::Fit;
use recsys::data::{DataDir, Dataset};
use recsys::core::{DuplicatePolicy, Interactions, InteractionsBuilder};

fn train_data() -> Interactions {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(root) = dir.dataset_dir(Dataset::Ml100k)
        && let Ok(s) = recsys::data::movielens::read_ml100k_split(&root, "u1")
    {
        return s.train;
    }
    eprintln!("ml-100k not found: synthetic 943 × 1682, 80,000 ratings");
    let mut b = InteractionsBuilder::new();
    for k in 0..80_000u64 {
        b.push(
            (k * 7919) % 943,
            (k * 104_729 + k / 943) % 1682,
            ((k % 5) + 1) as f32,
            None,
        )
        .ok();
    }
    b.build(DuplicatePolicy::KeepLast)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn epochs(c: &mut Criterion) {
    let train = train_data();
    let mut g = c.benchmark_group("mf-epoch");
    g.sample_size(20);
    for threads in [1usize, 2] {
        let p = recsys::mf::SvdParams::default().epochs(1).threads(threads);
        g.bench_function(format!("svd-100f-{threads}t"), |b| {
            b.iter(|| p.fit(&train).map(|m| m.mean))
        });
    }
    let pp = recsys::mf::SvdPpParams::default().epochs(1);
    g.bench_function("svdpp-20f", |b| b.iter(|| pp.fit(&train).map(|m| m.mean)));
    g.finish();
}

// criterion's HTML plots need system fonts, which this project does not require: text reports only
criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = epochs
}
criterion_main!(benches);
