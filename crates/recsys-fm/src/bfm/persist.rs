//! [`Bfm`]'s model file: the hyperparameters, w̄₀, the rating range, the learning curve and the
//! blocks' groups as metadata; the mean linear weights (`f64`), the kept factor samples
//! (`f32`, `[samples, features, rank]`), every row's averaged terms and per-sample factor sums
//! (`{user,item}_bias`, `{user,item}_z`, what predictions read) and the two feature blocks as
//! sections, and with a case block its `case_bias`, `case_z`, rows and (a block of rating days)
//! `case_days`; for the ordered probit
//! every block's per-sample terms (`*_bias_s`) and the per-sample `ordinal_levels`,
//! `ordinal_cuts`, `ordinal_w0`, `ordinal_w`; the id maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use serde_json::json;

use super::case::CaseTerms;
use super::model::RowCache;
use super::ordinal_terms::OrdinalTerms;
use super::{Bfm, BfmParams};
use crate::error::FmError;
use crate::features::RatingDays;
use crate::model_file::{
    bad_file, features_meta, groups_json, read_block, read_features, write_block, write_features,
};

impl Bfm {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, FmError> {
        let mut meta = features_meta(&self.params, &self.curve, &self.features)?;
        meta.insert("w0".into(), json!(self.w0));
        meta.insert("n_samples".into(), json!(self.n_samples));
        meta.insert("range".into(), json!(self.range));
        let case_groups = self.case.as_ref().map(|c| groups_json(&c.block));
        meta.insert("case_groups".into(), json!(case_groups));
        let mut w = ModelWriter::new(Self::KIND, meta.into());
        w.vector_f64("w", &self.w[..])?;
        let shape = [
            self.n_samples as u64,
            self.w.len() as u64,
            self.params.rank as u64,
        ];
        w.section_f32("v", &shape, &self.v[..])?;
        let (uc, ic) = self.caches();
        let sk = (self.n_samples * self.params.rank) as u64;
        let ns = self.n_samples as u64;
        let case = self.case.as_ref().map(|c| ("case", &c.cache));
        for (name, c) in [("user", uc), ("item", ic)].into_iter().chain(case) {
            w.vector_f64(format!("{name}_bias"), &c.bias[..])?;
            w.section_f32(format!("{name}_z"), &[c.bias.len() as u64, sk], &c.z[..])?;
            if !c.bias_s.is_empty() {
                let shape = [c.bias.len() as u64, ns];
                w.section_f32(format!("{name}_bias_s"), &shape, &c.bias_s[..])?;
            }
        }
        if let Some(o) = &self.ordinal {
            let nc = o.levels.len() as u64;
            w.section_f64("ordinal_levels", &[nc], &o.levels[..])?;
            w.section_f64("ordinal_cuts", &[ns, nc - 1], &o.cuts[..])?;
            w.section_f64("ordinal_w0", &[ns], &o.w0[..])?;
            w.section_f32("ordinal_w", &[ns, self.w.len() as u64], &o.w[..])?;
        }
        if let Some(c) = &self.case {
            write_block(&mut w, "case", &c.block)?;
            if let Some(d) = &c.days {
                w.section_u32("case_days", &[d.n_days() as u64], d.days())?;
            }
        }
        write_features(&mut w, &self.features, users, items)?;
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
        let features = read_features(r)?;
        let model = Bfm::from_parts(
            params,
            features,
            r.meta_field("w0")?,
            r.f64("w")?.1,
            r.f32("v")?.1,
            r.meta_field("n_samples")?,
            range,
            r.curve()?,
            read_cache(r, "user")?,
            read_cache(r, "item")?,
        )
        .map_err(|e| bad_file(r, e))?;
        let model = if r.has_section("case_bias") {
            let days = if r.has_section("case_days") {
                let days = RatingDays::from_days(r.u32("case_days")?.1);
                Some(days.map_err(|e| bad_file(r, e))?)
            } else {
                None
            };
            let case = CaseTerms {
                block: read_block(r, "case")?,
                cache: read_cache(r, "case")?,
                days,
            };
            model.with_case(case).map_err(|e| bad_file(r, e))?
        } else {
            model
        };
        let model = if r.has_section("ordinal_cuts") {
            let terms = OrdinalTerms {
                levels: r.f64("ordinal_levels")?.1,
                cuts: r.f64("ordinal_cuts")?.1,
                w0: r.f64("ordinal_w0")?.1,
                w: r.f32("ordinal_w")?.1,
            };
            model.with_ordinal(terms).map_err(|e| bad_file(r, e))?
        } else {
            model
        };
        let (nu, ni) = (model.features.user.n_rows(), model.features.item.n_rows());
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

/// A block's row terms: `{name}_bias`, `{name}_z` and, for the ordered probit, `{name}_bias_s`.
fn read_cache(r: &ModelReader, name: &str) -> Result<RowCache, FmError> {
    let bias_s = format!("{name}_bias_s");
    Ok(RowCache {
        bias: r.f64(&format!("{name}_bias"))?.1,
        z: r.f32(&format!("{name}_z"))?.1,
        bias_s: if r.has_section(&bias_s) {
            r.f32(&bias_s)?.1
        } else {
            Vec::new()
        },
    })
}

recsys_core::persisted_models!(FmError; Bfm => |p| ModelReader::load(p, Bfm::KIND));
