//! The pictures of a model comparison (`compare --out`, `recsys compare`): each main metric per
//! model with its 95% bootstrap interval, each model's paired difference from the baseline model
//! (`--baseline`) with its paired interval, and the learning curves of the iterative models.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use recsys_core::traits::EpochRecord;

use crate::error::PlotError;
use crate::intervals::{Interval, intervals};
use crate::lines::line_chart;
use crate::series::Series;
use crate::spec::ChartSpec;

/// The metrics drawn, with their axis labels: RMSE for rating protocols, HR@10 and NDCG@10 for
/// ranking protocols.
pub const COMPARISON_METRICS: [(&str, &str); 3] =
    [("rmse", "RMSE"), ("hr@10", "HR@10"), ("ndcg@10", "NDCG@10")];

/// One model's results, as a comparison report holds them.
#[derive(Debug, Clone, Copy)]
pub struct ModelResult<'a> {
    /// The model's label.
    pub label: &'a str,
    /// Metric values by name (`rmse`, `hr@10`, ...).
    pub metrics: &'a BTreeMap<String, f64>,
    /// 95% intervals by metric name.
    pub ci95: &'a BTreeMap<String, (f64, f64)>,
    /// Training loss per epoch (first fold); empty for models that are not iterative.
    pub learning_curve: &'a [EpochRecord],
}

impl<'a> ModelResult<'a> {
    /// The result of model `label`: its metrics, their 95% intervals and its learning curve.
    pub fn new(
        label: &'a str,
        metrics: &'a BTreeMap<String, f64>,
        ci95: &'a BTreeMap<String, (f64, f64)>,
        learning_curve: &'a [EpochRecord],
    ) -> Self {
        Self {
            label,
            metrics,
            ci95,
            learning_curve,
        }
    }

    /// The model's value of `metric` with its interval (NaN bounds when it has none).
    fn interval(&self, metric: &str) -> Option<Interval> {
        let (lo, hi) = self
            .ci95
            .get(metric)
            .copied()
            .unwrap_or((f64::NAN, f64::NAN));
        Some(Interval {
            label: self.label.to_string(),
            value: *self.metrics.get(metric)?,
            lo,
            hi,
        })
    }
}

/// Draws the comparison of `results` (all of one dataset and protocol, named by `what`, e.g.
/// `ml-100k / official`) into `out`: `<prefix>metric-<rmse|hr-at-10|ndcg-at-10>` for each metric
/// of [`COMPARISON_METRICS`] that some model has, and `<prefix>learning-curves` (training loss
/// relative to the first epoch, so models with different losses share an axis) when some model
/// is iterative. Where the rows hold paired differences from a baseline (`Δ <metric> vs <name>`,
/// as `compare --baseline` writes them), `<prefix>delta-<metric>` draws them with their paired
/// intervals, the baseline itself at 0 as the reference (named in the title). Returns the path stems written, each as `.png` and `.svg`. Metrics no model
/// reports are skipped, not an error.
///
/// ```
/// use std::collections::BTreeMap;
/// use recsys_plot::{ModelResult, comparison_charts};
/// let dir = tempfile::tempdir()?;
/// let metrics = BTreeMap::from([("rmse".to_string(), 0.94)]);
/// let ci95 = BTreeMap::from([("rmse".to_string(), (0.93, 0.95))]);
/// let r = ModelResult { label: "svd", metrics: &metrics, ci95: &ci95, learning_curve: &[] };
/// let stems = comparison_charts(dir.path(), "", "ml-100k / official", &[r])?;
/// assert_eq!(stems, [dir.path().join("metric-rmse")]);
/// assert!(dir.path().join("metric-rmse.png").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn comparison_charts(
    out: &Path,
    prefix: &str,
    what: &str,
    results: &[ModelResult<'_>],
) -> Result<Vec<PathBuf>, PlotError> {
    let mut written = Vec::new();
    for (metric, label) in COMPARISON_METRICS {
        let items: Vec<Interval> = results.iter().filter_map(|r| r.interval(metric)).collect();
        if items.is_empty() {
            continue;
        }
        let chart = ChartSpec::new(format!("{what}: {label} by model (95% bootstrap interval)"))
            .labels("model", label);
        let stem = out.join(format!("{prefix}metric-{}", metric.replace('@', "-at-")));
        let drawn = intervals(&stem, &chart, &items);
        keep_drawn(&mut written, stem, drawn)?;
    }
    for m in COMPARISON_METRICS {
        written.extend(delta_chart(out, prefix, what, results, m)?);
    }
    let curves: Vec<Series> = results
        .iter()
        .filter(|r| r.learning_curve.first().is_some_and(|e| e.loss > 0.0))
        .map(|r| {
            let l0 = r.learning_curve[0].loss;
            Series::new(
                r.label.to_string(),
                r.learning_curve
                    .iter()
                    .map(|e| (e.epoch as f64, e.loss / l0))
                    .collect(),
            )
        })
        .collect();
    if !curves.is_empty() {
        let chart = ChartSpec::new(format!("{what}: learning curves (first fold)"))
            .labels("epoch", "training loss / loss of epoch 1");
        let stem = out.join(format!("{prefix}learning-curves"));
        let drawn = line_chart(&stem, &chart, &curves);
        keep_drawn(&mut written, stem, drawn)?;
    }
    Ok(written)
}

/// Adds `stem` to `written` when `drawn` is its chart; a chart with nothing to draw is skipped,
/// any other error returned.
fn keep_drawn<T>(
    written: &mut Vec<PathBuf>,
    stem: PathBuf,
    drawn: Result<T, PlotError>,
) -> Result<(), PlotError> {
    match drawn {
        Ok(_) => written.push(stem),
        Err(PlotError::Empty(_)) => {}
        Err(e) => return Err(e),
    }
    Ok(())
}

/// The chart of the paired differences in `metric` (shown as `label`) from the baseline, if the
/// rows have them.
fn delta_chart(
    out: &Path,
    prefix: &str,
    what: &str,
    results: &[ModelResult<'_>],
    (metric, label): (&str, &str),
) -> Result<Option<PathBuf>, PlotError> {
    let head = format!("Δ {metric} vs ");
    let Some(baseline) = results
        .iter()
        .flat_map(|r| r.metrics.keys())
        .find_map(|k| k.strip_prefix(&head))
    else {
        return Ok(None);
    };
    let key = format!("{head}{baseline}");
    let mut items = vec![Interval {
        label: baseline.to_string(),
        value: 0.0,
        lo: f64::NAN,
        hi: f64::NAN,
    }];
    items.extend(results.iter().filter_map(|r| r.interval(&key)));
    let chart = ChartSpec::new(format!(
        "{what}: {label} minus {baseline}'s, per model (paired 95% interval)"
    ))
    .labels("model", format!("Δ {label}"));
    let stem = out.join(format!("{prefix}delta-{}", metric.replace('@', "-at-")));
    intervals(&stem, &chart, &items)?;
    Ok(Some(stem))
}
