//! [`PartialFit`] for [`Popularity`]: the counts of the grown data.

use recsys_core::Interactions;
use recsys_core::traits::{PartialFit, check_growth};

use super::Popularity;

/// The counts are recounted from `data`: exactly what a refit gives (`users` are not needed).
impl PartialFit for Popularity {
    fn partial_fit(&mut self, data: &Interactions, users: &[u32]) -> recsys_core::Result<()> {
        check_growth(data, users, 0, self.counts().len())?;
        *self = Popularity::from_counts(data.item_counts().into_iter().map(|c| c as f32).collect());
        Ok(())
    }
}
