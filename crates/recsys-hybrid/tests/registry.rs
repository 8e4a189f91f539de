//! The crate's registry: the content models by name, their serde hyperparameters, and their model
//! files written by the models and read back through [`LOADERS`], the hybrid's collaborative
//! model through the nested loader.

mod common;

use std::sync::Arc;

use common::{catalog_content, cf_spec, item_content, ratings};
use recsys_core::persist::ModelReader;
use recsys_core::traits::{BoxError, Model, ModelSpec, SaveModel};
use recsys_core::{Interactions, RatingPredictor};
use recsys_hybrid::registry::{CONTENT_MODELS, LOADERS, content_spec};
use recsys_hybrid::{
    ContentKnn, ContentKnnParams, ContentKnnSpec, ContentProfile, Hybrid, HybridError,
    HybridParams, WarmStart,
};

/// Every user rates the space movies high and the cooking movies low, with some gaps.
fn train() -> Interactions {
    let mut rows = Vec::new();
    for u in 0..30u64 {
        for (i, r) in [(1, 5.0), (2, 4.0), (3, 5.0), (4, 1.0), (5, 2.0), (6, 3.0)] {
            if (u + i) % 4 != 0 {
                rows.push((u, i, r));
            }
        }
    }
    ratings(&rows)
}

/// `content-knn` as the collaborative part: a rating model that saves, so the hybrid saves too.
fn saving_cf() -> Arc<dyn ModelSpec> {
    Arc::new(ContentKnnSpec {
        content: Arc::new(catalog_content()),
        params: ContentKnnParams::default(),
    })
}

/// Reads a model file of any of this crate's kinds: the registry's dispatch over [`LOADERS`].
fn load(r: &ModelReader) -> Result<Box<dyn Model>, BoxError> {
    let loader = LOADERS
        .iter()
        .find(|l| l.kind == r.kind())
        .ok_or("unknown kind")?;
    Ok((loader.load)(r, &load)?.model)
}

/// The model file of `m`, fitted on `train`, as read back from its bytes.
fn file(m: &dyn SaveModel, train: &Interactions) -> ModelReader {
    let w = m.model_writer(train.users(), train.items()).unwrap();
    ModelReader::from_bytes(w.to_bytes().unwrap(), "model", None).unwrap()
}

/// Every prediction and score of `m` for the users and items of `train`.
fn outputs(m: &dyn Model, train: &Interactions) -> (Vec<f32>, Vec<f32>) {
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let (mut predictions, mut scores) = (Vec::new(), Vec::new());
    for u in 0..train.n_users() as u32 {
        if let Some(p) = m.as_rating_predictor() {
            predictions.extend(items.iter().map(|&i| p.predict(u, i)));
        }
        let mut s = vec![0.0; items.len()];
        m.as_scorer().unwrap().score(u, &items, &mut s);
        scores.extend(s);
    }
    (predictions, scores)
}

#[test]
fn content_specs_by_name() {
    let content = Arc::new(catalog_content());
    let train = train();
    for name in CONTENT_MODELS.iter().map(|e| e.name) {
        let spec = content_spec(name, Arc::clone(&content), cf_spec()).unwrap();
        assert_eq!(spec.name(), name);
        let m = spec.fit_model(&train).unwrap();
        assert!(m.as_scorer().is_some(), "{name}");
        // content-profile and warm-start rank only; the others predict ratings too
        assert_eq!(
            m.as_rating_predictor().is_some(),
            !matches!(name, "content-profile" | "warm-start")
        );
    }
    // the models that build on a collaborative model name the registry's
    let cf = |e: &recsys_hybrid::registry::ContentModelEntry| (e.name, e.cf);
    assert_eq!(
        CONTENT_MODELS.iter().map(cf).collect::<Vec<_>>(),
        [
            ("content-knn", None),
            ("content-profile", None),
            ("hybrid", Some("svdpp")),
            ("warm-start", Some("als"))
        ]
    );
    // without it they cannot be built
    let Err(e) = (CONTENT_MODELS[2].spec)(Arc::clone(&content), None) else {
        panic!("the hybrid was built without its collaborative model");
    };
    assert!(e.to_string().contains("collaborative"), "{e}");
    assert!(matches!(
        content_spec("svd", content, cf_spec()),
        Err(HybridError::Core(
            recsys_core::CoreError::InvalidParameter { .. }
        ))
    ));
}

#[test]
fn params_come_from_serde() {
    let content = Arc::new(catalog_content());
    let list = |name: &str| {
        content_spec(name, Arc::clone(&content), cf_spec())
            .unwrap()
            .params()
    };
    let pairs = |l: &[(String, String)]| -> Vec<(String, String)> { l.to_vec() };
    let s = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(
        list("content-knn"),
        [s("k", "40"), s("shrink", "0.1"), s("content_prior", "true")]
    );
    assert!(list("content-profile").is_empty());
    // the hybrid: its collaborative spec, its own settings with the content predictor's
    // inlined, then the collaborative spec's own, prefixed (none here)
    let hybrid = list("hybrid");
    assert_eq!(
        pairs(&hybrid[..5]),
        [
            s("cf", "by-item-id"),
            s("k", "40"),
            s("shrink", "0.1"),
            s("content_prior", "true"),
            s("beta_item", "[0.0,1.0,2.0,5.0,10.0,20.0,50.0,100.0,200.0]"),
        ]
    );
    assert!(hybrid.contains(&s("validation", "0.1")));
    // ∞ survives a serde round trip
    let p = HybridParams {
        beta_item: vec![0.0, f64::INFINITY],
        ..HybridParams::default()
    };
    let text = serde_json::to_string(&p).unwrap();
    assert!(text.contains(r#""beta_item":[0.0,"inf"]"#), "{text}");
    assert_eq!(serde_json::from_str::<HybridParams>(&text).unwrap(), p);
}

#[test]
fn models_save_and_load_through_the_loaders() {
    assert_eq!(
        LOADERS.iter().map(|l| l.kind).collect::<Vec<_>>(),
        [
            ContentKnn::KIND,
            ContentProfile::KIND,
            Hybrid::KIND,
            WarmStart::KIND
        ]
    );
    let content = Arc::new(catalog_content());
    let train = train();
    for (name, kind) in CONTENT_MODELS.iter().map(|e| e.name).zip([
        ContentKnn::KIND,
        ContentProfile::KIND,
        Hybrid::KIND,
        WarmStart::KIND,
    ]) {
        let m = content_spec(name, Arc::clone(&content), saving_cf())
            .unwrap()
            .fit_model(&train)
            .unwrap();
        let r = file(m.as_save().unwrap(), &train);
        assert_eq!(r.kind(), kind);
        let loaded = load(&r).unwrap();
        assert_eq!(
            outputs(loaded.as_ref(), &train),
            outputs(m.as_ref(), &train)
        );
    }
    // the hyperparameters are serde data in the metadata
    let knn = ContentKnnParams {
        k: 7,
        ..ContentKnnParams::default()
    };
    let model = knn.fit(&train, item_content(&train)).unwrap();
    let r = file(&model, &train);
    assert_eq!(r.meta_field::<ContentKnnParams>("params").unwrap(), knn);
    let back = ContentKnn::from_reader(&r).unwrap().model;
    assert_eq!(back.params(), &knn);
    assert_eq!(back.predict(0, 3), model.predict(0, 3));
}
