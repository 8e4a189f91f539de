//! What the model files of this crate share beyond [`recsys_core::persist`]: the error naming a
//! file, and feature blocks with the id maps of their rows.

use recsys_core::persist::{ModelReader, ModelWriter, curve_meta, params_meta};
use recsys_core::traits::EpochRecord;
use recsys_core::{IdMap, WrapsCore};
use serde_json::{Map, Value};

use crate::error::FmError;
use crate::features::{FeatureBlock, FeatureGroup, UserItemFeatures};

/// An error naming the model file `r` and what is wrong with it.
pub(crate) fn bad_file(r: &ModelReader, what: impl std::fmt::Display) -> FmError {
    FmError::param("model file", format!("{}: {what}", r.path().display()))
}

/// Adds `block` as the sections `{name}_indptr`, `{name}_indices`, `{name}_values`; its
/// groups go into the metadata (see [`groups_json`]).
pub(crate) fn write_block<'a>(
    w: &mut ModelWriter<'a>,
    name: &str,
    block: &'a FeatureBlock,
) -> Result<(), FmError> {
    let ptr: Vec<u64> = block.indptr.iter().map(|&p| p as u64).collect();
    w.vector_u64(format!("{name}_indptr"), ptr)?;
    let nnz = block.indices.len() as u64;
    w.section_u32(format!("{name}_indices"), &[nnz], &block.indices[..])?;
    w.section_f32(format!("{name}_values"), &[nnz], &block.values[..])?;
    Ok(())
}

/// The metadata every model file of a feature model starts with: its hyperparameters
/// (`params`), its learning curve (`curve`, read back by [`ModelReader::curve`]) and the groups
/// of its user and item blocks (`user_groups`, `item_groups`, read back by [`read_features`]);
/// a model adds its own keys.
pub(crate) fn features_meta<P: serde::Serialize>(
    params: &P,
    curve: &[EpochRecord],
    features: &UserItemFeatures,
) -> Result<Map<String, Value>, FmError> {
    let mut meta = Map::new();
    meta.insert("params".into(), params_meta(params)?);
    meta.insert("curve".into(), curve_meta(curve));
    meta.insert("user_groups".into(), groups_json(&features.user));
    meta.insert("item_groups".into(), groups_json(&features.item));
    Ok(meta)
}

/// The groups of a block as JSON.
pub(crate) fn groups_json(block: &FeatureBlock) -> serde_json::Value {
    serde_json::to_value(block.groups()).unwrap_or(serde_json::Value::Null)
}

/// The block written by [`write_block`] with the groups of metadata field `{name}_groups`.
pub(crate) fn read_block(r: &ModelReader, name: &str) -> Result<FeatureBlock, FmError> {
    let groups: Vec<FeatureGroup> = r.meta_field(&format!("{name}_groups"))?;
    let ptr = r.u64(&format!("{name}_indptr"))?.1;
    let indices = r.u32(&format!("{name}_indices"))?.1;
    let values = r.f32(&format!("{name}_values"))?.1;
    let ptr = ptr
        .into_iter()
        .map(|p| usize::try_from(p).map_err(|_| bad_file(r, "row pointer overflows")))
        .collect::<Result<Vec<_>, _>>()?;
    FeatureBlock::from_parts(groups, ptr, indices, values)
        .map_err(|e| bad_file(r, format!("{name} block: {e}")))
}

/// Adds the user and item blocks of `features` ([`write_block`]) and the id maps of the
/// training data, one user and item row each.
pub(crate) fn write_features<'a>(
    w: &mut ModelWriter<'a>,
    features: &'a UserItemFeatures,
    users: &'a IdMap,
    items: &'a IdMap,
) -> Result<(), FmError> {
    write_block(w, "user", &features.user)?;
    write_block(w, "item", &features.item)?;
    let (nu, ni) = (features.user.n_rows(), features.item.n_rows());
    w.id_maps(users, items, Some(nu), ni)?;
    Ok(())
}

/// The user and item blocks written by [`write_features`].
pub(crate) fn read_features(r: &ModelReader) -> Result<UserItemFeatures, FmError> {
    UserItemFeatures::new(read_block(r, "user")?, read_block(r, "item")?)
}
