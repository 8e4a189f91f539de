//! Fitting [`Baseline`]: alternating sweeps over the user and the item biases.

use recsys_core::Interactions;
use recsys_core::traits::Fit;

use super::{Baseline, BaselineParams};
use crate::clip::rating_range;
use crate::error::MfError;

impl Fit for BaselineParams {
    type Model = Baseline;
    type Error = MfError;

    fn fit(&self, train: &Interactions) -> Result<Baseline, MfError> {
        self.check()?;
        let mean = train
            .global_mean()
            .ok_or_else(|| MfError::Empty("no training ratings to fit a baseline on".into()))?;
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
        Ok(Baseline::from_parts(
            mean,
            bu,
            bi,
            self.clip.then(|| rating_range(train)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder, RatingPredictor};

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
            Err(MfError::Empty(_))
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
