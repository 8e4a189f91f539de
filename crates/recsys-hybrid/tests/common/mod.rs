//! What the integration tests share: a small hand-made catalog, its content and ratings.

#![allow(dead_code)] // each test crate uses its part

use std::sync::Arc;

use recsys_core::traits::{BoxError, FnSpec, Model, ModelSpec, RatingModel};
use recsys_core::{Interactions, RatingPredictor};
use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
use recsys_hybrid::{CatalogContent, ContentRecommender, ItemContent};

/// Six movies: three about space, three about cooking; movie 6 shares no word with the others.
pub fn catalog() -> Catalog {
    let m = |id: u64, title: &str, overview: &str| CatalogEntry {
        movie_id: Some(id),
        title: title.into(),
        details: MovieDetails {
            overview: overview.into(),
            vote_count: 100,
            vote_average: 7.0,
            ..Default::default()
        },
        ..Default::default()
    };
    Catalog::new(vec![
        m(
            1,
            "Star Voyage",
            "astronauts explore distant galaxy spaceship",
        ),
        m(2, "Galaxy Quest Returns", "spaceship crew explore galaxy"),
        m(3, "Moon Base", "astronauts build base moon spaceship"),
        m(4, "Kitchen Wars", "chefs compete restaurant kitchen"),
        m(5, "Soup Masters", "chefs cook soup restaurant"),
        m(6, "Silent River", "fisherman waits"),
    ])
}

pub fn ratings(rows: &[(u64, u64, f32)]) -> Interactions {
    Interactions::from_ratings(rows.iter().copied()).unwrap()
}

/// The content of [`catalog`]: each movie's 5 most similar movies.
pub fn catalog_content() -> CatalogContent {
    let cat = catalog();
    let rec = ContentRecommender::fit(&cat).unwrap();
    CatalogContent::from_recommender(&rec, &cat, 5).unwrap()
}

/// [`catalog_content`] for the items of `train`.
pub fn item_content(train: &Interactions) -> Arc<ItemContent> {
    Arc::new(catalog_content().for_items(train.items()))
}

/// Predicts the raw item id as the rating, whatever the user: a transparent stand-in for a
/// collaborative model.
pub struct ByItemId(pub Interactions);

impl RatingPredictor for ByItemId {
    fn predict(&self, _user: u32, item: u32) -> f32 {
        self.0.items().raw(item).map_or(0.0, |r| r as f32)
    }
}

/// A collaborative stand-in that predicts the raw item id ([`ByItemId`]); it does not save.
pub fn cf_spec() -> Arc<dyn ModelSpec> {
    Arc::new(FnSpec::new(
        "by-item-id",
        vec![],
        |train: &Interactions| -> Result<Box<dyn Model>, BoxError> {
            Ok(Box::new(RatingModel::new(
                ByItemId(train.clone()),
                train.n_items(),
            )))
        },
    ))
}
