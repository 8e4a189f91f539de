//! What this crate contributes to the facade's registry: its three networks by name
//! ([`MODELS`], with the seed's settings of [`NcfParams::new`]) and the loader of its model
//! files ([`LOADERS`], kind [`NcfModel::KIND`]).

use recsys_core::traits::{ModelEntry, ModelLoader};

use crate::model::NcfModel;
use crate::params::{NcfKind, NcfParams};

/// The networks by registry name ([`NcfKind::name`]) with [`NcfParams::new`]'s settings:
/// `ncf-mlp`, `gmf`, `neumf`.
pub const MODELS: &[ModelEntry] = recsys_core::model_entries![
    NcfKind::Mlp.name() => NcfParams::new(NcfKind::Mlp),
    NcfKind::Gmf.name() => NcfParams::new(NcfKind::Gmf),
    NcfKind::NeuMf.name() => NcfParams::new(NcfKind::NeuMf),
];

/// The loader of [`NcfModel::KIND`] files: the model as [`NcfModel::into_model`] wraps it.
pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![NcfModel => |m, _| m.into_model()];
