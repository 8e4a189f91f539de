//! [`HybridSpec`]: fits a [`Hybrid`], its blend chosen on a validation split of the training
//! data, with the settings [`HybridParams`].

use recsys_core::WrapsCore;
use std::sync::Arc;

use recsys_core::traits::BoxError;
use recsys_core::{Interactions, RatingPredictor, Split};
use serde::{Deserialize, Serialize};

use super::blend::{Hybrid, check_beta, item_trust, trust};
use super::content_knn::{ContentKnn, ContentKnnParams};
use super::with_cf::spec_with_cf;
use crate::error::HybridError;

/// Settings of [`HybridSpec`]. As serde data (and in
/// [`ModelSpec::params`](recsys_core::traits::ModelSpec::params)) the content
/// predictor's settings are inlined, and `∞` is the string `"inf"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HybridParams {
    /// The content predictor's settings.
    #[serde(flatten)]
    pub knn: ContentKnnParams,
    /// Candidate values of `β_item` (`f64::INFINITY` = content only for every item).
    #[serde(with = "betas")]
    pub beta_item: Vec<f64>,
    /// Candidate values of `β_user`.
    #[serde(with = "betas")]
    pub beta_user: Vec<f64>,
    /// Candidate values of `γ`, the collaborative weight's item factor for items without
    /// training ratings (see [`Hybrid::with_cold_floor`]); each in `[0, 1]`.
    pub cold_floor: Vec<f64>,
    /// Share of the training ratings held out to choose the betas (default 0.1).
    pub validation: f64,
    /// Seed of the validation split.
    pub seed: u64,
    /// Hold out each training rating by a hash of its user, item and the seed
    /// ([`recsys_core::split::hashed_holdout`]) rather than a uniform draw of exactly
    /// `validation` of them ([`recsys_core::split::random_holdout`]; default false). With
    /// the hash, ratings added to the training data leave the old validation ratings in place.
    #[serde(default)]
    pub hashed_validation: bool,
}

impl Default for HybridParams {
    fn default() -> Self {
        Self {
            knn: ContentKnnParams::default(),
            beta_item: vec![0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0],
            beta_user: vec![0.0, 2.0, 5.0, 10.0],
            cold_floor: vec![0.0, 0.25, 0.5, 0.75],
            validation: 0.1,
            seed: 0,
            hashed_validation: false,
        }
    }
}

impl HybridParams {
    /// Checks the settings.
    pub fn check(&self) -> Result<(), HybridError> {
        self.knn.check()?;
        if self.cold_floor.is_empty() || self.cold_floor.iter().any(|g| !(0.0..=1.0).contains(g)) {
            return Err(HybridError::param(
                "cold_floor",
                format!("one or more values in [0, 1], got {:?}", self.cold_floor),
            ));
        }
        if self.beta_item.is_empty() || self.beta_user.is_empty() {
            return Err(HybridError::param(
                "beta",
                "at least one candidate value for each beta",
            ));
        }
        for &b in &self.beta_item {
            check_beta("beta_item", b)?;
        }
        for &b in &self.beta_user {
            check_beta("beta_user", b)?;
        }
        if !(self.validation > 0.0 && self.validation < 1.0) {
            return Err(HybridError::param(
                "validation",
                format!("a share in (0, 1), got {}", self.validation),
            ));
        }
        Ok(())
    }
}

/// Serde of a list of `β` candidates: JSON has no `∞`, so a non-finite value is written as its
/// text (`"inf"`) and read back from it.
mod betas {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Beta {
        Number(f64),
        Text(String),
    }

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
        v.iter()
            .map(|&b| {
                if b.is_finite() {
                    Beta::Number(b)
                } else {
                    Beta::Text(b.to_string())
                }
            })
            .collect::<Vec<_>>()
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
        Vec::<Beta>::deserialize(d)?
            .into_iter()
            .map(|b| match b {
                Beta::Number(x) => Ok(x),
                Beta::Text(t) => t.parse().map_err(D::Error::custom),
            })
            .collect()
    }
}

/// The blend settings chosen on validation data.
struct Chosen {
    beta_item: f64,
    beta_user: f64,
    cold_floor: f64,
    rmse: f64,
}

/// The betas and cold floor with the lowest validation RMSE: `cf` and `cb` fitted on the
/// validation split's training part, scored on its held-out part; ties go to the first in grid
/// order.
fn choose_betas(
    p: &HybridParams,
    val: &Split,
    cf: &dyn RatingPredictor,
    cb: &ContentKnn,
) -> Chosen {
    let uc = val.train.user_counts();
    let ic = val.train.item_counts();
    let cases: Vec<(u32, u32, f64, f64, f64)> = val
        .test
        .iter()
        .map(|e| {
            (
                uc.get(e.user as usize).copied().unwrap_or(0),
                ic.get(e.item as usize).copied().unwrap_or(0),
                f64::from(cf.predict(e.user, e.item)),
                f64::from(cb.predict(e.user, e.item)),
                f64::from(e.rating),
            )
        })
        .collect();
    let mut best = (
        f64::INFINITY,
        p.beta_item[0],
        p.beta_user[0],
        p.cold_floor[0],
    );
    for &bi in &p.beta_item {
        for &bu in &p.beta_user {
            for &g in &p.cold_floor {
                let se: f64 = cases
                    .iter()
                    .map(|&(nu, ni, f, c, r)| {
                        let a = item_trust(ni, bi, g) * trust(nu, bu);
                        let d = a * f + (1.0 - a) * c - r;
                        d * d
                    })
                    .sum();
                let rmse = (se / cases.len().max(1) as f64).sqrt();
                if rmse < best.0 {
                    best = (rmse, bi, bu, g);
                }
            }
        }
    }
    Chosen {
        beta_item: best.1,
        beta_user: best.2,
        cold_floor: best.3,
        rmse: best.0,
    }
}

spec_with_cf! {
    /// A [`Hybrid`] as a [`ModelSpec`](recsys_core::traits::ModelSpec): fits the collaborative
    /// spec and the content predictor, chooses the betas on a validation split of the training
    /// data, then refits both on all of it. Its
    /// [`params`](recsys_core::traits::ModelSpec::params) are `cf` (the collaborative spec's
    /// name), the [`HybridParams`], then the collaborative spec's own, prefixed `cf.`.
    HybridSpec(HybridParams),
    new: "A hybrid of `cf` and the content of `content`, named `name` in reports.",
    own: "blend's own parameters",
    |s, train| s.fit_hybrid(train)?.0.into_model()
}

impl HybridSpec {
    /// Fits and returns the concrete [`Hybrid`] with its validation RMSE.
    pub fn fit_hybrid(&self, train: &Interactions) -> Result<(Hybrid, f64), BoxError> {
        let p = &self.params;
        let val = if p.hashed_validation {
            recsys_core::split::hashed_holdout(train, p.validation, p.seed)?
        } else {
            recsys_core::split::random_holdout(train, p.validation, p.seed)?
        };
        let content = Arc::new(self.content.for_items(train.items()));
        let cf_val = self.cf.fit_model(&val.train)?;
        let cfp = cf_val
            .as_rating_predictor()
            .ok_or("the collaborative model does not predict ratings")?;
        let cb_val = p.knn.fit(&val.train, Arc::clone(&content))?;
        let c = choose_betas(p, &val, cfp, &cb_val);
        let cf = self.cf.fit_model(train)?;
        let cb = p.knn.fit(train, content)?;
        let h =
            Hybrid::new(cf, cb, train, c.beta_item, c.beta_user)?.with_cold_floor(c.cold_floor)?;
        Ok((h, c.rmse))
    }
}
