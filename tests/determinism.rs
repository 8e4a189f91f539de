//! The same seed gives the same model, run to run, for every model of the registry and the
//! content models: fitted twice on the same data, every score is bit-identical. Multi-threaded
//! fits (SVD's DSGD strata, ALS per user and item, evaluation) are deterministic for a fixed
//! thread count, which the test pool fixes.

use std::sync::Arc;

use recsys::core::{Interactions, ModelSpec};
use recsys::data::catalog::{Catalog, CatalogEntry, MovieDetails};
use recsys::hybrid::{CatalogContent, ContentFields};

#[allow(dead_code)]
mod common;

fn data() -> Interactions {
    common::patterned(40, 30)
}

fn content() -> Arc<CatalogContent> {
    let words = [
        "space", "ship", "cook", "soup", "river", "crime", "heist", "love",
    ];
    let entries = (0..30u64)
        .map(|i| CatalogEntry {
            movie_id: Some(i),
            title: format!("Movie {i}"),
            details: MovieDetails {
                overview: format!(
                    "{} {} {}",
                    words[i as usize % 8],
                    words[(i as usize / 2) % 8],
                    words[(i as usize * 3) % 8]
                ),
                vote_count: 10 + i as u32,
                vote_average: 5.0 + (i % 4) as f32,
                ..Default::default()
            },
            ..Default::default()
        })
        .collect();
    Arc::new(CatalogContent::fit(&Catalog::new(entries), ContentFields::SEED, 10).unwrap())
}

#[test]
fn every_model_is_deterministic_for_a_seed() {
    let train = data();
    let mut names: Vec<&str> = recsys::models::model_names();
    names.extend(recsys::models::content_model_names());
    let specs: Vec<Box<dyn ModelSpec>> =
        recsys::models::models_with_content(&names.join(","), Some(content())).unwrap();
    assert_eq!(specs.len(), names.len());
    for spec in &specs {
        let a = spec.fit_model(&train).unwrap();
        let b = spec.fit_model(&train).unwrap();
        let fa = common::outputs(a.as_ref(), &train);
        assert!(
            !fa.0.is_empty() || !fa.1.is_empty(),
            "{} exposes nothing to score",
            spec.name()
        );
        assert!(
            fa == common::outputs(b.as_ref(), &train),
            "{}: two fits with the same seed differ",
            spec.name()
        );
    }
}
