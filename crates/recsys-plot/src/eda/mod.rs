//! Exploratory pictures of a ratings dataset (the `eda` example and `recsys eda`): the rating
//! distribution, the sparsity of the user–item matrix, genre popularity and the mean rating by
//! genre; and, from TMDB 5000 when its folder is there, the distribution of vote averages,
//! movies and profit by release year, and budget against profit.
//!
//! ```
//! use recsys_data::{DataDir, Dataset};
//! let root = tempfile::tempdir()?;
//! let ml = root.path().join("ml-100k");
//! std::fs::create_dir(&ml)?;
//! std::fs::write(ml.join("u.data"), "1\t10\t4\t1\n1\t11\t3\t2\n2\t10\t5\t3\n")?;
//! let out = root.path().join("pictures");
//! let report = recsys_plot::eda::eda(&DataDir::new(root.path()), Dataset::Ml100k, &out, 50, &mut |_| {})?;
//! assert!(out.join("ml-100k-ratings.png").is_file());
//! assert!(report.skipped.iter().any(|s| s.starts_with("genres")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod genres;
mod tmdb;

use std::path::{Path, PathBuf};
use std::time::Instant;

use recsys_data::stats::RatingStats;
use recsys_data::{DataDir, Dataset};

use crate::{ChartSpec, DensityGrid, Orientation, PlotError};

/// What a run found and wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Summary lines, for printing.
    pub summary: Vec<String>,
    /// Pictures written (PNG and SVG).
    pub files: Vec<PathBuf>,
    /// Pictures left out, with the reason.
    pub skipped: Vec<String>,
}

/// Steps of a run, for the progress bar.
pub const STEPS: [&str; 7] = [
    "loading ratings",
    "rating distribution",
    "sparsity",
    "genres",
    "loading TMDB 5000",
    "vote averages",
    "profit by year",
];

/// Adds both files of a picture to the report.
pub(super) fn push(report: &mut Report, files: crate::Files) {
    report.files.push(files.png);
    report.files.push(files.svg);
}

/// Thousands separators: `100000` → `100,000`.
pub(crate) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws every picture of `ds` (a ratings dataset of `dir`) into `out` as `<dataset>-<name>.png`
/// and `.svg` (TMDB 5000's as `tmdb-5000-<name>.*` when its folder is in `dir`), calling
/// `progress` with the name of each step ([`STEPS`]) as it starts. `grid` is the number of item
/// bins across the sparsity picture (user bins: three quarters of it).
///
/// A missing dataset or a malformed file is an error; pictures that cannot be drawn for want
/// of data (no genres, no TMDB 5000) are listed in [`Report::skipped`].
pub fn eda(
    dir: &DataDir,
    ds: Dataset,
    out: &Path,
    grid: usize,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, PlotError> {
    if ds.ratings_file().is_none() {
        return Err(PlotError::Invalid(format!(
            "{ds} has no ratings; TMDB 5000 pictures come with any ratings dataset"
        )));
    }
    let mut report = Report::default();
    let name = ds.name();
    let stem = |s: &str| out.join(format!("{name}-{s}"));

    progress(STEPS[0]);
    let t = Instant::now();
    let ratings = dir.load_ratings(ds)?;
    let s = RatingStats::of(&ratings);
    report.summary.push(format!(
        "{name}: {} users, {} items, {} ratings, mean rating {:.3} (loaded in {:.2} s)",
        thousands(s.users),
        thousands(s.items),
        thousands(s.ratings),
        s.mean_rating,
        t.elapsed().as_secs_f64()
    ));

    progress(STEPS[1]);
    let bars: Vec<(String, f64)> = s
        .histogram
        .iter()
        .map(|&(v, c)| (crate::tick(f64::from(v)), c as f64))
        .collect();
    let chart = ChartSpec::new(format!(
        "{name}: rating distribution ({} ratings, mean {:.2})",
        thousands(s.ratings),
        s.mean_rating
    ))
    .labels("rating", "number of ratings");
    push(
        &mut report,
        crate::bar_chart(&stem("ratings"), &chart, &bars, Orientation::Vertical)?,
    );
    let top = s.histogram.iter().max_by_key(|x| x.1);
    if let Some((v, c)) = top {
        report.summary.push(format!(
            "most common rating {v} ({:.1}% of ratings)",
            *c as f64 * 100.0 / s.ratings.max(1) as f64
        ));
    }

    progress(STEPS[2]);
    match DensityGrid::of(&ratings, (grid * 3 / 4).max(1), grid) {
        Some(g) => {
            report.summary.push(format!(
                "density {:.4}% ({:.4}% sparse): {} of {} user–item pairs rated",
                g.density * 100.0,
                (1.0 - g.density) * 100.0,
                thousands(g.ratings),
                thousands(g.users * g.items)
            ));
            let chart = ChartSpec::new(format!(
                "{name}: user–item matrix, density {:.2}% ({} × {} cells)",
                g.density * 100.0,
                g.rows,
                g.cols
            ))
            .labels(
                "items, most rated first (rank)",
                "users, most active first (rank)",
            )
            .size(1000, 640);
            push(&mut report, crate::sparsity(&stem("sparsity"), &chart, &g)?);
        }
        None => report.skipped.push("sparsity: no ratings".into()),
    }

    progress(STEPS[3]);
    let movies = match ds {
        Dataset::RatingsSmall => dir.load_movies(Dataset::MlLatestSmall),
        other => dir.load_movies(other),
    };
    match movies {
        Ok(movies) => genres::genres(&mut report, name, &stem, &ratings, &movies)?,
        Err(e) => report.skipped.push(format!("genres: {e}")),
    }
    tmdb::pictures(&mut report, dir, out, progress)?;
    Ok(report)
}
