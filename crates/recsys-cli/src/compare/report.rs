//! The report folder's contents: `report.md` (one table per dataset and protocol),
//! `report.csv`, `report.jsonl` and the pictures of each dataset and protocol.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use recsys::eval::report::{self, ReportRow};
use recsys::plot;

/// The rows grouped by (dataset, protocol), in the order they ran.
pub fn groups(rows: &[ReportRow]) -> Vec<(String, String, Vec<ReportRow>)> {
    let mut out: Vec<(String, String, Vec<ReportRow>)> = Vec::new();
    for r in rows {
        match out
            .iter_mut()
            .find(|(d, p, _)| *d == r.dataset && *p == r.protocol)
        {
            Some(g) => g.2.push(r.clone()),
            None => out.push((r.dataset.clone(), r.protocol.clone(), vec![r.clone()])),
        }
    }
    out
}

/// The Markdown tables, one per dataset and protocol.
pub fn tables(rows: &[ReportRow]) -> String {
    let mut s = String::new();
    for (k, (d, p, g)) in groups(rows).iter().enumerate() {
        if k > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "## {d} / {p}\n");
        s.push_str(&report::markdown(g));
    }
    s
}

/// `report.md`: a title, what the experiment is, and [`tables`].
pub fn markdown(name: &str, description: &str, rows: &[ReportRow], chosen: &str) -> String {
    let mut s = format!("# {name}\n\n");
    if !description.trim().is_empty() {
        let _ = writeln!(s, "{}\n", description.trim());
    }
    s.push_str(
        "Each table: metric [95% bootstrap interval over users]; fit and evaluation seconds per \
         fold. `manifest.toml` holds every parameter and seed; \
         `recsys compare --config manifest.toml` reruns this report.\n\n",
    );
    s.push_str(&tables(rows));
    if !chosen.is_empty() {
        s.push_str("\n## Parameters chosen on validation data\n\n");
        s.push_str(chosen);
    }
    s
}

/// The pictures of each dataset and protocol (`<dataset>-<protocol>-metric-rmse`, ...; see
/// `recsys::plot::comparison_charts`). Returns the paths written (`.png` and `.svg`).
pub fn plots(out: &Path, rows: &[ReportRow]) -> Result<Vec<PathBuf>, plot::PlotError> {
    let mut files = Vec::new();
    for (d, p, g) in groups(rows) {
        let results: Vec<plot::ModelResult> = g
            .iter()
            .map(|r| plot::ModelResult::new(&r.model, &r.metrics, &r.ci95, &r.learning_curve))
            .collect();
        let prefix = format!("{d}-{p}-");
        for stem in plot::comparison_charts(out, &prefix, &format!("{d} / {p}"), &results)? {
            for ext in ["png", "svg"] {
                files.push(stem.with_extension(ext));
            }
        }
    }
    Ok(files)
}
