//! Leakage-free splits of an [`Interactions`] matrix into training and test parts sharing one
//! index space.

use crate::interactions::Interactions;

/// A training and a test part over the same index space.
#[derive(Debug, Clone)]
pub struct Split {
    /// Training ratings.
    pub train: Interactions,
    /// Held-out ratings.
    pub test: Interactions,
}
