//! Learning, determinism, parameter checks, persistence and backend equivalence of the three
//! networks, on tiny synthetic data (fast in a test build).

use std::collections::BTreeMap;

use burn::tensor::{Int, Tensor, TensorData};
use proptest::prelude::*;
use recsys_core::candidates::CandidateSet;
use recsys_core::persist::ModelReader;
use recsys_core::split;
use recsys_core::traits::{BoxError, Fit};
use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder, Model, ModelSpec};
#[path = "support/groups.rs"]
mod support;
use support::groups;

use recsys_ncf::registry::{LOADERS, MODELS};
use recsys_ncf::{
    CpuBackend, Device, GmfConfig, MlpConfig, NcfError, NcfKind, NcfModel, NcfNetwork, NcfParams,
    NcfWeights, NeuMf, NeuMfConfig, evaluate, fit_with, neumf_from_pretrained,
};

fn small(kind: NcfKind) -> NcfParams {
    NcfParams::new(kind)
        .with_embedding(8)
        .with_gmf_embedding(8)
        .with_layers(vec![16, 8])
        .with_batch(64)
        .with_epochs(25)
        .with_seed(3)
}

/// HR@10 among 20 sampled negatives of a model fitted on a leave-latest-out split.
fn heldout_hr(p: &NcfParams) -> (f64, NcfModel) {
    let m = groups();
    let s = split::leave_latest_out(&m, 1).unwrap();
    let c = CandidateSet::from_split(&s, 20, 1).unwrap();
    let model = p.fit(&s.train).unwrap();
    let (hr, _) = evaluate(&model.weights, &c, 10);
    (hr, model)
}

#[test]
fn every_network_learns_the_group_pattern() {
    let m = groups();
    let s = split::leave_latest_out(&m, 1).unwrap();
    let c = CandidateSet::from_split(&s, 20, 1).unwrap();
    // popularity: item interaction counts, as a reference
    let counts = s.train.item_counts();
    let mut pop_hits = 0.0;
    for e in c.entries() {
        let sp = counts[e.positives[0] as usize];
        let rank = e
            .negatives
            .iter()
            .filter(|&&i| counts[i as usize] >= sp)
            .count();
        pop_hits += f64::from(u8::from(rank < 10));
    }
    let pop = pop_hits / c.len() as f64;
    for kind in [NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf] {
        let (hr, model) = heldout_hr(&small(kind));
        eprintln!("{kind}: hr@10 {hr}, popularity {pop}");
        assert!(
            hr >= 0.75 && hr > pop + 0.25,
            "{kind}: hr@10 {hr}, popularity {pop}"
        );
        // the learning curve, as the workspace's `Model` gives it
        let curve = model.into_model().learning_curve();
        assert_eq!(curve.len(), 25);
        assert!(curve[24].loss < curve[0].loss, "{kind}: loss did not fall");
    }
}

#[test]
fn same_seed_same_model_exactly_single_threaded() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let m = groups();
    let p = small(NcfKind::NeuMf).with_epochs(3);
    let (a, b, c) = pool.install(|| {
        (
            p.fit(&m).unwrap(),
            p.fit(&m).unwrap(),
            p.clone().with_seed(4).fit(&m).unwrap(),
        )
    });
    assert_eq!(a.weights, b.weights);
    assert_ne!(a.weights, c.weights);
    let items: Vec<u32> = (0..40).collect();
    let (mut sa, mut sb) = (vec![0.0; 40], vec![0.0; 40]);
    a.score(5, &items, &mut sa);
    b.score(5, &items, &mut sb);
    assert_eq!(sa, sb);
}

#[test]
fn bad_parameters_are_typed_errors() {
    let m = groups();
    let bad = |p: NcfParams| match p.fit(&m) {
        Err(NcfError::Core(recsys_core::CoreError::InvalidParameter { name, .. })) => name,
        other => panic!("expected an invalid parameter, got {other:?}"),
    };
    assert_eq!(bad(small(NcfKind::Mlp).with_embedding(0)), "embedding");
    assert_eq!(
        bad(small(NcfKind::Gmf).with_gmf_embedding(0)),
        "gmf_embedding"
    );
    assert_eq!(bad(small(NcfKind::Mlp).with_layers(vec![])), "layers");
    assert_eq!(bad(small(NcfKind::Mlp).with_layers(vec![8, 0])), "layers");
    assert_eq!(bad(small(NcfKind::Mlp).with_lr(-0.01)), "lr");
    assert_eq!(bad(small(NcfKind::Mlp).with_lr(f64::NAN)), "lr");
    assert_eq!(bad(small(NcfKind::Mlp).with_batch(0)), "batch");
    assert_eq!(bad(small(NcfKind::Mlp).with_epochs(0)), "epochs");
    assert_eq!(bad(small(NcfKind::Mlp).with_negatives(0)), "negatives");
    assert_eq!(bad(small(NcfKind::Mlp).with_negatives(41)), "negatives");
    assert_eq!(bad(small(NcfKind::Mlp).with_patience(Some(2))), "patience");
    assert_eq!(bad(small(NcfKind::Mlp).with_pretrain(true)), "pretrain");
    let empty = InteractionsBuilder::new()
        .build(DuplicatePolicy::KeepLast)
        .unwrap();
    assert!(matches!(
        small(NcfKind::Gmf).fit(&empty),
        Err(NcfError::Core(recsys_core::CoreError::Empty(_)))
    ));
    // CUDA without the feature, or without a GPU, is an error, not a panic
    match small(NcfKind::Gmf)
        .with_device(Device::Cuda(0))
        .with_epochs(1)
        .fit(&m)
    {
        Err(NcfError::BackendUnavailable(msg)) => eprintln!("cuda: {msg}"),
        Ok(_) if cfg!(feature = "cuda") => {} // a GPU is present
        Ok(_) => panic!("trained on CUDA without the `cuda` feature"),
        Err(e) => panic!("expected BackendUnavailable, got {e:?}"),
    }
    let mut c = BTreeMap::new();
    c.insert("nope".to_string(), "1".to_string());
    assert!(NcfParams::from_config(NcfKind::Mlp, &c).is_err());
    c.clear();
    c.insert("layers".to_string(), "64-x".to_string());
    assert!(NcfParams::from_config(NcfKind::Mlp, &c).is_err());
    c.insert("layers".to_string(), "64-32".to_string());
    c.insert("activation".to_string(), "tanh".to_string());
    assert_eq!(
        NcfParams::from_config(NcfKind::Mlp, &c).unwrap().layers,
        vec![64, 32]
    );
}

#[test]
fn unknown_users_and_items_score_negative_infinity() {
    let m = groups();
    let model = small(NcfKind::Gmf).with_epochs(1).fit(&m).unwrap();
    let mut out = [0.0; 3];
    model.score(0, &[0, 40, u32::MAX], &mut out);
    assert!(out[0].is_finite());
    assert_eq!(out[1..], [f32::NEG_INFINITY; 2]);
    model.score(80, &[0, 1, 2], &mut out);
    assert_eq!(out, [f32::NEG_INFINITY; 3]);
    assert!(
        model
            .predict(0, 0)
            .is_some_and(|p| (0.0..=1.0).contains(&p))
    );
    assert!(model.predict(0, 40).is_none());
    let top = recsys_core::Recommender::recommend(&model, 0, 5, &m);
    assert_eq!(top.len(), 5);
    assert!(top.iter().all(|&(i, _)| !m.contains(0, i)));
}

#[test]
fn save_load_round_trip_and_corruption() {
    let m = groups();
    let dir = tempfile::tempdir().unwrap();
    for kind in [NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf] {
        let model = small(kind).with_epochs(2).fit(&m).unwrap();
        let path = dir.path().join(format!("{kind}.model"));
        model.save(&path, m.users(), m.items()).unwrap();
        let saved = NcfModel::load(&path).unwrap();
        assert_eq!(saved.model.weights, model.weights);
        assert_eq!(saved.model.params, model.params);
        assert_eq!(saved.model.curve.len(), 2);
        assert_eq!(saved.users.raw_ids(), m.users().raw_ids());
        // the registry's loader: the same scorer, with its curve, as a model that saves
        let r = ModelReader::load(&path, NcfModel::KIND).unwrap();
        let no_nesting =
            |_: &ModelReader| -> Result<Box<dyn Model>, BoxError> { Err("not nested".into()) };
        let loaded = (LOADERS[0].load)(&r, &no_nesting).unwrap();
        assert_eq!(loaded.model.learning_curve().len(), 2);
        assert!(loaded.model.as_save().is_some() && loaded.model.as_rating_predictor().is_none());
        assert_eq!(loaded.items.raw_ids(), m.items().raw_ids());
        let scorer = loaded.model.as_scorer().unwrap();
        let items: Vec<u32> = (0..40).collect();
        for u in [0, 17, 79] {
            let mut want = vec![0.0; 40];
            model.score(u, &items, &mut want);
            for s in [&saved.model as &dyn CandidateScorer, scorer] {
                let mut got = vec![0.0; 40];
                s.score(u, &items, &mut got);
                assert_eq!(got, want);
            }
        }
        let bytes = std::fs::read(&path).unwrap();
        let cut = dir.path().join("cut.model");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        assert!(NcfModel::load(&cut).is_err());
        let mut flipped = bytes.clone();
        let k = flipped.len() - 100;
        flipped[k] ^= 0x40;
        std::fs::write(&cut, &flipped).unwrap();
        assert!(NcfModel::load(&cut).is_err());
    }
    assert!(NcfModel::load(dir.path().join("missing.model")).is_err());
}

fn ints(v: &[u32]) -> Tensor<CpuBackend, 1, Int> {
    let d: Vec<i32> = v.iter().map(|&x| x as i32).collect();
    Tensor::from_data(TensorData::new(d, [v.len()]), &Default::default())
}

const USERS: [u32; 5] = [0, 3, 7, 7, 9];
const ITEMS: [u32; 5] = [1, 0, 5, 11, 2];

/// Checks that `net`'s burn forward pass and the CPU path of its exported weights compute the
/// same logits; returns the weights.
fn agree<N: NcfNetwork<CpuBackend>>(net: &N) -> NcfWeights {
    let burn: Vec<f32> = net
        .logits(ints(&USERS), ints(&ITEMS))
        .into_data()
        .to_vec()
        .unwrap();
    let w = net.export().unwrap();
    let mut s = w.scratch();
    for k in 0..USERS.len() {
        let cpu = w.logit(USERS[k] as usize, ITEMS[k] as usize, &mut s);
        assert!((cpu - burn[k]).abs() < 1e-4, "{cpu} vs {}", burn[k]);
    }
    // the blocked scorer gives `logit`'s values bit for bit, NEG_INFINITY out of range
    let all: Vec<u32> = (0..13).collect();
    for u in 0..10u32 {
        let mut out = vec![0.0; all.len()];
        w.logits_into(u, &all, &mut out);
        for (k, &i) in all.iter().enumerate() {
            let want = if i < 12 {
                w.logit(u as usize, i as usize, &mut s)
            } else {
                f32::NEG_INFINITY
            };
            assert_eq!(out[k].to_bits(), want.to_bits());
        }
    }
    w
}

/// The burn modules and the plain-weights CPU path compute the same logits.
#[test]
fn burn_forward_matches_the_cpu_scorer() {
    let dev = Default::default();
    agree(&GmfConfig::new(10, 12).init::<CpuBackend>(&dev));
    let mw = agree(
        &MlpConfig::new(10, 12)
            .with_layers(vec![12, 6])
            .init::<CpuBackend>(&dev),
    );
    let nw = agree(
        &NeuMfConfig::new(10, 12)
            .with_layers(vec![12, 6])
            .init::<CpuBackend>(&dev),
    );
    // import(export(x)) is x
    let back = NeuMf::<CpuBackend>::import(&nw, &dev).unwrap();
    assert_eq!(back.export().unwrap(), nw);
    // a NeuMF from pretrained towers mixes their logits by alpha
    let gw = GmfConfig::new(10, 12)
        .init::<CpuBackend>(&dev)
        .export()
        .unwrap();
    let fused = neumf_from_pretrained(&gw, &mw, 0.25).unwrap();
    let (mut s1, mut s2, mut s3) = (gw.scratch(), mw.scratch(), fused.scratch());
    for k in 0..USERS.len() {
        let (u, i) = (USERS[k] as usize, ITEMS[k] as usize);
        let want = 0.25 * gw.logit(u, i, &mut s1) + 0.75 * mw.logit(u, i, &mut s2);
        assert!((fused.logit(u, i, &mut s3) - want).abs() < 1e-4);
    }
    assert!(neumf_from_pretrained(&mw, &gw, 0.5).is_err());
}

#[test]
fn validation_curve_early_stopping_and_pretraining() {
    let m = groups();
    let p = small(NcfKind::NeuMf)
        .with_epochs(8)
        .with_validation_negatives(Some(20))
        .with_patience(Some(2))
        .with_pretrain(true);
    let mut seen = Vec::new();
    let model = fit_with(&p, &m, None, &mut |r| seen.push(r.clone())).unwrap();
    assert_eq!(seen, model.curve);
    assert!(!seen.is_empty() && seen.len() <= 8);
    for r in &seen {
        assert_eq!(r.validation.len(), 2);
        assert!(r.seconds >= 0.0 && r.loss.is_finite());
    }
    let best = seen
        .iter()
        .map(|r| r.validation[1].1)
        .fold(f64::MIN, f64::max);
    assert_eq!(seen[model.best_epoch - 1].validation[1].1, best);
    // pretrained towers start NeuMF well above chance
    assert!(seen[0].validation[0].1 > 0.7, "{:?}", seen[0]);
}

#[test]
fn registry_lists_the_three_networks_with_the_seed_settings() {
    let names: Vec<&str> = MODELS.iter().map(|e| e.name).collect();
    assert_eq!(names, ["ncf-mlp", "gmf", "neumf"]);
    for e in MODELS {
        let spec = (e.spec)();
        let kind: NcfKind = e.name.parse().unwrap();
        assert_eq!(spec.name(), e.name);
        assert_eq!(spec.params(), NcfParams::new(kind).params());
    }
    // every hyperparameter, as the text `from_config` reads
    let listed = NcfParams::default().params();
    for pair in [
        ("kind", "ncf-mlp"),
        ("layers", "64-128-64-32"),
        ("activation", "relu"),
        ("lr", "0.01"),
        ("patience", "none"),
        ("device", "cpu"),
    ] {
        assert!(
            listed.contains(&(pair.0.to_string(), pair.1.to_string())),
            "{pair:?} not in {listed:?}"
        );
    }
    assert_eq!(listed.len(), 15);
    let kinds: Vec<&str> = LOADERS.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [NcfModel::KIND]);
    assert_eq!(NcfModel::KIND, "ncf");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn params_then_from_config_round_trips(
        layers in prop::collection::vec(1usize..200, 1..5),
        emb in 1usize..64,
        lr in 1e-5f64..1.0,
        batch in 1usize..4096,
        neg in 1usize..10,
        kind in prop::sample::select(vec![NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf]),
    ) {
        let p = NcfParams::new(kind)
            .with_layers(layers)
            .with_embedding(emb)
            .with_gmf_embedding(emb + 1)
            .with_lr(lr)
            .with_batch(batch)
            .with_negatives(neg);
        let c: BTreeMap<String, String> = p.params().into_iter().collect();
        let q = NcfParams::from_config(kind, &c).unwrap();
        prop_assert_eq!(&q, &p); // the list holds every hyperparameter
        let keep = |x: &NcfParams| (x.kind, x.lr, x.batch, x.negatives, x.seed, x.epochs);
        prop_assert_eq!(keep(&q), keep(&p));
        if kind.has_mlp() {
            prop_assert_eq!(&q.layers, &p.layers);
            prop_assert_eq!(q.embedding, p.embedding);
        }
        if kind.has_gmf() {
            prop_assert_eq!(q.gmf_embedding, p.gmf_embedding);
        }
    }
}
