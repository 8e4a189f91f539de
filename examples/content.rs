//! The content-based recommender: TF-IDF (word 1–2 grams, English stop words) and cosine
//! neighbours, re-ranked by the weighted rating.
//!
//! ```text
//! cargo run --release --example content -- --corpus <tmdb-5000|keywords|ml-latest-small>
//!   [--title T] [--top 10] [--all-neighbours 30] [--json] [--data DIR]
//! ```
//! Corpora: tmdb-5000 = title + overview + tagline of tmdb_5000_movies.csv; keywords = the keyword
//! names of the-movies-dataset's keywords.csv; ml-latest-small = title + genres + tags.
//! `--title` works on tmdb-5000 (the corpus with titles and votes); `--all-neighbours K` computes
//! every document's top K and reports sizes, timings and peak memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use recsys::data::{DataDir, Dataset, catalog, kaggle, movielens};
use recsys::hybrid::{ContentParams, ContentRecommender};
use recsys::text::{CosineIndex, StopWords, TfidfVectorizer};
use serde_json::json;

#[derive(Parser, Debug)]
#[command(about = "Content-based recommendations and all-pairs neighbours")]
struct Args {
    /// tmdb-5000, keywords or ml-latest-small.
    #[arg(long, default_value = "tmdb-5000")]
    corpus: String,
    /// A movie title (tmdb-5000): prints the re-ranked list.
    #[arg(long)]
    title: Option<String>,
    /// Movies returned for --title.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Compute the top K neighbours of every document.
    #[arg(long)]
    all_neighbours: Option<usize>,
    /// JSON output.
    #[arg(long)]
    json: bool,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
}

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn documents(dir: &DataDir, corpus: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(match corpus {
        "tmdb-5000" => {
            let (cat, _) = catalog::load_catalog(dir, Dataset::Tmdb5000)?;
            cat.entries()
                .iter()
                .map(recsys::hybrid::content::description)
                .collect()
        }
        "keywords" => {
            let path = dir.file(Dataset::RatingsSmall, kaggle::KEYWORDS_FILE)?;
            kaggle::read_keywords(&path)?
                .items
                .into_iter()
                .map(|m| m.keywords.join(" "))
                .collect()
        }
        "ml-latest-small" => {
            let ds = Dataset::MlLatestSmall;
            let movies = movielens::read_csv_movies(&dir.file(ds, "movies.csv")?)?;
            let mut tags: BTreeMap<u64, Vec<String>> = BTreeMap::new();
            for t in movielens::read_csv_tags(&dir.file(ds, "tags.csv")?)? {
                tags.entry(t.movie).or_default().push(t.tag);
            }
            movies
                .iter()
                .map(|m| {
                    let t = tags.get(&m.id).map(|v| v.join(" ")).unwrap_or_default();
                    format!("{} {} {}", m.title, m.genres.join(" "), t)
                })
                .collect()
        }
        other => {
            return Err(format!(
                "unknown corpus `{other}`; valid: tmdb-5000, keywords, ml-latest-small"
            )
            .into());
        }
    })
}

fn main() -> std::process::ExitCode {
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let dir = DataDir::resolve(args.data.as_deref())?;
    if let Some(title) = &args.title {
        if args.corpus != "tmdb-5000" {
            return Err(format!(
                "--title needs a corpus with titles and votes: tmdb-5000 (got {})",
                args.corpus
            )
            .into());
        }
        let (cat, _) = catalog::load_catalog(&dir, Dataset::Tmdb5000)?;
        let rec = ContentRecommender::fit(&cat)?;
        let p = ContentParams {
            top: args.top,
            ..ContentParams::default()
        };
        let list = rec.similar(&cat, title, &p)?;
        if args.json {
            println!("{}", json!({ "title": title, "recommendations": list }));
        } else {
            println!(
                "{title}: the {} most similar, re-ranked by weighted rating",
                p.pool
            );
            for (k, x) in list.iter().enumerate() {
                println!(
                    "{:>3}. {} ({})  cos {:.4}  WR {:.3}",
                    k + 1,
                    x.title,
                    x.year.map_or("?".into(), |y| y.to_string()),
                    x.similarity,
                    x.wr
                );
            }
        }
    }
    if let Some(k) = args.all_neighbours {
        let docs = documents(&dir, &args.corpus)?;
        let t = Instant::now();
        let mut v = TfidfVectorizer::new()
            .ngram_range(1, 2)
            .stop_words(StopWords::english());
        let x = v.fit_transform(&docs)?;
        let fit_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let all = CosineIndex::new(&x).all_neighbours(k);
        let nb_s = t.elapsed().as_secs_f64();
        let out = json!({
            "corpus": args.corpus,
            "docs": docs.len(),
            "terms": v.vocabulary().map_or(0, |t| t.len()),
            "nnz": x.indices().len(),
            "fit_seconds": fit_s,
            "neighbours_seconds": nb_s,
            "neighbour_lists": all.len(),
            "peak_rss_mib": peak_rss_mib(),
            "threads": rayon::current_num_threads(),
        });
        if args.json {
            println!("{out}");
        } else {
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
    }
    if args.title.is_none() && args.all_neighbours.is_none() {
        return Err("nothing to do: pass --title T and/or --all-neighbours K".into());
    }
    Ok(())
}
