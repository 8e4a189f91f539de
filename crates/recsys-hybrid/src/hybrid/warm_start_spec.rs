//! [`WarmStartSpec`]: fits a [`WarmStart`] — the collaborative model on the training data, the
//! training items' content and weighted-rating priors from the catalog.

use std::sync::Arc;

use recsys_core::Interactions;
use recsys_core::traits::BoxError;

use super::warm_start::{WarmStart, WarmStartParams};
use super::with_cf::spec_with_cf;

spec_with_cf! {
    /// A [`WarmStart`] as a [`ModelSpec`](recsys_core::traits::ModelSpec): a collaborative
    /// spec, the catalog's content and the settings. Its parameters are the settings, `cf` (the
    /// collaborative model's name) and the collaborative model's own as `cf.KEY`.
    WarmStartSpec(WarmStartParams),
    new: "`cf` with cold items warm-started from `content`, named `name` in reports.",
    own: "warm start's own settings",
    |s, train| s.fit_warm_start(train)?.into_model()
}

impl WarmStartSpec {
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
