//! [`Model`]: a fitted model of any kind as evaluation sees it, and the two default
//! implementations every model uses ([`RatingModel`], [`ScorerModel`]).

use super::fold_in::FoldIn;
use super::predict::{ByPredictedRating, CandidateScorer, RatingPredictor};
use super::save::SaveModel;
use crate::curve::EpochRecord;

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
    /// The model as something that folds in users it was not trained on, if it does.
    fn as_fold_in(&self) -> Option<&dyn FoldIn> {
        None
    }
}

/// A rating model that also ranks by predicted rating: the [`Model`] of any [`RatingPredictor`].
#[derive(Debug, Clone)]
pub struct RatingModel<P> {
    inner: ByPredictedRating<P>,
    curve: Vec<EpochRecord>,
    save: Option<fn(&P) -> &dyn SaveModel>,
    fold_in: Option<fn(&P) -> &dyn FoldIn>,
}

impl<P: RatingPredictor> RatingModel<P> {
    /// Wraps `model`, whose item index space has `n_items` items.
    pub fn new(model: P, n_items: usize) -> Self {
        Self {
            inner: ByPredictedRating { model, n_items },
            curve: Vec::new(),
            save: None,
            fold_in: None,
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
    /// Exposes the wrapped model's [`FoldIn`] through [`Model::as_fold_in`].
    pub fn with_fold_in(mut self) -> Self
    where
        P: FoldIn,
    {
        self.fold_in = Some(fold_in_of::<P>);
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
    fn as_fold_in(&self) -> Option<&dyn FoldIn> {
        self.fold_in.map(|f| f(&self.inner.model))
    }
}

/// A ranking-only model: the [`Model`] of any [`CandidateScorer`].
#[derive(Debug, Clone)]
pub struct ScorerModel<S> {
    scorer: S,
    curve: Vec<EpochRecord>,
    save: Option<fn(&S) -> &dyn SaveModel>,
    fold_in: Option<fn(&S) -> &dyn FoldIn>,
}

impl<S: CandidateScorer> ScorerModel<S> {
    /// Wraps `scorer`.
    pub fn new(scorer: S) -> Self {
        Self {
            scorer,
            curve: Vec::new(),
            save: None,
            fold_in: None,
        }
    }
    /// Attaches a learning curve.
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }
    /// Exposes the wrapped scorer's [`SaveModel`] through [`Model::as_save`].
    pub fn with_save(mut self) -> Self
    where
        S: SaveModel,
    {
        self.save = Some(save_of::<S>);
        self
    }
    /// Exposes the wrapped scorer's [`FoldIn`] through [`Model::as_fold_in`].
    pub fn with_fold_in(mut self) -> Self
    where
        S: FoldIn,
    {
        self.fold_in = Some(fold_in_of::<S>);
        self
    }
    /// The wrapped scorer.
    pub fn inner(&self) -> &S {
        &self.scorer
    }

    /// `scorer` with its learning curve, its model file and its fold-in: the registry's form
    /// of a fitted ranking model that saves itself and folds in new users.
    pub fn full(scorer: S, curve: Vec<EpochRecord>) -> Self
    where
        S: SaveModel + FoldIn,
    {
        Self::new(scorer)
            .with_curve(curve)
            .with_save()
            .with_fold_in()
    }
}

impl<S: CandidateScorer> Model for ScorerModel<S> {
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(&self.scorer)
    }
    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }
    fn as_save(&self) -> Option<&dyn SaveModel> {
        self.save.map(|f| f(&self.scorer))
    }
    fn as_fold_in(&self) -> Option<&dyn FoldIn> {
        self.fold_in.map(|f| f(&self.scorer))
    }
}

/// The [`SaveModel`] of a `P` (a plain function, so the wrappers below need no bound on `P`).
fn save_of<P: SaveModel>(p: &P) -> &dyn SaveModel {
    p
}

/// The [`FoldIn`] of a `P`.
fn fold_in_of<P: FoldIn>(p: &P) -> &dyn FoldIn {
    p
}
