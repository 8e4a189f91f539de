//! What the content models' files share, in `recsys-core`'s model file format (format version,
//! checksum, atomic writes): the hyperparameters in the metadata, the training ratings, the items'
//! content (TF-IDF rows and content neighbours) and the id maps — so a content model predicts
//! without the catalog — and the model files nested in a [`Hybrid`](super::Hybrid)'s.

use recsys_core::WrapsCore;
use std::path::PathBuf;
use std::sync::Arc;

use recsys_core::persist::{ModelReader, ModelWriter};
use recsys_core::{IdMap, Interactions};
use recsys_text::CsrMatrix;
use serde::Serialize;
use serde_json::{Value, json};

use super::item_content::ItemContent;
use crate::error::HybridError;

/// "No catalog row" in the `content_row_of` section.
const NO_ROW: u32 = u32::MAX;

/// An inconsistent model file: `what` is wrong in `r`.
pub(super) fn bad_file(r: &ModelReader, what: impl Into<String>) -> HybridError {
    HybridError::param(
        "model file",
        format!("{}: {}", r.path().display(), what.into()),
    )
}

/// An error unless `r` holds a model of `kind`.
pub(super) fn check_kind(r: &ModelReader, kind: &str) -> Result<(), HybridError> {
    if r.kind() == kind {
        Ok(())
    } else {
        Err(bad_file(r, format!("a `{}` model, not {kind}", r.kind())))
    }
}

/// The metadata of a model file: `{"params": params}`, read back with
/// `r.meta_field::<P>("params")`.
pub(super) fn params_meta<P: Serialize>(params: &P) -> Result<Value, HybridError> {
    Ok(json!({ "params": recsys_core::persist::params_meta(params)? }))
}

/// The model file nested in section `name` of `r`.
pub(super) fn nested(r: &ModelReader, name: &str) -> Result<ModelReader, HybridError> {
    let bytes = r.bytes(name)?.1;
    let mut origin = r.path().as_os_str().to_owned();
    origin.push(format!("#{name}"));
    Ok(ModelReader::from_bytes(bytes, PathBuf::from(origin), None)?)
}

/// What a content model is fitted on, as [`read_training`] returns it.
pub(super) struct Training {
    /// The training ratings.
    pub train: Interactions,
    /// The content of the training items.
    pub content: Arc<ItemContent>,
    /// Raw user ids by index.
    pub users: IdMap,
    /// Raw item ids by index.
    pub items: IdMap,
}

/// Writes what both content models hold besides their own sections: the training ratings, the
/// items' content and the id maps (which must be the training data's: one entry per index).
pub(super) fn write_training<'a>(
    w: &mut ModelWriter<'a>,
    train: &'a Interactions,
    content: &'a ItemContent,
    users: &'a IdMap,
    items: &'a IdMap,
) -> Result<(), HybridError> {
    w.id_maps(users, items, Some(train.n_users()), train.n_items())?;
    w.interactions("train", train)?;
    write_content(w, content)?;
    Ok(())
}

/// A writer of a content model of `kind`: its hyperparameters as metadata ([`params_meta`]), the
/// model's own sections (`sections` adds them), then what it was fitted on and the id maps
/// ([`write_training`]).
pub(super) fn content_writer<'a, P: Serialize>(
    kind: &str,
    params: &P,
    (train, content): (&'a Interactions, &'a ItemContent),
    (users, items): (&'a IdMap, &'a IdMap),
    sections: impl FnOnce(&mut ModelWriter<'a>) -> Result<(), HybridError>,
) -> Result<ModelWriter<'a>, HybridError> {
    let mut w = ModelWriter::new(kind, params_meta(params)?);
    sections(&mut w)?;
    write_training(&mut w, train, content, users, items)?;
    Ok(w)
}

/// Reads what [`write_training`] wrote.
pub(super) fn read_training(r: &ModelReader) -> Result<Training, HybridError> {
    let users = r.id_map("users")?;
    let items = r.id_map("items")?;
    let train = r.interactions("train", Arc::new(users.clone()), Arc::new(items.clone()))?;
    let content = Arc::new(read_content(r, train.n_items())?);
    Ok(Training {
        train,
        content,
        users,
        items,
    })
}

pub(super) fn write_content<'a>(
    w: &mut ModelWriter<'a>,
    c: &'a ItemContent,
) -> Result<(), HybridError> {
    let rows = &c.rows;
    let indptr: Vec<u64> = rows.indptr().iter().map(|&x| x as u64).collect();
    w.vector_u64("content_indptr", indptr)?;
    w.section_u32("content_indices", &[rows.nnz() as u64], rows.indices())?;
    w.section_f32("content_data", &[rows.nnz() as u64], rows.data())?;
    w.section_u64("content_cols", &[], vec![rows.n_cols() as u64])?;
    let row_of: Vec<u32> = c.row_of.iter().map(|r| r.unwrap_or(NO_ROW)).collect();
    w.vector_u32("content_row_of", row_of)?;
    let lens: Vec<u64> = c.neighbours.iter().map(|n| n.len() as u64).collect();
    let ids: Vec<u32> = c.neighbours.iter().flatten().map(|x| x.0).collect();
    let sims: Vec<f32> = c.neighbours.iter().flatten().map(|x| x.1).collect();
    w.vector_u64("neighbour_len", lens)?;
    w.vector_u32("neighbour_items", ids)?;
    w.vector_f32("neighbour_sims", sims)?;
    Ok(())
}

pub(super) fn read_content(r: &ModelReader, n_items: usize) -> Result<ItemContent, HybridError> {
    let indptr = r
        .u64("content_indptr")?
        .1
        .into_iter()
        .map(usize::try_from)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad_file(r, "content_indptr does not fit in memory"))?;
    let n_cols = r.u64_with_shape("content_cols", &[])?;
    let n_cols = n_cols
        .first()
        .and_then(|&c| usize::try_from(c).ok())
        .ok_or_else(|| bad_file(r, "content_cols"))?;
    let rows = CsrMatrix::from_parts(
        n_cols,
        indptr,
        r.u32("content_indices")?.1,
        r.f32("content_data")?.1,
    )?;
    let row_of = r.u32_with_shape("content_row_of", &[n_items as u64])?;
    let row_of: Vec<Option<u32>> = row_of
        .into_iter()
        .map(|x| match x {
            NO_ROW => Ok(None),
            x if (x as usize) < rows.n_rows() => Ok(Some(x)),
            x => Err(bad_file(r, format!("content row {x} of {}", rows.n_rows()))),
        })
        .collect::<Result<_, _>>()?;
    let lens = r.u64_with_shape("neighbour_len", &[n_items as u64])?;
    let total = lens
        .iter()
        .try_fold(0u64, |a, &b| a.checked_add(b))
        .ok_or_else(|| bad_file(r, "neighbour lengths overflow"))?;
    let ids = r.u32_with_shape("neighbour_items", &[total])?;
    let sims = r.f32_with_shape("neighbour_sims", &[total])?;
    let mut neighbours = Vec::with_capacity(n_items);
    let mut at = 0usize;
    for &n in &lens {
        let n = n as usize;
        let row: Vec<(u32, f32)> = ids[at..at + n]
            .iter()
            .copied()
            .zip(sims[at..at + n].iter().copied())
            .collect();
        if let Some(&(j, _)) = row.iter().find(|x| x.0 as usize >= n_items) {
            return Err(bad_file(r, format!("neighbour item {j} of {n_items}")));
        }
        neighbours.push(row);
        at += n;
    }
    Ok(ItemContent {
        rows,
        row_of,
        neighbours,
    })
}
