//! Fitting a [`Knn`]: the baselines when needed (ALS, items then users, as Surprise), then the
//! similarity matrix and what the estimator centres on.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::baselines::{Biases, SweepOrder, als_biases};
use recsys_core::traits::Fit;

use super::lists::Lists;
use super::model::Knn;
use super::params::{Centring, Estimator, KnnParams, Similarity};
use super::similarity::{Grouped, check_size, similarities};
use crate::error::NeighborsError;

impl<E: Estimator> Fit for KnnParams<E> {
    type Model = Knn<E>;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<Knn<E>, NeighborsError> {
        self.check()?;
        if train.is_empty() {
            return Err(NeighborsError::empty(format!(
                "no training ratings to fit {} on",
                E::KIND
            )));
        }
        let n_x = if self.user_based {
            train.n_users()
        } else {
            train.n_items()
        };
        check_size(n_x, self.user_based)?;
        let biases = if self.needs_baselines() {
            als_biases(
                train,
                self.reg_user,
                self.reg_item,
                self.baseline_epochs,
                SweepOrder::ItemsFirst,
            )
        } else {
            None
        };
        Knn::build(self.clone(), train.clone(), biases)
    }
}

impl<E: Estimator> Knn<E> {
    /// The model of `params` on `train` with the given baselines (which it needs when
    /// [`KnnParams::needs_baselines`]; each must have one bias per user and per item of
    /// `train`): what [`Fit::fit`] and loading a model file share.
    pub(crate) fn build(
        params: KnnParams<E>,
        train: Interactions,
        biases: Option<Biases>,
    ) -> Result<Self, NeighborsError> {
        params.check()?;
        let mean = train.global_mean().ok_or_else(|| {
            NeighborsError::empty(format!("no training ratings to fit {} on", E::KIND))
        })?;
        let biases = if params.needs_baselines() {
            biases
        } else {
            None
        };
        if params.needs_baselines() {
            match &biases {
                Some(b) if b.user.len() == train.n_users() && b.item.len() == train.n_items() => {}
                _ => {
                    return Err(NeighborsError::param(
                        "biases",
                        format!(
                            "{} needs one baseline bias per user ({}) and per item ({})",
                            E::KIND,
                            train.n_users(),
                            train.n_items()
                        ),
                    ));
                }
            }
        }
        let (ur, ir) = (Lists::by_user(&train), Lists::by_item(&train));
        let (xr, yr) = if params.user_based {
            (ur, ir)
        } else {
            (ir, ur)
        };
        let n_x = xr.groups();
        check_size(n_x, params.user_based)?;
        let (x_values, y_values) = values(&params, &xr, &yr, mean, biases.as_ref());
        let g = Grouped {
            xr: &xr,
            x_values: &x_values,
            yr: &yr,
            y_values: &y_values,
        };
        let sims = similarities(&g, params.similarity, params.min_support, params.shrinkage);
        let x_known = (0..n_x).map(|x| xr.has(x)).collect();
        let x_means = if E::CENTRING == Centring::Means {
            (0..n_x)
                .map(|x| {
                    let (_, r) = xr.get(x);
                    let s: f64 = r.iter().map(|&v| f64::from(v)).sum();
                    if r.is_empty() {
                        0.0
                    } else {
                        s / r.len() as f64
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let data = train.matrix().data();
        let range = (
            data.iter().copied().fold(f32::INFINITY, f32::min),
            data.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        Ok(Knn {
            params,
            train,
            biases,
            mean,
            range,
            n_x,
            sims,
            yr,
            x_known,
            x_means,
        })
    }
}

/// The values the similarity sums run over, for the entries of `xr` and of `yr`: the ratings,
/// or for `pearson_baseline` the residuals `r − ((μ + b_y) + b_x)` (Surprise's order of sums).
fn values<E: Estimator>(
    params: &KnnParams<E>,
    xr: &Lists,
    yr: &Lists,
    mean: f64,
    biases: Option<&Biases>,
) -> (Vec<f64>, Vec<f64>) {
    let raw = |l: &Lists| l.val().iter().map(|&r| f64::from(r)).collect::<Vec<f64>>();
    let Some(b) = biases.filter(|_| params.similarity == Similarity::PearsonBaseline) else {
        return (raw(xr), raw(yr));
    };
    let (bx, by) = if params.user_based {
        (&b.user, &b.item)
    } else {
        (&b.item, &b.user)
    };
    let residual =
        |r: f32, x: u32, y: u32| f64::from(r) - ((mean + by[y as usize]) + bx[x as usize]);
    let xv = xr
        .owners()
        .zip(xr.idx().iter().zip(xr.val()))
        .map(|(x, (&y, &r))| residual(r, x, y))
        .collect();
    let yv = yr
        .owners()
        .zip(yr.idx().iter().zip(yr.val()))
        .map(|(y, (&x, &r))| residual(r, x, y))
        .collect();
    (xv, yv)
}
