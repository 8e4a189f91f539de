//! [`NeighborsError`], the one error type of the neighbourhood crate.

/// Errors of the neighbourhood crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NeighborsError {
    /// A dense item–item matrix that would not fit in memory (EASE): the item count and the
    /// bytes it would take.
    #[error(
        "{items} items need a dense {items}×{items} matrix of {bytes} bytes, over the limit of {limit} bytes"
    )]
    TooLarge {
        /// The number of items.
        items: usize,
        /// The bytes the dense matrix would take.
        bytes: u64,
        /// The limit it was checked against.
        limit: u64,
    },
    /// A linear-algebra routine failed (a singular or non-positive-definite matrix).
    #[error("linear algebra: {0}")]
    Linalg(String),
    /// An error of the shared vocabulary (ids, parameters, model files).
    #[error(transparent)]
    Core(#[from] recsys_core::CoreError),
}
