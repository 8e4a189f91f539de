//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]), those built over side features ([`SIDE_MODELS`]) and the
//! loaders of its model files by kind ([`LOADERS`]).

use recsys_core::traits::{ModelEntry, ModelLoader, SideModelEntry};

use crate::{Bfm, BfmParams, Bpr, BprParams, RankFm, RankFmParams, SideSpec};

/// The models of the crate: `bfm` (user and item ids, rank 10, 200 iterations), `bfm-implicit`
/// (plus the normalized implicit sets, 512 iterations), `bfm-implicit-long` (the same at rank 16,
/// 1024 iterations), `bfm-ordinal` (`bfm-implicit` as an ordered probit), `bfm-rank` (`bfm` as a
/// one-class ranker, [`BfmParams::negatives`]), `bpr` ([`BprParams::cornac`]) and
/// `fm-warp` ([`BprParams::warp`]: WARP on user and item ids), and the ranking FM over feature
/// rows ([`RankFmParams`], user and item ids by default): `lightfm-warp` and `fm-bpr`.
pub const MODELS: &[ModelEntry] = recsys_core::model_entries![
    BfmParams::NAME => BfmParams::default(),
    BfmParams::NAME_IMPLICIT => BfmParams::with_implicit_features(),
    BfmParams::NAME_IMPLICIT_LONG => BfmParams::with_implicit_features_long(),
    BfmParams::NAME_ORDINAL => BfmParams::with_implicit_ordinal(),
    BfmParams::NAME_RANK => BfmParams::ranking(),
    BprParams::NAME => BprParams::cornac(),
    BprParams::NAME_WARP => BprParams::warp(),
    RankFmParams::NAME_WARP => RankFmParams::warp(),
    RankFmParams::NAME_BPR => RankFmParams::bpr(),
];

/// The crate's models over side features ([`SideSpec`]): over the catalog's movie features,
/// `bfm-content` ([`SideSpec::bfm`]), `bfm-content-rank` ([`SideSpec::bfm_content_rank`]) and
/// `fm-warp-content` ([`SideSpec::warp`]); over a dataset's user and item columns, `bfm-side`
/// ([`SideSpec::bfm_side`]) and `bfm-side-date` ([`SideSpec::bfm_side_date`]).
pub const SIDE_MODELS: &[SideModelEntry] = &[
    SideModelEntry::catalog(BFM_CONTENT, |_, item| Box::new(SideSpec::bfm(item))),
    SideModelEntry::catalog(BFM_CONTENT_RANK, |_, i| {
        Box::new(SideSpec::bfm_content_rank(i))
    }),
    SideModelEntry::catalog(WARP_CONTENT, |_, item| Box::new(SideSpec::warp(item))),
    SideModelEntry::dataset_columns(BFM_SIDE, |u, i| Box::new(SideSpec::bfm_side(u, i))),
    SideModelEntry::dataset_columns(BFM_SIDE_DATE, |u, i| {
        Box::new(SideSpec::bfm_side_date(u, i))
    }),
];

const BFM_CONTENT: &str = SideSpec::<BfmParams>::BFM_CONTENT;
const BFM_CONTENT_RANK: &str = SideSpec::<BfmParams>::BFM_CONTENT_RANK;
const WARP_CONTENT: &str = SideSpec::<RankFmParams>::WARP_CONTENT;
const BFM_SIDE: &str = SideSpec::<BfmParams>::BFM_SIDE;
const BFM_SIDE_DATE: &str = SideSpec::<BfmParams>::BFM_SIDE_DATE;

/// The loaders of the crate's model files, by kind.
pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![
    Bfm => Bfm::into_model,
    Bpr => |m, _| m.into_model(),
    RankFm => |m, _| m.into_model(),
];
