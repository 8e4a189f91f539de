//! Incremental updates of a fitted [`Ease`]: new ratings replace the changed users' stored
//! histories.

use recsys_core::Interactions;
use recsys_core::traits::PartialFit;

use super::Ease;
use crate::topn::partial_fit::grown_histories;

/// New ratings replace the changed users' histories (their fold-ins, exactly) and append new
/// users. `B` is kept; new items get a zero row and column (copying `B` once into the larger
/// square), so they stay unknown (`-inf`) until a refit.
impl PartialFit for Ease {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        let histories = grown_histories(self.histories(), data, users, false)?;
        self.replace_histories(histories);
        Ok(())
    }
}
