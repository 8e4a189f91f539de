//! What the top-N models' files share beyond the core's container (whose
//! `ModelWriter::id_maps` and `ModelReader::saved` hold and check the id maps): the
//! hyperparameters as metadata.

use crate::NeighborsError;
use recsys_core::WrapsCore;

/// The hyperparameters as the file's metadata: `{"params": ...}`.
pub(crate) fn params_json<P: serde::Serialize>(p: &P) -> Result<serde_json::Value, NeighborsError> {
    let v = serde_json::to_value(p).map_err(|e| NeighborsError::param("params", e.to_string()))?;
    Ok(serde_json::json!({ "params": v }))
}
