//! Fitting [`Rp3Beta`]: the two transition matrices, their product cut to `k` per item with the
//! popularity penalty, rows scaled to sum to 1.

use recsys_core::Interactions;
use recsys_core::traits::Fit;

use super::{Rp3Beta, Rp3BetaParams};
use crate::NeighborsError;
use crate::topn::item_item::ItemItem;
use crate::topn::item_knn::checked_histories;
use crate::topn::pairs::{Cut, all_pairs};
use crate::topn::sparse::SparseRows;

impl Fit for Rp3BetaParams {
    type Model = Rp3Beta;
    type Error = NeighborsError;

    fn fit(&self, train: &Interactions) -> Result<Rp3Beta, NeighborsError> {
        self.check()?;
        let histories = checked_histories(train, false)?;
        // user → item: 1/|I_u| each, to the power alpha; item → user: 1/|U_i|, likewise
        let pui = transitions(&histories, self.alpha);
        let piu = transitions(&histories.transpose(), self.alpha);
        let penalty: Vec<f32> = histories
            .col_counts()
            .into_iter()
            .map(|d| {
                if d == 0 {
                    0.0
                } else {
                    f64::from(d).powf(-self.beta) as f32
                }
            })
            .collect();
        let mut w = all_pairs(
            &piu,
            &pui,
            Cut {
                k: self.k,
                exclude_self: true,
                col_scale: Some(&penalty),
            },
        );
        w.l1_normalize_rows();
        Ok(Rp3Beta::from_parts(
            ItemItem::new(w, histories)?,
            self.clone(),
        ))
    }
}

/// Each row's entries scaled to sum to 1 (a row-stochastic walk), then raised to `alpha`.
fn transitions(m: &SparseRows, alpha: f64) -> SparseRows {
    let mut p = m.clone();
    p.l1_normalize_rows();
    let rows = (0..p.n_rows())
        .map(|r| {
            let (c, v) = p.row(r);
            c.iter()
                .zip(v)
                .map(|(&c, &v)| (c, f64::from(v).powf(alpha) as f32))
                .collect()
        })
        .collect();
    SparseRows::from_rows(rows, p.n_cols())
}

recsys_core::model_spec!(Rp3BetaParams, "rp3beta", |m, _train| m.into_model());
