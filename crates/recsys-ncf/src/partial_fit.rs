//! Incremental updates of a fitted GMF, MLP or NeuMF ([`PartialFit`] for [`NcfModel`]): the
//! changed users' embeddings are their fold-ins, every other weight is kept.

use recsys_core::Interactions;
use recsys_core::traits::{FoldIn, PartialFit, check_growth, history_of};

use crate::fold_in::mean_row;
use crate::model::NcfModel;
use crate::weights::Matrix;

/// Each of `users` gets the embeddings their fold-in fits ([`crate::fold_in`]: Adam steps on
/// the training loss with every other weight frozen) from their row of `data`; the fits run
/// against the model as it was, one user at a time, with the same settings and seed, so the
/// result does not depend on the order of `users`. The user tables grow to `data`'s users
/// (a new user not in `users` gets the mean user, as an empty history does) and the item tables
/// to `data`'s items: a new item gets the mean of the trained item embeddings (the average
/// item; the network has nothing else to place it by until a refit), and is left out of the
/// histories the users are fitted on.
impl PartialFit for NcfModel {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        let (n_users, n_items) = (self.weights.n_users(), self.weights.n_items());
        check_growth(data, users, n_users, n_items)?;
        let mut states = Vec::with_capacity(users.len());
        for &u in users {
            let mut h = history_of(data, u);
            h.retain(|&(i, _)| (i as usize) < n_items);
            states.push((u as usize, self.fold_in(&h)?.state));
        }
        let mean_user = self.mean_user();
        let w = &mut self.weights;
        let d = w.gmf_user.as_ref().map_or(0, |m| m.cols);
        for (table, range) in [
            (&mut w.gmf_user, 0..d),
            (&mut w.mlp_user, d..mean_user.len()),
        ] {
            if let Some(m) = table {
                grow(m, data.n_users(), &mean_user[range.clone()]);
                for (u, s) in &states {
                    m.data[u * m.cols..(u + 1) * m.cols].copy_from_slice(&s[range.clone()]);
                }
            }
        }
        for m in [&mut w.gmf_item, &mut w.mlp_item].into_iter().flatten() {
            let mean = mean_row(m);
            grow(m, data.n_items(), &mean);
        }
        Ok(())
    }
}

/// `m` with copies of `fill` (one row) appended up to `rows` rows.
fn grow(m: &mut Matrix, rows: usize, fill: &[f32]) {
    while m.rows < rows {
        m.data.extend_from_slice(fill);
        m.rows += 1;
    }
}
