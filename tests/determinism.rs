//! The same seed gives the same model, run to run, for every model of the registry and the
//! content models: fitted twice on the same data, every score is bit-identical. Multi-threaded
//! fits (SVD's DSGD strata, ALS per user and item, evaluation) are deterministic for a fixed
//! thread count, which the test pool fixes.

use std::sync::Arc;

use recsys::core::{DuplicatePolicy, Interactions, InteractionsBuilder, Model, ModelSpec};
use recsys::data::catalog::{Catalog, CatalogEntry};
use recsys::hybrid::{CatalogContent, ContentFields};

fn data() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..40u64 {
        for i in 0..30u64 {
            if (u * 7 + i * 11) % 5 < 2 {
                let r = 1.0 + ((u * 3 + i) % 5) as f32;
                b.push(u, i, r, Some((u * 100 + i) as u32)).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn content() -> Arc<CatalogContent> {
    let words = [
        "space", "ship", "cook", "soup", "river", "crime", "heist", "love",
    ];
    let entries = (0..30u64)
        .map(|i| CatalogEntry {
            movie_id: Some(i),
            title: format!("Movie {i}"),
            overview: format!(
                "{} {} {}",
                words[i as usize % 8],
                words[(i as usize / 2) % 8],
                words[(i as usize * 3) % 8]
            ),
            vote_count: 10 + i as u32,
            vote_average: 5.0 + (i % 4) as f32,
            ..Default::default()
        })
        .collect();
    Arc::new(CatalogContent::fit(&Catalog::new(entries), ContentFields::SEED, 10).unwrap())
}

/// Every prediction and score of `m` over all users and items, as bits.
fn fingerprint(m: &dyn Model, train: &Interactions) -> Vec<u32> {
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let mut out = Vec::new();
    for u in 0..train.n_users() as u32 {
        if let Some(p) = m.as_rating_predictor() {
            out.extend(items.iter().map(|&i| p.predict(u, i).to_bits()));
        }
        if let Some(s) = m.as_scorer() {
            let mut scores = vec![0.0f32; items.len()];
            s.score(u, &items, &mut scores);
            out.extend(scores.iter().map(|x| x.to_bits()));
        }
    }
    out
}

#[test]
fn every_model_is_deterministic_for_a_seed() {
    let train = data();
    let mut names: Vec<&str> = recsys::models::model_names();
    names.extend_from_slice(recsys::models::CONTENT_MODEL_NAMES);
    let specs: Vec<Box<dyn ModelSpec>> =
        recsys::models::models_with_content(&names.join(","), Some(content())).unwrap();
    assert_eq!(specs.len(), names.len());
    for spec in &specs {
        let a = spec.fit_model(&train).unwrap();
        let b = spec.fit_model(&train).unwrap();
        let fa = fingerprint(a.as_ref(), &train);
        assert!(!fa.is_empty(), "{} exposes nothing to score", spec.name());
        assert!(
            fa == fingerprint(b.as_ref(), &train),
            "{}: two fits with the same seed differ",
            spec.name()
        );
    }
}
