//! [`RatingDays`]: the rating's calendar day as a categorical feature (myFM's ml-100k
//! examples: `timestamp.dt.date` one-hot, the days of the training ratings).

use recsys_core::Interactions;

use super::{BlockBuilder, CaseFeatures};
use crate::error::FmError;

/// Seconds per day: a Unix timestamp's UTC day is `timestamp / DAY`.
const DAY: u32 = 86_400;

/// The distinct UTC days of the training ratings, ascending; day `d`'s context row is its rank.
///
/// ```
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// use recsys_fm::features::RatingDays;
/// let mut b = InteractionsBuilder::new();
/// b.push(1, 1, 4.0, Some(86_400 * 3 + 5))?;
/// b.push(1, 2, 3.0, Some(86_400 * 1))?;
/// b.push(2, 1, 5.0, Some(86_400 * 3 + 7_000))?;
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let days = RatingDays::from_interactions(&train);
/// assert_eq!(days.n_days(), 2);
/// assert_eq!(days.row(86_400 * 3), Some(1));
/// assert_eq!(days.row(86_400 * 2), None);
/// let cases = days.case_features(&train)?;
/// assert_eq!(cases.block.n_features(), 2);
/// assert_eq!(cases.case_row.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingDays {
    days: Vec<u32>,
}

impl RatingDays {
    /// The days of `train`'s ratings.
    pub fn from_interactions(train: &Interactions) -> Self {
        let mut days: Vec<u32> = train.timestamps().iter().map(|t| t / DAY).collect();
        days.sort_unstable();
        days.dedup();
        Self { days }
    }

    /// The days `days` (UTC days since the epoch, as a saved model keeps them): strictly
    /// ascending, else an error that says where they are not.
    pub fn from_days(days: Vec<u32>) -> Result<Self, FmError> {
        if let Some(n) = days.windows(2).position(|w| w[0] >= w[1]) {
            return Err(FmError::Feature {
                row: n + 1,
                what: format!(
                    "day {} after day {}: days must ascend",
                    days[n + 1],
                    days[n]
                ),
            });
        }
        Ok(Self { days })
    }

    /// The days, ascending (UTC days since the epoch): row `r` is day `days()[r]`.
    pub fn days(&self) -> &[u32] {
        &self.days
    }

    /// Number of distinct days.
    pub fn n_days(&self) -> usize {
        self.days.len()
    }

    /// The context row of a rating made at `timestamp`; `None` for a day without training
    /// ratings.
    pub fn row(&self, timestamp: u32) -> Option<u32> {
        self.days
            .binary_search(&(timestamp / DAY))
            .ok()
            .map(|r| r as u32)
    }

    /// The case block of `train`: one row per day, one-hot in the group `date`, and every
    /// rating's day row. `train`'s days must be among these days.
    pub fn case_features(&self, train: &Interactions) -> Result<CaseFeatures, FmError> {
        let mut b = BlockBuilder::new(self.n_days());
        let g = b.group("date", self.n_days().max(1))?;
        b.one_hot(g)?;
        let case_row = train
            .iter()
            .enumerate()
            .map(|(n, x)| {
                self.row(x.timestamp).ok_or_else(|| FmError::Feature {
                    row: n,
                    what: format!("timestamp {} on a day outside the encoder", x.timestamp),
                })
            })
            .collect::<Result<Vec<u32>, FmError>>()?;
        CaseFeatures::new(b.build()?, case_row)
    }
}
