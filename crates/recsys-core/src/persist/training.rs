//! What every model file keeps of its training: the id maps of the training data, checked
//! against the model's own user and item counts ([`ModelWriter::id_maps`],
//! [`ModelReader::saved`]), the hyperparameters ([`params_meta`]) and the learning curve of an iterative fit ([`curve_meta`],
//! [`ModelReader::curve`]).
//!
//! ```
//! use recsys_core::IdMap;
//! use recsys_core::persist::{ModelReader, ModelWriter, curve_meta};
//! use recsys_core::traits::EpochRecord;
//! let (users, items) = (IdMap::from_raw([7, 9]), IdMap::from_raw([1, 2, 3]));
//! let curve = [EpochRecord { epoch: 1, loss: 0.5, seconds: 0.1, validation: Vec::new() }];
//! let mut w = ModelWriter::new("demo", serde_json::json!({ "curve": curve_meta(&curve) }));
//! w.id_maps(&users, &items, Some(2), 3)?;
//! // a model of 4 items does not go with 3 item ids
//! assert!(ModelWriter::new("demo", serde_json::json!({})).id_maps(&users, &items, None, 4).is_err());
//! let r = ModelReader::from_bytes(w.to_bytes()?, "memory", Some("demo"))?;
//! let saved = r.saved("the model", Some(2), 3)?;
//! assert_eq!((saved.users.len(), saved.items.len()), (2, 3));
//! assert_eq!(r.curve()?[0].loss, 0.5);
//! # Ok::<(), recsys_core::CoreError>(())
//! ```

use serde_json::Value;

use super::reader::ModelReader;
use super::saved::Saved;
use super::writer::ModelWriter;
use crate::curve::EpochRecord;
use crate::error::{CoreError, ModelFileProblem, Result};
use crate::ids::IdMap;

/// Whether the maps have one entry per user (`n_users`, when the model has users) and per item.
fn check_maps(
    users: &IdMap,
    items: &IdMap,
    n_users: Option<usize>,
    n_items: usize,
) -> std::result::Result<(), String> {
    if n_users.is_some_and(|n| n != users.len()) || n_items != items.len() {
        return Err(format!(
            "{} users × {} items in the id maps, the model has {} × {n_items}",
            users.len(),
            items.len(),
            n_users.map_or("any".to_string(), |n| n.to_string()),
        ));
    }
    Ok(())
}

impl<'a> ModelWriter<'a> {
    /// Adds the id maps of the training data as sections `users` and `items`; they must have
    /// one entry per user of the model (`n_users`, when it has users) and per item
    /// ([`CoreError::InvalidParameter`] `id maps` otherwise).
    pub fn id_maps(
        &mut self,
        users: &'a IdMap,
        items: &'a IdMap,
        n_users: Option<usize>,
        n_items: usize,
    ) -> Result<&mut Self> {
        check_maps(users, items, n_users, n_items).map_err(|r| CoreError::param("id maps", r))?;
        self.id_map("users", users)?;
        self.id_map("items", items)
    }
}

impl ModelReader {
    /// `model` with the id maps written by [`ModelWriter::id_maps`], which must have one entry
    /// per user (`n_users`, when the model has users) and per item of the model: else a
    /// [`ModelFileProblem::InvalidSection`] saying how they differ.
    pub fn saved<M>(&self, model: M, n_users: Option<usize>, n_items: usize) -> Result<Saved<M>> {
        let (users, items) = (self.id_map("users")?, self.id_map("items")?);
        check_maps(&users, &items, n_users, n_items).map_err(|what| {
            self.err(ModelFileProblem::InvalidSection {
                name: "items".to_string(),
                what,
            })
        })?;
        Ok(Saved {
            model,
            users,
            items,
        })
    }

    /// The learning curve stored by [`curve_meta`] under the metadata key `curve` (empty when
    /// the file has none).
    pub fn curve(&self) -> Result<Vec<EpochRecord>> {
        let pairs: Vec<(f64, f64)> = if self.meta().get("curve").is_some() {
            self.meta_field("curve")?
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
}

/// Hyperparameters as model-file metadata (the value of the key `params`, read back with
/// `r.meta_field::<P>("params")`): a [`CoreError::InvalidParameter`] `params` when they do not
/// serialize to JSON.
pub fn params_meta<P: serde::Serialize>(params: &P) -> Result<Value> {
    serde_json::to_value(params).map_err(|e| CoreError::param("params", e.to_string()))
}

/// A learning curve as model-file metadata: `[[loss, seconds], ...]` by epoch, for the key
/// `curve` ([`ModelReader::curve`] reads it back).
pub fn curve_meta(curve: &[EpochRecord]) -> Value {
    Value::Array(
        curve
            .iter()
            .map(|r| Value::from(vec![r.loss, r.seconds]))
            .collect(),
    )
}
