//! # recsys-neighbors
//!
//! Neighbourhood and linear item models, the field's strong simple baselines:
//! Surprise-style k-NN for rating prediction (module [`rating`]) and item/user k-NN, EASE,
//! RP3beta and SLIM for top-N recommendation on implicit data (module [`topn`]). Every model
//! implements the traits of `recsys-core`, saves itself in the core's model-file format and is
//! listed in [`registry`].
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod error;

pub mod rating;
pub mod registry;
pub mod topn;

pub use error::NeighborsError;
