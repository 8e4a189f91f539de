//! One SGD epoch of SVD and SVD++ on ml-100k's u1 training fold (80,000 ratings), or on a
//! synthetic matrix of the same size when the data is absent.
//!
//! `RECSYS_DATA=../shared/data cargo bench --bench mf`

use criterion::Criterion;
use recsys::core::Interactions;
use recsys::core::traits::Fit;
use recsys::data::{DataDir, Dataset};

mod common;

/// ml-100k's u1 training fold, or synthetic 943 × 1682 with 80,000 ratings.
fn train_data() -> Interactions {
    if let Ok(dir) = DataDir::resolve(None)
        && let Ok(root) = dir.dataset_dir(Dataset::Ml100k)
        && let Ok(s) = recsys::data::movielens::read_ml100k_split(&root, "u1")
    {
        return s.train;
    }
    eprintln!("ml-100k not found: synthetic 943 × 1682, 80,000 ratings");
    common::synthetic(943, 1682, 80_000)
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

bench_main!(epochs);
