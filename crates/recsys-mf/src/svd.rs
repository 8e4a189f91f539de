//! Biased SVD (Funk; Surprise's `SVD`) and SVD++ (Koren 2008; Surprise's `SVDpp`), fitted by
//! stochastic gradient descent with Surprise's semantics and defaults.
//!
//! **SVD++ in O((|R| + Σ|N(u)|)·k) per epoch, with Surprise's exact updates.** Surprise
//! recomputes a user's implicit term `z = |N(u)|^-½ Σ_{j∈N(u)} y_j` for every rating and updates
//! every `y_j, j ∈ N(u)` after every rating: O(Σ_u |R(u)|·|N(u)|·k) per epoch. But that update is
//! the same for every `j`: `y_j ← d·y_j + g` with `d = 1 − lr·reg` and `g = lr·e_ui·q_i·|N(u)|^-½`.
//! So, visiting ratings user by user (Surprise's own order), this crate keeps
//! - `z` up to date in O(k) per rating: `z ← d·z + lr·e_ui·q_i` (as `|N(u)|·|N(u)|^-1 = 1`);
//! - the accumulated shift `G ← d·G + g` in O(k) per rating;
//!
//! and applies `y_j ← dⁿ·y_j + G` once per user (`n = |R(u)|`): the same arithmetic as Surprise's,
//! in O((|R(u)| + |N(u)|)·k) per user instead of O(|R(u)|·|N(u)|·k).

use std::time::Instant;

use ndarray::Array2;
use rand::seq::SliceRandom;
use recsys_data::traits::{EpochRecord, Fit};
use recsys_data::{Interactions, RatingPredictor};

use crate::MfError;
use crate::factors::{dot, normal_matrix, rng, similar_by_cosine};

/// Hyperparameters of [`SvdParams::fit`]; the defaults are Surprise's `SVD` defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SvdParams {
    /// Latent factors (default 100).
    pub factors: usize,
    /// SGD epochs (default 20).
    pub epochs: usize,
    /// Learning rate of the factors (default 0.005).
    pub lr: f32,
    /// Regularization of the factors (default 0.02).
    pub reg: f32,
    /// Learning rate of the biases (default: `lr`).
    pub lr_bias: Option<f32>,
    /// Regularization of the biases (default: `reg`).
    pub reg_bias: Option<f32>,
    /// Mean of the initial factors (default 0).
    pub init_mean: f32,
    /// Standard deviation of the initial factors (default 0.1).
    pub init_std: f32,
    /// Use the global mean and biases (default true; false is Surprise's unbiased SVD, `r̂ = q_i·p_u`).
    pub biased: bool,
    /// Visit users in a new seeded random order each epoch (default false: index order, as Surprise).
    pub shuffle: bool,
    /// Clip predictions to the training ratings' range (default true, as Surprise).
    pub clip: bool,
    /// Seed of the initialization (and shuffling).
    pub seed: u64,
}

impl Default for SvdParams {
    fn default() -> Self {
        Self {
            factors: 100,
            epochs: 20,
            lr: 0.005,
            reg: 0.02,
            lr_bias: None,
            reg_bias: None,
            init_mean: 0.0,
            init_std: 0.1,
            biased: true,
            shuffle: false,
            clip: true,
            seed: 0,
        }
    }
}

/// Hyperparameters of SVD++; the defaults are Surprise's `SVDpp` defaults (20 factors, 20
/// epochs, lr 0.007, reg 0.02, init N(0, 0.1)).
#[derive(Debug, Clone, PartialEq)]
pub struct SvdPpParams {
    /// The shared SGD settings (`biased` is always true for SVD++).
    pub sgd: SvdParams,
}

impl Default for SvdPpParams {
    fn default() -> Self {
        Self {
            sgd: SvdParams {
                factors: 20,
                lr: 0.007,
                ..SvdParams::default()
            },
        }
    }
}

macro_rules! setters {
    ($ty:ty, |$s:ident| $field:expr ; $($name:ident : $t:ty),* $(,)?) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                pub fn $name(mut self, v: $t) -> Self {
                    let $s = &mut self;
                    $field.$name = v;
                    self
                }
            )*
        }
    };
}
setters!(SvdParams, |s| s; factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32,
    biased: bool, shuffle: bool, clip: bool, seed: u64);
setters!(SvdPpParams, |s| s.sgd; factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32,
    shuffle: bool, clip: bool, seed: u64);

impl SvdParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        let bad =
            |name: &'static str, reason: String| Err(MfError::InvalidParameter { name, reason });
        if self.factors == 0 {
            return bad("factors", "must be at least 1".into());
        }
        if self.epochs == 0 {
            return bad("epochs", "must be at least 1".into());
        }
        for (name, v) in [("lr", Some(self.lr)), ("lr_bias", self.lr_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0 && v < 1.0)
            {
                return bad(name, format!("{v} is not in (0, 1)"));
            }
        }
        for (name, v) in [("reg", Some(self.reg)), ("reg_bias", self.reg_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return bad(name, format!("{v} is not finite and >= 0"));
            }
        }
        if !(self.init_mean.is_finite() && self.init_std.is_finite() && self.init_std >= 0.0) {
            return bad(
                "init_std",
                format!(
                    "N({}, {}) is not a valid initialization",
                    self.init_mean, self.init_std
                ),
            );
        }
        Ok(())
    }

    /// Fits, calling `on_epoch` after each epoch (training RMSE as the loss, seconds).
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        fit_sgd(self, train, false, on_epoch)
    }
}

impl SvdPpParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        self.sgd.check()
    }

    /// Fits, calling `on_epoch` after each epoch.
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        let sgd = SvdParams {
            biased: true,
            ..self.sgd.clone()
        };
        fit_sgd(&sgd, train, true, on_epoch)
    }
}

impl Fit for SvdParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

impl Fit for SvdPpParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

/// A fitted SVD or SVD++ model: `r̂(u, i) = μ + b_u + b_i + q_i·p'_u`, where `p'_u` is `p_u` for
/// SVD and `p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j` for SVD++.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorModel {
    /// `"svd"` or `"svdpp"`.
    pub kind: &'static str,
    /// Global mean (0 for unbiased SVD).
    pub mean: f32,
    /// User biases.
    pub user_bias: Vec<f32>,
    /// Item biases.
    pub item_bias: Vec<f32>,
    /// Effective user factors `p'_u` (users × k).
    pub user_factors: Array2<f32>,
    /// Item factors `q_i` (items × k).
    pub item_factors: Array2<f32>,
    /// SVD++'s implicit item factors `y_j` (items × k; empty for SVD).
    pub implicit_factors: Array2<f32>,
    /// Prediction range (clipping), if any.
    pub range: Option<(f32, f32)>,
    /// Training RMSE and seconds per epoch.
    pub curve: Vec<EpochRecord>,
}

impl FactorModel {
    /// The `n` items most similar to `item` by cosine of their factors.
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, MfError> {
        similar_by_cosine(self.item_factors.view(), item, n)
    }
}

impl RatingPredictor for FactorModel {
    /// Users or items without training data get zero factors and biases: the prediction falls back
    /// to the global mean plus whichever bias is known.
    fn predict(&self, user: u32, item: u32) -> f32 {
        let (u, i) = (user as usize, item as usize);
        let mut p = self.mean
            + self.user_bias.get(u).copied().unwrap_or(0.0)
            + self.item_bias.get(i).copied().unwrap_or(0.0);
        if u < self.user_factors.nrows() && i < self.item_factors.nrows() {
            let (pu, qi) = (self.user_factors.row(u), self.item_factors.row(i));
            if let (Some(a), Some(b)) = (pu.as_slice(), qi.as_slice()) {
                p += dot(a, b);
            }
        }
        match self.range {
            Some((lo, hi)) => p.clamp(lo, hi),
            None => p,
        }
    }
}

fn fit_sgd(
    prm: &SvdParams,
    train: &Interactions,
    plus_plus: bool,
    on_epoch: &mut dyn FnMut(&EpochRecord),
) -> Result<FactorModel, MfError> {
    let mean = match train.global_mean() {
        Some(m) if prm.biased => m as f32,
        Some(_) => 0.0,
        None => return Err(MfError::EmptyData),
    };
    let (nu, ni, k) = (train.n_users(), train.n_items(), prm.factors);
    let mut rng = rng(prm.seed);
    let mut p = normal_matrix(nu, k, prm.init_mean, prm.init_std, &mut rng);
    let mut q = normal_matrix(ni, k, prm.init_mean, prm.init_std, &mut rng);
    let mut y = if plus_plus {
        normal_matrix(ni, k, prm.init_mean, prm.init_std, &mut rng)
    } else {
        Array2::zeros((0, k))
    };
    let mut bu = vec![0.0f32; nu];
    let mut bi = vec![0.0f32; ni];
    let (lr, reg) = (prm.lr, prm.reg);
    let (lr_b, reg_b) = (prm.lr_bias.unwrap_or(lr), prm.reg_bias.unwrap_or(reg));
    let mut order: Vec<u32> = (0..nu as u32).collect();
    let mut z = vec![0.0f32; k];
    let mut grad_y = vec![0.0f32; k];
    let mut pz = vec![0.0f32; k];
    let mut curve = Vec::with_capacity(prm.epochs);
    let (ps, qs) = (
        p.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
        q.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
    );
    let ys = y
        .as_slice_mut()
        .ok_or(MfError::Internal("factor matrix not contiguous"))?;
    for epoch in 0..prm.epochs {
        let t = Instant::now();
        if prm.shuffle {
            order.shuffle(&mut rng);
        }
        let mut sse = 0.0f64;
        for &u in &order {
            let row = train.row(u);
            if row.is_empty() {
                continue;
            }
            let pu = &mut ps[u as usize * k..(u as usize + 1) * k];
            let n = row.len();
            let norm = if plus_plus {
                1.0 / (n as f32).sqrt()
            } else {
                0.0
            };
            let decay = 1.0 - lr * reg;
            if plus_plus {
                z.iter_mut().for_each(|v| *v = 0.0);
                for &j in row.items {
                    let yj = &ys[j as usize * k..(j as usize + 1) * k];
                    z.iter_mut().zip(yj).for_each(|(a, b)| *a += b);
                }
                z.iter_mut().for_each(|v| *v *= norm);
                grad_y.iter_mut().for_each(|v| *v = 0.0);
            }
            for (&i, &r) in row.items.iter().zip(row.ratings) {
                let qi = &mut qs[i as usize * k..(i as usize + 1) * k];
                let dotv = if plus_plus {
                    pz.iter_mut()
                        .zip(pu.iter().zip(&z))
                        .for_each(|(o, (a, b))| *o = a + b);
                    dot(qi, &pz)
                } else {
                    dot(qi, pu)
                };
                let (bu_u, bi_i) = (bu[u as usize], bi[i as usize]);
                let est = if prm.biased {
                    mean + bu_u + bi_i + dotv
                } else {
                    dotv
                };
                let err = r - est;
                sse += f64::from(err) * f64::from(err);
                if prm.biased {
                    bu[u as usize] += lr_b * (err - reg_b * bu_u);
                    bi[i as usize] += lr_b * (err - reg_b * bi_i);
                }
                let (le, lreg) = (lr * err, lr * reg);
                if plus_plus {
                    let g = le * norm;
                    for ((((pf, qf), zf), gy), pzf) in pu
                        .iter_mut()
                        .zip(qi.iter_mut())
                        .zip(z.iter_mut())
                        .zip(grad_y.iter_mut())
                        .zip(&pz)
                    {
                        let (p0, q0) = (*pf, *qf);
                        *pf = p0 + le * q0 - lreg * p0;
                        *qf = q0 + le * pzf - lreg * q0;
                        *zf = decay * *zf + le * q0;
                        *gy = decay * *gy + g * q0;
                    }
                } else {
                    for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
                        let (p0, q0) = (*pf, *qf);
                        *pf = p0 + le * q0 - lreg * p0;
                        *qf = q0 + le * p0 - lreg * q0;
                    }
                }
            }
            if plus_plus {
                // the n per-rating steps of every y_j at once: y_j ← dⁿ·y_j + G
                let dn = decay.powi(n as i32);
                for &j in row.items {
                    let yj = &mut ys[j as usize * k..(j as usize + 1) * k];
                    yj.iter_mut()
                        .zip(&grad_y)
                        .for_each(|(y, g)| *y = dn * *y + g);
                }
            }
        }
        let rec = EpochRecord {
            epoch: epoch + 1,
            loss: (sse / train.nnz() as f64).sqrt(),
            seconds: t.elapsed().as_secs_f64(),
            validation: Vec::new(),
        };
        on_epoch(&rec);
        curve.push(rec);
    }
    // effective user factors p'_u = p_u + |N(u)|^-½ Σ y_j
    if plus_plus {
        for u in 0..nu as u32 {
            let row = train.row(u);
            if row.is_empty() {
                continue;
            }
            let norm = 1.0 / (row.len() as f32).sqrt();
            let pu = &mut ps[u as usize * k..(u as usize + 1) * k];
            for &j in row.items {
                let yj = &ys[j as usize * k..(j as usize + 1) * k];
                for f in 0..k {
                    pu[f] += yj[f] * norm;
                }
            }
        }
    }
    let range = if prm.clip {
        let d = train.matrix().data();
        Some((
            d.iter().copied().fold(f32::INFINITY, f32::min),
            d.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        ))
    } else {
        None
    };
    // users and items without training ratings keep zero factors (fallback to the biases)
    for u in 0..nu as u32 {
        if train.row(u).is_empty() {
            p.row_mut(u as usize).fill(0.0);
        }
    }
    let counts = train.item_counts();
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            q.row_mut(i).fill(0.0);
        }
    }
    Ok(FactorModel {
        kind: if plus_plus { "svdpp" } else { "svd" },
        mean,
        user_bias: bu,
        item_bias: bi,
        user_factors: p,
        item_factors: q,
        implicit_factors: y,
        range,
        curve,
    })
}
