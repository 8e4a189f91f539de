//! The baseline predictor `r̂(u, i) = μ + b_u + b_i`, biases fitted by alternating least squares
//! as Surprise's `BaselineOnly` does (Koren 2010, section 2.1).

use recsys_core::traits::Fit;
use recsys_core::{Interactions, RatingPredictor};

use crate::MfError;

/// Hyperparameters of [`Baseline`]; defaults are Surprise's ALS settings.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineParams {
    /// ALS sweeps (default 10).
    pub epochs: usize,
    /// Regularization of user biases (default 15).
    pub reg_user: f64,
    /// Regularization of item biases (default 10).
    pub reg_item: f64,
    /// Clip predictions to the training ratings' range (default true, as Surprise does).
    pub clip: bool,
}

impl Default for BaselineParams {
    fn default() -> Self {
        Self {
            epochs: 10,
            reg_user: 15.0,
            reg_item: 10.0,
            clip: true,
        }
    }
}

impl BaselineParams {
    /// Checks the hyperparameters.
    pub fn check(&self) -> Result<(), MfError> {
        let bad = |name, reason: &str| {
            Err(MfError::InvalidParameter {
                name,
                reason: reason.to_string(),
            })
        };
        if self.epochs == 0 {
            return bad("epochs", "must be at least 1");
        }
        if !(self.reg_user.is_finite() && self.reg_user >= 0.0) {
            return bad("reg_user", "must be finite and >= 0");
        }
        if !(self.reg_item.is_finite() && self.reg_item >= 0.0) {
            return bad("reg_item", "must be finite and >= 0");
        }
        Ok(())
    }
}

/// A fitted baseline predictor.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Global mean μ.
    pub mean: f64,
    /// User biases (0 for users without training ratings).
    pub user_bias: Vec<f64>,
    /// Item biases (0 for items without training ratings).
    pub item_bias: Vec<f64>,
    range: Option<(f32, f32)>,
}

impl Baseline {
    /// A model from its parts (as loaded from a file).
    pub fn from_parts(
        mean: f64,
        user_bias: Vec<f64>,
        item_bias: Vec<f64>,
        range: Option<(f32, f32)>,
    ) -> Self {
        Self {
            mean,
            user_bias,
            item_bias,
            range,
        }
    }

    /// The prediction range (clipping), if any.
    pub fn range(&self) -> Option<(f32, f32)> {
        self.range
    }
}

impl Fit for BaselineParams {
    type Model = Baseline;
    type Error = MfError;

    fn fit(&self, train: &Interactions) -> Result<Baseline, MfError> {
        self.check()?;
        let mean = train.global_mean().ok_or(MfError::EmptyData)?;
        let by_item = train.by_item();
        let mut bu = vec![0.0f64; train.n_users()];
        let mut bi = vec![0.0f64; train.n_items()];
        for _ in 0..self.epochs {
            for (u, b) in bu.iter_mut().enumerate() {
                let row = train.row(u as u32);
                let s: f64 = row
                    .items
                    .iter()
                    .zip(row.ratings)
                    .map(|(&i, &r)| f64::from(r) - mean - bi[i as usize])
                    .sum();
                *b = s / (self.reg_user + row.len() as f64);
            }
            for (i, b) in bi.iter_mut().enumerate() {
                let (users, ratings) = by_item.item(i as u32);
                let s: f64 = users
                    .iter()
                    .zip(ratings)
                    .map(|(&u, &r)| f64::from(r) - mean - bu[u as usize])
                    .sum();
                *b = s / (self.reg_item + users.len() as f64);
            }
        }
        let data = train.matrix().data();
        let lo = data.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = data.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        Ok(Baseline {
            mean,
            user_bias: bu,
            item_bias: bi,
            range: self.clip.then_some((lo, hi)),
        })
    }
}

impl RatingPredictor for Baseline {
    /// `μ + b_u + b_i`; unknown users or items contribute a zero bias.
    fn predict(&self, user: u32, item: u32) -> f32 {
        let p = self.mean
            + self.user_bias.get(user as usize).copied().unwrap_or(0.0)
            + self.item_bias.get(item as usize).copied().unwrap_or(0.0);
        let p = p as f32;
        match self.range {
            Some((lo, hi)) => p.clamp(lo, hi),
            None => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder};

    #[test]
    fn one_sweep_by_hand() {
        // ratings: u1: i1=4, i2=2 ; u2: i1=5. μ = 11/3.
        let mut b = InteractionsBuilder::new();
        b.push(1, 1, 4.0, None).unwrap();
        b.push(1, 2, 2.0, None).unwrap();
        b.push(2, 1, 5.0, None).unwrap();
        let m = b.build(DuplicatePolicy::KeepLast).unwrap();
        let p = BaselineParams {
            epochs: 1,
            reg_user: 1.0,
            reg_item: 2.0,
            clip: false,
        };
        let model = p.fit(&m).unwrap();
        let mu = 11.0 / 3.0;
        // users first, with b_i = 0: b_u1 = ((4-μ)+(2-μ))/(1+2), b_u2 = (5-μ)/(1+1)
        let bu1 = ((4.0 - mu) + (2.0 - mu)) / 3.0;
        let bu2 = (5.0 - mu) / 2.0;
        // then items: b_i1 = ((4-μ-bu1)+(5-μ-bu2))/(2+2), b_i2 = (2-μ-bu1)/(2+1)
        let bi1 = ((4.0 - mu - bu1) + (5.0 - mu - bu2)) / 4.0;
        let bi2 = (2.0 - mu - bu1) / 3.0;
        assert_relative_eq!(model.mean, mu, epsilon = 1e-12);
        assert_relative_eq!(model.user_bias[0], bu1, epsilon = 1e-12);
        assert_relative_eq!(model.user_bias[1], bu2, epsilon = 1e-12);
        assert_relative_eq!(model.item_bias[0], bi1, epsilon = 1e-12);
        assert_relative_eq!(model.item_bias[1], bi2, epsilon = 1e-12);
        assert_relative_eq!(model.predict(1, 1), (mu + bu2 + bi2) as f32, epsilon = 1e-6);
        // unknown indices fall back to zero biases
        assert_relative_eq!(model.predict(99, 99), mu as f32, epsilon = 1e-6);
    }

    #[test]
    fn rejects_bad_parameters_and_empty_data() {
        let empty = InteractionsBuilder::new()
            .build(DuplicatePolicy::KeepLast)
            .unwrap();
        assert!(matches!(
            BaselineParams::default().fit(&empty),
            Err(MfError::EmptyData)
        ));
        let bad = BaselineParams {
            reg_user: -1.0,
            ..Default::default()
        };
        assert!(matches!(
            bad.fit(&empty),
            Err(MfError::InvalidParameter {
                name: "reg_user",
                ..
            })
        ));
        let bad = BaselineParams {
            epochs: 0,
            ..Default::default()
        };
        assert!(bad.check().is_err());
    }
}
