//! `RunConfig::baseline`: each model's paired difference from a baseline model of the same run
//! (see [`crate::paired`]), added to its row as `Δ <metric> vs <baseline>` with the paired
//! bootstrap interval, and the sign test's p-value as `p Δ <metric> vs <baseline>`.

use super::FoldValues;
use crate::EvalError;
use crate::paired::{Paired, paired_mean, paired_ratio};
use crate::report::ReportRow;

/// The metrics compared: the rating errors, and the ranking metrics at the cutoff `k`.
fn compared(k: usize) -> Vec<String> {
    let mut m = vec!["rmse".to_string(), "mae".to_string()];
    for base in ["hr", "ndcg", "recall"] {
        m.push(format!("{base}@{k}"));
    }
    m
}

/// Adds the differences from the row of model `baseline` to every other row. `values[i]` are
/// the fold values of `rows[i]`, whose users line up across models (the same folds, in the same
/// order). Errors: no row of that name.
pub(super) fn add_deltas(
    rows: &mut [ReportRow],
    values: &[Vec<FoldValues>],
    baseline: &str,
    k: usize,
    resamples: usize,
    seed: u64,
) -> Result<(), EvalError> {
    let Some(b) = rows.iter().position(|r| r.model == baseline) else {
        let names: Vec<&str> = rows.iter().map(|r| r.model.as_str()).collect();
        return Err(EvalError::UnknownName {
            what: "baseline model",
            name: baseline.to_string(),
            valid: names.join(", "),
        });
    };
    for (i, row) in rows.iter_mut().enumerate() {
        if i == b {
            continue;
        }
        for metric in compared(k) {
            if let Some(d) = delta(&values[i], &values[b], &metric, resamples, seed) {
                let name = format!("Δ {metric} vs {baseline}");
                row.metrics.insert(name.clone(), d.mean);
                row.ci95.insert(name.clone(), (d.lo, d.hi));
                row.metrics.insert(format!("p {name}"), d.p);
            }
        }
    }
    Ok(())
}

/// The paired difference of `metric` between two models' folds, pooling the folds' users.
fn delta(
    a: &[FoldValues],
    b: &[FoldValues],
    metric: &str,
    resamples: usize,
    seed: u64,
) -> Option<Paired> {
    if a.len() != b.len() {
        return None;
    }
    let pool = |f: &[FoldValues]| -> Option<Vec<f64>> {
        let mut out = Vec::new();
        for v in f {
            out.extend_from_slice(v.per_user.get(metric)?);
        }
        Some(out)
    };
    if let (Some(x), Some(y)) = (pool(a), pool(b)) {
        return paired_mean(&x, &y, resamples, seed);
    }
    let (mut na, mut nb, mut den) = (Vec::new(), Vec::new(), Vec::new());
    let mut transform = None;
    for (fa, fb) in a.iter().zip(b) {
        let (xa, da, t) = fa.ratio.get(metric)?;
        let (xb, db, _) = fb.ratio.get(metric)?;
        if da != db {
            return None;
        }
        na.extend_from_slice(xa);
        nb.extend_from_slice(xb);
        den.extend_from_slice(da);
        transform = Some(*t);
    }
    paired_ratio(&na, &nb, &den, transform?, resamples, seed)
}
