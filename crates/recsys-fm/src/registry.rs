//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]).

use recsys_core::traits::{ModelEntry, ModelLoader};

use crate::{Bfm, BfmParams, Bpr, BprParams, RankFm, RankFmParams};

/// The models of the crate: `bfm` (user and item ids, rank 10, 200 iterations), `bfm-implicit`
/// (plus the normalized implicit sets, 512 iterations), `bfm-implicit-long` (the same at rank 16,
/// 1024 iterations), `bfm-ordinal` (`bfm-implicit` as an ordered probit), `bpr` ([`BprParams::cornac`]) and
/// `fm-warp` ([`BprParams::warp`]: WARP on user and item ids), and the ranking FM over feature
/// rows ([`RankFmParams`], user and item ids by default): `lightfm-warp` and `fm-bpr`.
pub const MODELS: &[ModelEntry] = &[
    ModelEntry {
        name: BfmParams::NAME,
        spec: || Box::new(BfmParams::default()),
    },
    ModelEntry {
        name: BfmParams::NAME_IMPLICIT,
        spec: || Box::new(BfmParams::with_implicit_features()),
    },
    ModelEntry {
        name: BfmParams::NAME_IMPLICIT_LONG,
        spec: || Box::new(BfmParams::with_implicit_features_long()),
    },
    ModelEntry {
        name: BfmParams::NAME_ORDINAL,
        spec: || Box::new(BfmParams::with_implicit_ordinal()),
    },
    ModelEntry {
        name: BprParams::NAME,
        spec: || Box::new(BprParams::cornac()),
    },
    ModelEntry {
        name: BprParams::NAME_WARP,
        spec: || Box::new(BprParams::warp()),
    },
    ModelEntry {
        name: RankFmParams::NAME_WARP,
        spec: || Box::new(RankFmParams::warp()),
    },
    ModelEntry {
        name: RankFmParams::NAME_BPR,
        spec: || Box::new(RankFmParams::bpr()),
    },
];

/// The loaders of the crate's model files, by kind.
pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![
    Bfm => Bfm::into_model,
    Bpr => |m, _| m.into_model(),
    RankFm => |m, _| m.into_model(),
];
