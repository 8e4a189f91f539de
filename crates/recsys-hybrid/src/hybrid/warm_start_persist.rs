//! [`WarmStart`]'s model file (kind `warm-start`): the settings, the items' content, the known
//! flags and priors, the id maps, and the collaborative model's own file nested.

use std::sync::Arc;

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::{BoxError, LoadNested};

use super::persist::{bad_file, check_kind, nested, params_meta, read_content, write_content};
use super::warm_start::{WarmStart, WarmStartParams};

impl WarmStart {
    /// A model file writer holding the model and the id maps of its training data. Errors if the
    /// collaborative model does not save.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError> {
        let mut w = ModelWriter::new(Self::KIND, params_meta(&self.params)?);
        let n = self.known.len() as u64;
        let known: Vec<u32> = self.known.iter().map(|&k| u32::from(k)).collect();
        w.section_u32("known", &[n], known)?;
        w.section_f32("prior", &[n], &self.prior[..])?;
        write_content(&mut w, &self.content)?;
        super::with_cf::write_cf(&mut w, self.cf.as_ref(), users, items)?;
        w.id_maps(users, items, None, self.known.len())?;
        Ok(w)
    }

    /// Reads the model from an open model file, the collaborative model through `load_cf` (the
    /// registry's loaders).
    pub fn from_reader(
        r: &ModelReader,
        load_cf: LoadNested<'_>,
    ) -> Result<Saved<WarmStart>, BoxError> {
        check_kind(r, Self::KIND)?;
        let params: WarmStartParams = r.meta_field("params")?;
        let users = r.id_map("users")?;
        let items = r.id_map("items")?;
        let n = items.len() as u64;
        let known: Vec<bool> = r
            .u32_with_shape("known", &[n])?
            .into_iter()
            .map(|k| k != 0)
            .collect();
        let prior = r.f32_with_shape("prior", &[n])?;
        let content = Arc::new(read_content(r, items.len())?);
        let cf = load_cf(&nested(r, "cf")?)?;
        let model = WarmStart::new(cf, content, known, prior, params)
            .map_err(|e| bad_file(r, e.to_string()))?;
        Ok(Saved {
            model,
            users,
            items,
        })
    }
}

recsys_core::save_model!(WarmStart);
