//! [`Bfm`]: a fitted Bayesian factorization machine — the kept samples — and its predictions,
//! each the average of the kept samples' predictions.

use recsys_core::RatingPredictor;
use recsys_core::traits::{EpochRecord, RatingModel};

use super::BfmParams;
use crate::error::FmError;
use crate::features::UserItemFeatures;

/// A fitted Bayesian FM over a user block and an item block.
///
/// It keeps the mean of the global bias and of the linear weights (predictions are linear in
/// them) and every kept sample of the factors. For each user and item row it caches the
/// row's linear and within-row pairwise terms (averaged over samples) and its per-sample factor
/// sums `q_s`, so that a prediction is
/// `w̄₀ + b_u + b_i + (1/S) Σ_s q_{u,s}·q_{i,s}`: exactly the average of the samples'
/// predictions, at `S·k` multiply-adds.
#[derive(Debug, Clone)]
pub struct Bfm {
    pub(super) params: BfmParams,
    pub(super) features: UserItemFeatures,
    pub(super) w0: f64,
    pub(super) w: Vec<f64>,
    /// Kept samples of the factors, `[s][j][f]`.
    pub(super) v: Vec<f32>,
    pub(super) n_samples: usize,
    pub(super) range: Option<(f32, f32)>,
    pub(super) curve: Vec<EpochRecord>,
    user_cache: RowCache,
    item_cache: RowCache,
    /// The case block and its terms, when fitted with one ([`BfmParams::fit_cases`]).
    pub(super) case: Option<super::case::CaseTerms>,
    /// The ordered probit's per-sample parts, when fitted with `ordinal`.
    pub(super) ordinal: Option<super::ordinal_terms::OrdinalTerms>,
}

/// Per-row terms of one block: the averaged linear and within-row pairwise term, and the
/// per-sample factor sums (`rows × S·k`), gathered while sampling; for the ordered probit also
/// each sample's linear and within-row term (`rows × S`; empty otherwise).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RowCache {
    pub bias: Vec<f64>,
    pub z: Vec<f32>,
    pub bias_s: Vec<f32>,
}

/// One row's terms as a prediction reads them (see [`RowCache`]); an unknown row has none.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowView<'a> {
    pub bias: f64,
    pub z: &'a [f32],
    pub bias_s: &'a [f32],
}

/// One feature row's terms computed from the kept samples (see [`RowCache`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct RowTerms {
    pub bias: f64,
    pub z: Vec<f32>,
    pub bias_s: Vec<f32>,
}

impl RowTerms {
    /// The terms as a prediction reads them.
    pub fn view(&self) -> RowView<'_> {
        RowView {
            bias: self.bias,
            z: &self.z,
            bias_s: &self.bias_s,
        }
    }
}

impl RowCache {
    /// Zero terms for `rows` rows of `sk` factor sums each.
    pub fn zeros(rows: usize, sk: usize) -> Self {
        Self {
            bias: vec![0.0; rows],
            z: vec![0.0; rows * sk],
            bias_s: Vec::new(),
        }
    }
}

impl Bfm {
    /// The kind of its model files.
    pub const KIND: &'static str = "bfm";

    /// A model from its parts (as fitted or loaded). Errors when the sizes disagree.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        params: BfmParams,
        features: UserItemFeatures,
        w0: f64,
        w: Vec<f64>,
        v: Vec<f32>,
        n_samples: usize,
        range: Option<(f32, f32)>,
        curve: Vec<EpochRecord>,
        user_cache: RowCache,
        item_cache: RowCache,
    ) -> Result<Self, FmError> {
        let nf = features
            .user
            .n_features()
            .saturating_add(features.item.n_features());
        let k = params.rank;
        let expected = n_samples.checked_mul(nf).and_then(|x| x.checked_mul(k));
        if w.len() != nf || expected != Some(v.len()) || n_samples == 0 {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                format!(
                    "{} linear weights and {} factor values for {nf} features, rank {k}, {n_samples} samples",
                    w.len(),
                    v.len()
                ),
            ));
        }
        if !w0.is_finite() || w.iter().any(|x| !x.is_finite()) || v.iter().any(|x| !x.is_finite()) {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "bfm",
                "a weight is not finite",
            ));
        }
        for (c, rows) in [
            (&user_cache, features.user.n_rows()),
            (&item_cache, features.item.n_rows()),
        ] {
            let sk = n_samples.saturating_mul(k);
            if c.bias.len() != rows || Some(c.z.len()) != rows.checked_mul(sk) {
                return Err(<FmError as recsys_core::WrapsCore>::param(
                    "bfm",
                    format!("row terms of {} rows for {rows} rows", c.bias.len()),
                ));
            }
            if !(c.bias_s.is_empty() || Some(c.bias_s.len()) == rows.checked_mul(n_samples)) {
                return Err(<FmError as recsys_core::WrapsCore>::param(
                    "bfm",
                    format!("{} per-sample row terms for {rows} rows", c.bias_s.len()),
                ));
            }
            if c.bias.iter().any(|x| !x.is_finite())
                || c.z.iter().any(|x| !x.is_finite())
                || c.bias_s.iter().any(|x| !x.is_finite())
            {
                return Err(<FmError as recsys_core::WrapsCore>::param(
                    "bfm",
                    "a row term is not finite",
                ));
            }
        }
        Ok(Self {
            params,
            features,
            w0,
            w,
            v,
            n_samples,
            range,
            curve,
            user_cache,
            item_cache,
            case: None,
            ordinal: None,
        })
    }

    /// The row terms (see [`RowCache`]) of the user block and the item block.
    pub(crate) fn caches(&self) -> (&RowCache, &RowCache) {
        (&self.user_cache, &self.item_cache)
    }

    /// One feature row's terms from the kept samples: the averaged linear + within-row
    /// pairwise term, its `S·k` factor sums and, for the ordered probit, each sample's linear +
    /// within-row term.
    pub(super) fn row_terms(&self, cols: &[u32], xs: &[f32], offset: usize) -> RowTerms {
        let (k, s_n) = (self.params.rank, self.n_samples);
        let nf = self.w.len();
        let mut z = vec![0f32; s_n * k];
        let lin: f64 = cols
            .iter()
            .zip(xs)
            .map(|(&j, &x)| x as f64 * self.w[offset + j as usize])
            .sum();
        let mut bias_s = Vec::new();
        let mut pair = 0.0f64;
        let mut qs = vec![0f64; k];
        let mut q = vec![0f64; k];
        for s in 0..s_n {
            q.iter_mut().for_each(|x| *x = 0.0);
            qs.iter_mut().for_each(|x| *x = 0.0);
            let vs = &self.v[s * nf * k..(s + 1) * nf * k];
            for (&j, &x) in cols.iter().zip(xs) {
                let vj = &vs[(offset + j as usize) * k..(offset + j as usize + 1) * k];
                for f in 0..k {
                    let t = x as f64 * vj[f] as f64;
                    q[f] += t;
                    qs[f] += t * t;
                }
            }
            let mut pair_s = 0.0;
            for f in 0..k {
                pair_s += 0.5 * (q[f] * q[f] - qs[f]);
                z[s * k + f] = q[f] as f32;
            }
            pair += pair_s;
            if let Some(o) = &self.ordinal {
                bias_s.push((o.linear(s, cols, xs, offset) + pair_s) as f32);
            }
        }
        RowTerms {
            bias: lin + pair / s_n as f64,
            z,
            bias_s,
        }
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`RatingModel`] with the learning
    /// curve, that also saves itself.
    pub fn into_model(self, n_items: usize) -> RatingModel<Bfm> {
        let curve = self.curve.clone();
        RatingModel::new(self, n_items).full(curve)
    }

    /// The hyperparameters it was fitted with.
    pub fn params(&self) -> &BfmParams {
        &self.params
    }

    /// The feature blocks of its users and items.
    pub fn features(&self) -> &UserItemFeatures {
        &self.features
    }

    /// Kept samples.
    pub fn n_samples(&self) -> usize {
        self.n_samples
    }

    /// The learning curve: per iteration, the training RMSE of that iteration's sample (for the
    /// ordered probit, against the latent values the iteration drew).
    pub fn curve(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// The prediction for a user row and an item row given as features (columns of the user
    /// block's and the item block's spaces): a user or item never seen in training, described
    /// by its side columns. A column outside the blocks' spaces or a non-finite value is an
    /// error.
    pub fn predict_features(
        &self,
        user: (&[u32], &[f32]),
        item: (&[u32], &[f32]),
    ) -> Result<f32, FmError> {
        let check = |(c, x): (&[u32], &[f32]), n: usize, what: &str| {
            if c.len() != x.len() {
                return Err(FmError::Feature {
                    row: 0,
                    what: format!("{what} row: {} columns, {} values", c.len(), x.len()),
                });
            }
            if let Some(j) = c.iter().find(|&&j| j as usize >= n) {
                return Err(FmError::Feature {
                    row: 0,
                    what: format!("{what} feature {j} outside the {n} features of its block"),
                });
            }
            if x.iter().any(|v| !v.is_finite()) {
                return Err(FmError::Feature {
                    row: 0,
                    what: format!("{what} feature value is not finite"),
                });
            }
            Ok(())
        };
        let nu = self.features.user.n_features();
        check(user, nu, "user")?;
        check(item, self.features.item.n_features(), "item")?;
        let (tu, ti) = (
            self.row_terms(user.0, user.1, 0),
            self.row_terms(item.0, item.1, nu),
        );
        Ok(self.combine(&[tu.view(), ti.view()]))
    }

    /// The prediction from the rows of a case (user, item and maybe context): the average
    /// over the kept samples of `w₀ + Σ row terms + Σ_{pairs of rows} q·q'` — for the ordered
    /// probit, of each sample's expected rating — clipped as [`Bfm::clip`]. Rows without factor
    /// sums (unknown ones) add their bias only.
    pub(super) fn combine(&self, rows: &[RowView<'_>]) -> f32 {
        if let Some(o) = &self.ordinal {
            return self.clip(o.predict(rows, self.params.rank) as f32);
        }
        let mut p = self.w0 + rows.iter().map(|r| r.bias).sum::<f64>();
        for (a, ra) in rows.iter().enumerate() {
            for rb in &rows[a + 1..] {
                if !ra.z.is_empty() && ra.z.len() == rb.z.len() {
                    p += super::case::dot(ra.z, rb.z) / self.n_samples as f64;
                }
            }
        }
        self.clip(p as f32)
    }

    /// `p` clipped to the training range with `clip`.
    pub(super) fn clip(&self, p: f32) -> f32 {
        match self.range {
            Some((lo, hi)) => p.clamp(lo, hi),
            None => p,
        }
    }

    /// Row `r` of a block's terms; a row outside the block has none.
    pub(super) fn row_of<'a>(&self, c: &'a RowCache, r: u32) -> RowView<'a> {
        let (sk, s_n) = (self.n_samples * self.params.rank, self.n_samples);
        let r = r as usize;
        match c.bias.get(r) {
            Some(&bias) => RowView {
                bias,
                z: &c.z[r * sk..(r + 1) * sk],
                bias_s: c.bias_s.get(r * s_n..(r + 1) * s_n).unwrap_or(&[]),
            },
            None => RowView::default(),
        }
    }
}

impl RatingPredictor for Bfm {
    /// The average of the kept samples' predictions, clipped to the training range with
    /// `clip`. A user or item outside the blocks contributes nothing but the global bias.
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.combine(&[
            self.row_of(&self.user_cache, user),
            self.row_of(&self.item_cache, item),
        ])
    }

    /// With a block of rating days ([`BfmParams::fit_dated`]), [`Bfm::predict_case`] in the
    /// row of `timestamp`'s day (none for a day without training ratings); otherwise
    /// [`RatingPredictor::predict`].
    fn predict_at(&self, user: u32, item: u32, timestamp: u32) -> f32 {
        match self.days() {
            Some(days) => self.predict_case(user, item, days.row(timestamp)),
            None => self.predict(user, item),
        }
    }
}
