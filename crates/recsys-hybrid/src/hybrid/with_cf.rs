//! What the specs and files of the models built over a collaborative model share (the hybrid and
//! the warm start): the parameter list with the collaborative model's own as `cf.KEY`, setting
//! one of them, and the collaborative model's file nested in theirs.

use std::sync::Arc;

use recsys_core::traits::{BoxError, Model, ModelSpec, param_list, with_param};
use recsys_core::{CoreError, IdMap, WrapsCore};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::HybridError;

/// `cf` (the collaborative model's name), the model's own `params`, then the collaborative
/// model's parameters as `cf.KEY`.
pub(super) fn params_with_cf<P: Serialize>(
    cf: &dyn ModelSpec,
    params: &P,
) -> Vec<(String, String)> {
    let inner = cf.params().into_iter().map(|(k, v)| (format!("cf.{k}"), v));
    std::iter::once(("cf".to_string(), cf.name()))
        .chain(param_list(params))
        .chain(inner)
        .collect()
}

/// Sets `key`: `cf.KEY` on the collaborative spec (while no copy of the spec shares it, else an
/// error), any other key on `params` (named `name` in errors, checked by `check`).
pub(super) fn set_with_cf<P: Serialize + DeserializeOwned>(
    cf: &mut Arc<dyn ModelSpec>,
    params: &mut P,
    name: &str,
    key: &str,
    value: &str,
    check: impl Fn(&P) -> Result<(), HybridError>,
) -> Result<(), BoxError> {
    if let Some(cf_key) = key.strip_prefix("cf.") {
        let cf = Arc::get_mut(cf).ok_or_else(|| CoreError::InvalidValue {
            key: key.to_string(),
            value: value.to_string(),
            reason: "the collaborative model is shared with another spec".to_string(),
        })?;
        return cf.set_param(cf_key, value);
    }
    let next = with_param(params, name, key, value)?;
    check(&next)?;
    *params = next;
    Ok(())
}

/// The collaborative model's own model file, in memory, to nest; an error if it does not save.
pub(super) fn cf_file(cf: &dyn Model, users: &IdMap, items: &IdMap) -> Result<Vec<u8>, BoxError> {
    let s = cf
        .as_save()
        .ok_or_else(|| HybridError::param("cf", "the collaborative model does not save"))?;
    Ok(s.model_writer(users, items)?.to_bytes()?)
}
