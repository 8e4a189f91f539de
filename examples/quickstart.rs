//! The seed's whole pipeline in one command: the data, the weighted-rating chart, SVD++ with a
//! user's top 10, neural CF, the content-based list for a title, the hybrid list for a user and
//! that title, and the comparison of every model.
//!
//! ```text
//! RECSYS_DATA=/path/to/data cargo run --release --example quickstart -- [--dataset ratings-small]
//!   [--user 10] [--title "The Dark Knight"] [--data DIR] [--out DIR] [--download]
//! ```
//! Without any data folder (no `--data`, no `RECSYS_DATA`): `cargo run --release --features
//! download --example quickstart` fetches ml-latest-small into the cache and runs on it.
//! Datasets: `ratings-small` (the seed's data, The Movies Dataset), `ml-latest-small` or
//! `ml-100k`. The content list uses TMDB 5000 (`tmdb-5000/`) when present, else the dataset's
//! catalog. `--out DIR` also writes the comparison reports there.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use recsys::core::ModelSpec;
use recsys::core::traits::{Fit, recommend_raw};
use recsys::data::catalog::{self, Catalog};
use recsys::data::stats::RatingStats;
use recsys::data::{DataDir, Dataset};
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::eval::report::{self, ReportRow};
use recsys::eval::runner::{self, Progress, RunConfig};
use recsys::hybrid::{ContentParams, ContentRecommender, chart, seed_hybrid};

#[derive(Parser, Debug)]
#[command(about = "The whole pipeline on MovieLens-style ratings and TMDB metadata")]
struct Args {
    /// ratings-small (the seed's data), ml-latest-small or ml-100k. Default: ratings-small when a
    /// data folder (--data, RECSYS_DATA, the cache) has it; with no data folder at all,
    /// ml-latest-small from the cache, fetched there first (feature `download`).
    #[arg(long)]
    dataset: Option<String>,
    /// The user (raw id) of the top-10 and hybrid lists.
    #[arg(long, default_value_t = 10)]
    user: u64,
    /// The liked movie of the content and hybrid lists.
    #[arg(long, default_value = "The Dark Knight")]
    title: String,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Also write report.md / report.csv / report.jsonl of both comparisons here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Download a missing GroupLens archive (ml-latest-small, ml-100k) into the cache first
    /// (feature `download`).
    #[arg(long)]
    download: bool,
}

#[path = "common/data.rs"]
mod data;

#[path = "common/exit.rs"]
mod exit;

fn main() -> ExitCode {
    exit::exit_code(run(Args::parse()))
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn heading(s: &str) {
    println!("\n## {s}\n");
}

fn run(args: Args) -> Res<()> {
    let start = Instant::now();
    let (dir, ds) = match &args.dataset {
        Some(name) => {
            let ds = Dataset::from_name(name)?;
            (data::data_dir(args.data.as_deref(), ds, args.download)?, ds)
        }
        None => data::default_dataset(args.data.as_deref(), Dataset::RatingsSmall)?,
    };

    // 1. the data
    heading(&format!("Data: {ds}"));
    let t = Instant::now();
    let ratings = dir.load_ratings(ds)?;
    let (cat, join) = catalog::load_catalog(&dir, ds)?;
    let s = RatingStats::of(&ratings);
    println!(
        "{} users, {} movies rated, {} ratings (sparsity {:.2}%), mean rating {:.3}",
        s.users,
        s.items,
        s.ratings,
        s.sparsity * 100.0,
        s.mean_rating
    );
    println!(
        "catalog: {} movies, {} with TMDB metadata, {} with keywords (loaded in {:.2} s)",
        cat.len(),
        join.matched_metadata,
        join.matched_keywords,
        t.elapsed().as_secs_f64()
    );
    let tmdb = match catalog::load_catalog(&dir, Dataset::Tmdb5000) {
        Ok((c, _)) => Some(c),
        Err(e) => {
            println!("(TMDB 5000 not available: {e}; using the {ds} catalog for charts)");
            None
        }
    };

    // 2. the weighted-rating chart: TMDB votes when there are some, else the dataset's own
    // rating counts and means (as the peers' `weighted_rating.py --source ml-latest-small`)
    let chart_cat = tmdb.as_ref().unwrap_or(&cat);
    if chart_cat.entries().iter().any(|e| e.details.vote_count > 0) {
        let top = chart::chart(chart_cat, 0.6, 10)?;
        heading(&format!(
            "Weighted-rating top 10 ({}; C = {:.2}, m = {:.0} votes, {} qualified)",
            if tmdb.is_some() {
                "TMDB 5000"
            } else {
                ds.name()
            },
            top.rating.c,
            top.rating.m,
            top.qualified
        ));
        for (k, (row, e)) in top.rows.iter().zip(top.entries(chart_cat)).enumerate() {
            println!(
                "{:>2}. {} ({}) — WR {:.2}, {} votes, mean {:.1}",
                k + 1,
                e.title,
                year(e.year),
                row.wr,
                e.details.vote_count,
                e.details.vote_average
            );
        }
    } else {
        let votes = recsys::hybrid::content::rating_votes(&ratings, &cat);
        let known: Vec<(f64, f64)> = votes.iter().flatten().copied().collect();
        let wr = recsys::hybrid::WeightedRating::fit(&known, 0.6)?;
        let mut rows: Vec<(usize, f64, f64, f64)> = votes
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.filter(|(n, _)| *n >= wr.m).map(|(n, r)| (k, n, r)))
            .map(|(k, n, r)| (k, wr.score(n, r), n, r))
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        heading(&format!(
            "Weighted-rating top 10 ({ds} ratings; C = {:.2}, m = {:.0} ratings, {} qualified)",
            wr.c,
            wr.m,
            rows.len()
        ));
        for (k, &(entry, score, n, mean)) in rows.iter().take(10).enumerate() {
            let id = cat.entries()[entry].movie_id.unwrap_or_default();
            println!(
                "{:>2}. {} — WR {score:.2}, {n} ratings, mean {mean:.2}",
                k + 1,
                title_of(&cat, id),
            );
        }
    }

    // 3. SVD++: a user's top 10, fitted on every rating
    let svdpp = recsys::mf::SvdPpParams::default().fit(&ratings)?;
    let scorer = recsys::core::traits::ByPredictedRating {
        model: svdpp.clone(),
        n_items: ratings.n_items(),
    };
    heading(&format!(
        "SVD++ top 10 for user {} (who rated {} movies)",
        args.user,
        ratings
            .user_index(args.user)
            .map(|u| ratings.row(u).len())
            .unwrap_or(0)
    ));
    for (k, (id, score)) in recommend_raw(&scorer, &ratings, args.user, 10)?
        .into_iter()
        .enumerate()
    {
        println!(
            "{:>2}. {} — predicted {score:.2}",
            k + 1,
            title_of(&cat, id)
        );
    }

    // 4. every model under a rating and a ranking protocol
    let content = {
        let t = Instant::now();
        let c = recsys::models::catalog_content(&dir, ds)?;
        eprintln!(
            "content neighbours of {} movies in {:.2} s",
            c.len(),
            t.elapsed().as_secs_f64()
        );
        c
    };
    let rating_models = ["baseline", "svd", "svdpp", "content-knn", "hybrid"];
    let rows_rating = compare(
        &dir,
        ds,
        ProtocolKind::Holdout,
        &rating_models,
        &content,
        args.seed,
    )?;
    let mut ranking_models: Vec<&str> = recsys::models::model_names();
    ranking_models.extend(["content-profile", "hybrid"]);
    let rows_ranking = compare(
        &dir,
        ds,
        ProtocolKind::LooSampled,
        &ranking_models,
        &content,
        args.seed,
    )?;
    if let Some(svdpp) = rows_rating.iter().find(|r| r.model == "svdpp") {
        heading("SVD++ on a random 80/20 holdout");
        println!(
            "RMSE {:.4}, MAE {:.4}, fit {:.2} s",
            svdpp.metrics.get("rmse").copied().unwrap_or(f64::NAN),
            svdpp.metrics.get("mae").copied().unwrap_or(f64::NAN),
            svdpp.fit_seconds
        );
    }
    heading("Neural collaborative filtering (leave-latest-out, 99 sampled negatives)");
    let ncf: Vec<&ReportRow> = rows_ranking
        .iter()
        .filter(|r| ["ncf-mlp", "gmf", "neumf"].contains(&r.model.as_str()))
        .collect();
    if ncf.is_empty() {
        println!("(no NCF model registered)");
    }
    for r in ncf {
        println!(
            "{:<8} HR@10 {:.4}  NDCG@10 {:.4}  fit {:.1} s",
            r.model,
            r.metrics.get("hr@10").copied().unwrap_or(f64::NAN),
            r.metrics.get("ndcg@10").copied().unwrap_or(f64::NAN),
            r.fit_seconds
        );
    }

    // 5. the content-based list
    let content_cat = tmdb.as_ref().unwrap_or(&cat);
    let rec = ContentRecommender::fit(content_cat)?;
    heading(&format!(
        "Content-based: like \"{}\" (30 most similar by TF-IDF, re-ranked by weighted rating)",
        args.title
    ));
    print_numbered(
        rec.similar(content_cat, &args.title, &ContentParams::default()),
        |x| {
            format!(
                "{} ({}) — similarity {:.3}, WR {}",
                x.title,
                year(x.year),
                x.similarity,
                x.wr.map_or("–".to_string(), |w| format!("{w:.2}"))
            )
        },
    );

    // 6. the seed's hybrid
    heading(&format!(
        "Hybrid: for user {} who liked \"{}\" (30 content-similar unseen movies by SVD++ prediction)",
        args.user, args.title
    ));
    let rec_ds = ContentRecommender::fit(&cat)?;
    let hybrid = seed_hybrid(
        &rec_ds,
        &cat,
        &ratings,
        &svdpp,
        args.user,
        &args.title,
        30,
        10,
    );
    print_numbered(hybrid, |x| {
        format!(
            "{} ({}) — predicted {:.2}, similarity {:.3}",
            x.title,
            year(x.year),
            x.predicted,
            x.similarity
        )
    });

    // 7. the comparison tables
    heading("Every model: rating prediction (random 80/20 holdout)");
    print!("{}", short_table(&rows_rating, &["rmse", "mae"]));
    heading("Every model: top-N (leave-latest-out, 99 sampled negatives)");
    print!(
        "{}",
        short_table(&rows_ranking, &["hr@10", "ndcg@10", "mrr", "auc"])
    );
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out)?;
        let mut all = rows_rating.clone();
        all.extend(rows_ranking.iter().cloned());
        std::fs::write(out.join("report.md"), report::markdown(&all))?;
        std::fs::write(out.join("report.csv"), report::csv(&all))?;
        std::fs::write(out.join("report.jsonl"), report::json_lines(&all))?;
        println!("\nwrote {}/report.{{md,csv,jsonl}}", out.display());
    }
    println!("\ntotal {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// Each entry of `list` on a line numbered from 1, as `line` writes it; or the error instead.
fn print_numbered<T, E: std::fmt::Display>(list: Result<Vec<T>, E>, line: impl Fn(&T) -> String) {
    match list {
        Ok(list) => {
            for (k, x) in list.iter().enumerate() {
                println!("{:>2}. {}", k + 1, line(x));
            }
        }
        Err(e) => println!("{e}"),
    }
}

/// A movie's year, or `?` when it is not known.
fn year(y: Option<u16>) -> String {
    y.map_or("?".to_string(), |y| y.to_string())
}

/// The title of MovieLens movie `id` in `cat`, with its year.
fn title_of(cat: &Catalog, id: u64) -> String {
    match cat.by_movie_id(id) {
        Some(e) if !e.title.is_empty() => match e.year {
            Some(y) => format!("{} ({y})", e.title),
            None => e.title.clone(),
        },
        _ => format!("movie {id}"),
    }
}

/// Runs `names` under `kind` with a progress bar.
fn compare(
    dir: &DataDir,
    ds: Dataset,
    kind: ProtocolKind,
    names: &[&str],
    content: &Arc<recsys::hybrid::CatalogContent>,
    seed: u64,
) -> Res<Vec<ReportRow>> {
    let cfg = ProtocolConfig {
        seed,
        ..ProtocolConfig::new(kind)
    };
    let prepared = protocol::prepare(dir, ds, &cfg)?;
    let models: Vec<Box<dyn ModelSpec>> =
        recsys::models::models_with_content(&names.join(","), Some(Arc::clone(content)))?;
    let bar = ProgressBar::new((models.len() * prepared.folds.len() * 2) as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let opts = RunConfig {
        seed,
        ..RunConfig::default()
    };
    // The neural models train on one core each: fit the slowest (NeuMF) beside the others, on
    // two threads, then put the rows back in the order asked.
    let (slow, fast): (Vec<_>, Vec<_>) = models.into_iter().partition(|m| m.name() == "neumf");
    let progress = |p: &Progress| match p {
        Progress::Fitting { model, .. } => {
            bar.set_message(format!("{}: fitting {model}", kind.name()));
            bar.inc(1);
        }
        Progress::Evaluating { model, .. } => {
            bar.set_message(format!("{}: evaluating {model}", kind.name()));
            bar.inc(1);
        }
        Progress::Done { .. } => {}
    };
    let (a, b) = std::thread::scope(|scope| {
        let slow_run = scope.spawn(|| {
            if slow.is_empty() {
                Ok(Vec::new())
            } else {
                runner::run(&prepared, &slow, &opts, &mut |p| progress(p))
            }
        });
        let fast_rows = runner::run(&prepared, &fast, &opts, &mut |p| progress(p));
        (fast_rows, slow_run.join())
    });
    let mut rows = a?;
    rows.extend(b.map_err(|_| "the NeuMF thread panicked")??);
    rows.sort_by_key(|r| names.iter().position(|n| *n == r.model));
    bar.finish_and_clear();
    Ok(rows)
}

/// A compact Markdown table of `metrics` (with intervals) and the fit time.
fn short_table(rows: &[ReportRow], metrics: &[&str]) -> String {
    let mut s = String::from("| model |");
    for m in metrics {
        s.push_str(&format!(" {m} |"));
    }
    s.push_str(" fit s |\n|---|");
    s.push_str(&"---:|".repeat(metrics.len() + 1));
    s.push('\n');
    for r in rows {
        if !metrics.iter().any(|m| r.metrics.contains_key(*m)) {
            continue;
        }
        s.push_str(&format!("| {} |", r.model));
        for m in metrics {
            match (r.metrics.get(*m), r.ci95.get(*m)) {
                (Some(v), Some((lo, hi))) => s.push_str(&format!(" {v:.4} [{lo:.3}, {hi:.3}] |")),
                (Some(v), None) => s.push_str(&format!(" {v:.4} |")),
                _ => s.push_str(" – |"),
            }
        }
        s.push_str(&format!(" {:.2} |\n", r.fit_seconds));
    }
    s
}
