//! [`SaveModel`]: a fitted model that writes itself into a model file.

use crate::ids::IdMap;
use crate::persist::ModelWriter;

use super::model::Model;

/// A fitted model that writes itself into a model file ([`crate::persist`]: format version,
/// checksum, atomic save). Loading is each model's `from_reader` / `load`, or the facade's
/// `recsys::models::load_model`, which dispatches on the file's kind.
pub trait SaveModel {
    /// A writer holding the model and `users` / `items`, the id maps of its training data
    /// (raw ids by the model's indices). [`ModelWriter::save`] writes it atomically;
    /// [`ModelWriter::to_bytes`] gives the file in memory (to nest it in another model's file).
    fn model_writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError>;
}

/// Saves `model` with the id maps of its training data to `path`, atomically; an error if the
/// model does not save.
pub fn save_model(
    model: &dyn Model,
    path: impl AsRef<std::path::Path>,
    users: &IdMap,
    items: &IdMap,
) -> Result<(), BoxError> {
    let s = model
        .as_save()
        .ok_or_else(|| crate::CoreError::param("model", "this model does not save"))?;
    s.model_writer(users, items)?.save(path)?;
    Ok(())
}

/// A boxed error of any model crate.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
