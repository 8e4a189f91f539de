//! [`SideSpec`]: a factorization machine fitted with the users' and items' side features
//! ([`SideFeatures`], by raw id) next to their ids, as a [`ModelSpec`] — the registry's
//! `bfm-content`, `bfm-content-rank` and `fm-warp-content` over the catalog's movie features,
//! and `bfm-side` and `bfm-side-date` (with the rating's day) over ml-100k's user and item
//! columns. A movie with no
//! training rating but side values (the `cold-items` protocol keeps the withheld movies in the
//! item space) is predicted from them.
//!
//! ```
//! use std::sync::Arc;
//! use recsys_core::side::SideFeatures;
//! use recsys_core::{Interactions, ModelSpec};
//! use recsys_fm::{BfmParams, SideSpec};
//! let mut items = SideFeatures::default();
//! let genre = items.group("genre", 2)?;
//! for (movie, g) in [(1, 0), (2, 1), (3, 0)] {
//!     items.set(movie, genre, g, 1.0)?;
//! }
//! let train = Interactions::from_ratings([(1, 1, 5.0), (1, 2, 1.0), (2, 1, 4.0), (2, 3, 4.0)])?;
//! let spec = SideSpec::bfm_with(BfmParams::default().n_iter(20), Arc::new(items));
//! assert_eq!(spec.name(), "bfm-content");
//! let model = spec.fit_model(&train)?;
//! assert!(model.as_rating_predictor().is_some());
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```

use std::sync::Arc;

use recsys_core::side::SideFeatures;
use recsys_core::traits::BoxError;
use recsys_core::{Interactions, Model, ModelSpec};

use crate::features::UserItemFeatures;
use crate::{BfmParams, RankFmParams};

/// Fits a factorization machine of hyperparameters `P` on training data and its feature blocks.
pub type FitWithFeatures<P> =
    fn(&P, &Interactions, UserItemFeatures) -> Result<Box<dyn Model>, BoxError>;

/// A factorization machine of hyperparameters `P` fitted with side features
/// ([`UserItemFeatures::with_side`]). Its parameters are those of the FM it wraps.
#[derive(Debug, Clone)]
pub struct SideSpec<P> {
    /// The registry name.
    pub name: &'static str,
    /// The factorization machine's hyperparameters.
    pub params: P,
    /// The users' side features, shared by every fit (empty: none).
    pub user: Arc<SideFeatures>,
    /// The items' side features, shared by every fit.
    pub item: Arc<SideFeatures>,
    /// Whether the user and item blocks carry the implicit sets.
    pub implicit: fn(&P) -> bool,
    /// How `params` fit on the blocks.
    pub fit: FitWithFeatures<P>,
}

impl SideSpec<BfmParams> {
    /// The registry name of the Bayesian FM with the catalog's movie features.
    pub const BFM_CONTENT: &'static str = "bfm-content";

    /// `bfm-content`: `bfm`'s defaults with the items' side features `item`.
    pub fn bfm(item: Arc<SideFeatures>) -> Self {
        Self::bfm_with(BfmParams::default(), item)
    }

    /// The registry name of the one-class Bayesian FM ranker with the catalog's movie features.
    pub const BFM_CONTENT_RANK: &'static str = "bfm-content-rank";

    /// `bfm-content-rank`: `bfm-rank`'s defaults ([`BfmParams::ranking`]: one sampled unrated
    /// item per rating, a probit classifier) with the items' side features `item` — it scores
    /// the probability that a user rates a movie, from its features when nobody has yet.
    pub fn bfm_content_rank(item: Arc<SideFeatures>) -> Self {
        Self {
            name: Self::BFM_CONTENT_RANK,
            ..Self::bfm_with(BfmParams::ranking(), item)
        }
    }

    /// The registry name of the Bayesian FM with the implicit sets and the dataset's user and
    /// item side columns.
    pub const BFM_SIDE: &'static str = "bfm-side";

    /// `bfm-side`: `bfm-implicit`'s defaults (rank 10, 512 iterations, the implicit sets) with
    /// the users' side features `user` and the items' `item`.
    pub fn bfm_side(user: Arc<SideFeatures>, item: Arc<SideFeatures>) -> Self {
        Self {
            name: Self::BFM_SIDE,
            user,
            ..Self::bfm_with(BfmParams::with_implicit_features(), item)
        }
    }

    /// The registry name of `bfm-side` with the rating's day.
    pub const BFM_SIDE_DATE: &'static str = "bfm-side-date";

    /// `bfm-side-date`: `bfm-side` with the rating's day as a third block
    /// ([`BfmParams::fit_dated`]: myFM's ml-100k `date` feature); `compare` predicts each test
    /// rating at its timestamp ([`recsys_core::RatingPredictor::predict_at`]).
    pub fn bfm_side_date(user: Arc<SideFeatures>, item: Arc<SideFeatures>) -> Self {
        Self {
            name: Self::BFM_SIDE_DATE,
            fit: |p, train, f| Ok(Box::new(p.fit_dated(train, f)?.into_model(train.n_items()))),
            ..Self::bfm_side(user, item)
        }
    }

    /// `bfm-content` with `params`.
    pub fn bfm_with(params: BfmParams, item: Arc<SideFeatures>) -> Self {
        Self {
            name: Self::BFM_CONTENT,
            params,
            user: Arc::default(),
            item,
            implicit: |p| p.implicit,
            fit: |p, train, f| {
                Ok(Box::new(
                    p.fit_features(train, f)?.into_model(train.n_items()),
                ))
            },
        }
    }
}

impl SideSpec<RankFmParams> {
    /// The registry name of the WARP ranking FM with the catalog's movie features.
    pub const WARP_CONTENT: &'static str = "fm-warp-content";

    /// `fm-warp-content`: the WARP ranking FM ([`RankFmParams::warp`]) over the user and item
    /// ids and the items' side features `item`.
    pub fn warp(item: Arc<SideFeatures>) -> Self {
        Self {
            name: Self::WARP_CONTENT,
            params: RankFmParams::warp(),
            user: Arc::default(),
            item,
            implicit: |_| false,
            fit: |p, train, f| Ok(Box::new(p.fit_features(train, f)?.into_model())),
        }
    }
}

impl<P: ModelSpec + Clone> ModelSpec for SideSpec<P> {
    fn name(&self) -> String {
        self.name.to_string()
    }
    fn params(&self) -> Vec<(String, String)> {
        self.params.params()
    }
    fn set_param(&mut self, key: &str, value: &str) -> Result<(), BoxError> {
        self.params.set_param(key, value)
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        let implicit = (self.implicit)(&self.params);
        let features = UserItemFeatures::with_side(train, implicit, &self.user, &self.item)?;
        (self.fit)(&self.params, train, features)
    }
}
