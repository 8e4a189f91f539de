//! [`PartialFit`] for [`Bpr`] (`bpr`, `fm-warp`): the model grown to the data's index space and
//! the changed users' rows replaced by their fold-ins.

use recsys_core::traits::{FoldIn, PartialFit, check_growth, history_of};
use recsys_core::{CandidateScorer, Interactions, Result};

use super::Bpr;

/// New items get zero factors and a zero bias until a refit (a score of 0 for everyone; a
/// fold-in does not move items); new users start as the prior user (zero factors: the
/// item-bias ranking); then each of `users` gets their fold-in from their row of `data`
/// ([`FoldIn::fold_in`]), against the items as they are. Every other row is untouched: a
/// changed user's row afterwards is their fold-in, bit for bit.
impl PartialFit for Bpr {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> Result<()> {
        check_growth(data, users, self.n_users(), self.n_items())?;
        let k1 = self.params.factors + 1;
        self.items.resize(data.n_items() * k1, 0.0);
        let old_users = self.n_users();
        self.users.resize(data.n_users() * k1, 0.0);
        for row in self.users.chunks_exact_mut(k1).skip(old_users) {
            row[k1 - 1] = 1.0;
        }
        let folded = users
            .iter()
            .map(|&u| Ok((u as usize, self.fold_in(&history_of(data, u))?.state)))
            .collect::<Result<Vec<_>>>()?;
        for (u, state) in folded {
            self.users[u * k1..(u + 1) * k1].copy_from_slice(&state);
        }
        Ok(())
    }
}
