//! Fitting [`ItemKnn`]: weigh the items × users matrix, then every item's `k` best dot products
//! ([`all_pairs`](crate::topn::pairs::all_pairs)), as implicit's `all_pairs_knn`.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::traits::Fit;

use super::{ItemKnn, ItemKnnParams};
use crate::NeighborsError;
use crate::topn::item_item::ItemItem;
use crate::topn::pairs::{Cut, all_pairs};
use crate::topn::sparse::SparseRows;
use crate::topn::weighting::Bm25;

impl Fit for ItemKnnParams {
    type Model = ItemKnn;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<ItemKnn, NeighborsError> {
        self.check()?;
        let histories = checked_histories(train, self.use_ratings)?;
        let docs = self.weighting.apply(
            &histories.transpose(),
            Bm25 {
                k1: self.k1,
                b: self.b,
            },
        );
        let w = all_pairs(
            &docs,
            &docs.transpose(),
            Cut {
                k: self.k,
                exclude_self: false,
                col_scale: None,
            },
        );
        Ok(ItemKnn::from_parts(
            ItemItem::new(w, histories)?,
            self.clone(),
        ))
    }
}

/// The histories of `train` (value 1, or the rating with `use_ratings`, which must then be
/// positive and finite); empty training data is an error.
pub(crate) fn checked_histories(
    train: &Interactions,
    use_ratings: bool,
) -> Result<SparseRows, NeighborsError> {
    if train.is_empty() {
        return Err(NeighborsError::empty("no training interactions"));
    }
    if use_ratings
        && train
            .matrix()
            .data()
            .iter()
            .any(|&r| !(r.is_finite() && r > 0.0))
    {
        return Err(NeighborsError::param(
            "use_ratings",
            "ratings used as interaction values must be positive and finite",
        ));
    }
    Ok(SparseRows::histories(train, use_ratings))
}

recsys_core::model_spec!(ItemKnnParams, "item-knn", |m, _train| m.into_model());
