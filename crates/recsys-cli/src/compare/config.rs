//! The experiment file: its TOML schema (strict: unknown keys are errors) and the error that
//! names the file, the key and what is allowed.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// An experiment: datasets × protocols × models.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiment {
    /// The experiment's name: the default report folder is `reports/<name>`.
    pub name: String,
    /// What the experiment reproduces.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Seed of the protocols' random choices, the validation splits and the bootstrap.
    #[serde(default)]
    pub seed: u64,
    /// Bootstrap resamples of the 95% intervals (0 disables them).
    #[serde(default = "default_bootstrap")]
    pub bootstrap: usize,
    /// Cutoff of the ranking metrics.
    #[serde(default = "default_k")]
    pub k: usize,
    /// Item-popularity buckets of the rating metrics (ascending upper bounds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<u32>,
    /// A model of the experiment to compare every other one with: each row gets the paired
    /// per-user difference from it, with an interval and a sign-test p-value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
    /// Threads of fitting and evaluation (0: every core). SVD's DSGD depends on it, so a
    /// manifest records the count used.
    #[serde(default)]
    pub threads: usize,
    /// Dataset names.
    pub datasets: Vec<String>,
    /// The protocols, each run on every dataset.
    pub protocols: Vec<ProtocolEntry>,
    /// The models, each run under every protocol on every dataset.
    pub models: Vec<ModelEntry>,
    /// What a run recorded (written into `manifest.toml`; read back and ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<toml::Table>,
}

fn default_bootstrap() -> usize {
    1000
}

fn default_k() -> usize {
    10
}

/// One protocol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolEntry {
    /// official, holdout, kfold, loo-sampled, loo-full, cold-items, test-file, temporal or
    /// new-users.
    pub kind: String,
    /// Share of ratings (holdout; temporal: the latest ones), items (cold-items) or users
    /// (new-users) held out (default 0.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_ratio: Option<f64>,
    /// new-users: ratings folded in per held-out user, their first by time (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold_in: Option<usize>,
    /// Folds of kfold, or disjoint groups of withheld users of new-users (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folds: Option<usize>,
    /// Sampled negatives per user of loo-sampled without a candidates file (default 99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negatives: Option<usize>,
    /// The protocol's seed (default: the experiment's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// loo-sampled: a candidates file (the peers' `ncf_loo` format) per dataset name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub candidates: BTreeMap<String, String>,
    /// test-file: the held-out ratings CSV per dataset name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub test_file: BTreeMap<String, String>,
}

/// One model: a registry name, fixed parameters and an optional grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// Registry name (`baseline`, `svd`, ...).
    pub name: String,
    /// The row's name in the report (default: `name`); needed when a model appears twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Fixed parameters by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set: BTreeMap<String, toml::Value>,
    /// Values to try per parameter, chosen on validation data carved from each training fold.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub grid: BTreeMap<String, Vec<toml::Value>>,
    /// How the grid is scored (defaults depend on the protocol).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<SearchEntry>,
}

/// How a grid is scored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchEntry {
    /// `holdout` (a random share of the training ratings) or `leave-latest` (each training
    /// user's latest rating among sampled negatives). Default: `holdout` under rating
    /// protocols, `leave-latest` under ranking protocols.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<String>,
    /// Share held out by `holdout` (default 0.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// Negatives per user of `leave-latest` (default: the protocol's `negatives`, 99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negatives: Option<usize>,
    /// The metric chosen on (default `rmse` for `holdout`, `ndcg@10` for `leave-latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
}

/// A bad experiment file: the file, the key (a path such as `models[1].set.lr`; empty when the
/// file does not parse) and what is wrong or allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The experiment file.
    pub file: PathBuf,
    /// The key at fault.
    pub key: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl ConfigError {
    /// An error at `key` of `file`.
    pub fn new(file: &Path, key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: key `{}`: {}",
                self.file.display(),
                self.key,
                self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

/// Reads and parses the experiment file at `path` (schema only; [`super::plan`] checks names
/// and ranges).
pub fn read(path: &Path) -> Result<Experiment, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::new(path, "", format!("cannot read the file: {e}")))?;
    parse(path, &text)
}

/// Parses an experiment from `text` (`path` names it in errors).
pub fn parse(path: &Path, text: &str) -> Result<Experiment, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let msg = e.message().to_string();
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                let src = text.lines().nth(line - 1).unwrap_or("").trim();
                format!(" (line {line}: `{src}`)")
            })
            .unwrap_or_default();
        ConfigError::new(path, "", format!("{msg}{at}"))
    })
}

/// A TOML value as the text `ModelSpec::set_param` reads: strings as they are, numbers and
/// booleans as written, arrays and tables as compact JSON.
pub fn value_text(v: &toml::Value) -> Result<String, String> {
    Ok(match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => {
            if !f.is_finite() {
                return Err(format!("{f} is not a finite number"));
            }
            // `{:?}` keeps a decimal point (`10.0`), as serde writes a float parameter
            format!("{f:?}")
        }
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => return Err(format!("a date ({d}) is not a parameter value")),
        toml::Value::Array(_) | toml::Value::Table(_) => {
            serde_json::to_string(&to_json(v)?).map_err(|e| e.to_string())?
        }
    })
}

fn to_json(v: &toml::Value) -> Result<serde_json::Value, String> {
    Ok(match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .ok_or_else(|| format!("{f} is not a finite number"))?,
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => return Err(format!("a date ({d}) is not a parameter value")),
        toml::Value::Array(a) => {
            serde_json::Value::Array(a.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| Ok((k.clone(), to_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}

/// The TOML value a manifest writes for a parameter's text: a number or boolean when it reads
/// back as the very same text, else the text as a string (so every value reruns exactly).
pub fn text_value(text: &str) -> toml::Value {
    let candidates = [
        text.parse::<i64>().ok().map(toml::Value::Integer),
        text.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(toml::Value::Float),
        text.parse::<bool>().ok().map(toml::Value::Boolean),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|v| value_text(v).as_deref() == Ok(text))
        .unwrap_or_else(|| toml::Value::String(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_set_param_text() {
        let v: toml::Table =
            toml::from_str("a = 3\nb = 0.005\nc = true\nd = \"numpy\"\ne = [64, 32]\nf = 1.0e-5")
                .unwrap();
        let t = |k: &str| value_text(&v[k]).unwrap();
        assert_eq!(
            [t("a"), t("b"), t("c"), t("d"), t("e")],
            ["3", "0.005", "true", "numpy", "[64,32]"]
        );
        assert_eq!(t("f").parse::<f64>().unwrap(), 1.0e-5);
    }

    #[test]
    fn manifest_values_round_trip_their_text() {
        for text in [
            "100",
            "0.005",
            "true",
            "none",
            "numpy",
            "[64,32,16]",
            "1.0",
            "-3",
            "1e-5",
        ] {
            assert_eq!(value_text(&text_value(text)).unwrap(), text, "{text}");
        }
        assert_eq!(text_value("100"), toml::Value::Integer(100));
        assert_eq!(text_value("1.0"), toml::Value::Float(1.0));
        assert_eq!(text_value("1e-5"), toml::Value::Float(1e-5));
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let e = parse(
            Path::new("x.toml"),
            "name = \"x\"\ndatasets = []\nprotocols = []\nmodels = []\nfoo = 1\n",
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("x.toml: "), "{s}");
        assert!(s.contains("unknown field `foo`"), "{s}");
        assert!(s.contains("line 5"), "{s}");
    }
}
