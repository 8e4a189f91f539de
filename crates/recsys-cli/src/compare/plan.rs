//! An experiment checked and resolved: datasets, protocols and models by their names, every
//! value in range, every parameter accepted by its model — before any data is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use recsys::core::ModelSpec;
use recsys::data::Dataset;
use recsys::eval::protocol::{ProtocolKind, Task};
use recsys::eval::report::{RANKING_METRICS, RATING_METRICS};
use recsys::eval::search::{Config, Objective, ParamGrid, Validation};
use recsys::models;

use super::config::{ConfigError, Experiment, ModelEntry, ProtocolEntry, value_text};

/// The metrics a `holdout` validation can choose on.
const HOLDOUT_METRICS: [&str; 2] = RATING_METRICS;

/// A checked experiment.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The experiment as read.
    pub experiment: Experiment,
    /// The folder of the experiment file (relative file paths start there).
    pub config_dir: PathBuf,
    /// The datasets.
    pub datasets: Vec<Dataset>,
    /// The protocols.
    pub protocols: Vec<ProtocolPlan>,
    /// The models.
    pub models: Vec<ModelPlan>,
}

/// A checked protocol.
#[derive(Debug, Clone)]
pub struct ProtocolPlan {
    /// The protocol.
    pub kind: ProtocolKind,
    /// Share held out (holdout, cold-items, temporal, new-users).
    pub test_ratio: f64,
    /// Ratings folded in per held-out user (new-users).
    pub fold_in: usize,
    /// Folds (kfold; new-users: disjoint groups of withheld users).
    pub folds: usize,
    /// Sampled negatives (loo-sampled without candidates).
    pub negatives: usize,
    /// Seed.
    pub seed: u64,
    /// Candidates file per dataset name, as written (see [`super::files`]).
    pub candidates: BTreeMap<&'static str, String>,
    /// Test file per dataset name, as written.
    pub test_file: BTreeMap<&'static str, String>,
}

/// A checked model entry.
#[derive(Debug, Clone)]
pub struct ModelPlan {
    /// Index in the file (`models[i]`).
    pub index: usize,
    /// Registry name.
    pub name: String,
    /// Report name.
    pub label: String,
    /// Fixed parameters as text, in the file's order.
    pub fixed: Vec<(String, String)>,
    /// The grid's configurations (empty: no search).
    pub configs: Vec<Config>,
    /// The grid's parameter names.
    pub grid_keys: Vec<String>,
    /// How the grid is scored, as written (completed per protocol by [`ModelPlan::validation`]).
    pub search: super::config::SearchEntry,
    /// Whether it is a content model (needs the catalog).
    pub content: bool,
    /// Whether it is a side model (needs the dataset's user and item side columns).
    pub side: bool,
}

impl ModelPlan {
    /// The validation and objective of the search under a protocol measuring `task`;
    /// `negatives` is the default of `leave-latest` (the protocol's own count).
    pub fn validation(&self, task: Task, negatives: usize) -> (Validation, Objective) {
        let ranking = matches!(task, Task::Sampled | Task::Full | Task::NewUsers);
        let kind = self.search.validation.as_deref().unwrap_or(if ranking {
            "leave-latest"
        } else {
            "holdout"
        });
        let (validation, metric) = if kind == "leave-latest" {
            (
                Validation::LeaveLatest {
                    negatives: self.search.negatives.unwrap_or(negatives),
                },
                self.search.metric.clone().unwrap_or("ndcg@10".into()),
            )
        } else {
            (
                Validation::Holdout {
                    ratio: self.search.ratio.unwrap_or(0.1),
                },
                self.search.metric.clone().unwrap_or("rmse".into()),
            )
        };
        let minimize = HOLDOUT_METRICS.contains(&metric.as_str());
        (validation, Objective { metric, minimize })
    }

    /// The spec of this entry built by `base` (the registry's spec with default parameters),
    /// with the fixed parameters and `config` set; errors name the key in the file.
    pub fn apply(
        &self,
        file: &Path,
        mut spec: Box<dyn ModelSpec>,
        config: &Config,
    ) -> Result<Box<dyn ModelSpec>, ConfigError> {
        for (k, v) in &self.fixed {
            spec.set_param(k, v).map_err(|e| {
                ConfigError::new(
                    file,
                    format!("models[{}].set.{k}", self.index),
                    e.to_string(),
                )
            })?;
        }
        for (k, v) in config {
            spec.set_param(k, v).map_err(|e| {
                ConfigError::new(
                    file,
                    format!("models[{}].grid.{k}", self.index),
                    format!("value {v}: {e}"),
                )
            })?;
        }
        Ok(spec)
    }
}

/// Checks `experiment` (read from `file`).
pub fn check(file: &Path, experiment: Experiment) -> Result<Plan, ConfigError> {
    let err = |key: &str, msg: String| ConfigError::new(file, key, msg);
    let e = &experiment;
    if e.name.trim().is_empty() || e.name.contains(['/', '\\']) || e.name.starts_with('.') {
        return Err(err(
            "name",
            format!(
                "`{}` is not a folder name: give a non-empty name without slashes",
                e.name
            ),
        ));
    }
    if e.k == 0 {
        return Err(err("k", "the ranking cutoff must be at least 1".into()));
    }
    if e.buckets.windows(2).any(|w| w[0] >= w[1]) {
        return Err(err(
            "buckets",
            format!("bounds must ascend strictly, got {:?}", e.buckets),
        ));
    }
    if e.threads > 4096 {
        return Err(err(
            "threads",
            format!("{} threads: allowed 0 (every core) to 4096", e.threads),
        ));
    }
    let names: Vec<&str> = Dataset::ALL
        .into_iter()
        .filter(|d| d.ratings_file().is_some())
        .map(Dataset::name)
        .collect();
    if e.datasets.is_empty() {
        return Err(err(
            "datasets",
            format!("name at least one dataset: {}", names.join(", ")),
        ));
    }
    let mut datasets = Vec::new();
    for (i, d) in e.datasets.iter().enumerate() {
        let ds = Dataset::from_name(d)
            .ok()
            .filter(|ds| ds.ratings_file().is_some())
            .ok_or_else(|| {
                err(
                    &format!("datasets[{i}]"),
                    format!("unknown dataset `{d}`; allowed: {}", names.join(", ")),
                )
            })?;
        if datasets.contains(&ds) {
            return Err(err(
                &format!("datasets[{i}]"),
                format!("`{d}` is listed twice"),
            ));
        }
        datasets.push(ds);
    }
    if e.protocols.is_empty() {
        return Err(err(
            "protocols",
            "give at least one [[protocols]] entry".into(),
        ));
    }
    let protocols = e
        .protocols
        .iter()
        .enumerate()
        .map(|(i, p)| protocol(file, i, p, e.seed, &datasets))
        .collect::<Result<Vec<_>, _>>()?;
    if e.models.is_empty() {
        return Err(err("models", "give at least one [[models]] entry".into()));
    }
    let mut models = Vec::new();
    for (i, m) in e.models.iter().enumerate() {
        let plan = model(file, i, m)?;
        if let Some(prev) = models.iter().find(|p: &&ModelPlan| p.label == plan.label) {
            return Err(err(
                &format!("models[{i}].label"),
                format!(
                    "`{}` is also the label of models[{}]: give each entry its own `label`",
                    plan.label, prev.index
                ),
            ));
        }
        models.push(plan);
    }
    let config_dir = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(Plan {
        experiment,
        config_dir,
        datasets,
        protocols,
        models,
    })
}

fn protocol(
    file: &Path,
    i: usize,
    p: &ProtocolEntry,
    seed: u64,
    datasets: &[Dataset],
) -> Result<ProtocolPlan, ConfigError> {
    let key = |k: &str| format!("protocols[{i}].{k}");
    let err = |k: &str, msg: String| ConfigError::new(file, key(k), msg);
    let kind = ProtocolKind::from_name(&p.kind).map_err(|_| {
        err(
            "kind",
            format!(
                "unknown protocol `{}`; allowed: {}",
                p.kind,
                ProtocolKind::ALL.map(ProtocolKind::name).join(", ")
            ),
        )
    })?;
    let uses = |k: &str, allowed: &[ProtocolKind]| -> Result<(), ConfigError> {
        if allowed.contains(&kind) {
            Ok(())
        } else {
            Err(err(
                k,
                format!(
                    "`{k}` does not apply to protocol `{}` (only to {})",
                    kind.name(),
                    allowed
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ))
        }
    };
    use ProtocolKind as K;
    if p.test_ratio.is_some() {
        uses(
            "test_ratio",
            &[K::Holdout, K::ColdItems, K::Temporal, K::NewUsers],
        )?;
    }
    if p.fold_in.is_some() {
        uses("fold_in", &[K::NewUsers])?;
    }
    let fold_in = p.fold_in.unwrap_or(5);
    if fold_in == 0 {
        return Err(err("fold_in", "0: allowed at least 1".into()));
    }
    if p.folds.is_some() {
        uses("folds", &[K::KFold, K::NewUsers])?;
    }
    if p.negatives.is_some() {
        uses("negatives", &[K::LooSampled])?;
    }
    if !p.candidates.is_empty() {
        uses("candidates", &[K::LooSampled])?;
    }
    if !p.test_file.is_empty() {
        uses("test_file", &[K::TestFile])?;
    }
    let test_ratio = p.test_ratio.unwrap_or(0.2);
    if !(test_ratio > 0.0 && test_ratio < 1.0) {
        return Err(err(
            "test_ratio",
            format!("{test_ratio}: allowed a share strictly between 0 and 1"),
        ));
    }
    let folds = p.folds.unwrap_or(5);
    if !(2..=100).contains(&folds) {
        return Err(err("folds", format!("{folds}: allowed 2 to 100")));
    }
    let negatives = p.negatives.unwrap_or(99);
    if negatives == 0 {
        return Err(err("negatives", "0: allowed at least 1".into()));
    }
    if kind == K::Official
        && let Some(d) = datasets.iter().find(|d| **d != Dataset::Ml100k)
    {
        return Err(err(
            "kind",
            format!("`official` folds exist for ml-100k only, and the experiment lists {d}"),
        ));
    }
    let per_dataset = |k: &str, m: &BTreeMap<String, String>| {
        let mut out = BTreeMap::new();
        for (name, path) in m {
            let ds = Dataset::from_name(name)
                .ok()
                .filter(|d| datasets.contains(d))
                .ok_or_else(|| {
                    err(
                        &format!("{k}.{name}"),
                        format!(
                            "`{name}` is not a dataset of this experiment; allowed: {}",
                            datasets
                                .iter()
                                .map(|d| d.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
            if path.trim().is_empty() {
                return Err(err(&format!("{k}.{name}"), "an empty path".into()));
            }
            out.insert(ds.name(), path.clone());
        }
        Ok(out)
    };
    let candidates = per_dataset("candidates", &p.candidates)?;
    let test_file = per_dataset("test_file", &p.test_file)?;
    if kind == K::TestFile
        && let Some(d) = datasets.iter().find(|d| !test_file.contains_key(d.name()))
    {
        return Err(err(
            "test_file",
            format!("the test-file protocol needs a file for every dataset: none for {d}"),
        ));
    }
    Ok(ProtocolPlan {
        kind,
        test_ratio,
        fold_in,
        folds,
        negatives,
        seed: p.seed.unwrap_or(seed),
        candidates,
        test_file,
    })
}

fn model(file: &Path, i: usize, m: &ModelEntry) -> Result<ModelPlan, ConfigError> {
    let key = |k: &str| format!("models[{i}].{k}");
    let err = |k: &str, msg: String| ConfigError::new(file, key(k), msg);
    let content = models::is_content_model(&m.name);
    let side = models::is_side_model(&m.name);
    if !content && !side && !models::model_names().contains(&m.name.as_str()) {
        let mut all = models::model_names();
        all.extend(models::content_model_names());
        all.extend(models::side_model_names());
        return Err(err(
            "name",
            format!("unknown model `{}`; allowed: {}", m.name, all.join(", ")),
        ));
    }
    let label = m.label.clone().unwrap_or_else(|| m.name.clone());
    if label.trim().is_empty() || label.contains(['/', '\\']) {
        return Err(err(
            "label",
            format!("`{label}`: give a name without slashes"),
        ));
    }
    let text = |k: &str, v: &toml::Value| value_text(v).map_err(|e| err(k, e));
    let fixed = m
        .set
        .iter()
        .map(|(k, v)| Ok((k.clone(), text(&format!("set.{k}"), v)?)))
        .collect::<Result<Vec<_>, ConfigError>>()?;
    let mut grid = ParamGrid::new();
    for (k, values) in &m.grid {
        if m.set.contains_key(k) {
            return Err(err(
                &format!("grid.{k}"),
                format!("`{k}` is both fixed (`set`) and searched (`grid`): keep one"),
            ));
        }
        if values.is_empty() {
            return Err(err(
                &format!("grid.{k}"),
                "an empty list: give at least one value".into(),
            ));
        }
        let vals = values
            .iter()
            .map(|v| text(&format!("grid.{k}"), v))
            .collect::<Result<Vec<_>, _>>()?;
        grid = grid.with(k, vals);
    }
    let configs = if m.grid.is_empty() {
        Vec::new()
    } else {
        grid.grid()
    };
    let search = m.search.clone().unwrap_or_default();
    if m.search.is_some() && m.grid.is_empty() {
        return Err(err(
            "search",
            "a `search` without a `grid` has nothing to choose".into(),
        ));
    }
    if let Some(v) = &search.validation
        && v != "holdout"
        && v != "leave-latest"
    {
        return Err(err(
            "search.validation",
            format!("unknown validation `{v}`; allowed: holdout, leave-latest"),
        ));
    }
    let leave_latest = search.validation.as_deref() == Some("leave-latest");
    if let Some(r) = search.ratio {
        if leave_latest {
            return Err(err(
                "search.ratio",
                "`ratio` applies to `holdout` validation only".into(),
            ));
        }
        if !(r > 0.0 && r < 1.0) {
            return Err(err(
                "search.ratio",
                format!("{r}: allowed a share strictly between 0 and 1"),
            ));
        }
    }
    if let Some(n) = search.negatives {
        if search.validation.as_deref() == Some("holdout") {
            return Err(err(
                "search.negatives",
                "`negatives` applies to `leave-latest` validation only".into(),
            ));
        }
        if n == 0 {
            return Err(err("search.negatives", "0: allowed at least 1".into()));
        }
    }
    if let Some(metric) = &search.metric {
        let allowed: Vec<&str> = match search.validation.as_deref() {
            Some("holdout") => HOLDOUT_METRICS.to_vec(),
            Some(_) => RANKING_METRICS.to_vec(),
            None => HOLDOUT_METRICS
                .iter()
                .chain(&RANKING_METRICS)
                .copied()
                .collect(),
        };
        if !allowed.contains(&metric.as_str()) {
            return Err(err(
                "search.metric",
                format!("unknown metric `{metric}`; allowed: {}", allowed.join(", ")),
            ));
        }
    }
    let plan = ModelPlan {
        index: i,
        name: m.name.clone(),
        label,
        fixed,
        configs,
        grid_keys: m.grid.keys().cloned().collect(),
        search,
        content,
        side,
    };
    // every value through the model's own checks, before any data is read (content models are
    // checked once their catalog is loaded; side models without their columns)
    if !content {
        let base = || {
            let spec = if side {
                models::side_model(&plan.name, Default::default())
            } else {
                models::model(&plan.name)
            };
            spec.map_err(|e| err("name", e.to_string()))
        };
        plan.apply(file, base()?, &Config::new())?;
        for c in &plan.configs {
            plan.apply(file, base()?, c)?;
        }
    }
    Ok(plan)
}
