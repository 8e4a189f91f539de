//! The registry lists: names and specs with their serde-derived parameters, and every model
//! fitted through its spec, saved, and loaded back through the loader of its kind.

use recsys_core::persist::ModelReader;
use recsys_core::traits::{BoxError, param_list, save_model};
use recsys_core::{Interactions, Model};
use recsys_mf::registry::{LOADERS, MODELS};
use recsys_mf::{AlsParams, SvdParams, SvdPpParams};

#[path = "support/data.rs"]
mod data;

/// 8 users × 6 items, ratings 1..5.
fn train() -> Interactions {
    let triples: Vec<(u64, u64, f32)> = (0..8u64)
        .flat_map(|u| (0..6u64).map(move |i| (u, i)))
        .filter(|(u, i)| (u * 3 + i * 5) % 4 != 0)
        .map(|(u, i)| (u, i, 1.0 + ((u + 2 * i) % 5) as f32))
        .collect();
    data::ratings(&triples)
}

#[test]
fn names_and_specs_agree() {
    let names: Vec<&str> = MODELS.iter().map(|e| e.name).collect();
    assert_eq!(names, ["baseline", "popularity", "svd", "svdpp", "als"]);
    for e in MODELS {
        assert_eq!((e.spec)().name(), e.name);
    }
    let params = |name: &str| {
        let e = MODELS.iter().find(|e| e.name == name).unwrap();
        (e.spec)().params()
    };
    // every field of the hyperparameters, from serde: SVD's 17, SVD++'s flattened the same way
    assert_eq!(params("svd"), param_list(&SvdParams::default()));
    assert_eq!(params("svd").len(), 17);
    assert_eq!(params("svdpp"), param_list(&SvdPpParams::default()));
    assert!(params("svdpp").contains(&("factors".into(), "20".into())));
    assert_eq!(params("als"), param_list(&AlsParams::tuned()));
    assert!(params("als").contains(&("confidence".into(), "alpha*v".into())));
    assert!(params("popularity").is_empty());
    let kinds: Vec<&str> = LOADERS.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, ["svd", "svdpp", "baseline", "popularity", "als"]);
}

/// Every score of `m` over `train`'s index space, as bits.
fn scores(m: &dyn Model, train: &Interactions) -> Vec<u32> {
    let scorer = m.as_scorer().unwrap();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let mut out = vec![0.0f32; items.len()];
    let mut bits = Vec::new();
    for u in 0..train.n_users() as u32 {
        scorer.score(u, &items, &mut out);
        bits.extend(out.iter().map(|s| s.to_bits()));
    }
    bits
}

#[test]
fn every_model_round_trips_through_its_loader() {
    let train = train();
    let dir = tempfile::tempdir().unwrap();
    let no_nested = |_: &ModelReader| -> Result<Box<dyn Model>, BoxError> {
        Err("no nested models here".into())
    };
    for e in MODELS {
        let fitted = (e.spec)().fit_model(&train).unwrap();
        let path = dir.path().join(format!("{}.model", e.name));
        save_model(fitted.as_ref(), &path, train.users(), train.items()).unwrap();
        let r = ModelReader::load_any(&path).unwrap();
        let loader = LOADERS.iter().find(|l| l.kind == r.kind()).unwrap();
        let loaded = (loader.load)(&r, &no_nested).unwrap();
        let m = loaded.model.as_ref();
        assert_eq!(
            scores(m, &train),
            scores(fitted.as_ref(), &train),
            "{}",
            e.name
        );
        let rating = |m: &dyn Model| m.as_rating_predictor().is_some();
        assert_eq!(rating(m), rating(fitted.as_ref()), "{}", e.name);
        assert_eq!(
            m.learning_curve().len(),
            fitted.learning_curve().len(),
            "{}",
            e.name
        );
        assert!(m.as_save().is_some(), "{}", e.name);
        assert_eq!(&loaded.users, train.users());
        assert_eq!(&loaded.items, train.items());
    }
}
