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
    /// Sets the hyperparameter `key` (a name of [`params`](Self::params)) from its text, read
    /// in the field's type and checked as the model checks its parameters; on an error the
    /// spec is unchanged. Errors: [`CoreError::UnknownParameter`](crate::CoreError::UnknownParameter)
    /// (naming the valid keys), [`CoreError::InvalidValue`](crate::CoreError::InvalidValue), or
    /// the model's own parameter error.
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError>;
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
    /// A closure's parameters are fixed: every key is unknown.
    fn set_param(&mut self, key: &str, _value: &str) -> Result<(), BoxError> {
        Err(Box::new(crate::CoreError::UnknownParameter {
            model: self.name.clone(),
            key: key.to_string(),
            valid: "none (the parameters of a closure spec are fixed)".to_string(),
        }))
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        (self.fit)(train)
    }
}
