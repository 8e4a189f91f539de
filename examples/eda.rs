//! Exploratory data analysis as pictures (PNG and SVG): the rating distribution, the sparsity of
//! the user–item matrix, genre popularity and average rating by genre of a ratings dataset; and,
//! from TMDB 5000 when its folder is there, the distribution of vote averages, movies and profit by
//! release year, and budget against profit.
//!
//! ```text
//! cargo run --release --example eda -- --dataset <ml-100k|ml-latest-small|ratings-small>
//!   [--data DIR] [--out DIR (default out/eda)] [--grid N (default 200)]
//! ```
//! It prints a short summary, the files written and the time taken. Genres of ratings-small come
//! from ml-latest-small's `movies.csv` (same MovieLens ids) when that folder is there.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::data::stats::{self, RatingStats};
use recsys::data::{DataDir, Dataset, tmdb};
use recsys_plot::{self as plot, ChartSpec, DensityGrid, Orientation, Series};

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(about = "Pictures of a dataset's statistics")]
pub struct Args {
    /// ml-100k, ml-latest-small or ratings-small (ml-1m when its ratings are there).
    #[arg(long)]
    pub dataset: String,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Folder for the pictures.
    #[arg(long, default_value = "out/eda")]
    pub out: PathBuf,
    /// Item bins across the sparsity picture (user bins: three quarters of it).
    #[arg(long, default_value_t = 200)]
    pub grid: usize,
}

/// What a run found and wrote.
#[derive(Debug, Default)]
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

fn main() -> ExitCode {
    let args = Args::parse();
    let t = Instant::now();
    let bar = ProgressBar::new(STEPS.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let result = run(&args, &mut |step| {
        bar.set_message(step.to_string());
        bar.inc(1);
    });
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            for l in &r.summary {
                println!("{l}");
            }
            println!("files written to {}:", args.out.display());
            for f in &r.files {
                println!("  {}", f.display());
            }
            for s in &r.skipped {
                println!("skipped: {s}");
            }
            println!("done in {:.2} s", t.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn push(report: &mut Report, files: plot::Files) {
    report.files.push(files.png);
    report.files.push(files.svg);
}

/// Thousands separators: `100000` → `100,000`.
fn thousands(n: usize) -> String {
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

/// Runs every step, calling `progress` with the name of each step as it starts.
pub fn run(args: &Args, progress: &mut dyn FnMut(&str)) -> Result<Report, Box<dyn Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    if ds.ratings_file().is_none() {
        return Err(format!(
            "{ds} has no ratings; TMDB 5000 pictures come with any ratings dataset"
        )
        .into());
    }
    let dir = DataDir::resolve(args.data.as_deref())?;
    let out = args.out.as_path();
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
        .map(|&(v, c)| (plot::tick(f64::from(v)), c as f64))
        .collect();
    let chart = ChartSpec::new(format!(
        "{name}: rating distribution ({} ratings, mean {:.2})",
        thousands(s.ratings),
        s.mean_rating
    ))
    .labels("rating", "number of ratings");
    push(
        &mut report,
        plot::bar_chart(&stem("ratings"), &chart, &bars, Orientation::Vertical)?,
    );
    let top = s.histogram.iter().max_by_key(|x| x.1);
    if let Some((v, c)) = top {
        report.summary.push(format!(
            "most common rating {v} ({:.1}% of ratings)",
            *c as f64 * 100.0 / s.ratings.max(1) as f64
        ));
    }

    progress(STEPS[2]);
    match DensityGrid::of(&ratings, (args.grid * 3 / 4).max(1), args.grid) {
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
            push(&mut report, plot::sparsity(&stem("sparsity"), &chart, &g)?);
        }
        None => report.skipped.push("sparsity: no ratings".into()),
    }

    progress(STEPS[3]);
    let movies = match ds {
        Dataset::RatingsSmall => dir.load_movies(Dataset::MlLatestSmall),
        other => dir.load_movies(other),
    };
    match movies {
        Ok(movies) => genres(&mut report, name, &stem, &ratings, &movies)?,
        Err(e) => report.skipped.push(format!("genres: {e}")),
    }

    progress(STEPS[4]);
    // a missing TMDB 5000 file skips its pictures; a malformed one is an error
    let meta = match dir.file(Dataset::Tmdb5000, tmdb::MOVIES_FILE) {
        Ok(p) => tmdb::read_tmdb_movies(&p)?,
        Err(e) => {
            report.skipped.push(format!("TMDB 5000 pictures: {e}"));
            return Ok(report);
        }
    };
    let tstem = |s: &str| out.join(format!("tmdb-5000-{s}"));

    progress(STEPS[5]);
    let votes: Vec<f64> = meta
        .iter()
        .filter(|m| m.vote_count > 0)
        .map(|m| f64::from(m.vote_average))
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
        &mut report,
        plot::histogram(
            &tstem("vote-average"),
            &chart,
            &votes,
            20,
            Some((0.0, 10.0)),
        )?,
    );

    progress(STEPS[6]);
    let profit = stats::profit_by_year(
        meta.iter()
            .filter_map(|m| Some((i32::from(m.year?), m.budget as f64, m.revenue as f64))),
    );
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
        &mut report,
        plot::bars_and_line(
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
        .filter(|m| m.budget > 0 && m.revenue > 0)
        .map(|m| (m.budget as f64, m.revenue as f64 - m.budget as f64))
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
        &mut report,
        plot::scatter(&tstem("budget-profit"), &chart, &[Series::new("", points)])?,
    );
    Ok(report)
}

/// Genre popularity (share of movies and of ratings) and mean rating by genre.
fn genres(
    report: &mut Report,
    name: &str,
    stem: &dyn Fn(&str) -> PathBuf,
    ratings: &recsys::core::Interactions,
    movies: &[recsys::data::movielens::Movie],
) -> Result<(), Box<dyn Error>> {
    // the movies of the list that have ratings here (ratings-small borrows ml-latest-small's list)
    let movies: Vec<_> = movies
        .iter()
        .filter(|m| ratings.item_index(m.id).is_ok())
        .cloned()
        .collect();
    let movies = movies.as_slice();
    let counts = stats::genre_counts(movies);
    let by_genre = stats::genre_ratings(ratings, movies);
    if counts.is_empty() || by_genre.is_empty() {
        report.skipped.push("genres: no genre information".into());
        return Ok(());
    }
    let n_movies = movies.len().max(1) as f64;
    let n_ratings = ratings.nnz().max(1) as f64;
    let rating_share = |g: &str| {
        by_genre
            .iter()
            .find(|r| r.genre == g)
            .map_or(0.0, |r| r.ratings as f64 * 100.0 / n_ratings)
    };
    let cats: Vec<String> = counts.iter().map(|c| c.0.clone()).collect();
    let series = vec![
        (
            "% of rated movies".to_string(),
            counts
                .iter()
                .map(|c| c.1 as f64 * 100.0 / n_movies)
                .collect(),
        ),
        (
            "% of ratings".to_string(),
            counts.iter().map(|c| rating_share(&c.0)).collect(),
        ),
    ];
    let chart = ChartSpec::new(format!(
        "{name}: genre popularity (a movie can have several genres)"
    ))
    .labels("share (%)", "");
    push(
        report,
        plot::grouped_bars(
            &stem("genre-popularity"),
            &chart,
            &cats,
            &series,
            Orientation::Horizontal,
        )?,
    );
    let mut means = by_genre.clone();
    means.sort_by(|a, b| b.mean_rating.total_cmp(&a.mean_rating));
    let bars: Vec<(String, f64)> = means
        .iter()
        .map(|g| {
            (
                format!("{} ({})", g.genre, thousands(g.ratings)),
                g.mean_rating,
            )
        })
        .collect();
    let chart = ChartSpec::new(format!("{name}: mean rating by genre (number of ratings)"))
        .labels("mean rating", "");
    push(
        report,
        plot::bar_chart(
            &stem("genre-ratings"),
            &chart,
            &bars,
            Orientation::Horizontal,
        )?,
    );
    report.summary.push(format!(
        "genres of {} rated movies: most movies {} ({}), highest mean rating {} ({:.2}), lowest {} ({:.2})",
        thousands(movies.len()),
        counts[0].0,
        thousands(counts[0].1),
        means[0].genre,
        means[0].mean_rating,
        means[means.len() - 1].genre,
        means[means.len() - 1].mean_rating
    ));
    Ok(())
}

/// For the test suite: the run of `dataset` from `data` into `out`, without progress output.
pub fn run_quiet(dataset: &str, data: &Path, out: &Path) -> Result<Report, Box<dyn Error>> {
    run(
        &Args {
            dataset: dataset.to_string(),
            data: Some(data.to_path_buf()),
            out: out.to_path_buf(),
            grid: 200,
        },
        &mut |_| {},
    )
}
