//! Online metrics for the business evaluation the seed proposes: from an event log of
//! impressions, clicks, likes/unlikes and watches (with the source of each watch), per model
//! variant (an A/B test):
//!
//! - click-through rate of recommendations: clicks / impressions;
//! - like:unlike ratio of recommended items: likes / unlikes;
//! - share of watches that came through recommendations: watches from recommendations / all watches.
//!
//! ```
//! use recsys_eval::online::{Event, EventKind, Source, summarize};
//! let ev = |variant: &str, kind, source| Event { user: 1, item: 2, variant: variant.into(), kind, source, timestamp: 0 };
//! let log = vec![
//!     ev("A", EventKind::Impression, Source::Recommendation),
//!     ev("A", EventKind::Impression, Source::Recommendation),
//!     ev("A", EventKind::Click, Source::Recommendation),
//!     ev("A", EventKind::Watch, Source::Recommendation),
//!     ev("A", EventKind::Watch, Source::Search),
//!     ev("A", EventKind::Like, Source::Recommendation),
//! ];
//! let s = summarize(&log);
//! assert_eq!(s[0].ctr, Some(0.5));
//! assert_eq!(s[0].watch_share_from_recommendations, Some(0.5));
//! assert_eq!(s[0].like_unlike_ratio, None); // no unlikes yet
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use recsys_core::CoreError;
use recsys_core::reader;
use serde::Serialize;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventKind {
    /// An item was shown.
    Impression,
    /// A shown item was clicked.
    Click,
    /// The user liked the item.
    Like,
    /// The user withdrew a like / disliked the item.
    Unlike,
    /// The user watched the item.
    Watch,
}

/// Where the user found the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Source {
    /// A recommendation list.
    Recommendation,
    /// Search.
    Search,
    /// Anything else (browsing, a link).
    Other,
}

/// One logged event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Raw user id.
    pub user: u64,
    /// Raw item id.
    pub item: u64,
    /// The model variant the user was assigned to (`"A"`, `"svdpp"`, ...).
    pub variant: String,
    /// What happened.
    pub kind: EventKind,
    /// Where the item was found.
    pub source: Source,
    /// Seconds since the epoch.
    pub timestamp: u64,
}

/// The online metrics of one variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantSummary {
    /// The variant.
    pub variant: String,
    /// Distinct users.
    pub users: usize,
    /// Impressions of recommendations.
    pub impressions: u64,
    /// Clicks on recommendations.
    pub clicks: u64,
    /// Likes of recommended items.
    pub likes: u64,
    /// Unlikes of recommended items.
    pub unlikes: u64,
    /// All watches.
    pub watches: u64,
    /// Watches that came through recommendations.
    pub watches_from_recommendations: u64,
    /// clicks / impressions (`None` without impressions).
    pub ctr: Option<f64>,
    /// 95% normal-approximation interval of the CTR.
    pub ctr_ci95: Option<(f64, f64)>,
    /// likes / unlikes (`None` without unlikes).
    pub like_unlike_ratio: Option<f64>,
    /// watches from recommendations / all watches (`None` without watches).
    pub watch_share_from_recommendations: Option<f64>,
}

/// Per-variant summaries, sorted by variant name.
pub fn summarize(events: &[Event]) -> Vec<VariantSummary> {
    #[derive(Default)]
    struct Acc {
        users: std::collections::HashSet<u64>,
        imp: u64,
        clicks: u64,
        likes: u64,
        unlikes: u64,
        watches: u64,
        rec_watches: u64,
    }
    let mut by: BTreeMap<&str, Acc> = BTreeMap::new();
    for e in events {
        let a = by.entry(e.variant.as_str()).or_default();
        a.users.insert(e.user);
        let rec = e.source == Source::Recommendation;
        match e.kind {
            EventKind::Impression if rec => a.imp += 1,
            EventKind::Click if rec => a.clicks += 1,
            EventKind::Like if rec => a.likes += 1,
            EventKind::Unlike if rec => a.unlikes += 1,
            EventKind::Watch => {
                a.watches += 1;
                if rec {
                    a.rec_watches += 1;
                }
            }
            _ => {}
        }
    }
    by.into_iter()
        .map(|(v, a)| {
            let ctr = (a.imp > 0).then(|| a.clicks as f64 / a.imp as f64);
            let ctr_ci95 = ctr.map(|p| {
                let se = (p * (1.0 - p) / a.imp as f64).sqrt();
                ((p - 1.96 * se).max(0.0), (p + 1.96 * se).min(1.0))
            });
            VariantSummary {
                variant: v.to_string(),
                users: a.users.len(),
                impressions: a.imp,
                clicks: a.clicks,
                likes: a.likes,
                unlikes: a.unlikes,
                watches: a.watches,
                watches_from_recommendations: a.rec_watches,
                ctr,
                ctr_ci95,
                like_unlike_ratio: (a.unlikes > 0).then(|| a.likes as f64 / a.unlikes as f64),
                watch_share_from_recommendations: (a.watches > 0)
                    .then(|| a.rec_watches as f64 / a.watches as f64),
            }
        })
        .collect()
}

/// The difference in CTR between variant `b` and variant `a` (`b − a`) with its 95% interval
/// and the two-proportion z statistic; `None` if either has no impressions.
pub fn ctr_difference(a: &VariantSummary, b: &VariantSummary) -> Option<CtrDifference> {
    let (pa, pb) = (a.ctr?, b.ctr?);
    let (na, nb) = (a.impressions as f64, b.impressions as f64);
    let se = (pa * (1.0 - pa) / na + pb * (1.0 - pb) / nb).sqrt();
    let pooled = (a.clicks + b.clicks) as f64 / (na + nb);
    let se0 = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
    let d = pb - pa;
    Some(CtrDifference {
        difference: d,
        ci95: (d - 1.96 * se, d + 1.96 * se),
        z: if se0 > 0.0 { d / se0 } else { 0.0 },
    })
}

/// A CTR comparison of two variants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CtrDifference {
    /// `ctr(b) − ctr(a)`.
    pub difference: f64,
    /// 95% interval of the difference (unpooled standard error).
    pub ci95: (f64, f64),
    /// Two-proportion z statistic (pooled); |z| > 1.96 is significant at 5%.
    pub z: f64,
}

/// Reads an event log CSV with the header `timestamp,user,item,variant,event,source`, where
/// `event` is one of `impression, click, like, unlike, watch` and `source` one of
/// `recommendation, search, other` (case-insensitive).
pub fn read_events(path: &Path) -> Result<Vec<Event>, CoreError> {
    let mut rows = reader::CsvRows::open(
        path,
        &["timestamp", "user", "item", "variant", "event", "source"],
    )?;
    let mut ctx = reader::Ctx::new(path);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    while let Some(line) = rows.next(&mut rec)? {
        ctx.line = line;
        let get = |k: usize| {
            rec.get(rows.idx[k])
                .ok_or_else(|| ctx.err("too few fields"))
        };
        let kind = match get(4)?.trim().to_ascii_lowercase().as_str() {
            "impression" => EventKind::Impression,
            "click" => EventKind::Click,
            "like" => EventKind::Like,
            "unlike" => EventKind::Unlike,
            "watch" => EventKind::Watch,
            other => {
                return Err(ctx.err(format!(
                    "unknown event `{other}` (impression, click, like, unlike, watch)"
                )));
            }
        };
        let source = match get(5)?.trim().to_ascii_lowercase().as_str() {
            "recommendation" | "rec" => Source::Recommendation,
            "search" => Source::Search,
            "other" | "" => Source::Other,
            other => {
                return Err(ctx.err(format!(
                    "unknown source `{other}` (recommendation, search, other)"
                )));
            }
        };
        out.push(Event {
            timestamp: ctx.u64(get(0)?.as_bytes(), "timestamp")?,
            user: ctx.u64(get(1)?.as_bytes(), "user")?,
            item: ctx.u64(get(2)?.as_bytes(), "item")?,
            variant: get(3)?.trim().to_string(),
            kind,
            source,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn ab_log_by_hand() {
        let csv = "timestamp,user,item,variant,event,source\n\
                   1,1,10,A,impression,recommendation\n2,1,10,A,click,recommendation\n\
                   3,1,10,A,watch,recommendation\n4,1,10,A,like,recommendation\n\
                   5,2,11,A,impression,recommendation\n6,2,12,A,watch,search\n\
                   7,2,11,A,unlike,recommendation\n\
                   1,3,10,B,impression,recommendation\n2,3,11,B,impression,recommendation\n\
                   3,3,12,B,impression,recommendation\n4,3,12,B,click,recommendation\n\
                   5,3,13,B,impression,recommendation\n";
        let dir = tempfile_dir();
        let p = dir.join("events.csv");
        std::fs::write(&p, csv).unwrap();
        let s = summarize(&read_events(&p).unwrap());
        assert_eq!(s.len(), 2);
        let (a, b) = (&s[0], &s[1]);
        assert_eq!(
            (
                a.users,
                a.impressions,
                a.clicks,
                a.watches,
                a.watches_from_recommendations
            ),
            (2, 2, 1, 2, 1)
        );
        assert_eq!(a.ctr, Some(0.5));
        assert_eq!(a.like_unlike_ratio, Some(1.0));
        assert_eq!(a.watch_share_from_recommendations, Some(0.5));
        assert_eq!(b.ctr, Some(0.25));
        assert_eq!(b.watch_share_from_recommendations, None);
        let d = ctr_difference(a, b).unwrap();
        assert_relative_eq!(d.difference, -0.25);
        assert!(d.ci95.0 < d.difference && d.difference < d.ci95.1);
        std::fs::write(
            &p,
            "timestamp,user,item,variant,event,source\n1,1,1,A,purchase,search\n",
        )
        .unwrap();
        let e = read_events(&p).unwrap_err().to_string();
        assert!(e.contains("events.csv:2") && e.contains("purchase"), "{e}");
        std::fs::remove_dir_all(dir).ok();
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("recsys-eval-online-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
