//! What the top-N models' files share beyond the core's container (whose
//! `ModelWriter::id_maps` and `ModelReader::saved` hold and check the id maps): the
//! hyperparameters as metadata, and the training histories with the id maps that go with them.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved, params_meta};

use crate::NeighborsError;
use crate::topn::sparse::SparseRows;

/// The hyperparameters as the file's metadata: `{"params": ...}`.
pub(crate) fn params_json<P: serde::Serialize>(p: &P) -> Result<serde_json::Value, NeighborsError> {
    Ok(serde_json::json!({ "params": params_meta(p)? }))
}

/// A writer of a top-N model of `kind`: its hyperparameters as metadata ([`params_json`]), the
/// model's own sections (`sections` adds them), then the training histories and the id maps
/// ([`write_histories`]).
pub(crate) fn topn_writer<'a, P: serde::Serialize>(
    kind: &str,
    params: &P,
    histories: &'a SparseRows,
    (users, items): (&'a IdMap, &'a IdMap),
    sections: impl FnOnce(&mut ModelWriter<'a>) -> Result<(), NeighborsError>,
) -> Result<ModelWriter<'a>, NeighborsError> {
    let mut w = ModelWriter::new(kind, params_json(params)?);
    sections(&mut w)?;
    write_histories(&mut w, histories, users, items)?;
    Ok(w)
}

/// Adds the training histories (users × items) as section group `histories`, and the id maps of
/// their users and items.
pub(crate) fn write_histories<'a>(
    w: &mut ModelWriter<'a>,
    histories: &'a SparseRows,
    users: &'a IdMap,
    items: &'a IdMap,
) -> Result<(), NeighborsError> {
    histories.write(w, "histories")?;
    w.id_maps(users, items, Some(histories.n_rows()), histories.n_cols())?;
    Ok(())
}

/// The histories written by [`write_histories`], given to `build`, whose model comes back with
/// the id maps (checked against the histories' users and items).
pub(crate) fn with_histories<M>(
    r: &ModelReader,
    build: impl FnOnce(SparseRows) -> Result<M, NeighborsError>,
) -> Result<Saved<M>, NeighborsError> {
    let h = SparseRows::read(r, "histories")?;
    let (nu, ni) = (h.n_rows(), h.n_cols());
    Ok(r.saved(build(h)?, Some(nu), ni)?)
}
