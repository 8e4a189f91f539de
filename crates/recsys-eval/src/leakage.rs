//! Future leakage of a split: test interactions dated before some training interaction of the
//! same item. Leave-last-out splits cut each user's history at the user's own last time, so the
//! training data holds other users' later interactions with the test items — the model sees the
//! items' future (Meng et al. 2020; Ji et al. 2023). A global temporal split has none.
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, split};
//! use recsys_eval::leakage::future_leaks;
//! let mut b = InteractionsBuilder::new();
//! // user 1 rated item 10 at t = 1 and 11 at t = 2; user 2 rated item 11 at t = 9, 10 at t = 3
//! for (u, i, t) in [(1, 10, 1), (1, 11, 2), (2, 11, 9), (2, 10, 3)] {
//!     b.push(u, i, 1.0, Some(t))?;
//! }
//! let m = b.build(DuplicatePolicy::KeepLast)?;
//! let s = split::leave_latest_out(&m, 1)?; // test: (1, 11, t 2) and (2, 11, t 9)
//! let l = future_leaks(&s).unwrap();
//! // no training interaction of item 11 is later than t = 2 or t = 9 (train: (1,10,1), (2,10,3))
//! assert_eq!((l.test, l.leaked), (2, 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use recsys_core::Split;

/// How many test interactions are dated before a training interaction of the same item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leakage {
    /// Test interactions.
    pub test: usize,
    /// Test interactions with a later training interaction of the same item.
    pub leaked: usize,
}

impl Leakage {
    /// `leaked / test` (0 without test interactions).
    pub fn share(&self) -> f64 {
        if self.test == 0 {
            0.0
        } else {
            self.leaked as f64 / self.test as f64
        }
    }
}

/// The warning to print for report rows whose protocol leaks the future (their `future leak`
/// column is above 0), naming the share and the remedy; `None` when no row leaks.
///
/// ```
/// use recsys_eval::leakage::warning;
/// use recsys_eval::report::ReportRow;
/// let mut row = ReportRow {
///     dataset: "ml-100k".into(), protocol: "loo-full".into(), model: "als".into(),
///     params: Default::default(), metrics: Default::default(), ci95: Default::default(),
///     fit_seconds: 0.0, eval_seconds: 0.0, threads: 1, learning_curve: Vec::new(),
/// };
/// assert!(warning(std::slice::from_ref(&row)).is_none());
/// row.metrics.insert("future leak".into(), 0.965);
/// assert!(warning(&[row]).unwrap().contains("96.5%"));
/// ```
pub fn warning(rows: &[crate::report::ReportRow]) -> Option<String> {
    let (row, share) = rows
        .iter()
        .filter_map(|r| r.metrics.get("future leak").map(|&s| (r, s)))
        .find(|&(_, s)| s > 0.0)?;
    Some(format!(
        "warning: {:.1}% of the test interactions of {} / {} are dated before a training \
         interaction of the same item: the split leaks the future (use --protocol temporal for a \
         global time cut)",
        share * 100.0,
        row.dataset,
        row.protocol
    ))
}

/// The future leakage of `split`; `None` without timestamps.
pub fn future_leaks(split: &Split) -> Option<Leakage> {
    if !split.train.has_timestamps() || !split.test.has_timestamps() {
        return None;
    }
    let mut latest = vec![None::<u32>; split.train.n_items().max(split.test.n_items())];
    for e in split.train.iter() {
        let slot = &mut latest[e.item as usize];
        *slot = Some(slot.map_or(e.timestamp, |t| t.max(e.timestamp)));
    }
    let mut out = Leakage { test: 0, leaked: 0 };
    for e in split.test.iter() {
        out.test += 1;
        if latest
            .get(e.item as usize)
            .copied()
            .flatten()
            .is_some_and(|t| t > e.timestamp)
        {
            out.leaked += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder, split};

    #[test]
    fn leave_latest_out_leaks_and_a_global_cut_does_not() {
        let mut b = InteractionsBuilder::new();
        // user 1 is done early (t 1, 2); user 2 rates the same items much later (t 10, 11, 12)
        for (u, i, t) in [
            (1, 10, 1),
            (1, 11, 2),
            (2, 10, 10),
            (2, 11, 11),
            (2, 12, 12),
        ] {
            b.push(u, i, 1.0, Some(t)).unwrap();
        }
        let m = b.build(DuplicatePolicy::KeepLast).unwrap();
        // leave-latest-out: test (1, 11, t 2) and (2, 12, t 12); train has (2, 11, t 11), later
        // than user 1's test rating of item 11
        let loo = split::leave_latest_out(&m, 1).unwrap();
        assert_eq!(future_leaks(&loo), Some(Leakage { test: 2, leaked: 1 }));
        let cut = split::global_temporal(&m, 0.4).unwrap();
        assert_eq!(future_leaks(&cut).map(|l| l.leaked), Some(0));
    }
}
