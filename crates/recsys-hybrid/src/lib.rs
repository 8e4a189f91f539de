//! # recsys-hybrid
//!
//! Popularity-aware and content-based ranking over a movie catalog, and hybrids that re-rank
//! content candidates with any rating model through the traits of `recsys-data`.
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

pub mod weighted;

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
    /// An error from the data layer.
    #[error(transparent)]
    Data(#[from] recsys_data::DataError),
}
