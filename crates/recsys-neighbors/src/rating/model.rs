//! [`Knn`]: a fitted k-NN rating model, its kind constant and its registry wrapper.

use recsys_core::Interactions;
use recsys_core::baselines::Biases;
use recsys_core::traits::{RatingModel, SaveModel};

use super::lists::Lists;
use super::params::{Basic, Estimator, KnnParams, Means, WithBaseline};

/// A fitted k-NN rating model with Surprise's semantics: the training ratings, the dense
/// similarities of the users (user-based) or items (item-based), and what its estimator
/// centres on (means, baselines). See [`Knn::estimate`] for the prediction rule.
#[derive(Debug, Clone)]
pub struct Knn<E: Estimator> {
    pub(crate) params: KnnParams<E>,
    pub(crate) train: Interactions,
    /// The baselines (`knn-baseline`, or the `pearson_baseline` similarity).
    pub(crate) biases: Option<Biases>,
    /// The global mean rating.
    pub(crate) mean: f64,
    /// The lowest and highest training rating: predictions are clipped to them.
    pub(crate) range: (f32, f32),
    /// The number of users (user-based) or items (item-based): the similarity matrix's side.
    pub(crate) n_x: usize,
    /// Row-major `n_x × n_x` similarities.
    pub(crate) sims: Vec<f32>,
    /// Each `y`'s `x`s and ratings (items' users when user-based, users' items when item-based).
    pub(crate) yr: Lists,
    /// Whether each `x` has training ratings.
    pub(crate) x_known: Vec<bool>,
    /// Each `x`'s mean rating (`knn-means`; empty otherwise).
    pub(crate) x_means: Vec<f64>,
}

/// `knn-basic`: Surprise's `KNNBasic`.
pub type KnnBasic = Knn<Basic>;
/// `knn-means`: Surprise's `KNNWithMeans`.
pub type KnnMeans = Knn<Means>;
/// `knn-baseline`: Surprise's `KNNBaseline`.
pub type KnnBaseline = Knn<WithBaseline>;

impl<E: Estimator> Knn<E> {
    /// The kind of its model files: `knn-basic`, `knn-means` or `knn-baseline`.
    pub const KIND: &'static str = E::KIND;

    /// The hyperparameters it was fitted with.
    pub fn params(&self) -> &KnnParams<E> {
        &self.params
    }

    /// The training ratings (the model's neighbours and their ratings).
    pub fn train(&self) -> &Interactions {
        &self.train
    }

    /// The baselines, when the model uses them (`knn-baseline`, or `pearson_baseline`).
    pub fn biases(&self) -> Option<&Biases> {
        self.biases.as_ref()
    }

    /// The global mean rating of the training data.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The prediction range: the lowest and the highest training rating.
    pub fn range(&self) -> (f32, f32) {
        self.range
    }

    /// The similarity of users (user-based) or items (item-based) `a` and `b` in dense indices;
    /// 0 outside the index space.
    pub fn similarity(&self, a: u32, b: u32) -> f32 {
        let (a, b) = (a as usize, b as usize);
        if a < self.n_x && b < self.n_x {
            self.sims[a * self.n_x + b]
        } else {
            0.0
        }
    }

    /// The model as the registry's [`recsys_core::Model`] over `n_items` items: a
    /// [`RatingModel`] (ranking by predicted rating) that also saves itself and folds in new
    /// users.
    pub fn into_model(self, n_items: usize) -> RatingModel<Knn<E>>
    where
        Knn<E>: SaveModel,
    {
        RatingModel::new(self, n_items).with_save().with_fold_in()
    }
}
