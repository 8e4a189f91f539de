//! [`EntrySpec`]: a model entry of the experiment as the runner fits it — under its label, and,
//! with a grid, choosing its parameters on each training fold before fitting.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use indicatif::ProgressBar;
use recsys::core::traits::BoxError;
use recsys::core::{Interactions, Model, ModelSpec};
use recsys::eval::EvalError;
use recsys::eval::search::{self, Config, Objective, Validation};

/// Builds the entry's spec with a grid configuration set (fixed parameters included).
pub type Build = Box<dyn Fn(&Config) -> Result<Box<dyn ModelSpec>, EvalError> + Send + Sync>;

/// The search of a grid entry.
pub struct Search {
    /// The configurations, in grid order.
    pub configs: Vec<Config>,
    /// The validation split carved from each training fold.
    pub validation: Validation,
    /// What is chosen on.
    pub objective: Objective,
    /// Seed of the validation split.
    pub seed: u64,
}

/// What a search chose on one training fold.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// The chosen configuration.
    pub config: Config,
    /// Its validation score.
    pub score: f64,
    /// Configurations tried.
    pub tried: usize,
}

/// What an [`EntrySpec`]'s searches chose.
#[derive(Clone)]
pub struct Record(Arc<Mutex<Vec<Chosen>>>);

impl Record {
    /// The choices so far, one per fold fitted.
    pub fn chosen(&self) -> Vec<Chosen> {
        self.0.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

/// A model entry as the runner sees it: named by its label; with a [`Search`], each
/// `fit_model(train)` first scores every configuration on a validation split of `train` (never
/// the test fold), then fits the best on the whole of `train`.
pub struct EntrySpec {
    label: String,
    base: Box<dyn ModelSpec>,
    build: Build,
    search: Option<Search>,
    chosen: Arc<Mutex<Vec<Chosen>>>,
    bar: ProgressBar,
}

impl EntrySpec {
    /// The entry `label` with `base` (defaults and fixed parameters), `build` for grid
    /// configurations and an optional search; `bar` shows the search's progress.
    pub fn new(
        label: String,
        base: Box<dyn ModelSpec>,
        build: Build,
        search: Option<Search>,
        bar: ProgressBar,
    ) -> Self {
        Self {
            label,
            base,
            build,
            search,
            chosen: Arc::new(Mutex::new(Vec::new())),
            bar,
        }
    }

    /// Where each fit records what it chose, in the order fitted (one per fold; nothing
    /// without a search): read it after the run, once the spec has been handed to the runner.
    pub fn record(&self) -> Record {
        Record(Arc::clone(&self.chosen))
    }

    /// The parameters of the registry model: defaults and fixed ones.
    pub fn base_params(&self) -> Vec<(String, String)> {
        self.base.params()
    }
}

impl ModelSpec for EntrySpec {
    fn name(&self) -> String {
        self.label.clone()
    }

    fn params(&self) -> Vec<(String, String)> {
        self.base.params()
    }

    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        self.base.set_param(key, value)
    }

    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let Some(s) = &self.search else {
            return self.base.fit_model(train);
        };
        let fold = self.chosen.lock().map(|c| c.len() + 1).unwrap_or(0);
        let n = s.configs.len();
        let tried = AtomicUsize::new(0);
        let make = |c: &Config| {
            let k = tried.fetch_add(1, Ordering::Relaxed) + 1;
            self.bar.set_message(format!(
                "searching {} on fold {fold}: configuration {k}/{n}",
                self.label
            ));
            (self.build)(c)
        };
        let result = search::search(
            train,
            &s.configs,
            &make,
            &s.validation,
            &s.objective,
            s.seed,
        )?;
        let spec = (self.build)(&result.best)?;
        if let Ok(mut c) = self.chosen.lock() {
            c.push(Chosen {
                config: result.best.clone(),
                score: result.best_score,
                tried: result.trials.len(),
            });
        }
        self.bar
            .set_message(format!("fitting {} on fold {fold} (chosen)", self.label));
        spec.fit_model(train)
    }
}
