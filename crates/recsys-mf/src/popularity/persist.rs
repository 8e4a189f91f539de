//! [`Popularity`]'s model file: the counts and the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use serde_json::json;

use super::Popularity;
use crate::error::MfError;

impl Popularity {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let counts = self.counts();
        let mut w = ModelWriter::new(Self::KIND, json!({}));
        w.vector_f32("counts", counts)?;
        w.id_maps(users, items, None, counts.len())?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Popularity::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Popularity>, MfError> {
        let model = Popularity::from_counts(r.f32("counts")?.1);
        let n_items = model.counts().len();
        Ok(r.saved(model, None, n_items)?)
    }
}

recsys_core::persisted_models!(MfError; Popularity => |p| ModelReader::load(p, Popularity::KIND));
