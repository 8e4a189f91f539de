//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]), each
//! model in the core's default [`Model`] wrapper.

use recsys_core::Model;
use recsys_core::persist::{ModelReader, Saved};
use recsys_core::traits::{BoxError, LoadNested, ModelEntry, ModelLoader, boxed_with};

use crate::{
    Als, AlsParams, Baseline, BaselineParams, FactorModel, Popularity, PopularityParams, SvdParams,
    SvdPpParams,
};

/// The models of the crate, in the order `compare` lists them: `baseline`, `popularity`,
/// `svd`, `svdpp` (Surprise's defaults) and `als` ([`AlsParams::tuned`]).
pub const MODELS: &[ModelEntry] = &[
    ModelEntry {
        name: BaselineParams::NAME,
        spec: || Box::new(BaselineParams::default()),
    },
    ModelEntry {
        name: PopularityParams::NAME,
        spec: || Box::new(PopularityParams),
    },
    ModelEntry {
        name: SvdParams::NAME,
        spec: || Box::new(SvdParams::default()),
    },
    ModelEntry {
        name: SvdPpParams::NAME,
        spec: || Box::new(SvdPpParams::default()),
    },
    ModelEntry {
        name: AlsParams::NAME,
        // alpha and regularization chosen on validation splits carved from training data (see
        // `AlsParams::tuned`); the rest are `implicit`'s settings
        spec: || Box::new(AlsParams::tuned()),
    },
];

/// The loaders of the crate's model files, by kind: SVD and SVD++ (both [`FactorModel`]),
/// baseline, popularity and ALS.
pub const LOADERS: &[ModelLoader] = &[
    ModelLoader {
        kind: FactorModel::KIND_SVD,
        load: load_factor_model,
    },
    ModelLoader {
        kind: FactorModel::KIND_SVDPP,
        load: load_factor_model,
    },
    ModelLoader {
        kind: Baseline::KIND,
        load: |r, _| Ok(boxed_with(Baseline::from_reader(r)?, Baseline::into_model)),
    },
    ModelLoader {
        kind: Popularity::KIND,
        load: |r, _| {
            Ok(boxed_with(Popularity::from_reader(r)?, |m, _| {
                m.into_model()
            }))
        },
    },
    ModelLoader {
        kind: Als::KIND,
        load: |r, _| Ok(boxed_with(Als::from_reader(r)?, |m, _| m.into_model())),
    },
];

/// Loads an SVD or SVD++ file (`FactorModel::from_reader` checks which).
fn load_factor_model(
    r: &ModelReader,
    _: LoadNested<'_>,
) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(boxed_with(
        FactorModel::from_reader(r)?,
        FactorModel::into_model,
    ))
}
