//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]).

use recsys_core::traits::{ModelEntry, ModelLoader};

use crate::topn::{
    Ease, EaseParams, ItemKnn, ItemKnnParams, Rp3Beta, Rp3BetaParams, Slim, SlimParams, UserKnn,
    UserKnnParams,
};

use crate::rating::{
    KnnBaseline, KnnBaselineParams, KnnBasic, KnnBasicParams, KnnMeans, KnnMeansParams,
};

/// The models of the crate, in the order `compare` lists them.
pub const MODELS: &[ModelEntry] = recsys_core::model_entries![
    // rating models (rating/): Surprise's defaults; knn-baseline item-based pearson_baseline
    KnnBasicParams::NAME => KnnBasicParams::default(),
    KnnMeansParams::NAME => KnnMeansParams::default(),
    KnnBaselineParams::NAME => KnnBaselineParams::item_pearson_baseline(),
    // top-N models (topn/): hyperparameters chosen on validation splits of training data
    ItemKnnParams::NAME => ItemKnnParams::default(),
    UserKnnParams::NAME => UserKnnParams::default(),
    EaseParams::NAME => EaseParams::default(),
    Rp3BetaParams::NAME => Rp3BetaParams::default(),
    SlimParams::NAME => SlimParams::default(),
];

/// The loaders of the crate's model files, by kind.
pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![
    // rating models (rating/)
    KnnBasic => KnnBasic::into_model,
    KnnMeans => KnnMeans::into_model,
    KnnBaseline => KnnBaseline::into_model,
    // top-N models (topn/)
    ItemKnn => |m, _| m.into_model(),
    UserKnn => |m, _| m.into_model(),
    Ease => |m, _| m.into_model(),
    Rp3Beta => |m, _| m.into_model(),
    Slim => |m, _| m.into_model(),
];
