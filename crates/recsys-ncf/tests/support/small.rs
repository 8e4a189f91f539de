//! The small networks of the fold-in and partial-fit tests (`tests/fold_in.rs` and
//! `tests/partial_fit.rs` include this file as a module).

use recsys_ncf::{NcfKind, NcfParams};

/// A `kind` network with 8-wide embeddings, towers 16 → 8 and batches of 64.
pub fn small(kind: NcfKind) -> NcfParams {
    NcfParams::new(kind)
        .with_embedding(8)
        .with_gmf_embedding(8)
        .with_layers(vec![16, 8])
        .with_batch(64)
}
