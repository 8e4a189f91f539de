//! Fitting [`Slim`]: every item's elastic net in parallel (rayon), each cut to its `k` largest
//! weights.

use rayon::prelude::*;
use recsys_core::Interactions;
use recsys_core::traits::{Fit, top_n};

use super::cd::{Columns, Scratch, solve};
use super::{Slim, SlimParams};
use crate::NeighborsError;
use crate::topn::item_item::ItemItem;
use crate::topn::item_knn::checked_histories;
use crate::topn::sparse::SparseRows;

impl Fit for SlimParams {
    type Model = Slim;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<Slim, NeighborsError> {
        self.check()?;
        let histories = checked_histories(train, false)?;
        let by_item = histories.transpose();
        let sq: Vec<f64> = (0..by_item.n_rows())
            .map(|i| by_item.row(i).1.iter().map(|&x| f64::from(x).powi(2)).sum())
            .collect();
        let cols = Columns {
            by_item: &by_item,
            sq: &sq,
        };
        let (nu, ni) = (histories.n_rows(), histories.n_cols());
        // column j: the weights w_ij that predict item j
        let columns: Vec<Vec<(u32, f32)>> = (0..ni)
            .into_par_iter()
            .map_init(
                || Scratch::new(nu, ni),
                |s, j| {
                    let w = solve(&cols, self, j, s);
                    let vals: Vec<f32> = w.iter().map(|e| e.1).collect();
                    if w.len() <= self.k {
                        return w;
                    }
                    let mut kept: Vec<(u32, f32)> = top_n(&vals, self.k)
                        .into_iter()
                        .map(|(p, v)| (w[p as usize].0, v))
                        .collect();
                    kept.sort_unstable_by_key(|e| e.0);
                    kept
                },
            )
            .collect();
        let w = SparseRows::from_rows(columns, ni).transpose();
        Ok(Slim::from_parts(ItemItem::new(w, histories)?, self.clone()))
    }
}

recsys_core::model_spec!(SlimParams, "slim", |m, _train| m.into_model());
