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

/// What a [`Fitted`] wraps: the model it exposes and how (a rating predictor that also ranks by
/// predicted rating, or a ranker only).
pub trait Exposes: Send + Sync {
    /// The fitted model.
    type Inner;
    /// The fitted model.
    fn inner(&self) -> &Self::Inner;
    /// The model as a rating predictor, if it predicts ratings.
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor>;
    /// The model as a ranker.
    fn as_scorer(&self) -> &dyn CandidateScorer;
}

impl<P: RatingPredictor> Exposes for ByPredictedRating<P> {
    type Inner = P;
    fn inner(&self) -> &P {
        &self.model
    }
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        Some(&self.model)
    }
    fn as_scorer(&self) -> &dyn CandidateScorer {
        self
    }
}

/// A ranking-only model, as a [`ScorerModel`] wraps it.
#[derive(Debug, Clone)]
pub struct Ranker<S>(pub S);

impl<S: CandidateScorer> Exposes for Ranker<S> {
    type Inner = S;
    fn inner(&self) -> &S {
        &self.0
    }
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        None
    }
    fn as_scorer(&self) -> &dyn CandidateScorer {
        &self.0
    }
}

/// The default [`Model`] of every fitted model: the model as [`Exposes`] says, with its learning
/// curve and, where attached, its [`SaveModel`] and [`FoldIn`]. Used through its two forms,
/// [`RatingModel`] and [`ScorerModel`].
#[derive(Debug, Clone)]
pub struct Fitted<W: Exposes> {
    wrapped: W,
    curve: Vec<EpochRecord>,
    save: Option<fn(&W::Inner) -> &dyn SaveModel>,
    fold_in: Option<fn(&W::Inner) -> &dyn FoldIn>,
}

/// A rating model that also ranks by predicted rating: the [`Model`] of any [`RatingPredictor`].
pub type RatingModel<P> = Fitted<ByPredictedRating<P>>;

/// A ranking-only model: the [`Model`] of any [`CandidateScorer`].
pub type ScorerModel<S> = Fitted<Ranker<S>>;

impl<W: Exposes> Fitted<W> {
    fn wrap(wrapped: W) -> Self {
        Self {
            wrapped,
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
    /// Exposes the wrapped model's [`SaveModel`] through [`Model::as_save`].
    pub fn with_save(mut self) -> Self
    where
        W::Inner: SaveModel,
    {
        self.save = Some(save_of::<W::Inner>);
        self
    }
    /// Exposes the wrapped model's [`FoldIn`] through [`Model::as_fold_in`].
    pub fn with_fold_in(mut self) -> Self
    where
        W::Inner: FoldIn,
    {
        self.fold_in = Some(fold_in_of::<W::Inner>);
        self
    }
    /// `self` with its learning curve, its model file and its fold-in: the registry's form of
    /// a fitted model that saves itself and folds in new users.
    pub fn full(self, curve: Vec<EpochRecord>) -> Self
    where
        W::Inner: SaveModel + FoldIn,
    {
        self.with_curve(curve).with_save().with_fold_in()
    }
    /// The wrapped model.
    pub fn inner(&self) -> &W::Inner {
        self.wrapped.inner()
    }
}

impl<P: RatingPredictor> RatingModel<P> {
    /// Wraps `model`, whose item index space has `n_items` items.
    pub fn new(model: P, n_items: usize) -> Self {
        Self::wrap(ByPredictedRating { model, n_items })
    }
}

impl<S: CandidateScorer> ScorerModel<S> {
    /// Wraps `scorer`.
    pub fn new(scorer: S) -> Self {
        Self::wrap(Ranker(scorer))
    }
}

impl<W: Exposes> Model for Fitted<W> {
    fn as_rating_predictor(&self) -> Option<&dyn RatingPredictor> {
        self.wrapped.as_rating_predictor()
    }
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self.wrapped.as_scorer())
    }
    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }
    fn as_save(&self) -> Option<&dyn SaveModel> {
        self.save.map(|f| f(self.wrapped.inner()))
    }
    fn as_fold_in(&self) -> Option<&dyn FoldIn> {
        self.fold_in.map(|f| f(self.wrapped.inner()))
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
