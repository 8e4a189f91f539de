//! What this crate contributes to the facade's registry. The content models need the catalog's
//! content, so instead of `recsys_core::traits::ModelEntry`s (a spec from nothing) the crate
//! lists them as [`ContentModelEntry`]s ([`CONTENT_MODELS`]), which build their specs over a
//! [`CatalogContent`]; their model files load through [`LOADERS`], one per kind.

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

/// One content model: its registry name, the registry name of the collaborative model it
/// builds on (the facade passes that model's spec), and its spec with the default settings over
/// the catalog's content.
#[derive(Debug, Clone, Copy)]
pub struct ContentModelEntry {
    /// The name `compare` and the registry use (`content-knn`, ...).
    pub name: &'static str,
    /// The registry name of the collaborative model it builds on, if any.
    pub cf: Option<&'static str>,
    /// The spec over the content and the collaborative model's spec (given when `cf` is).
    pub spec: ContentSpecFn,
}

/// How a [`ContentModelEntry`] builds its spec.
pub type ContentSpecFn =
    fn(Arc<CatalogContent>, Option<Arc<dyn ModelSpec>>) -> Result<Box<dyn ModelSpec>, HybridError>;

impl ContentModelEntry {
    /// The entry of the model called `name`, built on the registry's model `cf` (if any) by
    /// `spec`.
    pub const fn new(name: &'static str, cf: Option<&'static str>, spec: ContentSpecFn) -> Self {
        Self { name, cf, spec }
    }
}

/// The models built over the catalog's content, with the default settings: `content-knn`
/// ([`ContentKnnParams::default`]), `content-profile`, `hybrid`, which blends SVD++ (the
/// registry's `svdpp`) with `content-knn`, its betas chosen on a validation split of each
/// training set ([`HybridParams::default`]), and `warm-start`, ALS (the registry's `als`) with
/// cold items ranked from their content neighbours ([`WarmStartParams::default`]).
pub const CONTENT_MODELS: &[ContentModelEntry] = &[
    ContentModelEntry::new(ContentKnnParams::NAME, None, |content, _| {
        let params = ContentKnnParams::default();
        Ok(Box::new(ContentKnnSpec { content, params }))
    }),
    ContentModelEntry::new(ContentProfileParams::NAME, None, |content, _| {
        let params = ContentProfileParams::default();
        Ok(Box::new(ContentProfileSpec { content, params }))
    }),
    ContentModelEntry::new(HYBRID, Some("svdpp"), |content, cf| {
        let cf = needs_cf(HYBRID, cf)?;
        Ok(Box::new(HybridSpec::new(
            HYBRID,
            cf,
            content,
            HybridParams::default(),
        )?))
    }),
    ContentModelEntry::new(WarmStart::KIND, Some("als"), |content, cf| {
        let (name, params) = (WarmStart::KIND, WarmStartParams::default());
        let cf = needs_cf(name, cf)?;
        Ok(Box::new(WarmStartSpec::new(name, cf, content, params)?))
    }),
];

/// The registry name of the hybrid.
const HYBRID: &str = "hybrid";

/// `cf`, or an error that `name` needs it.
fn needs_cf(name: &str, cf: Option<Arc<dyn ModelSpec>>) -> Result<Arc<dyn ModelSpec>, HybridError> {
    cf.ok_or_else(|| HybridError::param("cf", format!("`{name}` needs a collaborative model")))
}

/// The content model called `name` (one of [`CONTENT_MODELS`]) over `content`, with `cf` as
/// the collaborative model of those that build on one.
///
/// Errors: [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter) for another name.
pub fn content_spec(
    name: &str,
    content: Arc<CatalogContent>,
    cf: Arc<dyn ModelSpec>,
) -> Result<Box<dyn ModelSpec>, HybridError> {
    let Some(entry) = CONTENT_MODELS.iter().find(|e| e.name == name) else {
        return Err(HybridError::param(
            "name",
            format!(
                "`{name}` is not a content model (valid: {})",
                CONTENT_MODELS
                    .iter()
                    .map(|e| e.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    (entry.spec)(content, Some(cf))
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
