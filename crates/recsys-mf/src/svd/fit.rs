//! Fitting SVD and SVD++ ([`Fit`], with an epoch callback), and their registry specs.

use recsys_core::Interactions;
use recsys_core::traits::{EpochRecord, Fit};

use super::sgd::fit_sgd;
use super::{FactorModel, SvdParams, SvdPpParams};
use crate::error::MfError;
use crate::spec::model_spec;

impl SvdParams {
    /// Fits, calling `on_epoch` after each epoch (training RMSE as the loss, seconds).
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        fit_sgd(self, train, false, on_epoch)
    }
}

impl SvdPpParams {
    /// Fits, calling `on_epoch` after each epoch.
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        let sgd = SvdParams {
            biased: true,
            ..self.sgd.clone()
        };
        fit_sgd(&sgd, train, true, on_epoch)
    }
}

impl Fit for SvdParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

impl Fit for SvdPpParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

model_spec!(SvdParams, "svd", |m, train| m.into_model(train.n_items()));
model_spec!(SvdPpParams, "svdpp", |m, train| m.into_model(train.n_items()));
