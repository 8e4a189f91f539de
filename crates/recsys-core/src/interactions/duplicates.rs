//! [`DuplicatePolicy`]: which rating a repeated (user, item) pair keeps.

use super::Interaction;
use crate::error::{CoreError, Result};
use crate::ids::IdMap;

/// What to do when a (user, item) pair occurs more than once.
///
/// MovieLens files have no duplicates; logs and scraped data do. The default keeps the most recent
/// rating, as a user's latest opinion is the one a recommender should learn from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Keep the rating with the latest timestamp; among equal timestamps, the one read last.
    #[default]
    KeepLast,
    /// Keep the rating with the earliest timestamp; among equal timestamps, the one read first.
    KeepFirst,
    /// Keep the mean of the ratings, with the latest timestamp.
    Mean,
    /// Reject the data with [`CoreError::Duplicate`].
    Error,
}

/// The one rating a run of ratings of the same (user, item) pair keeps under `policy`.
pub(super) fn merge_run(
    run: &[Interaction],
    policy: DuplicatePolicy,
    users: &IdMap,
    items: &IdMap,
) -> Result<Interaction> {
    Ok(match policy {
        DuplicatePolicy::KeepLast => {
            // max timestamp, the last one among equals
            let mut best = run[0];
            for e in &run[1..] {
                if e.timestamp >= best.timestamp {
                    best = *e;
                }
            }
            best
        }
        DuplicatePolicy::KeepFirst => {
            let mut best = run[0];
            for e in &run[1..] {
                if e.timestamp < best.timestamp {
                    best = *e;
                }
            }
            best
        }
        DuplicatePolicy::Mean => {
            let sum: f64 = run.iter().map(|e| f64::from(e.rating)).sum();
            let ts = run.iter().map(|e| e.timestamp).max().unwrap_or(0);
            Interaction {
                rating: (sum / run.len() as f64) as f32,
                timestamp: ts,
                ..run[0]
            }
        }
        DuplicatePolicy::Error => {
            return Err(CoreError::Duplicate {
                user: users.raw(run[0].user).unwrap_or(u64::from(run[0].user)),
                item: items.raw(run[0].item).unwrap_or(u64::from(run[0].item)),
            });
        }
    })
}
