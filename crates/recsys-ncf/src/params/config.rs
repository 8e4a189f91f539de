//! [`NcfParams::from_config`]: hyperparameters from text, as `recsys-eval`'s hyperparameter
//! search and the command line give them, and as [`ModelSpec::params`] lists them.
//!
//! [`ModelSpec::params`]: recsys_core::ModelSpec::params

use recsys_core::WrapsCore;
use std::collections::BTreeMap;
use std::str::FromStr;

use crate::error::{NcfError, Result};

use super::{NcfKind, NcfParams};

/// The keys [`NcfParams::from_config`] reads: the fields of [`NcfParams`], `factors` (another
/// name for `gmf_embedding`) and `loss` / `optimizer` (fixed, ignored).
const KEYS: [&str; 18] = [
    "kind",
    "embedding",
    "gmf_embedding",
    "factors",
    "layers",
    "activation",
    "lr",
    "batch",
    "negatives",
    "epochs",
    "seed",
    "patience",
    "validation_negatives",
    "pretrain",
    "alpha",
    "device",
    "loss",
    "optimizer",
];

/// `v` as a number, or an [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) for `key`.
fn num<T: FromStr>(key: &'static str, v: &str) -> Result<T> {
    v.parse()
        .map_err(|_| NcfError::param(key, format!("`{v}` is not a valid number")))
}

/// `none` (or nothing) as `None`, else a number.
fn opt(key: &'static str, v: &str) -> Result<Option<usize>> {
    match v {
        "none" | "" => Ok(None),
        s => num(key, s).map(Some),
    }
}

impl NcfParams {
    /// `kind`'s defaults overridden by the text values of `config`. The keys are the names of
    /// the parameter list ([`ModelSpec::params`](recsys_core::ModelSpec::params)): `embedding`,
    /// `gmf_embedding`, `layers` (as `64-128-64-32` or `64,128`), `activation`,
    /// `lr`, `batch`, `negatives`, `epochs`, `seed`, `patience`, `validation_negatives`,
    /// `pretrain`, `alpha`, `device` and `kind` (which must be `kind`). Unknown keys and bad
    /// values are errors; the result is checked ([`NcfParams::check`]).
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use recsys_ncf::{NcfKind, NcfParams};
    /// let mut c = BTreeMap::new();
    /// c.insert("layers".to_string(), "32-16".to_string());
    /// c.insert("embedding".to_string(), "8".to_string());
    /// c.insert("lr".to_string(), "0.005".to_string());
    /// let p = NcfParams::from_config(NcfKind::Mlp, &c)?;
    /// assert_eq!((p.layers.clone(), p.embedding, p.lr), (vec![32, 16], 8, 0.005));
    /// c.insert("batch".to_string(), "0".to_string());
    /// assert!(NcfParams::from_config(NcfKind::Mlp, &c).is_err());
    /// # Ok::<(), recsys_ncf::NcfError>(())
    /// ```
    pub fn from_config(kind: NcfKind, config: &BTreeMap<String, String>) -> Result<Self> {
        let mut p = Self::new(kind);
        for (k, v) in config {
            let key = KEYS
                .into_iter()
                .find(|&key| key == k)
                .ok_or_else(|| NcfError::param("config", format!("unknown parameter `{k}`")))?;
            p.set(key, v.trim())?;
        }
        p.check()?;
        Ok(p)
    }

    /// Sets the field `key` (one of [`KEYS`]) from its text.
    fn set(&mut self, key: &'static str, v: &str) -> Result<()> {
        match key {
            "kind" if v.parse::<NcfKind>()? != self.kind => {
                return Err(NcfError::param(
                    "kind",
                    format!("`{v}` is not {}", self.kind),
                ));
            }
            "embedding" => self.embedding = num(key, v)?,
            "gmf_embedding" | "factors" => self.gmf_embedding = num(key, v)?,
            "layers" => self.layers = parse_layers(v)?,
            "activation" => self.activation = v.parse()?,
            "lr" => self.lr = num(key, v)?,
            "batch" => self.batch = num(key, v)?,
            "negatives" => self.negatives = num(key, v)?,
            "epochs" => self.epochs = num(key, v)?,
            "seed" => self.seed = num(key, v)?,
            "patience" => self.patience = opt(key, v)?,
            "validation_negatives" => self.validation_negatives = opt(key, v)?,
            "pretrain" => {
                self.pretrain = v
                    .parse()
                    .map_err(|_| NcfError::param(key, format!("`{v}` is not true/false")))?
            }
            "alpha" => self.alpha = num(key, v)?,
            "device" => self.device = v.parse()?,
            _ => {} // `kind` as it is; loss, optimizer: fixed
        }
        Ok(())
    }
}

/// Layer sizes as text: `64-128-64-32`.
pub fn layers_text(layers: &[usize]) -> String {
    layers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// Parses `64-128-64-32` (or `64,128,64,32`, or with spaces).
pub fn parse_layers(text: &str) -> Result<Vec<usize>> {
    let sizes: Result<Vec<usize>> = text
        .split(['-', ',', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| NcfError::param("layers", format!("`{text}`: `{s}` is not a size")))
        })
        .collect();
    let sizes = sizes?;
    if sizes.is_empty() {
        return Err(NcfError::param("layers", "no layer sizes"));
    }
    Ok(sizes)
}

/// Serde of [`NcfParams::layers`] as its text (`64-128-64-32`), as the parameter list shows it.
pub(super) mod layers_serde {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the sizes as [`layers_text`](super::layers_text) does.
    pub fn serialize<S: Serializer>(layers: &[usize], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::layers_text(layers))
    }

    /// Reads the sizes with [`parse_layers`](super::parse_layers).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<usize>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_layers(&text).map_err(D::Error::custom)
    }
}
