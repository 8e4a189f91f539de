//! Saving and loading fitted models in `recsys-data`'s model file format (versioned, checksummed,
//! written atomically), together with the id maps that turn raw ids into the model's indices.
//!
//! ```
//! use recsys_core::{DuplicatePolicy, InteractionsBuilder, RatingPredictor, traits::Fit};
//! use recsys_mf::{FactorModel, SvdParams};
//! let mut b = InteractionsBuilder::new();
//! for (u, i, r) in [(1, 10, 4.0), (1, 11, 2.0), (2, 10, 5.0)] { b.push(u, i, r, None)?; }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = SvdParams::default().factors(4).fit(&train)?;
//! let dir = std::env::temp_dir().join(format!("recsys-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("svd.model");
//! model.save(&path, train.users(), train.items())?;
//! let saved = FactorModel::load(&path)?;
//! assert_eq!(saved.model.predict(0, 1), model.predict(0, 1));
//! assert_eq!(saved.users.index(2), Some(1));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ndarray::Array2;
use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter};
use recsys_core::traits::EpochRecord;
use serde_json::json;

use crate::{Als, AlsParams, Baseline, Confidence, FactorModel, MfError, Popularity};

pub use recsys_core::persist::Saved;

/// A learning curve as `(loss, seconds)` pairs.
fn curve_json(curve: &[EpochRecord]) -> Vec<(f64, f64)> {
    curve.iter().map(|r| (r.loss, r.seconds)).collect()
}

/// The learning curve saved by [`curve_json`] (empty when the file has none).
fn curve_of(r: &ModelReader) -> Result<Vec<EpochRecord>, MfError> {
    let pairs: Vec<(f64, f64)> = if r.meta().get("curve").is_some() {
        r.meta_field("curve")?
    } else {
        Vec::new()
    };
    Ok(pairs
        .into_iter()
        .enumerate()
        .map(|(e, (loss, seconds))| EpochRecord {
            epoch: e + 1,
            loss,
            seconds,
            validation: Vec::new(),
        })
        .collect())
}

fn range_json(r: Option<(f32, f32)>) -> serde_json::Value {
    r.map_or(serde_json::Value::Null, |(a, b)| json!([a, b]))
}

/// The saved rating range, which must be finite with `lo <= hi` (predictions are clamped to it).
fn range_of(reader: &ModelReader) -> Result<Option<(f32, f32)>, MfError> {
    let range = reader.meta_field::<Option<(f32, f32)>>("range")?;
    if let Some((lo, hi)) = range
        && !(lo.is_finite() && hi.is_finite() && lo <= hi)
    {
        return Err(MfError::InvalidParameter {
            name: "model file",
            reason: format!(
                "{}: rating range [{lo}, {hi}] is not a finite interval",
                reader.path().display()
            ),
        });
    }
    Ok(range)
}

fn shape2(a: &Array2<f32>) -> [u64; 2] {
    [a.nrows() as u64, a.ncols() as u64]
}

fn matrix(reader: &ModelReader, name: &str) -> Result<Array2<f32>, MfError> {
    let (shape, data) = reader.f32(name)?;
    let (r, c) = match shape.as_slice() {
        [r, c] => (*r as usize, *c as usize),
        _ => return Err(MfError::Internal("factor section is not 2-D")),
    };
    Array2::from_shape_vec((r, c), data).map_err(|_| MfError::Internal("factor section shape"))
}

/// Adds the id maps, which must have one entry per user (`n_users`, when the model has users)
/// and per item of the model.
fn write_maps<'a>(
    w: &mut ModelWriter<'a>,
    users: &'a IdMap,
    items: &'a IdMap,
    n_users: Option<usize>,
    n_items: usize,
) -> Result<(), MfError> {
    if n_users.is_some_and(|n| n != users.len()) || n_items != items.len() {
        return Err(MfError::InvalidParameter {
            name: "id maps",
            reason: format!(
                "{} users × {} items given, the model has {} × {n_items}",
                users.len(),
                items.len(),
                n_users.map_or("any".to_string(), |n| n.to_string()),
            ),
        });
    }
    w.id_map("users", users)?;
    w.id_map("items", items)?;
    Ok(())
}

impl FactorModel {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let meta = json!({
            "mean": self.mean,
            "range": range_json(self.range),
            "curve": curve_json(&self.curve),
        });
        let mut w = ModelWriter::new(self.kind, meta);
        w.section_f32(
            "user_bias",
            &[self.user_bias.len() as u64],
            &self.user_bias[..],
        )?;
        w.section_f32(
            "item_bias",
            &[self.item_bias.len() as u64],
            &self.item_bias[..],
        )?;
        for (name, m) in [
            ("user_factors", &self.user_factors),
            ("item_factors", &self.item_factors),
            ("implicit_factors", &self.implicit_factors),
        ] {
            let data: Vec<f32> = m.iter().copied().collect();
            w.section_f32(name, &shape2(m), data)?;
        }
        write_maps(
            &mut w,
            users,
            items,
            Some(self.user_bias.len()),
            self.item_bias.len(),
        )?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`FactorModel::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<FactorModel>, MfError> {
        let kind = match r.kind() {
            "svd" => "svd",
            "svdpp" => "svdpp",
            other => {
                return Err(MfError::InvalidParameter {
                    name: "model file",
                    reason: format!(
                        "{} holds a `{other}` model, not svd or svdpp",
                        r.path().display()
                    ),
                });
            }
        };
        let model = FactorModel {
            kind,
            mean: r.meta_field("mean")?,
            user_bias: r.f32("user_bias")?.1,
            item_bias: r.f32("item_bias")?.1,
            user_factors: matrix(r, "user_factors")?,
            item_factors: matrix(r, "item_factors")?,
            implicit_factors: matrix(r, "implicit_factors")?,
            range: range_of(r)?,
            curve: curve_of(r)?,
        };
        let (nu, ni) = (model.user_factors.nrows(), model.item_factors.nrows());
        if model.user_bias.len() != nu
            || model.item_bias.len() != ni
            || model.item_factors.ncols() != model.user_factors.ncols()
        {
            return Err(MfError::InvalidParameter {
                name: "model file",
                reason: format!("{}: inconsistent section sizes", r.path().display()),
            });
        }
        Ok(Saved {
            model,
            users: r.id_map("users")?,
            items: r.id_map("items")?,
        })
    }
}

impl Baseline {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let mut w = ModelWriter::new(
            "baseline",
            json!({ "mean": self.mean, "range": range_json(self.range()) }),
        );
        w.section_f64(
            "user_bias",
            &[self.user_bias.len() as u64],
            &self.user_bias[..],
        )?;
        w.section_f64(
            "item_bias",
            &[self.item_bias.len() as u64],
            &self.item_bias[..],
        )?;
        write_maps(
            &mut w,
            users,
            items,
            Some(self.user_bias.len()),
            self.item_bias.len(),
        )?;
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
        Ok(Saved {
            model,
            users: r.id_map("users")?,
            items: r.id_map("items")?,
        })
    }
}

impl Popularity {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let counts = self.counts();
        let mut w = ModelWriter::new("popularity", json!({}));
        w.section_f32("counts", &[counts.len() as u64], counts)?;
        write_maps(&mut w, users, items, None, counts.len())?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Popularity::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Popularity>, MfError> {
        Ok(Saved {
            model: Popularity::from_counts(r.f32("counts")?.1),
            users: r.id_map("users")?,
            items: r.id_map("items")?,
        })
    }
}

impl Als {
    /// A model file writer holding the factors, the hyperparameters and the id maps of the
    /// training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, MfError> {
        let p = self.params();
        let meta = json!({
            "factors": p.factors,
            "iterations": p.iterations,
            "regularization": p.regularization,
            "alpha": p.alpha,
            "confidence": p.confidence.name(),
            "use_ratings": p.use_ratings,
            "cg_steps": p.cg_steps,
            "seed": p.seed,
            "curve": curve_json(self.curve()),
        });
        let mut w = ModelWriter::new("als", meta);
        let uf: Vec<f32> = self.user_factors().iter().copied().collect();
        let itf: Vec<f32> = self.item_factors().iter().copied().collect();
        w.section_f32("user_factors", &shape2(self.user_factors()), uf)?;
        w.section_f32("item_factors", &shape2(self.item_factors()), itf)?;
        write_maps(
            &mut w,
            users,
            items,
            Some(self.user_factors().nrows()),
            self.item_factors().nrows(),
        )?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`Als::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Als>, MfError> {
        let confidence = match r.meta_field::<String>("confidence")?.as_str() {
            "alpha*v" => Confidence::Scaled,
            "1+alpha*v" => Confidence::OnePlusAlpha,
            other => {
                return Err(MfError::InvalidParameter {
                    name: "confidence",
                    reason: format!("{}: unknown `{other}`", r.path().display()),
                });
            }
        };
        let params = AlsParams {
            factors: r.meta_field("factors")?,
            iterations: r.meta_field("iterations")?,
            regularization: r.meta_field("regularization")?,
            alpha: r.meta_field("alpha")?,
            confidence,
            use_ratings: r.meta_field("use_ratings")?,
            cg_steps: r.meta_field("cg_steps")?,
            seed: r.meta_field("seed")?,
            ..AlsParams::default()
        };
        let users = r.id_map("users")?;
        let items = r.id_map("items")?;
        let uf = matrix(r, "user_factors")?;
        let itf = matrix(r, "item_factors")?;
        if uf.nrows() != users.len() || itf.nrows() != items.len() {
            return Err(MfError::InvalidParameter {
                name: "model file",
                reason: format!("{}: inconsistent section sizes", r.path().display()),
            });
        }
        Ok(Saved {
            model: Als::from_parts(uf, itf, params)?.with_curve(curve_of(r)?),
            users,
            items,
        })
    }
}

recsys_core::persisted_models!(MfError;
    // svd or svdpp: `from_reader` checks the kind
    FactorModel => |p| ModelReader::load_any(p),
    Baseline => |p| ModelReader::load(p, "baseline"),
    Popularity => |p| ModelReader::load(p, "popularity"),
    Als => |p| ModelReader::load(p, "als"),
);
