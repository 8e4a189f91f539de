//! Fitting [`Ease`]: the memory check, the Gram matrix, its inverse and the weights.

use recsys_core::Interactions;
use recsys_core::traits::Fit;

use super::gram::{gram, weights};
use super::{Ease, EaseParams, Precision};
use crate::NeighborsError;
use crate::topn::item_knn::checked_histories;

impl Fit for EaseParams {
    type Model = Ease;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<Ease, NeighborsError> {
        self.check()?;
        let n = train.n_items();
        let bytes = self.bytes_for(n);
        if bytes > self.max_bytes {
            return Err(NeighborsError::TooLarge {
                items: n,
                bytes,
                limit: self.max_bytes,
            });
        }
        let histories = checked_histories(train, false)?;
        let b = match self.precision {
            Precision::F32 => weights(gram::<f32>(&histories, self.lambda))?,
            Precision::F64 => weights(gram::<f64>(&histories, self.lambda))?,
        };
        Ease::from_parts(b, histories, self.clone())
    }
}

recsys_core::model_spec!(EaseParams, "ease", |m, _train| m.into_model());
