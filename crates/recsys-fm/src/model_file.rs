//! What the model files of this crate share (see [`recsys_core::persist`]): learning curves,
//! feature blocks and the id maps of the training data.

use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::EpochRecord;
use recsys_core::{IdMap, WrapsCore};

use crate::error::FmError;
use crate::features::{FeatureBlock, FeatureGroup};

/// An error naming the model file `r` and what is wrong with it.
pub(crate) fn bad_file(r: &ModelReader, what: impl std::fmt::Display) -> FmError {
    FmError::param("model file", format!("{}: {what}", r.path().display()))
}

/// A learning curve as `(loss, seconds)` pairs.
pub(crate) fn curve_json(curve: &[EpochRecord]) -> Vec<(f64, f64)> {
    curve.iter().map(|r| (r.loss, r.seconds)).collect()
}

/// The learning curve saved by [`curve_json`].
pub(crate) fn curve_of(r: &ModelReader) -> Result<Vec<EpochRecord>, FmError> {
    let pairs: Vec<(f64, f64)> = r.meta_field("curve")?;
    Ok(pairs
        .into_iter()
        .enumerate()
        .map(|(e, (loss, seconds))| EpochRecord {
            epoch: e + 1,
            loss,
            seconds,
            validation: Vec::new(),
        })
        .collect())
}

/// Adds `block` as the sections `{name}_indptr`, `{name}_indices`, `{name}_values`; its
/// groups go into the metadata (see [`groups_json`]).
pub(crate) fn write_block<'a>(
    w: &mut ModelWriter<'a>,
    name: &str,
    block: &'a FeatureBlock,
) -> Result<(), FmError> {
    let ptr: Vec<u64> = block.indptr.iter().map(|&p| p as u64).collect();
    w.section_u64(format!("{name}_indptr"), &[ptr.len() as u64], ptr)?;
    let nnz = block.indices.len() as u64;
    w.section_u32(format!("{name}_indices"), &[nnz], &block.indices[..])?;
    w.section_f32(format!("{name}_values"), &[nnz], &block.values[..])?;
    Ok(())
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

/// Checks that the id maps have `n_users` and `n_items` entries.
fn check_maps(users: &IdMap, items: &IdMap, n_users: usize, n_items: usize) -> Result<(), String> {
    if users.len() != n_users || items.len() != n_items {
        return Err(format!(
            "{} users × {} items in the id maps, the model has {n_users} × {n_items}",
            users.len(),
            items.len()
        ));
    }
    Ok(())
}

/// Adds the id maps, which must have one entry per user and item of the model.
pub(crate) fn write_maps<'a>(
    w: &mut ModelWriter<'a>,
    users: &'a IdMap,
    items: &'a IdMap,
    n_users: usize,
    n_items: usize,
) -> Result<(), FmError> {
    check_maps(users, items, n_users, n_items).map_err(|e| FmError::param("id maps", e))?;
    w.id_map("users", users)?;
    w.id_map("items", items)?;
    Ok(())
}

/// `model` with the id maps written by [`write_maps`].
pub(crate) fn with_maps<M>(
    r: &ModelReader,
    model: M,
    n_users: usize,
    n_items: usize,
) -> Result<Saved<M>, FmError> {
    let (users, items) = (r.id_map("users")?, r.id_map("items")?);
    check_maps(&users, &items, n_users, n_items).map_err(|e| bad_file(r, e))?;
    Ok(Saved {
        model,
        users,
        items,
    })
}
