//! Comparison reports: one [`ReportRow`] per model (per dataset and protocol), rendered as a Markdown
//! table, CSV or JSON lines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::metrics::Estimate;

/// The result of one model under one protocol on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow {
    /// Dataset name.
    pub dataset: String,
    /// Protocol name.
    pub protocol: String,
    /// Model name.
    pub model: String,
    /// Hyperparameters.
    pub params: BTreeMap<String, String>,
    /// Metric values (for several folds, the mean over folds), by name (`rmse`, `hr@10`, ...).
    pub metrics: BTreeMap<String, f64>,
    /// 95% bootstrap intervals over users, by metric name.
    pub ci95: BTreeMap<String, (f64, f64)>,
    /// Seconds to fit (for several folds, the mean per fold).
    pub fit_seconds: f64,
    /// Seconds to evaluate (for several folds, the mean per fold).
    pub eval_seconds: f64,
    /// Threads available to fitting and evaluation.
    pub threads: usize,
    /// Learning curve of iterative models (first fold).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub learning_curve: Vec<recsys_core::traits::EpochRecord>,
}

impl ReportRow {
    /// Records a metric with its interval.
    pub fn set(&mut self, name: &str, e: Estimate) {
        self.metrics.insert(name.to_string(), e.mean);
        self.ci95.insert(name.to_string(), (e.lo, e.hi));
    }

    /// The row as one JSON object (the `compare --json` line format).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}

/// The rating-prediction metrics the runner reports, in report order.
pub const RATING_METRICS: [&str; 2] = ["rmse", "mae"];

/// The ranking metrics the runner reports at the default cutoff 10, in report order.
pub const RANKING_METRICS: [&str; 7] = [
    "hr@10",
    "ndcg@10",
    "precision@10",
    "recall@10",
    "map@10",
    "mrr",
    "auc",
];

/// The beyond-accuracy metrics and counts, in report order.
const BEYOND_ACCURACY_METRICS: [&str; 5] = [
    "coverage@10",
    "novelty@10",
    "diversity@10",
    "users",
    "ratings",
];

/// The metric columns present in `rows`, in a conventional order (accuracy, then ranking, then
/// beyond-accuracy), then any others alphabetically.
pub fn metric_columns(rows: &[ReportRow]) -> Vec<String> {
    let order: Vec<&str> = RATING_METRICS
        .iter()
        .chain(&RANKING_METRICS)
        .chain(&BEYOND_ACCURACY_METRICS)
        .copied()
        .collect();
    let mut all: Vec<String> = rows
        .iter()
        .flat_map(|r| r.metrics.keys().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // per-bucket metrics (`rmse[items 6-20]`) after all others, by metric, then by the bucket's
    // lower bound
    all.sort_by_key(|m| {
        let (base, bucket) = match m.split_once('[') {
            Some((b, rest)) => {
                let lo = rest
                    .trim_start_matches(|c: char| !c.is_ascii_digit())
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|d| d.parse::<u64>().ok())
                    .unwrap_or(u64::MAX);
                (b, Some(lo))
            }
            None => (m.as_str(), None),
        };
        (
            bucket.is_some(),
            order.iter().position(|o| *o == base).unwrap_or(order.len()),
            base.to_string(),
            bucket,
            m.clone(),
        )
    });
    all
}

/// A Markdown table: model, metrics (with intervals), fit and evaluation seconds.
pub fn markdown(rows: &[ReportRow]) -> String {
    let cols = metric_columns(rows);
    let mut s = String::new();
    let _ = write!(s, "| dataset | protocol | model |");
    for c in &cols {
        let _ = write!(s, " {c} |");
    }
    let _ = writeln!(s, " fit s | eval s | threads |");
    let _ = write!(s, "|---|---|---|");
    for _ in &cols {
        s.push_str("---:|");
    }
    s.push_str("---:|---:|---:|\n");
    for r in rows {
        let _ = write!(s, "| {} | {} | {} |", r.dataset, r.protocol, r.model);
        for c in &cols {
            match (r.metrics.get(c), r.ci95.get(c)) {
                (Some(v), Some((lo, hi))) if lo != hi => {
                    let _ = write!(s, " {v:.4} [{lo:.4}, {hi:.4}] |");
                }
                (Some(v), _) if v.fract() == 0.0 && v.abs() < 1e12 => {
                    let _ = write!(s, " {v} |");
                }
                (Some(v), _) => {
                    let _ = write!(s, " {v:.4} |");
                }
                _ => s.push_str(" – |"),
            }
        }
        let _ = writeln!(
            s,
            " {:.3} | {:.3} | {} |",
            r.fit_seconds, r.eval_seconds, r.threads
        );
    }
    s
}

/// CSV with a header: dataset, protocol, model, params (`k=v;...`), each metric and its interval
/// bounds (`<m>_lo`, `<m>_hi`), fit and evaluation seconds, threads.
pub fn csv(rows: &[ReportRow]) -> String {
    let cols = metric_columns(rows);
    let quote = |x: &str| {
        if x.contains([',', '"', '\n']) {
            format!("\"{}\"", x.replace('"', "\"\""))
        } else {
            x.to_string()
        }
    };
    let mut s = String::from("dataset,protocol,model,params");
    for c in &cols {
        let _ = write!(s, ",{c},{c}_lo,{c}_hi");
    }
    s.push_str(",fit_seconds,eval_seconds,threads\n");
    for r in rows {
        let params: Vec<String> = r.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = write!(
            s,
            "{},{},{},{}",
            quote(&r.dataset),
            quote(&r.protocol),
            quote(&r.model),
            quote(&params.join(";"))
        );
        for c in &cols {
            let v = r.metrics.get(c).map_or(String::new(), |v| v.to_string());
            let (lo, hi) = r
                .ci95
                .get(c)
                .map_or((String::new(), String::new()), |(a, b)| {
                    (a.to_string(), b.to_string())
                });
            let _ = write!(s, ",{v},{lo},{hi}");
        }
        let _ = writeln!(s, ",{},{},{}", r.fit_seconds, r.eval_seconds, r.threads);
    }
    s
}

/// JSON lines: one object per row.
pub fn json_lines(rows: &[ReportRow]) -> String {
    rows.iter().map(|r| r.to_json() + "\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(model: &str, rmse: f64) -> ReportRow {
        let mut r = ReportRow {
            dataset: "ml-100k".into(),
            protocol: "official".into(),
            model: model.into(),
            params: BTreeMap::from([("epochs".to_string(), "10".to_string())]),
            metrics: BTreeMap::new(),
            ci95: BTreeMap::new(),
            fit_seconds: 0.5,
            eval_seconds: 0.25,
            threads: 2,
            learning_curve: Vec::new(),
        };
        r.set(
            "rmse",
            Estimate {
                mean: rmse,
                lo: rmse - 0.01,
                hi: rmse + 0.01,
                n: 10,
            },
        );
        r.metrics.insert("users".into(), 943.0);
        r
    }

    #[test]
    fn renders_all_formats() {
        let rows = vec![row("baseline", 0.9457), row("svd, \"x\"", 0.938)];
        let md = markdown(&rows);
        assert!(
            md.starts_with("| dataset | protocol | model | rmse | users | fit s |"),
            "{md}"
        );
        assert!(
            md.contains("| baseline | 0.9457 [0.9357, 0.9557] | 943 | 0.500 | 0.250 | 2 |"),
            "{md}"
        );
        let c = csv(&rows);
        let mut lines = c.lines();
        assert_eq!(
            lines.next(),
            Some(
                "dataset,protocol,model,params,rmse,rmse_lo,rmse_hi,users,users_lo,users_hi,fit_seconds,eval_seconds,threads"
            )
        );
        assert!(c.contains("\"svd, \"\"x\"\"\""), "{c}");
        let j: Vec<serde_json::Value> = json_lines(&rows)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(j[0]["metrics"]["rmse"], 0.9457);
        assert_eq!(j[0]["params"]["epochs"], "10");
        assert_eq!(j[1]["fit_seconds"], 0.5);
        assert!(j[0].get("learning_curve").is_none());
    }

    #[test]
    fn bucket_columns_follow_the_main_metrics_in_bound_order() {
        let mut r = row("m", 0.9);
        for m in [
            "rmse[items 21+]",
            "rmse[items 6-20]",
            "mae[items 0]",
            "rmse[items 0]",
            "rmse[items 1-5]",
            "mae",
            "ratings[items 1-5]",
        ] {
            r.metrics.insert(m.into(), 1.0);
        }
        assert_eq!(
            metric_columns(&[r]),
            [
                "rmse",
                "mae",
                "users",
                "rmse[items 0]",
                "rmse[items 1-5]",
                "rmse[items 6-20]",
                "rmse[items 21+]",
                "mae[items 0]",
                "ratings[items 1-5]",
            ]
        );
    }
}
