//! Fitting SVD and SVD++ ([`Fit`], and `fit_with` with an epoch callback), and their registry
//! specs.

use recsys_core::Interactions;
use recsys_core::traits::{EpochRecord, Fit};

use super::sgd::fit_sgd;
use super::{FactorModel, SvdParams, SvdPpParams};
use crate::error::MfError;
use recsys_core::model_spec;

/// `fit_with` and [`Fit`] for the hyperparameters `$params`, which fit with the SGD settings
/// `$sgd` (an expression on `$p`, the hyperparameters), as SVD++ when `$plus_plus`.
macro_rules! sgd_fit {
    ($($params:ty, $what:literal, |$p:ident| ($sgd:expr, $plus_plus:expr);)*) => {$(
        impl $params {
            #[doc = concat!(
                "Fits ", $what, ", calling `on_epoch` after each epoch (training RMSE as the ",
                "loss, seconds)."
            )]
            pub fn fit_with(
                &self,
                train: &Interactions,
                on_epoch: &mut dyn FnMut(&EpochRecord),
            ) -> Result<FactorModel, MfError> {
                let $p = self;
                fit_sgd(&$sgd, train, $plus_plus, on_epoch)
            }
        }

        impl Fit for $params {
            type Model = FactorModel;
            type Error = MfError;
            fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
                self.fit_with(train, &mut |_| {})
            }
        }
    )*};
}

sgd_fit! {
    SvdParams, "SVD", |p| (*p, false);
    SvdPpParams, "SVD++ (always biased)", |p| (SvdParams { biased: true, ..p.sgd.clone() }, true);
}

model_spec!(SvdParams, "svd", |m, train| m.into_model(train.n_items()));
model_spec!(SvdPpParams, "svdpp", |m, train| m
    .into_model(train.n_items()));
