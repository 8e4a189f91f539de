//! # recsys-testkit
//!
//! What the test suites of the workspace share, so that no crate's tests write it again: a
//! xorshift stream for deterministic test data ([`XorShift`]), small random rating matrices
//! ([`random_ratings`], [`two_groups`]) and the checks every model that folds users in must pass
//! ([`folds_in_exactly`], [`bad_histories_are_errors`]). A dev-dependency only (not published);
//! it depends on `recsys-core` alone, so every crate may use it without a new arrow between
//! crates.

#![warn(missing_docs)]

mod fold_in;
mod xorshift;

pub use fold_in::{bad_histories_are_errors, folds_in_exactly};
pub use xorshift::{XorShift, random_ratings, two_groups, two_groups_news};
