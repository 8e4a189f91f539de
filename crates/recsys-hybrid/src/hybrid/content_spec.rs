//! [`ContentSpec`]: the [`ModelSpec`] of a content model — the catalog's content and the model's
//! serde settings ([`ContentModelParams`]), fitted on each training set's items.

use std::sync::Arc;

use recsys_core::Interactions;
use recsys_core::traits::{BoxError, Model, ModelSpec, param_list, with_param};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::item_content::{CatalogContent, ItemContent};
use crate::error::HybridError;

/// The settings of a model fitted on ratings and the items' content: what a [`ContentSpec`]
/// fits. Its [`ModelSpec::params`] are the settings' serde fields.
pub trait ContentModelParams: Serialize + DeserializeOwned + Send + Sync {
    /// The model's registry name (`content-knn`, `content-profile`).
    const NAME: &'static str;

    /// Checks the settings' ranges.
    fn check_params(&self) -> Result<(), HybridError>;

    /// Fits on `train` with the items' content, wrapped as a [`Model`].
    fn fit_content(
        &self,
        train: &Interactions,
        content: Arc<ItemContent>,
    ) -> Result<Box<dyn Model>, HybridError>;
}

/// A content model as a [`ModelSpec`]: the catalog's content and the model's settings.
#[derive(Debug, Clone)]
pub struct ContentSpec<P> {
    /// The content of the catalog.
    pub content: Arc<CatalogContent>,
    /// The model's settings.
    pub params: P,
}

impl<P: ContentModelParams> ModelSpec for ContentSpec<P> {
    fn name(&self) -> String {
        P::NAME.into()
    }
    fn params(&self) -> Vec<(String, String)> {
        param_list(&self.params)
    }
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        let next = with_param(&self.params, P::NAME, key, value)?;
        next.check_params()?;
        self.params = next;
        Ok(())
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let items = Arc::new(self.content.for_items(train.items()));
        Ok(self.params.fit_content(train, items)?)
    }
}
