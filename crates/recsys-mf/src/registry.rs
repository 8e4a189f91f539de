//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]), each
//! model in the core's default [`Model`](recsys_core::Model) wrapper.

use recsys_core::traits::{ModelEntry, ModelLoader};

use crate::{
    Als, AlsParams, Baseline, BaselineParams, FactorModel, Popularity, PopularityParams, SvdParams,
    SvdPpParams,
};

/// The models of the crate, in the order `compare` lists them: `baseline`, `popularity`,
/// `svd`, `svdpp` (Surprise's defaults) and `als` ([`AlsParams::tuned`]).
pub const MODELS: &[ModelEntry] = recsys_core::model_entries![
    BaselineParams::NAME => BaselineParams::default(),
    PopularityParams::NAME => PopularityParams,
    SvdParams::NAME => SvdParams::default(),
    SvdPpParams::NAME => SvdPpParams::default(),
    // alpha and regularization chosen on validation splits carved from training data (see
    // `AlsParams::tuned`); the rest are `implicit`'s settings
    AlsParams::NAME => AlsParams::tuned(),
];

/// The loaders of the crate's model files, by kind: SVD and SVD++ (both [`FactorModel`]),
/// baseline, popularity and ALS.
pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![
    FactorModel as FactorModel::KIND_SVD => FactorModel::into_model,
    FactorModel as FactorModel::KIND_SVDPP => FactorModel::into_model,
    Baseline => Baseline::into_model,
    Popularity => |m, _| m.into_model(),
    Als => |m, _| m.into_model(),
];
