//! What this crate contributes to the facade's registry: its three networks by name
//! ([`MODELS`], with the seed's settings of [`NcfParams::new`]) and the loader of its model
//! files ([`LOADERS`], kind [`NcfModel::KIND`]).

use recsys_core::persist::{ModelReader, Saved};
use recsys_core::traits::{BoxError, LoadNested, ModelEntry, ModelLoader, boxed};
use recsys_core::{Model, ModelSpec};

use crate::model::NcfModel;
use crate::params::{NcfKind, NcfParams};

/// The entry of `kind`'s network, named by [`NcfKind::name`], with [`NcfParams::new`]'s
/// settings.
macro_rules! entry {
    ($kind:expr) => {
        ModelEntry {
            name: $kind.name(),
            spec: || -> Box<dyn ModelSpec> { Box::new(NcfParams::new($kind)) },
        }
    };
}

/// The networks by registry name: `ncf-mlp`, `gmf`, `neumf`.
pub const MODELS: &[ModelEntry] = &[
    entry!(NcfKind::Mlp),
    entry!(NcfKind::Gmf),
    entry!(NcfKind::NeuMf),
];

/// The loader of [`NcfModel::KIND`] files: the model as [`NcfModel::into_model`] wraps it.
pub const LOADERS: &[ModelLoader] = &[ModelLoader {
    kind: NcfModel::KIND,
    load,
}];

fn load(r: &ModelReader, _nested: LoadNested<'_>) -> Result<Saved<Box<dyn Model>>, BoxError> {
    let s = NcfModel::from_reader(r)?;
    Ok(boxed(Saved {
        model: s.model.into_model(),
        users: s.users,
        items: s.items,
    }))
}
