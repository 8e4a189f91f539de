//! Hybrids of content and collaborative filtering.
//!
//! - [`seed_hybrid`]: the seed's hybrid — for a user and a movie they liked, the `pool` most
//!   content-similar movies the user has not rated, re-ranked by the user's predicted rating from
//!   any [`RatingPredictor`].
//! - [`ContentKnn`]: a content-based rating predictor (item-item k-nearest neighbours over TF-IDF
//!   cosine, on top of damped baseline biases). It predicts for items nobody has rated yet.
//! - [`ContentProfile`]: a user-profile scorer — the user's rated movies' TF-IDF rows weighted by
//!   how much the user liked them, scored by dot product with each candidate's row.
//! - [`Hybrid`]: a collaborative model blended with [`ContentKnn`], switching toward content for
//!   items and users with few ratings:
//!
//!   `r̂(u, i) = α·r̂_cf(u, i) + (1 − α)·r̂_content(u, i)`, with
//!   `α = (γ + (1 − γ)·n_i / (n_i + β_item)) · n_u / (n_u + β_user)`,
//!
//!   where `n_i` and `n_u` are the item's and the user's training ratings and `γ` is the
//!   collaborative weight left for an item nobody has rated. `β_item`, `β_user` and `γ` are chosen
//!   by [`HybridSpec`] on a validation split carved from the training data only.
//! - [`WarmStart`]: a collaborative ranking model that also ranks movies nobody has rated yet,
//!   from their content neighbours' scores or from the weighted-rating prior (the WR chart).
//!
//! The content models share the catalog's content ([`CatalogContent`], restricted to the items of
//! one training set as [`ItemContent`]); their specs ([`ContentSpec`]s: [`ContentKnnSpec`],
//! [`ContentProfileSpec`]; and [`HybridSpec`]) hold it with their serde settings. As [`Model`]s they are `recsys-core`'s
//! [`RatingModel`](recsys_core::traits::RatingModel) (content-knn, hybrid) and
//! [`ScorerModel`](recsys_core::traits::ScorerModel) (content-profile), each saving itself in a
//! model file of its `KIND` ([`ContentKnn::KIND`], [`ContentProfile::KIND`], [`Hybrid::KIND`]).
//!
//! Everything reaches the collaborative model through `recsys-core`'s traits
//! ([`ModelSpec`], [`Model`], [`RatingPredictor`]); no model crate is named.
//!
//! [`ModelSpec`]: recsys_core::ModelSpec
//! [`Model`]: recsys_core::Model
//! [`RatingPredictor`]: recsys_core::RatingPredictor

mod biases;
mod blend;
mod blend_fold_in;
mod blend_spec;
mod content_fold_in;
mod content_knn;
mod content_profile;
mod content_spec;
mod item_content;
mod persist;
mod seed;
mod warm_start;
mod warm_start_fold_in;
mod warm_start_persist;
mod warm_start_spec;
mod with_cf;

pub use blend::Hybrid;
pub use blend_spec::{HybridParams, HybridSpec};
pub use content_knn::{ContentKnn, ContentKnnParams, ContentKnnSpec};
pub use content_profile::{ContentProfile, ContentProfileParams, ContentProfileSpec};
pub use content_spec::{ContentModelParams, ContentSpec};
pub use item_content::{CatalogContent, ContentFields, ItemContent};
pub use seed::{HybridItem, seed_hybrid};
pub use warm_start::{ColdScore, WarmStart, WarmStartParams};
pub use warm_start_spec::WarmStartSpec;
