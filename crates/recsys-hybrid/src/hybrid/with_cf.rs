//! What the specs and files of the models built over a collaborative model share (the hybrid and
//! the warm start): the parameter list with the collaborative model's own as `cf.KEY`, setting
//! one of them, and the collaborative model's file nested in theirs.

use std::sync::Arc;

use recsys_core::persist::ModelWriter;
use recsys_core::traits::{BoxError, Model, ModelSpec, param_list, with_param};
use recsys_core::{CoreError, IdMap, WrapsCore};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::HybridError;

/// `cf` (the collaborative model's name), the model's own `params`, then the collaborative
/// model's parameters as `cf.KEY`.
pub(super) fn params_with_cf<P: Serialize>(
    cf: &dyn ModelSpec,
    params: &P,
) -> Vec<(String, String)> {
    let inner = cf.params().into_iter().map(|(k, v)| (format!("cf.{k}"), v));
    std::iter::once(("cf".to_string(), cf.name()))
        .chain(param_list(params))
        .chain(inner)
        .collect()
}

/// Sets `key`: `cf.KEY` on the collaborative spec (while no copy of the spec shares it, else an
/// error), any other key on `params` (named `name` in errors, checked by `check`).
pub(super) fn set_with_cf<P: Serialize + DeserializeOwned>(
    cf: &mut Arc<dyn ModelSpec>,
    params: &mut P,
    name: &str,
    key: &str,
    value: &str,
    check: impl Fn(&P) -> Result<(), HybridError>,
) -> Result<(), BoxError> {
    if let Some(cf_key) = key.strip_prefix("cf.") {
        let cf = Arc::get_mut(cf).ok_or_else(|| CoreError::InvalidValue {
            key: key.to_string(),
            value: value.to_string(),
            reason: "the collaborative model is shared with another spec".to_string(),
        })?;
        return cf.set_param(cf_key, value);
    }
    let next = with_param(params, name, key, value)?;
    check(&next)?;
    *params = next;
    Ok(())
}

/// Nests the collaborative model's own model file in `w` as the section `cf`; an error if it
/// does not save.
pub(super) fn write_cf(
    w: &mut ModelWriter<'_>,
    cf: &dyn Model,
    users: &IdMap,
    items: &IdMap,
) -> Result<(), BoxError> {
    let s = cf
        .as_save()
        .ok_or_else(|| HybridError::param("cf", "the collaborative model does not save"))?;
    let bytes = s.model_writer(users, items)?.to_bytes()?;
    w.vector_bytes("cf", bytes)?;
    Ok(())
}

/// Defines a spec over a collaborative spec: the struct `$spec` (its documentation `$doc`) of a
/// report name, the collaborative spec, the catalog's content and the settings `$params`; its
/// `new` (documented `$new_doc`, checking the settings); and its [`ModelSpec`], whose
/// parameters are `cf`, the settings and the collaborative model's own as `cf.KEY`
/// ([`params_with_cf`], [`set_with_cf`]) and whose `fit_model` boxes `$fit`, an expression on
/// `$s` (the spec) and `$train`.
macro_rules! spec_with_cf {
    (
        $(#[doc = $doc:literal])*
        $spec:ident($params:ty), new: $new_doc:literal, own: $own:literal,
        |$s:ident, $train:ident| $fit:expr
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone)]
        pub struct $spec {
            name: String,
            cf: std::sync::Arc<dyn recsys_core::traits::ModelSpec>,
            content: std::sync::Arc<super::item_content::CatalogContent>,
            params: $params,
        }

        impl std::fmt::Debug for $spec {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($spec))
                    .field("name", &self.name)
                    .field("cf", &self.cf.name())
                    .field("params", &self.params)
                    .finish_non_exhaustive()
            }
        }

        impl $spec {
            #[doc = $new_doc]
            pub fn new(
                name: impl Into<String>,
                cf: std::sync::Arc<dyn recsys_core::traits::ModelSpec>,
                content: std::sync::Arc<super::item_content::CatalogContent>,
                params: $params,
            ) -> Result<Self, crate::error::HybridError> {
                params.check()?;
                Ok(Self {
                    name: name.into(),
                    cf,
                    content,
                    params,
                })
            }
        }

        impl recsys_core::traits::ModelSpec for $spec {
            fn name(&self) -> String {
                self.name.clone()
            }
            fn params(&self) -> Vec<(String, String)> {
                super::with_cf::params_with_cf(self.cf.as_ref(), &self.params)
            }
            #[doc = concat!("`cf.KEY` sets the collaborative model's parameter `KEY` (while no copy of this spec shares it); other keys are the ", $own, ".")]
            fn set_param(
                &mut self,
                key: &str,
                value: &str,
            ) -> Result<(), recsys_core::traits::BoxError> {
                let name = self.name.clone();
                super::with_cf::set_with_cf(
                    &mut self.cf,
                    &mut self.params,
                    &name,
                    key,
                    value,
                    <$params>::check,
                )
            }
            fn fit_model(
                &self,
                $train: &recsys_core::Interactions,
            ) -> Result<Box<dyn recsys_core::traits::Model>, recsys_core::traits::BoxError> {
                let $s = self;
                Ok(Box::new($fit))
            }
        }
    };
}

pub(super) use spec_with_cf;
