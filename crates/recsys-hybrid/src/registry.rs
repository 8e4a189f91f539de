//! What this crate contributes to the facade's registry. The content models need the catalog's
//! content, so instead of `recsys_core::traits::ModelEntry`s (a spec from nothing) the crate
//! names them ([`CONTENT_MODEL_NAMES`]) and builds their specs over a [`CatalogContent`]
//! ([`content_spec`]); their model files load through [`LOADERS`], one per kind.

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::persist::{ModelReader, Saved};
use recsys_core::traits::{BoxError, LoadNested, Model, ModelLoader, ModelSpec, boxed_with};

use crate::error::HybridError;
use crate::hybrid::{
    CatalogContent, ContentKnn, ContentKnnParams, ContentKnnSpec, ContentModelParams,
    ContentProfile, ContentProfileParams, ContentProfileSpec, Hybrid, HybridParams, HybridSpec,
    WarmStart, WarmStartParams, WarmStartSpec,
};

/// The models built over the catalog's content, by registry name (see [`content_spec`]).
pub const CONTENT_MODEL_NAMES: &[&str] = &[
    ContentKnnParams::NAME,
    ContentProfileParams::NAME,
    HYBRID,
    WarmStart::KIND,
];

/// The registry name of the hybrid.
const HYBRID: &str = "hybrid";

/// The content model called `name` (one of [`CONTENT_MODEL_NAMES`]) over `content`, with the
/// default settings: `content-knn` ([`ContentKnnParams::default`]), `content-profile`, and
/// `hybrid`, which blends `cf` (the facade passes its registry's `svdpp`) with `content-knn`, its
/// betas chosen on a validation split of each training set ([`HybridParams::default`]), and
/// `warm-start`, `cf` (the facade passes `als`) with cold items ranked from their content
/// neighbours ([`WarmStartParams::default`]). `cf` is used by `hybrid` and `warm-start` only.
///
/// Errors: [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) for another name.
pub fn content_spec(
    name: &str,
    content: Arc<CatalogContent>,
    cf: Arc<dyn ModelSpec>,
) -> Result<Box<dyn ModelSpec>, HybridError> {
    Ok(match name {
        ContentKnnParams::NAME => Box::new(ContentKnnSpec {
            content,
            params: ContentKnnParams::default(),
        }),
        ContentProfileParams::NAME => Box::new(ContentProfileSpec {
            content,
            params: ContentProfileParams::default(),
        }),
        HYBRID => Box::new(HybridSpec::new(
            HYBRID,
            cf,
            content,
            HybridParams::default(),
        )?),
        WarmStart::KIND => Box::new(WarmStartSpec::new(
            WarmStart::KIND,
            cf,
            content,
            WarmStartParams::default(),
        )?),
        other => {
            return Err(HybridError::param(
                "name",
                format!(
                    "`{other}` is not a content model (valid: {})",
                    CONTENT_MODEL_NAMES.join(", ")
                ),
            ));
        }
    })
}

/// The loaders of this crate's model files, one per kind: [`ContentKnn`] and [`Hybrid`] as
/// [`RatingModel`](recsys_core::traits::RatingModel)s (the hybrid's collaborative model read
/// through the registry's [`LoadNested`]), [`ContentProfile`] as a
/// [`ScorerModel`](recsys_core::traits::ScorerModel).
pub const LOADERS: &[ModelLoader] = &[
    ModelLoader {
        kind: ContentKnn::KIND,
        load: load_content_knn,
    },
    ModelLoader {
        kind: ContentProfile::KIND,
        load: load_content_profile,
    },
    ModelLoader {
        kind: Hybrid::KIND,
        load: load_hybrid,
    },
    ModelLoader {
        kind: WarmStart::KIND,
        load: load_warm_start,
    },
];

fn load_content_knn(r: &ModelReader, _: LoadNested<'_>) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(boxed_with(ContentKnn::from_reader(r)?, |m, _| {
        ContentKnn::into_model(m)
    }))
}

fn load_content_profile(
    r: &ModelReader,
    _: LoadNested<'_>,
) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(boxed_with(ContentProfile::from_reader(r)?, |m, _| {
        ContentProfile::into_model(m)
    }))
}

fn load_hybrid(r: &ModelReader, cf: LoadNested<'_>) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(boxed_with(Hybrid::from_reader(r, cf)?, |m, _| {
        Hybrid::into_model(m)
    }))
}

fn load_warm_start(r: &ModelReader, cf: LoadNested<'_>) -> Result<Saved<Box<dyn Model>>, BoxError> {
    Ok(boxed_with(WarmStart::from_reader(r, cf)?, |m, _| {
        WarmStart::into_model(m)
    }))
}
