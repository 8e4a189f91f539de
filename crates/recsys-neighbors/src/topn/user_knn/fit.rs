//! Fitting [`UserKnn`]: weigh the users × items matrix, then every user's `k` best dot products
//! with other users.

use recsys_core::Interactions;
use recsys_core::traits::Fit;

use super::{UserKnn, UserKnnParams};
use crate::NeighborsError;
use crate::topn::item_knn::checked_histories;
use crate::topn::pairs::{Cut, all_pairs};
use crate::topn::weighting::Bm25;

impl Fit for UserKnnParams {
    type Model = UserKnn;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<UserKnn, NeighborsError> {
        self.check()?;
        let histories = checked_histories(train, self.use_ratings)?;
        let docs = self.weighting.apply(
            &histories,
            Bm25 {
                k1: self.k1,
                b: self.b,
            },
        );
        let neighbours = all_pairs(
            &docs,
            &docs.transpose(),
            Cut {
                k: self.k,
                exclude_self: true,
                col_scale: None,
            },
        );
        UserKnn::from_parts(neighbours, histories, self.clone())
    }
}

recsys_core::model_spec!(UserKnnParams, "user-knn", |m, _train| m.into_model());
