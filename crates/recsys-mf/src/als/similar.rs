//! Similar items by the cosine of ALS's item factors.

use recsys_core::WrapsCore;
use recsys_core::traits::top_n_unmasked;
use recsys_core::{CandidateScorer, Interactions, RawId};

use super::Als;
use super::kernel::dot_plain;
use crate::error::MfError;

impl Als {
    /// The `n` items most similar to `item` by cosine of the item factors, best first, `item`
    /// itself excluded; ties go to the lower index. Items without training interactions (zero
    /// factors) have cosine 0 with everything, and an `item` without interactions gets an empty
    /// list. An `item` outside the index space is [`CoreError::InvalidParameter`](recsys_core::CoreError::InvalidParameter).
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, MfError> {
        let q = self.item_factor(item).ok_or_else(|| {
            let reason = format!(
                "item index {item} outside the model's {} items",
                self.n_items()
            );
            MfError::param("item", reason)
        })?;
        let qn = self.item_norms[item as usize];
        if qn == 0.0 {
            return Ok(Vec::new());
        }
        let mut scores: Vec<f32> = self
            .item_rows()
            .chunks_exact(self.factors())
            .zip(&self.item_norms)
            .map(|(r, &rn)| {
                if rn == 0.0 {
                    0.0
                } else {
                    dot_plain(q, r) / (qn * rn)
                }
            })
            .collect();
        scores[item as usize] = f32::NEG_INFINITY;
        Ok(top_n_unmasked(&scores, n))
    }

    /// [`Als::similar_items`] by raw ids of `train` (the interactions the model was fitted on,
    /// or any over the same index space). An unknown raw id is
    /// [`recsys_core::CoreError::UnknownId`] (inside [`MfError::Core`]).
    pub fn similar_items_raw(
        &self,
        train: &Interactions,
        item: RawId,
        n: usize,
    ) -> Result<Vec<(RawId, f32)>, MfError> {
        self.check_space(train)?;
        let i = train.item_index(item)?;
        Ok(self
            .similar_items(i, n)?
            .into_iter()
            .filter_map(|(j, s)| train.items().raw(j).map(|r| (r, s)))
            .collect())
    }
}
