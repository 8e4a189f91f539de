//! The model traits: every recommender of the workspace implements some of them, and evaluation
//! and hybrid code reach models only through them.
//!
//! Models work in the dense indices of the [`Interactions`] they were fitted on; raw ids are
//! mapped through [`Interactions::user_index`] / [`Interactions::item_index`], which give a typed
//! error for unknown ids.

use std::cmp::Ordering;

use crate::ids::IdMap;
use crate::interactions::Interactions;
use crate::persist::ModelWriter;

/// Fits a model from training interactions (linfa-style: hyperparameters are the fitter).
pub trait Fit {
    /// The fitted model.
    type Model;
    /// The error type of fitting.
    type Error;
    /// Fits on `train`.
    fn fit(&self, train: &Interactions) -> Result<Self::Model, Self::Error>;
}

/// Predicts explicit ratings.
pub trait RatingPredictor: Send + Sync {
    /// The predicted rating of dense `user` for dense `item`. Indices the model has no data for
    /// (users or items without training ratings, or outside its index space) get the model's
    /// documented fallback (typically its baseline or global mean), never a panic.
    fn predict(&self, user: u32, item: u32) -> f32;

    /// Predictions for many pairs.
    fn predict_many(&self, pairs: &[(u32, u32)]) -> Vec<f32> {
        pairs.iter().map(|&(u, i)| self.predict(u, i)).collect()
    }
}

/// Scores candidate items for a user (higher means more relevant). Scores need not be ratings.
pub trait CandidateScorer: Send + Sync {
    /// Number of items in the model's index space.
    fn n_items(&self) -> usize;

    /// Writes the score of each of `items` for `user` into `out` (`out.len() == items.len()`).
    /// Items outside the index space get `f32::NEG_INFINITY`.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]);
}

/// Recommends the top N items for a user, excluding what they have already seen.
pub trait Recommender: CandidateScorer {
    /// The `n` best items for `user` by score, best first, excluding the items `user` has in
    /// `seen` (pass the training interactions). Ties go to the lower item index.
    fn recommend(&self, user: u32, n: usize, seen: &Interactions) -> Vec<(u32, f32)> {
        let items: Vec<u32> = (0..self.n_items() as u32).collect();
        let mut scores = vec![0.0; items.len()];
        self.score(user, &items, &mut scores);
        for &i in seen.user_items(user) {
            if let Some(s) = scores.get_mut(i as usize) {
                *s = f32::NEG_INFINITY;
            }
        }
        top_n(&scores, n)
            .into_iter()
            .filter(|&(_, s)| s > f32::NEG_INFINITY)
            .collect()
    }
}

/// Makes any [`RatingPredictor`] a [`Recommender`] that ranks by predicted rating.
#[derive(Debug, Clone)]
pub struct ByPredictedRating<P> {
    /// The rating model.
    pub model: P,
    /// Size of the item index space.
    pub n_items: usize,
}

impl<P: RatingPredictor> CandidateScorer for ByPredictedRating<P> {
    fn n_items(&self) -> usize {
        self.n_items
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = if (i as usize) < self.n_items {
                self.model.predict(user, i)
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}

impl<P: RatingPredictor> Recommender for ByPredictedRating<P> {}

/// The `n` best unseen items of every user of `seen`'s index space, best first (as
/// [`Recommender::recommend`] ranks them), computed in parallel with rayon.
///
/// Memory is O(users · n) for the result plus one row of item scores per thread: never the
/// users × items score matrix (133,333 × 27,098 floats would be 14 GB; see `docs/BENCHMARKS.md`).
///
/// ```
/// use recsys_data::traits::{ByPredictedRating, RatingPredictor, recommend_all};
/// use recsys_data::{DuplicatePolicy, InteractionsBuilder};
/// struct ByItem;
/// impl RatingPredictor for ByItem {
///     fn predict(&self, _u: u32, i: u32) -> f32 { i as f32 }
/// }
/// let mut b = InteractionsBuilder::new();
/// for (u, i) in [(1, 10), (1, 11), (2, 12)] { b.push(u, i, 4.0, None)?; }
/// let seen = b.build(DuplicatePolicy::KeepLast)?;
/// let all = recommend_all(&ByPredictedRating { model: ByItem, n_items: 3 }, &seen, 2);
/// assert_eq!(all[0], vec![(2, 2.0)]); // user 1 saw items 0 and 1
/// assert_eq!(all[1], vec![(1, 1.0), (0, 0.0)]);
/// # Ok::<(), recsys_data::DataError>(())
/// ```
pub fn recommend_all(
    scorer: &dyn CandidateScorer,
    seen: &Interactions,
    n: usize,
) -> Vec<Vec<(u32, f32)>> {
    use rayon::prelude::*;
    let items: Vec<u32> = (0..scorer.n_items() as u32).collect();
    (0..seen.n_users() as u32)
        .into_par_iter()
        .map_init(
            || vec![0.0f32; items.len()],
            |scores, u| {
                scorer.score(u, &items, scores);
                for &i in seen.user_items(u) {
                    if let Some(s) = scores.get_mut(i as usize) {
                        *s = f32::NEG_INFINITY;
                    }
                }
                top_n(scores, n)
                    .into_iter()
                    .filter(|&(_, s)| s > f32::NEG_INFINITY)
                    .collect()
            },
        )
        .collect()
}

/// The indices of the `n` largest scores, best first; ties go to the lower index; NaN ranks last.
///
/// ```
/// use recsys_data::traits::top_n;
/// assert_eq!(top_n(&[0.1, 0.9, 0.5, 0.9], 3), vec![(1, 0.9), (3, 0.9), (2, 0.5)]);
/// assert!(top_n(&[0.0; 1000], 3).capacity() <= 3);
/// ```
pub fn top_n(scores: &[f32], n: usize) -> Vec<(u32, f32)> {
    let n = n.min(scores.len());
    if n == 0 {
        return Vec::new();
    }
    let cmp = |a: &(u32, f32), b: &(u32, f32)| -> Ordering {
        let key = |s: f32| if s.is_nan() { f32::NEG_INFINITY } else { s };
        key(b.1).total_cmp(&key(a.1)).then(a.0.cmp(&b.0))
    };
    let mut all: Vec<(u32, f32)> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| (i as u32, s))
        .collect();
    if n < all.len() {
        all.select_nth_unstable_by(n - 1, cmp);
        all.truncate(n);
        // a kept list must not hold the capacity of every item (a recommend-all over 133k
        // users × 27k items kept 14 GB this way)
        all.shrink_to_fit();
    }
    all.sort_by(cmp);
    all
}

/// One epoch of an iterative model's training, for learning curves.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EpochRecord {
    /// 1-based epoch.
    pub epoch: usize,
    /// Training loss (model-specific: squared error, BCE, ...).
    pub loss: f64,
    /// Seconds spent in the epoch.
    pub seconds: f64,
    /// Validation metrics, if the model was given validation data.
    pub validation: Vec<(String, f64)>,
}

/// A fitted model of any kind, as evaluation and hybrid code see it: it exposes the traits it
/// implements.
pub trait Model: Send + Sync {
    /// The model as a rating predictor, if it predicts ratings.
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        None
    }
    /// The model as a candidate scorer, if it ranks items.
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        None
    }
    /// The learning curve of an iterative model (empty for others).
    fn learning_curve(&self) -> Vec<EpochRecord> {
        Vec::new()
    }
    /// The model as something that saves itself, if it does (every model of the workspace).
    fn as_save(&self) -> Option<&dyn SaveModel> {
        None
    }
}

/// A fitted model that writes itself into a model file ([`crate::persist`]: format version,
/// checksum, atomic save). Loading is each model's `from_reader` / `load`, or the facade's
/// `recsys::models::load_model`, which dispatches on the file's kind.
pub trait SaveModel {
    /// A writer holding the model and `users` / `items`, the id maps of its training data
    /// (raw ids by the model's indices). [`ModelWriter::save`] writes it atomically;
    /// [`ModelWriter::to_bytes`] gives the file in memory (to nest it in another model's file).
    fn model_writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError>;
}

/// Saves `model` with the id maps of its training data to `path`, atomically; an error if the
/// model does not save.
pub fn save_model(
    model: &dyn Model,
    path: impl AsRef<std::path::Path>,
    users: &IdMap,
    items: &IdMap,
) -> Result<(), BoxError> {
    let s = model
        .as_save()
        .ok_or_else(|| crate::DataError::param("model", "this model does not save"))?;
    s.model_writer(users, items)?.save(path)?;
    Ok(())
}

/// The [`SaveModel`] of a `P` (a plain function, so the wrappers below need no bound on `P`).
fn save_of<P: SaveModel>(p: &P) -> &dyn SaveModel {
    p
}

/// A boxed error of any model crate.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A model name with its hyperparameters, ready to fit: what `compare` lists and the runner fits
/// once per fold.
pub trait ModelSpec: Send + Sync {
    /// Short, stable name (`baseline`, `popularity`, `svd`, ...).
    fn name(&self) -> String;
    /// Hyperparameters as `(name, value)` pairs, for reports.
    fn params(&self) -> Vec<(String, String)>;
    /// Fits on `train`.
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError>;
}

/// A [`ModelSpec`] from a name, parameters and a fitting closure.
pub struct FnSpec<F> {
    name: String,
    params: Vec<(String, String)>,
    fit: F,
}

impl<F> FnSpec<F>
where
    F: Fn(&Interactions) -> Result<Box<dyn Model>, BoxError> + Send + Sync,
{
    /// A spec named `name` with `params` that fits with `fit`.
    pub fn new(name: impl Into<String>, params: Vec<(String, String)>, fit: F) -> Self {
        Self {
            name: name.into(),
            params,
            fit,
        }
    }
}

impl<F> ModelSpec for FnSpec<F>
where
    F: Fn(&Interactions) -> Result<Box<dyn Model>, BoxError> + Send + Sync,
{
    fn name(&self) -> String {
        self.name.clone()
    }
    fn params(&self) -> Vec<(String, String)> {
        self.params.clone()
    }
    fn fit_model(&self, train: &Interactions) -> Result<Box<dyn Model>, BoxError> {
        (self.fit)(train)
    }
}

/// A rating model that also ranks by predicted rating: the [`Model`] of any [`RatingPredictor`].
#[derive(Debug, Clone)]
pub struct RatingModel<P> {
    inner: ByPredictedRating<P>,
    curve: Vec<EpochRecord>,
    save: Option<fn(&P) -> &dyn SaveModel>,
}

impl<P: RatingPredictor> RatingModel<P> {
    /// Wraps `model`, whose item index space has `n_items` items.
    pub fn new(model: P, n_items: usize) -> Self {
        Self {
            inner: ByPredictedRating { model, n_items },
            curve: Vec::new(),
            save: None,
        }
    }
    /// Exposes the wrapped model's [`SaveModel`] through [`Model::as_save`].
    pub fn with_save(mut self) -> Self
    where
        P: SaveModel,
    {
        self.save = Some(save_of::<P>);
        self
    }
    /// Attaches a learning curve.
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }
    /// The wrapped model.
    pub fn inner(&self) -> &P {
        &self.inner.model
    }
}

impl<P: RatingPredictor> Model for RatingModel<P> {
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        Some(&self.inner.model)
    }
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(&self.inner)
    }
    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }
    fn as_save(&self) -> Option<&dyn SaveModel> {
        self.save.map(|f| f(&self.inner.model))
    }
}

/// A ranking-only model: the [`Model`] of any [`CandidateScorer`].
#[derive(Debug, Clone)]
pub struct ScorerModel<S> {
    scorer: S,
    save: Option<fn(&S) -> &dyn SaveModel>,
}

impl<S: CandidateScorer> ScorerModel<S> {
    /// Wraps `scorer`.
    pub fn new(scorer: S) -> Self {
        Self { scorer, save: None }
    }
    /// Exposes the wrapped scorer's [`SaveModel`] through [`Model::as_save`].
    pub fn with_save(mut self) -> Self
    where
        S: SaveModel,
    {
        self.save = Some(save_of::<S>);
        self
    }
    /// The wrapped scorer.
    pub fn inner(&self) -> &S {
        &self.scorer
    }
}

impl<S: CandidateScorer> Model for ScorerModel<S> {
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(&self.scorer)
    }
    fn as_save(&self) -> Option<&dyn SaveModel> {
        self.save.map(|f| f(&self.scorer))
    }
}

/// The top `n` items for the user with raw id `user`, as raw item ids, excluding the items the
/// user has in `seen` (the training data, whose index space the model shares). An unknown user
/// is [`crate::DataError::UnknownId`].
///
/// ```
/// use recsys_data::{DuplicatePolicy, InteractionsBuilder};
/// use recsys_data::traits::{ByPredictedRating, RatingPredictor, recommend_raw};
/// struct ByItem;
/// impl RatingPredictor for ByItem {
///     fn predict(&self, _u: u32, i: u32) -> f32 { i as f32 }
/// }
/// let mut b = InteractionsBuilder::new();
/// for (u, i) in [(7, 100), (7, 200), (8, 300)] { b.push(u, i, 4.0, None)?; }
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let model = ByPredictedRating { model: ByItem, n_items: train.n_items() };
/// // user 7 saw 100 and 200: only 300 is left
/// assert_eq!(recommend_raw(&model, &train, 7, 5)?, vec![(300, 2.0)]);
/// assert!(recommend_raw(&model, &train, 9, 5).is_err());
/// # Ok::<(), recsys_data::DataError>(())
/// ```
pub fn recommend_raw(
    model: &dyn Recommender,
    seen: &Interactions,
    user: crate::RawId,
    n: usize,
) -> crate::Result<Vec<(crate::RawId, f32)>> {
    let u = seen.user_index(user)?;
    Ok(model
        .recommend(u, n, seen)
        .into_iter()
        .filter_map(|(i, s)| seen.items().raw(i).map(|r| (r, s)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DuplicatePolicy, InteractionsBuilder};

    struct Mix;
    impl RatingPredictor for Mix {
        fn predict(&self, u: u32, i: u32) -> f32 {
            ((u * 31 + i * 17) % 23) as f32
        }
    }

    #[test]
    fn recommend_all_equals_recommend_per_user_and_keeps_only_n() {
        let mut b = InteractionsBuilder::new();
        for u in 0..50u64 {
            for i in (u % 7..200).step_by(9) {
                b.push(u, i, 3.0, None).unwrap();
            }
        }
        let seen = b.build(DuplicatePolicy::KeepLast).unwrap();
        let m = ByPredictedRating {
            model: Mix,
            n_items: seen.n_items(),
        };
        let all = recommend_all(&m, &seen, 5);
        assert_eq!(all.len(), seen.n_users());
        for (u, list) in all.iter().enumerate() {
            assert_eq!(list, &m.recommend(u as u32, 5, &seen));
            assert_eq!(list.len(), 5);
            assert!(list.capacity() <= 5, "user {u} keeps {}", list.capacity());
            for (i, _) in list {
                assert!(!seen.contains(u as u32, *i));
            }
        }
    }
}
