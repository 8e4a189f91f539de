//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]), each
//! model in the core's default [`Model`] wrapper.

use recsys_core::Model;
use recsys_core::persist::{ModelReader, Saved};
use recsys_core::traits::{BoxError, LoadNested, ModelEntry, ModelLoader, boxed};

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
        load: |r, _| Ok(wrapped(Baseline::from_reader(r)?, Baseline::into_model)),
    },
    ModelLoader {
        kind: Popularity::KIND,
        load: |r, _| Ok(wrapped(Popularity::from_reader(r)?, |m, _| m.into_model())),
    },
    ModelLoader {
        kind: Als::KIND,
        load: |r, _| Ok(wrapped(Als::from_reader(r)?, |m, _| m.into_model())),
    },
];

/// Loads an SVD or SVD++ file (`FactorModel::from_reader` checks which).
fn load_factor_model(
    r: &ModelReader,
    _: LoadNested<'_>,
) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(wrapped(
        FactorModel::from_reader(r)?,
        FactorModel::into_model,
    ))
}

/// The loaded `saved` with its model wrapped by `wrap` (given the number of items) and boxed.
fn wrapped<M, W: Model + 'static>(
    saved: Saved<M>,
    wrap: impl FnOnce(M, usize) -> W,
) -> Saved<Box<dyn Model>> {
    let n_items = saved.items.len();
    boxed(Saved {
        model: wrap(saved.model, n_items),
        users: saved.users,
        items: saved.items,
    })
}
