//! Fitting [`Baseline`]: alternating sweeps over the user and the item biases.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::baselines::{SweepOrder, als_biases};
use recsys_core::traits::Fit;

use super::{Baseline, BaselineParams};
use crate::clip::rating_range;
use crate::error::MfError;

impl Fit for BaselineParams {
    type Model = Baseline;
    type Error = MfError;

    fn fit(&self, train: &Interactions) -> Result<Baseline, MfError> {
        self.check()?;
        // users first, then items (Surprise's `baseline_als` sweeps items first)
        let b = als_biases(
            train,
            self.reg_user,
            self.reg_item,
            self.epochs,
            SweepOrder::UsersFirst,
        )
        .ok_or_else(|| MfError::empty("no training ratings to fit a baseline on"))?;
        Ok(Baseline::from_parts(
            b.mean,
            b.user,
            b.item,
            self.clip.then(|| rating_range(train)),
        )
        .with_reg_user(self.reg_user))
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
            Err(MfError::Core(recsys_core::CoreError::Empty(_)))
        ));
        let bad = BaselineParams {
            reg_user: -1.0,
            ..Default::default()
        };
        assert!(matches!(
            bad.fit(&empty),
            Err(MfError::Core(recsys_core::CoreError::InvalidParameter {
                name: "reg_user",
                ..
            }))
        ));
        let bad = BaselineParams {
            epochs: 0,
            ..Default::default()
        };
        assert!(bad.check().is_err());
    }
}
