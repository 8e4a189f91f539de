//! # recsys-hybrid
//!
//! Popularity-aware and content-based ranking over a movie catalog, and hybrids that re-rank
//! content candidates with any rating model through the traits of `recsys-core`.
//!
//! - [`weighted`]: the IMDB weighted rating; [`chart`](mod@chart): its charts over a catalog,
//!   whole or per genre;
//! - [`title`]: [`TitleIndex`], forgiving title lookup with suggestions for unknown titles;
//! - [`content`]: the seed's content-based recommender (TF-IDF neighbours re-ranked by WR);
//! - [`hybrid`](mod@hybrid): the seed's hybrid ([`seed_hybrid`]), a content rating predictor, a
//!   user-profile scorer and a collaborative/content blend tuned on validation data;
//! - [`registry`]: the content models by name and the loaders of their model files, for the
//!   facade's registry.
//!
//! ```
//! use recsys_hybrid::WeightedRating;
//! // three movies: (vote count, vote average)
//! let votes = [(10.0, 9.0), (1000.0, 8.0), (100.0, 6.0)];
//! let wr = WeightedRating::fit(&votes, 0.6)?;
//! // the well-voted 8.0 beats the barely-voted 9.0
//! assert!(wr.score(1000.0, 8.0) > wr.score(10.0, 9.0));
//! # Ok::<(), recsys_hybrid::HybridError>(())
//! ```
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod chart;
pub mod content;
pub mod error;
pub mod hybrid;
pub mod registry;
pub mod soup;
pub mod title;
pub mod weighted;

pub use chart::{Chart, ChartRow, chart, chart_by_genre};
pub use content::{ContentItem, ContentParams, ContentRecommender};
pub use error::HybridError;
pub use hybrid::{
    CatalogContent, ColdScore, ContentFields, ContentKnn, ContentKnnParams, ContentKnnSpec,
    ContentModelParams, ContentProfile, ContentProfileParams, ContentProfileSpec, ContentSpec,
    Hybrid, HybridItem, HybridParams, HybridSpec, ItemContent, WarmStart, WarmStartParams,
    WarmStartSpec, seed_hybrid,
};
pub use title::TitleIndex;
pub use weighted::WeightedRating;
