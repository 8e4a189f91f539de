//! Neural CF: one training step of the seed's MLP (batch 512, Adam, burn `flex` CPU backend) on
//! a ratings-small-sized index space, and scoring 100 candidates for each of 1,000 users with
//! the fitted-model CPU path (MLP and NeuMF).
//!
//! `cargo bench --bench ncf`

use std::hint::black_box;

use burn::backend::Autodiff;
use criterion::{Criterion, Throughput};
use recsys::core::CandidateScorer;
use recsys::ncf::{CpuBackend, MlpConfig, NcfKind, NcfModel, NcfNetwork, NcfParams, NeuMfConfig};

mod common;

type B = Autodiff<CpuBackend>;

/// A xorshift stream of indices below `n`.
fn indices(n: u32, len: usize, seed: u64) -> Vec<u32> {
    let mut rng = recsys_testkit::XorShift(seed);
    (0..len)
        .map(|_| (rng.next_u64() % u64::from(n)) as u32)
        .collect()
}

fn bench(c: &mut Criterion) {
    let (n_users, n_items) = (671u32, 9066u32);
    let dev = Default::default();
    let users = indices(n_users, 512, 1);
    let items = indices(n_items, 512, 2);
    let labels: Vec<f32> = (0..512).map(|k| f32::from(u8::from(k % 5 == 0))).collect();

    let mut g = c.benchmark_group("ncf");
    g.sample_size(30);
    g.throughput(Throughput::Elements(512));
    g.bench_function("train_step_mlp_batch512", |b| {
        <B as burn::tensor::backend::Backend>::seed(&dev, 0);
        let mut model = Some(MlpConfig::new(n_users as usize, n_items as usize).init::<B>(&dev));
        let mut optim = recsys::ncf::adam::<B, recsys::ncf::Mlp<B>>();
        b.iter(|| {
            let m = model.take().expect("model");
            let (m, loss) =
                recsys::ncf::train_step(m, &mut optim, &users, &items, &labels, 0.01, &dev);
            model = Some(m);
            black_box(loss);
        });
    });

    let (su, si) = (1000u32, n_items);
    let cands: Vec<Vec<u32>> = (0..su)
        .map(|u| indices(si, 100, 7 + u64::from(u)))
        .collect();
    g.throughput(Throughput::Elements(u64::from(su) * 100));
    for kind in [NcfKind::Mlp, NcfKind::NeuMf] {
        <CpuBackend as burn::tensor::backend::Backend>::seed(&Default::default(), 0);
        let weights = match kind {
            NcfKind::Mlp => MlpConfig::new(su as usize, si as usize)
                .init::<CpuBackend>(&Default::default())
                .export(),
            _ => NeuMfConfig::new(su as usize, si as usize)
                .init::<CpuBackend>(&Default::default())
                .export(),
        }
        .expect("weights");
        let model = NcfModel {
            params: NcfParams::new(kind),
            weights,
            curve: Vec::new(),
            best_epoch: 0,
            fold_in: Default::default(),
        };
        g.bench_function(
            format!("score_100_candidates_1000_users_{}", kind.name()),
            |b| {
                let mut out = vec![0.0f32; 100];
                b.iter(|| {
                    for (u, c) in cands.iter().enumerate() {
                        model.score(u as u32, c, &mut out);
                        black_box(&out);
                    }
                });
            },
        );
    }
    g.finish();
}

bench_main!(bench);
