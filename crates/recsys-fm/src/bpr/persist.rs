//! [`Bpr`]'s model file: the hyperparameters and learning curve as metadata, the two factor
//! matrices as `f32` sections, the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved, curve_meta, params_meta};
use serde_json::json;

use super::{Bpr, BprParams};
use crate::error::FmError;
use crate::model_file::bad_file;

impl Bpr {
    /// A model file writer holding the factors, the hyperparameters and the id maps.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, FmError> {
        let meta =
            json!({ "params": params_meta(&self.params)?, "curve": curve_meta(&self.curve) });
        let mut w = ModelWriter::new(Self::KIND, meta);
        let k1 = (self.params.factors + 1) as u64;
        let (nu, ni) = (self.n_users(), recsys_core::CandidateScorer::n_items(self));
        w.section_f32("user_factors", &[nu as u64, k1], &self.users[..])?;
        w.section_f32("item_factors", &[ni as u64, k1], &self.items[..])?;
        w.id_maps(users, items, Some(nu), ni)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Bpr::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Bpr>, FmError> {
        let params: BprParams = r.meta_field("params")?;
        params.check().map_err(|e| bad_file(r, e))?;
        let k1 = (params.factors + 1) as u64;
        let (us, users) = r.f32("user_factors")?;
        let (is, items) = r.f32("item_factors")?;
        if us.get(1) != Some(&k1) || is.get(1) != Some(&k1) {
            return Err(bad_file(r, format!("factor sections need {k1} columns")));
        }
        let model = Bpr::from_parts(users, items, params)
            .map_err(|e| bad_file(r, e))?
            .with_curve(r.curve()?);
        let (nu, ni) = (
            model.n_users(),
            recsys_core::CandidateScorer::n_items(&model),
        );
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

recsys_core::persisted_models!(FmError; Bpr => |p| ModelReader::load(p, Bpr::KIND));
