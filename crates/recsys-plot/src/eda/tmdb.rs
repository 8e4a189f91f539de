//! The TMDB 5000 pictures of [`eda`](super::eda): vote averages, movies and profit by release
//! year, budget against profit.

use std::path::Path;

use recsys_data::stats;
use recsys_data::{DataDir, Dataset, tmdb};

use super::{Report, STEPS, push, thousands};
use crate::{ChartSpec, PlotError, Series};

/// Draws the TMDB 5000 pictures into `out` when its movies file is in `dir`; a missing file
/// skips them (noted in the report), a malformed one is an error.
pub(super) fn pictures(
    report: &mut Report,
    dir: &DataDir,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<(), PlotError> {
    progress(STEPS[4]);
    // a missing TMDB 5000 file skips its pictures; a malformed one is an error
    let meta = match dir.file(Dataset::Tmdb5000, tmdb::MOVIES_FILE) {
        Ok(p) => tmdb::read_tmdb_movies(&p)?,
        Err(e) => {
            report.skipped.push(format!("TMDB 5000 pictures: {e}"));
            return Ok(());
        }
    };
    let tstem = |s: &str| out.join(format!("tmdb-5000-{s}"));

    progress(STEPS[5]);
    let votes: Vec<f64> = meta
        .iter()
        .filter(|m| m.details.vote_count > 0)
        .map(|m| f64::from(m.details.vote_average))
        .collect();
    let mean_vote = votes.iter().sum::<f64>() / votes.len().max(1) as f64;
    let with_votes = thousands(votes.len());
    report.summary.push(format!(
        "TMDB 5000: {} movies, {with_votes} with votes, mean vote average {mean_vote:.2}",
        thousands(meta.len()),
    ));
    let chart = ChartSpec::new(format!(
        "TMDB 5000: vote average of {with_votes} movies with votes (mean {mean_vote:.2})"
    ))
    .labels("vote average (0–10)", "movies");
    push(
        report,
        crate::histogram(
            &tstem("vote-average"),
            &chart,
            &votes,
            20,
            Some((0.0, 10.0)),
        )?,
    );

    progress(STEPS[6]);
    let profit = stats::profit_by_year(meta.iter().filter_map(|m| {
        Some((
            i32::from(m.year?),
            m.details.budget as f64,
            m.details.revenue as f64,
        ))
    }));
    let mut released: std::collections::BTreeMap<i32, usize> = Default::default();
    for m in &meta {
        if let Some(y) = m.year {
            *released.entry(i32::from(y)).or_default() += 1;
        }
    }
    let known: usize = profit.iter().map(|p| p.movies).sum();
    let chart = ChartSpec::new("TMDB 5000: movies and total profit by release year")
        .labels("release year", "movies released")
        .size(1000, 560);
    push(
        report,
        crate::bars_and_line(
            &tstem("year-profit"),
            &chart,
            &Series::new(
                "movies released",
                released
                    .iter()
                    .map(|(&y, &n)| (f64::from(y), n as f64))
                    .collect(),
            ),
            &Series::new(
                format!(
                    "total profit ({} movies with budget and revenue)",
                    thousands(known)
                ),
                profit
                    .iter()
                    .map(|p| (f64::from(p.year), p.profit))
                    .collect(),
            ),
            "total profit (USD)",
        )?,
    );
    if let Some(best) = profit.iter().max_by(|a, b| a.profit.total_cmp(&b.profit)) {
        report.summary.push(format!(
            "most profitable year {}: {} movies, total profit {:.2} bn USD",
            best.year,
            best.movies,
            best.profit / 1e9
        ));
    }
    let points: Vec<(f64, f64)> = meta
        .iter()
        .filter(|m| m.details.budget > 0 && m.details.revenue > 0)
        .map(|m| {
            (
                m.details.budget as f64,
                m.details.revenue as f64 - m.details.budget as f64,
            )
        })
        .collect();
    let losses = points.iter().filter(|p| p.1 < 0.0).count();
    let with_both = thousands(points.len());
    report.summary.push(format!(
        "budget vs profit: {with_both} movies with budget and revenue, {} made a loss",
        thousands(losses)
    ));
    let title = format!("TMDB 5000: budget vs profit ({with_both} movies, {losses} with a loss)");
    let chart = ChartSpec::new(title).labels("budget (USD)", "profit = revenue − budget (USD)");
    push(
        report,
        crate::scatter(&tstem("budget-profit"), &chart, &[Series::new("", points)])?,
    );
    Ok(())
}
