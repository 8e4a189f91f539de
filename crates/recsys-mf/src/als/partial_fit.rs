//! [`PartialFit`] for [`Als`]: new items solved from their raters, then the changed users'
//! exact half-steps.

use std::sync::OnceLock;

use recsys_core::traits::{FoldIn, PartialFit, check_growth, history_of};
use recsys_core::{CandidateScorer, Interactions};

use super::cg::{Row, Scratch};
use super::gram::{gram, plus_diagonal};
use super::kernel::dot_plain;
use super::{Als, dispatch};
use crate::grow::grow_rows;
use crate::simd::Simd;

/// New items (indices past the model's) get the exact item half-step against the current user
/// factors, from the users who rated them (users new to the model count as zero factors, as
/// they are before their own step); then each of `users` gets the exact user half-step
/// ([`Als::fold_in_user`]) against every item, new ones included. Existing items are not
/// moved: a full refit would move them too. With no new items, a user's row afterwards equals
/// their fold-in exactly.
impl PartialFit for Als {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        check_growth(data, users, self.n_users(), self.n_items())?;
        let k = self.factors();
        let old_items = self.n_items();
        self.user_factors = grow_rows(&self.user_factors, data.n_users());
        if data.n_items() > old_items {
            self.item_factors = grow_rows(&self.item_factors, data.n_items());
            let simd = Simd::detect();
            let x = self.user_factors.as_slice().unwrap_or(&[]);
            let a = plus_diagonal(gram(x, k, simd), k, self.params.regularization as f32);
            let by_item = data.by_item();
            let mut scratch = Scratch::default();
            let mut y = vec![0.0f32; k];
            for i in old_items..data.n_items() {
                let (raters, values) = by_item.item(i as u32);
                y.fill(0.0);
                if !raters.is_empty() {
                    let row = Row {
                        a: &a,
                        y: x,
                        items: raters,
                        ratings: values,
                        conf: self.params.conf(),
                        steps: k.max(self.params.cg_steps),
                    };
                    dispatch::cg_row(simd, &row, &mut y, &mut scratch);
                }
                self.item_factors
                    .row_mut(i)
                    .iter_mut()
                    .zip(&y)
                    .for_each(|(d, s)| *d = *s);
            }
            self.item_norms = self
                .item_factors
                .rows()
                .into_iter()
                .map(|r| r.as_slice().map_or(0.0, |r| dot_plain(r, r).sqrt()))
                .collect();
        }
        // the items changed: the cached system goes
        self.fold_in_system = OnceLock::new();
        for &u in users {
            let state = self.fold_in(&history_of(data, u))?.state;
            self.user_factors
                .row_mut(u as usize)
                .iter_mut()
                .zip(&state)
                .for_each(|(d, s)| *d = *s);
        }
        Ok(())
    }
}
