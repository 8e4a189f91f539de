//! `model_spec!`: how a hyperparameter struct becomes a [`recsys_core::ModelSpec`], the same
//! way for every model of the crate.

/// Implements [`recsys_core::ModelSpec`] for the hyperparameters `$params` (which [`Fit`]
/// a model and derive `Serialize`) and adds `$params::NAME`, the registry name:
/// `name()` is `$name`, `params()` the serde fields ([`param_list`]) and `fit_model` fits
/// `$m` on `$train` and boxes `$wrap`, the model in its core [`Model`] wrapper.
///
/// [`Fit`]: recsys_core::traits::Fit
/// [`param_list`]: recsys_core::traits::param_list
/// [`Model`]: recsys_core::Model
macro_rules! model_spec {
    ($params:ty, $name:expr, |$m:ident, $train:ident| $wrap:expr) => {
        impl $params {
            /// The registry name of the model these hyperparameters fit.
            pub const NAME: &'static str = $name;
        }

        impl recsys_core::ModelSpec for $params {
            fn name(&self) -> String {
                Self::NAME.to_string()
            }

            fn params(&self) -> Vec<(String, String)> {
                recsys_core::traits::param_list(self)
            }

            fn fit_model(
                &self,
                $train: &recsys_core::Interactions,
            ) -> Result<Box<dyn recsys_core::Model>, recsys_core::traits::BoxError> {
                let $m = recsys_core::traits::Fit::fit(self, $train)?;
                Ok(Box::new($wrap))
            }
        }
    };
}

pub(crate) use model_spec;
