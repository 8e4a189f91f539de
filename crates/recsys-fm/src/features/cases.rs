//! [`CaseFeatures`]: features of the training cases themselves — a property of the rating
//! (its date, its context), not of its user or its item.

use super::FeatureBlock;
use crate::error::FmError;
use recsys_core::WrapsCore;

/// A third relational block beside the user and item blocks: a [`FeatureBlock`] of context
/// rows and the row of every training case (in the order of `Interactions::iter`). Cases
/// sharing a context share a row, so a one-hot date is one row per distinct day, stored once
/// (the relational form of myFM's per-case `X`).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFeatures {
    /// One row per context.
    pub block: FeatureBlock,
    /// The context row of every training case.
    pub case_row: Vec<u32>,
}

impl CaseFeatures {
    /// The block and the case rows; a case row outside the block is an error.
    pub fn new(block: FeatureBlock, case_row: Vec<u32>) -> Result<Self, FmError> {
        if let Some((n, r)) = case_row
            .iter()
            .enumerate()
            .find(|(_, r)| **r as usize >= block.n_rows())
        {
            return Err(FmError::Feature {
                row: n,
                what: format!(
                    "case row {r} outside the case block's {} rows",
                    block.n_rows()
                ),
            });
        }
        Ok(Self { block, case_row })
    }

    /// Checks that there is one case row per training rating.
    pub(crate) fn check_cases(&self, n_cases: usize) -> Result<(), FmError> {
        if self.case_row.len() != n_cases {
            return Err(FmError::param(
                "case features",
                format!(
                    "{} case rows for {n_cases} training ratings",
                    self.case_row.len()
                ),
            ));
        }
        Ok(())
    }
}
