//! [`PartialFit`] for [`Baseline`]: the changed users' biases from their rows.

use recsys_core::Interactions;
use recsys_core::traits::{FoldIn, PartialFit, check_growth, history_of};

use super::Baseline;
use crate::grow::grow_vec;

/// Each of `users` gets their fold-in bias (the fit's user sweep against the fixed item
/// biases); new users and new items start at a zero bias, and new items keep it (their bias
/// needs the item sweep of a refit). The global mean is not moved.
impl PartialFit for Baseline {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        check_growth(data, users, self.user_bias.len(), self.item_bias.len())?;
        grow_vec(&mut self.user_bias, data.n_users(), 0.0);
        grow_vec(&mut self.item_bias, data.n_items(), 0.0);
        for &u in users {
            let state = self.fold_in(&history_of(data, u))?.state;
            self.user_bias[u as usize] = f64::from(state[0]);
        }
        Ok(())
    }
}
