//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]).

use recsys_core::traits::{ModelEntry, ModelLoader};

/// The models of the crate, in the order `compare` lists them.
pub const MODELS: &[ModelEntry] = &[
    // rating models (rating/)
    // top-N models (topn/)
];

/// The loaders of the crate's model files, by kind.
pub const LOADERS: &[ModelLoader] = &[
    // rating models (rating/)
    // top-N models (topn/)
];
