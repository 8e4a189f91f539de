//! [`Als`]'s model file: the hyperparameters (as serde data) and the learning curve as
//! metadata, the two factor matrices as `f32` sections, and the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved, curve_meta, params_meta};
use serde_json::json;

use super::{Als, AlsParams};
use crate::error::MfError;
use crate::model_file::{read_matrix, write_matrix};

impl Als {
    /// A model file writer holding the factors, the hyperparameters and the id maps of the
    /// training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let meta =
            json!({ "params": params_meta(self.params())?, "curve": curve_meta(self.curve()) });
        let mut w = ModelWriter::new(Self::KIND, meta);
        write_matrix(&mut w, "user_factors", self.user_factors())?;
        write_matrix(&mut w, "item_factors", self.item_factors())?;
        let (nu, ni) = (self.user_factors().nrows(), self.item_factors().nrows());
        w.id_maps(users, items, Some(nu), ni)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Als::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Als>, MfError> {
        let params: AlsParams = r.meta_field("params")?;
        let uf = read_matrix(r, "user_factors")?;
        let itf = read_matrix(r, "item_factors")?;
        let (nu, ni) = (uf.nrows(), itf.nrows());
        let model = Als::from_parts(uf, itf, params)?.with_curve(r.curve()?);
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

recsys_core::persisted_models!(MfError; Als => |p| ModelReader::load(p, Als::KIND));
