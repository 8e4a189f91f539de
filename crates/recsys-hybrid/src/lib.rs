//! # recsys-hybrid
//!
//! Popularity-aware and content-based ranking over a movie catalog, and hybrids that re-rank
//! content candidates with any rating model through the traits of `recsys-data`.
//!
//! - [`weighted`]: the IMDB weighted rating; [`chart`](mod@chart): its charts over a catalog,
//!   whole or per genre;
//! - [`title`]: [`TitleIndex`], forgiving title lookup with suggestions for unknown titles;
//! - [`content`]: the seed's content-based recommender (TF-IDF neighbours re-ranked by WR);
//! - [`hybrid`](mod@hybrid): the seed's hybrid ([`seed_hybrid`]), a content rating predictor, a
//!   user-profile scorer and a collaborative/content blend tuned on validation data.
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
pub mod hybrid;
pub mod soup;
pub mod title;
pub mod weighted;

pub use chart::{Chart, ChartRow, chart, chart_by_genre};
pub use content::{ContentItem, ContentParams, ContentRecommender};
pub use hybrid::{
    CatalogContent, ContentFields, ContentKnn, ContentKnnParams, ContentProfile, Hybrid,
    HybridParams, HybridSpec, ItemContent, seed_hybrid,
};
pub use title::TitleIndex;
pub use weighted::WeightedRating;

/// Errors of the hybrid crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HybridError {
    /// A parameter outside its valid range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
    /// No usable data.
    #[error("empty input: {0}")]
    Empty(&'static str),
    /// No movie of the catalog has a title matching `query`.
    #[error("unknown title `{query}`{}", did_you_mean(suggestions))]
    UnknownTitle {
        /// The query as given.
        query: String,
        /// The closest titles of the catalog, `"Title (year)"`, closest first (may be empty).
        suggestions: Vec<String>,
    },
    /// No movie of the catalog lists the genre.
    #[error("unknown genre `{genre}`; the catalog's genres: {}", known.join(", "))]
    UnknownGenre {
        /// The genre as given.
        genre: String,
        /// The catalog's genres, sorted.
        known: Vec<String>,
    },
    /// An error from the text layer.
    #[error(transparent)]
    Text(#[from] recsys_text::TextError),
    /// An error of the shared vocabulary (ids, splits, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
    /// An error from the data layer (finding and reading datasets).
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}
