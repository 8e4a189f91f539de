//! [`RankFm`]'s model file: the hyperparameters, learning curve and feature groups as metadata;
//! the embeddings, the item biases and the two feature blocks as sections; the id maps of the
//! training data. The representations are recomputed on load, the same arithmetic in the same
//! order, so a loaded model scores bit for bit as the saved one.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};

use super::{RankFm, RankFmParams};
use crate::error::FmError;
use crate::model_file::{bad_file, features_meta, read_features, write_features};

impl RankFm {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, FmError> {
        let meta = features_meta(&self.params, &self.curve, &self.features)?;
        let mut w = ModelWriter::new(Self::KIND, meta.into());
        let k = self.params.rank as u64;
        let (nuf, nif) = (
            self.features.user.n_features() as u64,
            self.features.item.n_features() as u64,
        );
        w.section_f32("user_emb", &[nuf, k], &self.user_emb[..])?;
        w.section_f32("item_emb", &[nif, k], &self.item_emb[..])?;
        w.section_f32("item_bias", &[nif], &self.item_bias[..])?;
        write_features(&mut w, &self.features, users, items)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`RankFm::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<RankFm>, FmError> {
        let params: RankFmParams = r.meta_field("params")?;
        params.check().map_err(|e| bad_file(r, e))?;
        let features = read_features(r)?;
        let model = RankFm::from_parts(
            params,
            features,
            r.f32("user_emb")?.1,
            r.f32("item_emb")?.1,
            r.f32("item_bias")?.1,
        )
        .map_err(|e| bad_file(r, e))?
        .with_curve(r.curve()?);
        let (nu, ni) = (model.n_users(), model.features.item.n_rows());
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

recsys_core::persisted_models!(FmError; RankFm => |p| ModelReader::load(p, RankFm::KIND));
