//! [`Baseline`]'s model file: the mean and rating range as metadata, the biases as `f64`
//! sections, and the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use serde_json::json;

use super::Baseline;
use crate::error::MfError;
use crate::model_file::{biased_writer, range_of};

impl Baseline {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let own = json!({ "reg_user": self.reg_user() });
        let biases = (&self.user_bias[..], &self.item_bias[..]);
        let mut w = biased_writer(Self::KIND, self.mean, self.range(), own, biases)?;
        let (nu, ni) = (self.user_bias.len(), self.item_bias.len());
        w.id_maps(users, items, Some(nu), ni)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Baseline::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Baseline>, MfError> {
        let model = Baseline::from_parts(
            r.meta_field("mean")?,
            r.f64("user_bias")?.1,
            r.f64("item_bias")?.1,
            range_of(r)?,
        );
        // files written before fold-in existed have no `reg_user`: the default stays
        let model = match r.meta().get("reg_user").and_then(|v| v.as_f64()) {
            Some(reg) if reg.is_finite() && reg >= 0.0 => model.with_reg_user(reg),
            _ => model,
        };
        let (nu, ni) = (model.user_bias.len(), model.item_bias.len());
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

recsys_core::persisted_models!(MfError; Baseline => |p| ModelReader::load(p, Baseline::KIND));
