//! [`PartialFit`] for SVD and SVD++ ([`FactorModel`]): the changed users' factors and biases by
//! their fold-in.

use recsys_core::Interactions;
use recsys_core::traits::{FoldIn, PartialFit, check_growth, history_of};

use super::FactorModel;
use crate::grow::{grow_rows, grow_vec};

/// Each of `users` gets their fold-in (the ridge solve against the fixed items, SVD++'s
/// implicit part from their whole row); new users are appended. New items get zero factors and
/// bias, so they score `μ + b_u` until a refit learns them (SGD has no closed-form item step).
impl PartialFit for FactorModel {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        check_growth(data, users, self.user_bias.len(), self.item_bias.len())?;
        let k = self.item_factors.ncols();
        self.user_factors = grow_rows(&self.user_factors, data.n_users());
        self.item_factors = grow_rows(&self.item_factors, data.n_items());
        if self.implicit_factors.nrows() > 0 {
            self.implicit_factors = grow_rows(&self.implicit_factors, data.n_items());
        }
        grow_vec(&mut self.user_bias, data.n_users(), 0.0);
        grow_vec(&mut self.item_bias, data.n_items(), 0.0);
        for &u in users {
            let state = self.fold_in(&history_of(data, u))?.state;
            let (p, b) = state.split_at(k);
            self.user_factors
                .row_mut(u as usize)
                .iter_mut()
                .zip(p)
                .for_each(|(d, s)| *d = *s);
            self.user_bias[u as usize] = b.first().copied().unwrap_or(0.0);
        }
        Ok(())
    }
}
