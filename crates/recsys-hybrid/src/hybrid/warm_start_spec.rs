//! [`WarmStartSpec`]: fits a [`WarmStart`] — the collaborative model on the training data, the
//! training items' content and weighted-rating priors from the catalog.

use std::sync::Arc;

use recsys_core::Interactions;
use recsys_core::traits::{BoxError, Model, ModelSpec};

use super::item_content::CatalogContent;
use super::warm_start::{WarmStart, WarmStartParams};
use super::with_cf::{params_with_cf, set_with_cf};
use crate::error::HybridError;

/// A [`WarmStart`] as a [`ModelSpec`]: a collaborative spec, the catalog's content and the
/// settings. Its parameters are the settings, `cf` (the collaborative model's name) and the
/// collaborative model's own as `cf.KEY`.
#[derive(Clone)]
pub struct WarmStartSpec {
    name: String,
    cf: Arc<dyn ModelSpec>,
    content: Arc<CatalogContent>,
    params: WarmStartParams,
}

impl std::fmt::Debug for WarmStartSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmStartSpec")
            .field("name", &self.name)
            .field("cf", &self.cf.name())
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl WarmStartSpec {
    /// `cf` with cold items warm-started from `content`, named `name` in reports.
    pub fn new(
        name: impl Into<String>,
        cf: Arc<dyn ModelSpec>,
        content: Arc<CatalogContent>,
        params: WarmStartParams,
    ) -> Result<Self, HybridError> {
        params.check()?;
        Ok(Self {
            name: name.into(),
            cf,
            content,
            params,
        })
    }

    /// Fits on `train`.
    pub fn fit_warm_start(&self, train: &Interactions) -> Result<WarmStart, BoxError> {
        let cf = self.cf.fit_model(train)?;
        let content = Arc::new(self.content.for_items(train.items()));
        let prior = self
            .content
            .item_priors(train.items(), self.params.quantile)?;
        Ok(WarmStart::new(
            cf,
            content,
            WarmStart::known_of(train),
            prior,
            self.params.clone(),
        )?)
    }
}

impl ModelSpec for WarmStartSpec {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn params(&self) -> Vec<(String, String)> {
        params_with_cf(self.cf.as_ref(), &self.params)
    }
    /// `cf.KEY` sets the collaborative model's parameter `KEY` (while no copy of this spec
    /// shares it); other keys are the warm start's own settings.
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        let name = self.name.clone();
        set_with_cf(
            &mut self.cf,
            &mut self.params,
            &name,
            key,
            value,
            WarmStartParams::check,
        )
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        Ok(Box::new(self.fit_warm_start(train)?.into_model()))
    }
}
