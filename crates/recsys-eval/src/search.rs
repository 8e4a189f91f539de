//! Hyperparameter search: grid or random search over a model's parameters, each configuration
//! scored on a validation split carved from the **training** data, never on the test set.
//!
//! ```
//! use recsys_eval::search::ParamGrid;
//! let g = ParamGrid::new().with("factors", ["10", "20"]).with("lr", ["0.005", "0.01", "0.02"]);
//! assert_eq!(g.grid().len(), 6);
//! assert_eq!(g.random(4, 1).len(), 4);
//! assert_eq!(g.random(4, 1), g.random(4, 1)); // seeded
//! ```

use recsys_core::WrapsCore;
use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use recsys_core::candidates::CandidateSet;
use recsys_core::split;
use recsys_core::{Interactions, ModelSpec};

use crate::EvalError;
use crate::protocol::{Fold, Prepared, Task};
use crate::runner::{RunConfig, run};

/// One configuration: parameter name → value (as text; the model's constructor parses it).
pub type Config = BTreeMap<String, String>;

/// Builds a model from a configuration.
pub type MakeModel<'a> = &'a dyn Fn(&Config) -> Result<Box<dyn ModelSpec>, EvalError>;

/// Values to try for each parameter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParamGrid {
    params: Vec<(String, Vec<String>)>,
}

impl ParamGrid {
    /// An empty grid (one configuration: no parameters).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a parameter and its values.
    pub fn with<S: ToString>(mut self, name: &str, values: impl IntoIterator<Item = S>) -> Self {
        self.params.push((
            name.to_string(),
            values.into_iter().map(|v| v.to_string()).collect(),
        ));
        self
    }

    /// Every combination, in lexicographic order of the values as given.
    pub fn grid(&self) -> Vec<Config> {
        let mut out = vec![Config::new()];
        for (name, values) in &self.params {
            out = out
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.insert(name.clone(), v.clone());
                        c
                    })
                })
                .collect();
        }
        out
    }

    /// `n` distinct combinations drawn at random (seeded); all of them if `n` exceeds the grid.
    pub fn random(&self, n: usize, seed: u64) -> Vec<Config> {
        let mut g = self.grid();
        g.shuffle(&mut rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed));
        g.truncate(n);
        g
    }
}

/// How configurations are scored.
#[derive(Debug, Clone, PartialEq)]
pub enum Validation {
    /// A random share of the training ratings held out; scored by `metric` (e.g. `rmse`).
    Holdout {
        /// Share held out.
        ratio: f64,
    },
    /// Each training user's latest rating held out and ranked among `negatives` sampled items;
    /// scored by `metric` (e.g. `ndcg@10`).
    LeaveLatest {
        /// Sampled negatives per user.
        negatives: usize,
    },
}

/// The objective: a metric of the runner and its direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// Metric name as in the report (`rmse`, `hr@10`, `ndcg@10`, ...).
    pub metric: String,
    /// Whether smaller is better.
    pub minimize: bool,
}

/// The outcome of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    /// Every configuration tried with its validation score, in the order tried.
    pub trials: Vec<(Config, f64)>,
    /// The best configuration.
    pub best: Config,
    /// Its validation score.
    pub best_score: f64,
}

/// Scores each configuration (built into a model by `make`) on a validation split of `train`
/// and returns the best. The validation split is seeded; `train` is never the test set.
pub fn search(
    train: &Interactions,
    configs: &[Config],
    make: MakeModel<'_>,
    validation: &Validation,
    objective: &Objective,
    seed: u64,
) -> Result<SearchResult, EvalError> {
    if configs.is_empty() {
        return Err(EvalError::empty("no configurations to search"));
    }
    let (split, candidates, task) = match validation {
        Validation::Holdout { ratio } => (
            split::random_holdout(train, *ratio, seed)?,
            None,
            Task::Rating,
        ),
        Validation::LeaveLatest { negatives } => {
            let s = split::leave_latest_out(train, 1)?;
            let c = CandidateSet::from_split(&s, *negatives, seed)?;
            (s, Some(c), Task::Sampled)
        }
    };
    let prepared = Prepared {
        dataset: "validation".into(),
        protocol: "validation".into(),
        task,
        folds: vec![Fold::new(split, candidates)],
    };
    let opts = RunConfig {
        bootstrap: 0,
        seed,
        // validation needs the objective only, not the full-ranking extras
        sampled_extras: false,
        ..RunConfig::default()
    };
    let mut trials = Vec::with_capacity(configs.len());
    for c in configs {
        let spec = make(c)?;
        let rows = run(&prepared, std::slice::from_ref(&spec), &opts, &mut |_| {})?;
        let score = rows
            .first()
            .and_then(|r| r.metrics.get(&objective.metric).copied())
            .ok_or_else(|| {
                EvalError::param(
                    "objective",
                    format!(
                        "the model does not report `{}` under this validation",
                        objective.metric
                    ),
                )
            })?;
        trials.push((c.clone(), score));
    }
    let better = |a: f64, b: f64| if objective.minimize { a < b } else { a > b };
    let mut best = 0;
    for (k, t) in trials.iter().enumerate() {
        if better(t.1, trials[best].1) {
            best = k;
        }
    }
    Ok(SearchResult {
        best: trials[best].0.clone(),
        best_score: trials[best].1,
        trials,
    })
}
