//! [`ModelSpec`]: a model name with its hyperparameters, ready to fit.

use crate::interactions::Interactions;

use super::model::Model;
use super::save::BoxError;

/// A model name with its hyperparameters, ready to fit: what `compare` lists and the runner fits
/// once per fold.
pub trait ModelSpec: Send + Sync {
    /// Short, stable name (`baseline`, `popularity`, `svd`, ...).
    fn name(&self) -> String;
    /// Hyperparameters as `(name, value)` pairs, for reports.
    fn params(&self) -> Vec<(String, String)>;
    /// Fits on `train`.
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError>;
}

/// A [`ModelSpec`] from a name, parameters and a fitting closure.
pub struct FnSpec<F> {
    name: String,
    params: Vec<(String, String)>,
    fit: F,
}

impl<F> FnSpec<F>
where
    F: Fn(&Interactions) -> Result<Box<dyn Model>, BoxError> + Send + Sync,
{
    /// A spec named `name` with `params` that fits with `fit`.
    pub fn new(name: impl Into<String>, params: Vec<(String, String)>, fit: F) -> Self {
        Self {
            name: name.into(),
            params,
            fit,
        }
    }
}

impl<F> ModelSpec for FnSpec<F>
where
    F: Fn(&Interactions) -> Result<Box<dyn Model>, BoxError> + Send + Sync,
{
    fn name(&self) -> String {
        self.name.clone()
    }
    fn params(&self) -> Vec<(String, String)> {
        self.params.clone()
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        (self.fit)(train)
    }
}
