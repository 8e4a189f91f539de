//! What the top-N models' files share: the id maps of the training data, checked against the
//! model's user and item counts.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};

use crate::NeighborsError;

/// Checks that the maps have `n_users` and `n_items` entries.
fn check(users: &IdMap, items: &IdMap, n_users: usize, n_items: usize) -> Result<(), String> {
    if users.len() != n_users || items.len() != n_items {
        return Err(format!(
            "{} users × {} items in the id maps, the model has {n_users} × {n_items}",
            users.len(),
            items.len()
        ));
    }
    Ok(())
}

/// Adds the id maps, which must match the model's user and item counts.
pub(crate) fn write_maps<'a>(
    w: &mut ModelWriter<'a>,
    users: &'a IdMap,
    items: &'a IdMap,
    n_users: usize,
    n_items: usize,
) -> Result<(), NeighborsError> {
    check(users, items, n_users, n_items).map_err(|r| NeighborsError::param("id maps", r))?;
    w.id_map("users", users)?;
    w.id_map("items", items)?;
    Ok(())
}

/// `model` with the id maps of the file, which must match its user and item counts.
pub(crate) fn with_maps<M>(
    r: &ModelReader,
    model: M,
    n_users: usize,
    n_items: usize,
) -> Result<Saved<M>, NeighborsError> {
    let (users, items) = (r.id_map("users")?, r.id_map("items")?);
    check(&users, &items, n_users, n_items).map_err(|reason| {
        NeighborsError::param("model file", format!("{}: {reason}", r.path().display()))
    })?;
    Ok(Saved {
        model,
        users,
        items,
    })
}

/// The hyperparameters as the file's metadata.
pub(crate) fn params_json<P: serde::Serialize>(p: &P) -> Result<serde_json::Value, NeighborsError> {
    let v = serde_json::to_value(p).map_err(|e| NeighborsError::param("params", e.to_string()))?;
    Ok(serde_json::json!({ "params": v }))
}
