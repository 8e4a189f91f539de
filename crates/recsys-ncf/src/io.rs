//! Saving and loading fitted models in `recsys-core`'s model file format (format version,
//! checksum, atomic write), with the id maps of the training data. The metadata holds the
//! hyperparameters as serde data (`params`), the learning curve, the network's shape and the
//! fold-in settings (`fold_in`; defaults when a file has none).

use std::path::Path;

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter};
use recsys_core::traits::{BoxError, EpochRecord, SaveModel};
use serde_json::json;

use crate::error::{NcfError, Result};
use crate::fold_in_params::NcfFoldIn;
use crate::model::NcfModel;
use crate::params::NcfParams;
use crate::weights::{Layer, Matrix, NcfWeights};

/// A loaded NCF model with the id maps of the data it was fitted on.
pub type Saved = recsys_core::persist::Saved<NcfModel>;

fn put<'a>(w: &mut ModelWriter<'a>, name: &str, m: &'a Matrix) -> Result<()> {
    w.section_f32(name, &[m.rows as u64, m.cols as u64], &m.data[..])?;
    Ok(())
}

/// An error unless id maps of `users` × `items` fit `w`'s network (`at`: where, for the message).
fn check_maps(at: &str, users: &IdMap, items: &IdMap, w: &NcfWeights) -> Result<()> {
    if users.len() != w.n_users() || items.len() != w.n_items() {
        return Err(NcfError::Model(format!(
            "{at}id maps of {}x{} for a network of {}x{}",
            users.len(),
            items.len(),
            w.n_users(),
            w.n_items()
        )));
    }
    Ok(())
}

fn get(r: &ModelReader, name: &str) -> Result<Matrix> {
    let (shape, data) = r.f32(name)?;
    match shape.as_slice() {
        [a, b] => Matrix::new(*a as usize, *b as usize, data),
        _ => Err(NcfError::Model(format!("section {name} is not 2-D"))),
    }
}

impl NcfModel {
    /// Saves the model and the id maps of its training data to `path`, atomically.
    ///
    /// ```
    /// use recsys_core::{CandidateScorer, Interactions, traits::Fit};
    /// use recsys_ncf::{NcfKind, NcfModel, NcfParams};
    /// let train = Interactions::from_pairs([(1, 10), (1, 11), (2, 12), (3, 10), (3, 12)])?;
    /// let model = NcfParams::new(NcfKind::NeuMf).with_epochs(2).with_negatives(1).fit(&train)?;
    /// let dir = std::env::temp_dir().join(format!("recsys-ncf-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("neumf.model");
    /// model.save(&path, train.users(), train.items())?;
    /// let saved = NcfModel::load(&path)?;
    /// let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
    /// model.score(0, &[0, 1, 2], &mut a);
    /// saved.model.score(0, &[0, 1, 2], &mut b);
    /// assert_eq!(a, b);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, path: impl AsRef<Path>, users: &IdMap, items: &IdMap) -> Result<()> {
        self.writer(users, items)?.save(path)?;
        Ok(())
    }

    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(&'a self, users: &'a IdMap, items: &'a IdMap) -> Result<ModelWriter<'a>> {
        let w = &self.weights;
        check_maps("", users, items, w)?;
        let curve: Vec<serde_json::Value> = self
            .curve
            .iter()
            .map(|r| json!({"loss": r.loss, "seconds": r.seconds, "validation": r.validation}))
            .collect();
        let meta = json!({
            "params": serde_json::to_value(&self.params)
                .map_err(|e| NcfError::Model(e.to_string()))?,
            "network": w.kind,
            "activation": w.activation,
            "n_layers": w.layers.len(),
            "best_epoch": self.best_epoch,
            "curve": curve,
            "fold_in": serde_json::to_value(self.fold_in)
                .map_err(|e| NcfError::Model(e.to_string()))?,
        });
        let mut f = ModelWriter::new(Self::KIND, meta);
        for (name, m) in [
            ("gmf_user", &w.gmf_user),
            ("gmf_item", &w.gmf_item),
            ("mlp_user", &w.mlp_user),
            ("mlp_item", &w.mlp_item),
        ] {
            if let Some(m) = m {
                put(&mut f, name, m)?;
            }
        }
        for (k, l) in w.layers.iter().enumerate() {
            put(&mut f, &format!("layer{k}_weight"), &l.weight)?;
            f.vector_f32(format!("layer{k}_bias"), &l.bias[..])?;
        }
        f.vector_f32("out_weight", &w.out_weight[..])?;
        f.section_f32("out_bias", &[1], vec![w.out_bias])?;
        f.id_map("users", users)?;
        f.id_map("items", items)?;
        Ok(f)
    }

    /// Loads a model saved by [`NcfModel::save`]. A truncated, corrupted or inconsistent file
    /// is an error.
    pub fn load(path: impl AsRef<Path>) -> Result<Saved> {
        Self::from_reader(&ModelReader::load(path.as_ref(), Self::KIND)?)
    }

    /// Reads the model from an open model file (see [`NcfModel::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved> {
        let params: NcfParams = r.meta_field("params")?;
        let kind = r.meta_field("network")?;
        let n_layers: usize = r.meta_field("n_layers")?;
        let opt = |name: &str| -> Result<Option<Matrix>> {
            if r.has_section(name) {
                get(r, name).map(Some)
            } else {
                Ok(None)
            }
        };
        let layers = (0..n_layers)
            .map(|k| {
                Ok(Layer {
                    weight: get(r, &format!("layer{k}_weight"))?,
                    bias: r.f32(&format!("layer{k}_bias"))?.1,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let out_bias = r.f32("out_bias")?.1;
        let weights = NcfWeights {
            kind,
            activation: r.meta_field("activation")?,
            gmf_user: opt("gmf_user")?,
            gmf_item: opt("gmf_item")?,
            mlp_user: opt("mlp_user")?,
            mlp_item: opt("mlp_item")?,
            layers,
            out_weight: r.f32("out_weight")?.1,
            out_bias: *out_bias
                .first()
                .ok_or_else(|| NcfError::Model("empty out_bias".into()))?,
        };
        weights.check()?;
        if params.kind != weights.kind {
            return Err(NcfError::Model("params and network disagree".into()));
        }
        let curve: Vec<serde_json::Value> = r.meta_field("curve")?;
        let curve = curve
            .into_iter()
            .enumerate()
            .map(|(e, v)| EpochRecord {
                epoch: e + 1,
                loss: v["loss"].as_f64().unwrap_or(f64::NAN),
                seconds: v["seconds"].as_f64().unwrap_or(f64::NAN),
                validation: serde_json::from_value(v["validation"].clone()).unwrap_or_default(),
            })
            .collect();
        // files written before folding in existed have no settings: the defaults
        let fold_in = match r.meta().get("fold_in") {
            Some(_) => r.meta_field("fold_in")?,
            None => NcfFoldIn::default(),
        };
        let users = r.id_map("users")?;
        let items = r.id_map("items")?;
        check_maps(
            &format!("{}: ", r.path().display()),
            &users,
            &items,
            &weights,
        )?;
        Ok(Saved {
            model: NcfModel {
                params,
                weights,
                curve,
                best_epoch: r.meta_field("best_epoch")?,
                fold_in,
            },
            users,
            items,
        })
    }
}

impl SaveModel for NcfModel {
    fn model_writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> std::result::Result<ModelWriter<'a>, BoxError> {
        Ok(self.writer(users, items)?)
    }
}
