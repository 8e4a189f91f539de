//! [`UserDays`]: the rating's day and the user's day — a user's bias and taste on one day of
//! rating (timeSVD++'s day-specific user bias `b_{u,t}`, Koren 2009), as FM context features.

use std::collections::HashMap;

use recsys_core::Interactions;

use super::{BlockBuilder, CaseFeatures, RatingDays};
use crate::error::FmError;

/// The training days and the training `(user, day)` pairs as a case block: rows `0..n_days`
/// hold the day alone (group `date`), and one more row per `(user, day)` pair of the training
/// ratings holds the day and the pair (groups `date` and `user_day`). A rating is looked up by
/// its pair's row, else by its day's row, else not at all.
///
/// ```
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
/// use recsys_fm::features::UserDays;
/// let day = 86_400;
/// let mut b = InteractionsBuilder::new();
/// b.push(1, 1, 4.0, Some(day * 3 + 5))?;
/// b.push(1, 2, 3.0, Some(day * 3 + 60))?;
/// b.push(2, 1, 5.0, Some(day))?;
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let ud = UserDays::from_interactions(&train);
/// assert_eq!(ud.n_days(), 2);
/// assert_eq!(ud.n_pairs(), 2);
/// // rows 0, 1: days 1 and 3; rows 2, 3: the pairs (user 0, day 3) and (user 1, day 1)
/// assert_eq!(ud.row(0, day * 3 + 999), Some(2));
/// // user index 1 (raw 2) did not rate on day 3: day 3's row
/// assert_eq!(ud.row(1, day * 3), Some(1));
/// assert_eq!(ud.row(0, day * 7), None);
/// let cases = ud.case_features(&train)?;
/// assert_eq!(cases.block.n_rows(), 4);
/// assert_eq!(cases.case_row, vec![2, 2, 3]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDays {
    days: RatingDays,
    /// `(user index, day row)` → pair number (its block row is `n_days + pair`).
    pairs: HashMap<(u32, u32), u32>,
}

impl UserDays {
    /// The days and `(user, day)` pairs of `train`'s ratings, numbered in the order of
    /// `Interactions::iter`.
    pub fn from_interactions(train: &Interactions) -> Self {
        let days = RatingDays::from_interactions(train);
        let mut pairs = HashMap::new();
        for x in train.iter() {
            if let Some(d) = days.row(x.timestamp) {
                let next = pairs.len() as u32;
                pairs.entry((x.user, d)).or_insert(next);
            }
        }
        Self { days, pairs }
    }

    /// Number of distinct days.
    pub fn n_days(&self) -> usize {
        self.days.n_days()
    }

    /// Number of distinct `(user, day)` pairs.
    pub fn n_pairs(&self) -> usize {
        self.pairs.len()
    }

    /// The context row of user index `user`'s rating at `timestamp`: the pair's row if the user
    /// rated on that day in training, else the day's row, else `None`.
    pub fn row(&self, user: u32, timestamp: u32) -> Option<u32> {
        let d = self.days.row(timestamp)?;
        Some(match self.pairs.get(&(user, d)) {
            Some(p) => self.n_days() as u32 + p,
            None => d,
        })
    }

    /// The case block of `train` (the ratings these pairs were built from) and every rating's
    /// row.
    pub fn case_features(&self, train: &Interactions) -> Result<CaseFeatures, FmError> {
        let nd = self.n_days();
        let mut b = BlockBuilder::new(nd + self.n_pairs());
        let date = b.group("date", nd.max(1))?;
        let user_day = b.group("user_day", self.n_pairs().max(1))?;
        for d in 0..nd {
            b.set(d, date, d, 1.0)?;
        }
        for (&(_, d), &p) in &self.pairs {
            let row = nd + p as usize;
            b.set(row, date, d as usize, 1.0)?;
            b.set(row, user_day, p as usize, 1.0)?;
        }
        let case_row = train
            .iter()
            .enumerate()
            .map(|(n, x)| {
                self.row(x.user, x.timestamp)
                    .filter(|&r| r as usize >= nd)
                    .ok_or_else(|| FmError::Feature {
                        row: n,
                        what: format!(
                            "user {} at timestamp {} outside the encoder's pairs",
                            x.user, x.timestamp
                        ),
                    })
            })
            .collect::<Result<Vec<u32>, FmError>>()?;
        CaseFeatures::new(b.build()?, case_row)
    }
}
