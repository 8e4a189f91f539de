//! [`FactorModel`]'s model file (kind `svd` or `svdpp`): the mean, rating range and learning
//! curve as metadata, the biases and the three factor matrices as `f32` sections, and the id
//! maps of the training data.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved, curve_meta};
use serde_json::json;

use super::{FactorModel, SvdFoldIn};
use crate::error::MfError;
use crate::model_file::{bad_file, biased_writer, range_of, read_matrix, write_matrix};

/// The regularization folding in assumes for files written before it was saved (Surprise's
/// default `reg`).
const DEFAULT_REG: f32 = 0.02;

/// A finite, non-negative regularization of the metadata, if there is one.
fn fold_in_reg(r: &ModelReader, key: &str) -> Option<f32> {
    let v = r.meta().get(key)?.as_f64()? as f32;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// The factor matrices' section names.
const MATRICES: [&str; 3] = ["user_factors", "item_factors", "implicit_factors"];

impl FactorModel {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let own = json!({
            "reg": self.reg,
            "reg_bias": self.reg_bias,
            "fold_in": self.fold_in,
            "curve": curve_meta(&self.curve),
        });
        let biases = (&self.user_bias[..], &self.item_bias[..]);
        let mut w = biased_writer(self.kind, self.mean, self.range, own, biases)?;
        let factors = [
            &self.user_factors,
            &self.item_factors,
            &self.implicit_factors,
        ];
        for (name, m) in MATRICES.into_iter().zip(factors) {
            write_matrix(&mut w, name, m)?;
        }
        let (nu, ni) = (self.user_bias.len(), self.item_bias.len());
        w.id_maps(users, items, Some(nu), ni)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`FactorModel::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<FactorModel>, MfError> {
        let kind = [Self::KIND_SVD, Self::KIND_SVDPP]
            .into_iter()
            .find(|&k| k == r.kind())
            .ok_or_else(|| {
                let other = r.kind();
                bad_file(r, format!("a `{other}` model, not svd or svdpp"))
            })?;
        let [user_factors, item_factors, implicit_factors] =
            MATRICES.map(|name| read_matrix(r, name));
        let model = FactorModel {
            kind,
            mean: r.meta_field("mean")?,
            user_bias: r.f32("user_bias")?.1,
            item_bias: r.f32("item_bias")?.1,
            user_factors: user_factors?,
            item_factors: item_factors?,
            implicit_factors: implicit_factors?,
            range: range_of(r)?,
            reg: fold_in_reg(r, "reg").unwrap_or(DEFAULT_REG),
            reg_bias: match r.meta().get("reg_bias") {
                Some(serde_json::Value::Null) => None,
                _ => Some(fold_in_reg(r, "reg_bias").unwrap_or(DEFAULT_REG)),
            },
            fold_in: match r.meta().get("fold_in") {
                None => SvdFoldIn::Ridge,
                Some(v) => serde_json::from_value(v.clone())
                    .ok()
                    .filter(SvdFoldIn::is_valid)
                    .ok_or_else(|| bad_file(r, format!("bad fold_in settings {v}")))?,
            },
            curve: r.curve()?,
        };
        let (nu, ni) = (model.user_factors.nrows(), model.item_factors.nrows());
        if model.user_bias.len() != nu
            || model.item_bias.len() != ni
            || model.item_factors.ncols() != model.user_factors.ncols()
        {
            return Err(bad_file(r, "inconsistent section sizes"));
        }
        Ok(r.saved(model, Some(nu), ni)?)
    }
}

// svd or svdpp: `from_reader` checks the kind
recsys_core::persisted_models!(MfError; FactorModel => |p| ModelReader::load_any(p));
