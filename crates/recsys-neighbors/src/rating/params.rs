//! [`KnnParams`]: the hyperparameters of the k-NN rating models, with Surprise 1.1.5's
//! defaults, the similarity measures ([`Similarity`]) and the three estimators ([`Basic`],
//! [`Means`], [`WithBaseline`]) that make `knn-basic`, `knn-means` and `knn-baseline`.

use recsys_core::WrapsCore;
use recsys_core::check;
use std::fmt::Debug;

use serde::{Deserialize, Serialize};

use crate::error::NeighborsError;
use recsys_core::{model_spec, param_setters};

/// The similarity between two users (or two items), computed over their common items (or
/// users) only, as Surprise's `similarities` module does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Similarity {
    /// `Σ r_x r_x' / (√Σ r_x² · √Σ r_x'²)` over the common ratings.
    Cosine,
    /// `1 / (msd + 1)`, msd the mean squared difference of the common ratings (Surprise's
    /// default).
    Msd,
    /// Pearson's correlation over the common ratings, each side centred on its mean over those
    /// ratings; 0 when either side's common ratings are all equal (the correlation is
    /// undefined there; Surprise gives 0 too).
    Pearson,
    /// Pearson's correlation of the residuals `r − b` of the baseline estimates, shrunk by
    /// `(n − 1) / (n − 1 + shrinkage)` for `n` common ratings; needs at least 2 common ratings
    /// (otherwise 0).
    PearsonBaseline,
}

impl Similarity {
    /// The name Surprise's `sim_options` uses (`"msd"`, `"pearson_baseline"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Similarity::Cosine => "cosine",
            Similarity::Msd => "msd",
            Similarity::Pearson => "pearson",
            Similarity::PearsonBaseline => "pearson_baseline",
        }
    }
}

/// How a k-NN model turns its neighbours' ratings into an estimate: one zero-sized type per
/// model ([`Basic`], [`Means`], [`WithBaseline`]).
pub trait Estimator: Debug + Default + Clone + Copy + PartialEq + Send + Sync + 'static {
    /// The centring of the ratings the neighbours contribute.
    const CENTRING: Centring;
    /// The kind of the model's files.
    const KIND: &'static str;
}

/// What is subtracted from a neighbour's rating before it is averaged (and added back to the
/// average).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Centring {
    /// Nothing: the similarity-weighted mean of the neighbours' ratings (`KNNBasic`).
    None,
    /// The mean rating of each user (user-based) or item (item-based) (`KNNWithMeans`).
    Means,
    /// The baseline estimate `μ + b_u + b_i` (`KNNBaseline`).
    Baseline,
}

/// Surprise's `KNNBasic`: `r̂ = Σ sim · r / Σ sim`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Basic;

/// Surprise's `KNNWithMeans`: `r̂ = μ_x + Σ sim · (r − μ_x') / Σ sim`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Means;

/// Surprise's `KNNBaseline`: `r̂ = b_ui + Σ sim · (r − b) / Σ sim`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct WithBaseline;

impl Estimator for Basic {
    const CENTRING: Centring = Centring::None;
    const KIND: &'static str = "knn-basic";
}

impl Estimator for Means {
    const CENTRING: Centring = Centring::Means;
    const KIND: &'static str = "knn-means";
}

impl Estimator for WithBaseline {
    const CENTRING: Centring = Centring::Baseline;
    const KIND: &'static str = "knn-baseline";
}

/// Hyperparameters of the k-NN rating models. [`Default`] is Surprise 1.1.5's defaults for
/// `KNNBasic`, `KNNWithMeans` and `KNNBaseline` alike: user-based, `msd`, `k` 40, `min_k` 1,
/// `min_support` 1, `shrinkage` 100 (used by `pearson_baseline` only) and the baselines'
/// ALS options `reg_user` 15, `reg_item` 10, 10 epochs (used by `knn-baseline` and by
/// `pearson_baseline`).
///
/// ```
/// use recsys_neighbors::rating::{KnnBaselineParams, Similarity};
///
/// let p = KnnBaselineParams::default().item_based().with_similarity(Similarity::PearsonBaseline);
/// assert_eq!(p, KnnBaselineParams::item_pearson_baseline());
/// assert!(p.check().is_ok());
/// assert!(p.with_k(0).check().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct KnnParams<E: Estimator> {
    /// Neighbours are users (true) or items (false) (default true).
    pub user_based: bool,
    /// The similarity measure (default [`Similarity::Msd`]).
    pub similarity: Similarity,
    /// The most neighbours averaged per prediction (default 40); at least 1.
    pub k: usize,
    /// The fewest neighbours with a positive similarity a prediction needs (default 1); with
    /// fewer, `knn-basic` predicts the global mean, `knn-means` the mean of the user (item),
    /// `knn-baseline` the baseline. At most `k`.
    pub min_k: usize,
    /// Common ratings two users (items) need for a non-zero similarity (default 1;
    /// `pearson_baseline` needs at least 2 whatever this says, as in Surprise).
    pub min_support: usize,
    /// Shrinkage of `pearson_baseline` (default 100); finite and `>= 0`.
    pub shrinkage: f64,
    /// Regularization of the user biases of the baselines (default 15); finite and `>= 0`.
    pub reg_user: f64,
    /// Regularization of the item biases of the baselines (default 10); finite and `>= 0`.
    pub reg_item: f64,
    /// ALS sweeps of the baselines, items then users in each (default 10).
    pub baseline_epochs: usize,
    /// The estimator (a zero-sized type naming the model).
    #[serde(skip)]
    pub estimator: E,
}

/// Hyperparameters of [`KnnBasic`](super::KnnBasic) (`knn-basic`).
pub type KnnBasicParams = KnnParams<Basic>;
/// Hyperparameters of [`KnnMeans`](super::KnnMeans) (`knn-means`).
pub type KnnMeansParams = KnnParams<Means>;
/// Hyperparameters of [`KnnBaseline`](super::KnnBaseline) (`knn-baseline`).
pub type KnnBaselineParams = KnnParams<WithBaseline>;

impl<E: Estimator> Default for KnnParams<E> {
    fn default() -> Self {
        Self {
            user_based: true,
            similarity: Similarity::Msd,
            k: 40,
            min_k: 1,
            min_support: 1,
            shrinkage: 100.0,
            reg_user: 15.0,
            reg_item: 10.0,
            baseline_epochs: 10,
            estimator: E::default(),
        }
    }
}

impl<E: Estimator> KnnParams<E> {
    /// Checks the hyperparameters: `k >= 1`, `min_k <= k`, and finite non-negative
    /// `shrinkage`, `reg_user` and `reg_item`.
    pub fn check(&self) -> Result<(), NeighborsError> {
        check::at_least_one("k", self.k)?;
        if self.min_k > self.k {
            return Err(NeighborsError::param(
                "min_k",
                format!("{} is more than k = {}", self.min_k, self.k),
            ));
        }
        for (name, v) in [
            ("shrinkage", self.shrinkage),
            ("reg_user", self.reg_user),
            ("reg_item", self.reg_item),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(NeighborsError::param(
                    name,
                    format!("{v} must be finite and >= 0"),
                ));
            }
        }
        Ok(())
    }

    /// Item-based: the neighbours are items.
    pub fn item_based(mut self) -> Self {
        self.user_based = false;
        self
    }

    /// Whether the model needs the baseline biases (its estimator or its similarity uses them).
    pub fn needs_baselines(&self) -> bool {
        E::CENTRING == Centring::Baseline || self.similarity == Similarity::PearsonBaseline
    }
}

impl KnnBaselineParams {
    /// Item-based `pearson_baseline` with Surprise's other defaults: the configuration
    /// Surprise's documentation recommends for `KNNBaseline` and the one the peers measured
    /// (`knn-baseline` in the registry).
    pub fn item_pearson_baseline() -> Self {
        Self::default()
            .item_based()
            .with_similarity(Similarity::PearsonBaseline)
    }
}

param_setters!(KnnBasicParams, |s| s;
    with_user_based => user_based: bool, with_similarity => similarity: Similarity,
    with_k => k: usize, with_min_k => min_k: usize, with_min_support => min_support: usize,
    with_shrinkage => shrinkage: f64, with_reg_user => reg_user: f64,
    with_reg_item => reg_item: f64, with_baseline_epochs => baseline_epochs: usize);
param_setters!(KnnMeansParams, |s| s;
    with_user_based => user_based: bool, with_similarity => similarity: Similarity,
    with_k => k: usize, with_min_k => min_k: usize, with_min_support => min_support: usize,
    with_shrinkage => shrinkage: f64, with_reg_user => reg_user: f64,
    with_reg_item => reg_item: f64, with_baseline_epochs => baseline_epochs: usize);
param_setters!(KnnBaselineParams, |s| s;
    with_user_based => user_based: bool, with_similarity => similarity: Similarity,
    with_k => k: usize, with_min_k => min_k: usize, with_min_support => min_support: usize,
    with_shrinkage => shrinkage: f64, with_reg_user => reg_user: f64,
    with_reg_item => reg_item: f64, with_baseline_epochs => baseline_epochs: usize);

model_spec!(KnnBasicParams, Basic::KIND, |m, train| m
    .into_model(train.n_items()));
model_spec!(KnnMeansParams, Means::KIND, |m, train| m
    .into_model(train.n_items()));
model_spec!(KnnBaselineParams, WithBaseline::KIND, |m, train| m
    .into_model(train.n_items()));

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::ModelSpec;

    #[test]
    fn defaults_are_surprises() {
        let p = KnnMeansParams::default();
        assert!(p.user_based);
        assert_eq!(p.similarity, Similarity::Msd);
        assert_eq!((p.k, p.min_k, p.min_support), (40, 1, 1));
        assert_eq!((p.shrinkage, p.reg_user, p.reg_item), (100.0, 15.0, 10.0));
        assert_eq!(p.baseline_epochs, 10);
        assert!(!p.needs_baselines());
        assert!(KnnBaselineParams::default().needs_baselines());
        assert!(
            KnnBasicParams::default()
                .with_similarity(Similarity::PearsonBaseline)
                .needs_baselines()
        );
    }

    #[test]
    fn names_and_param_list() {
        let p = KnnBaselineParams::item_pearson_baseline();
        assert_eq!(p.name(), "knn-baseline");
        assert_eq!(KnnBasicParams::NAME, "knn-basic");
        assert_eq!(KnnMeansParams::NAME, "knn-means");
        let list = p.params();
        let keys: Vec<&str> = list.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "user_based",
                "similarity",
                "k",
                "min_k",
                "min_support",
                "shrinkage",
                "reg_user",
                "reg_item",
                "baseline_epochs"
            ]
        );
        assert_eq!(list[1].1, "pearson_baseline");
    }

    #[test]
    fn set_param_reads_and_checks() {
        let mut p = KnnBasicParams::default();
        p.set_param("similarity", "pearson").unwrap();
        p.set_param("k", "20").unwrap();
        p.set_param("user_based", "false").unwrap();
        assert_eq!(
            (p.similarity, p.k, p.user_based),
            (Similarity::Pearson, 20, false)
        );
        assert!(p.set_param("k", "0").is_err());
        assert!(p.set_param("k", "-3").is_err());
        assert!(p.set_param("similarity", "jaccard").is_err());
        assert!(p.set_param("shrinkage", "-1").is_err());
        assert!(p.set_param("nope", "1").is_err());
        assert_eq!(
            p.k, 20,
            "a rejected value leaves the parameters as they were"
        );
    }

    #[test]
    fn bad_values_are_typed_errors() {
        let cases = [
            (KnnBasicParams::default().with_k(0), "k"),
            (KnnBasicParams::default().with_k(3).with_min_k(4), "min_k"),
            (
                KnnBasicParams::default().with_shrinkage(f64::NAN),
                "shrinkage",
            ),
            (KnnBasicParams::default().with_reg_user(-1.0), "reg_user"),
            (
                KnnBasicParams::default().with_reg_item(f64::INFINITY),
                "reg_item",
            ),
        ];
        for (p, field) in cases {
            match p.check() {
                Err(NeighborsError::Core(recsys_core::CoreError::InvalidParameter {
                    name,
                    ..
                })) => assert_eq!(name, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }
}
