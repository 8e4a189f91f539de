//! [`Bfm`]'s model file: the hyperparameters, w̄₀, the rating range, the learning curve and the
//! blocks' groups as metadata; the mean linear weights (`f64`), the kept factor samples
//! (`f32`, `[samples, features, rank]`), every row's averaged terms and per-sample factor sums
//! (`{user,item}_bias`, `{user,item}_z`, what predictions read) and the two feature blocks as
//! sections, and with a case block its `case_bias`, `case_z` and rows; the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved, curve_meta, params_meta};
use serde_json::json;

use super::case::CaseTerms;
use super::model::RowCache;
use super::{Bfm, BfmParams};
use crate::error::FmError;
use crate::features::UserItemFeatures;
use crate::model_file::{bad_file, groups_json, read_block, write_block};

impl Bfm {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, FmError> {
        let meta = json!({
            "params": params_meta(&self.params)?,
            "w0": self.w0,
            "n_samples": self.n_samples,
            "range": self.range,
            "curve": curve_meta(&self.curve),
            "user_groups": groups_json(&self.features.user),
            "item_groups": groups_json(&self.features.item),
            "case_groups": self.case.as_ref().map(|c| groups_json(&c.block)),
        });
        let mut w = ModelWriter::new(Self::KIND, meta);
        w.section_f64("w", &[self.w.len() as u64], &self.w[..])?;
        let shape = [
            self.n_samples as u64,
            self.w.len() as u64,
            self.params.rank as u64,
        ];
        w.section_f32("v", &shape, &self.v[..])?;
        let (uc, ic) = self.caches();
        let sk = (self.n_samples * self.params.rank) as u64;
        for (name, c) in [("user", uc), ("item", ic)] {
            w.section_f64(format!("{name}_bias"), &[c.bias.len() as u64], &c.bias[..])?;
            w.section_f32(format!("{name}_z"), &[c.bias.len() as u64, sk], &c.z[..])?;
        }
        write_block(&mut w, "user", &self.features.user)?;
        write_block(&mut w, "item", &self.features.item)?;
        if let Some(c) = &self.case {
            let cb = &c.cache.bias;
            w.section_f64("case_bias", &[cb.len() as u64], &cb[..])?;
            w.section_f32("case_z", &[cb.len() as u64, sk], &c.cache.z[..])?;
            write_block(&mut w, "case", &c.block)?;
        }
        let (nu, ni) = (self.features.user.n_rows(), self.features.item.n_rows());
        w.id_maps(users, items, Some(nu), ni)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Bfm::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Bfm>, FmError> {
        let params: BfmParams = r.meta_field("params")?;
        params.check().map_err(|e| bad_file(r, e))?;
        let range: Option<(f32, f32)> = r.meta_field("range")?;
        if let Some((lo, hi)) = range
            && !(lo.is_finite() && hi.is_finite() && lo <= hi)
        {
            return Err(bad_file(r, "the rating range is not a finite interval"));
        }
        let features = UserItemFeatures::new(read_block(r, "user")?, read_block(r, "item")?)?;
        let model = Bfm::from_parts(
            params,
            features,
            r.meta_field("w0")?,
            r.f64("w")?.1,
            r.f32("v")?.1,
            r.meta_field("n_samples")?,
            range,
            r.curve()?,
            RowCache {
                bias: r.f64("user_bias")?.1,
                z: r.f32("user_z")?.1,
            },
            RowCache {
                bias: r.f64("item_bias")?.1,
                z: r.f32("item_z")?.1,
            },
        )
        .map_err(|e| bad_file(r, e))?;
        let model = if r.has_section("case_bias") {
            let case = CaseTerms {
                block: read_block(r, "case")?,
                cache: RowCache {
                    bias: r.f64("case_bias")?.1,
                    z: r.f32("case_z")?.1,
                },
            };
            model.with_case(case).map_err(|e| bad_file(r, e))?
        } else {
            model
        };
        let (nu, ni) = (model.features.user.n_rows(), model.features.item.n_rows());
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

recsys_core::persisted_models!(FmError; Bfm => |p| ModelReader::load(p, Bfm::KIND));
