//! The content-based recommender: TF-IDF (word 1–2 grams, English stop words) or the Kaggle
//! kernel's metadata soup (counts), cosine neighbours, re-ranked by the weighted rating.
//!
//! ```text
//! cargo run --release --example content -- --corpus <tmdb-5000|keywords|ml-latest-small>
//!   [--features tfidf|soup] [--title T] [--top 10] [--rank wr|cosine] [--votes movielens|tmdb]
//!   [--with-overview] [--all-neighbours 30] [--json] [--data DIR]
//! ```
//! Corpora (the peers' `content_tfidf.py`):
//! - `tmdb-5000`: title + overview + tagline of `tmdb_5000_movies.csv`;
//! - `keywords`: the keyword names of every row of the-movies-dataset's `keywords.csv` (46,419
//!   rows); titles from ml-latest-small links and TMDB 5000, votes from TMDB 5000 where it has
//!   the movie;
//! - `ml-latest-small`: title (year stripped) + genres + tags, over the MovieLens catalog joined
//!   to TMDB 5000 metadata; votes for the re-ranking from the MovieLens ratings (`--votes
//!   movielens`, default) or TMDB 5000 (`--votes tmdb`, the matched movies only);
//!   `--with-overview` adds the joined TMDB overview and tagline to the documents.
//!
//! `--features soup` replaces the documents by the kernel's metadata soup (keywords, top-3 cast,
//! director, genres; counts, not TF-IDF). `--title T` prints the `pool` (30) most similar
//! re-ranked by weighted rating (`--rank wr`) or the plain cosine top (`--rank cosine`);
//! `--all-neighbours K` computes every document's top K and reports sizes, timings and peak
//! memory (`{"docs","terms","nnz","fit_seconds","neighbours_seconds","peak_rss_mib"}`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use recsys::core::RawId;
use recsys::data::catalog::Catalog;
use recsys::data::{DataDir, Dataset, catalog};
use recsys::hybrid::content::{self, ContentItem, Votes};
use recsys::hybrid::soup::{self, SoupParams};
use recsys::hybrid::{ContentParams, ContentRecommender};
use recsys::text::{CosineIndex, CsrMatrix, StopWords, TfidfVectorizer};
use serde_json::json;

#[derive(Parser, Debug)]
#[command(about = "Content-based recommendations and all-pairs neighbours")]
struct Args {
    /// tmdb-5000, keywords or ml-latest-small.
    #[arg(long, default_value = "tmdb-5000")]
    corpus: String,
    /// tfidf (the corpus's documents) or soup (keywords, cast, director, genres; counts).
    #[arg(long, default_value = "tfidf")]
    features: String,
    /// A movie title: prints its recommendations.
    #[arg(long)]
    title: Option<String>,
    /// Movies returned for --title.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Candidates taken by cosine before the weighted-rating re-ranking.
    #[arg(long, default_value_t = 30)]
    pool: usize,
    /// Quantile of the candidates' vote counts used as m.
    #[arg(long, default_value_t = 0.6)]
    quantile: f64,
    /// wr (re-ranked by weighted rating) or cosine (the plain cosine top).
    #[arg(long, default_value = "wr")]
    rank: String,
    /// ml-latest-small only: votes of the re-ranking, movielens (ratings.csv) or tmdb.
    #[arg(long, default_value = "movielens")]
    votes: String,
    /// ml-latest-small only: also put the joined TMDB overview and tagline (where matched) in
    /// each document; off, the documents are the peers' (title, genres, tags).
    #[arg(long)]
    with_overview: bool,
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

type BoxError = Box<dyn std::error::Error>;

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

/// A corpus: its catalog, one document per entry, and the votes of the re-ranking.
struct Corpus {
    catalog: Catalog,
    docs: Vec<String>,
    votes: Option<Votes>,
}

fn load(dir: &DataDir, args: &Args) -> Result<Corpus, BoxError> {
    Ok(match args.corpus.as_str() {
        "tmdb-5000" => {
            let (catalog, _) = catalog::load_catalog(dir, Dataset::Tmdb5000)?;
            let docs = catalog.entries().iter().map(content::description).collect();
            Corpus {
                catalog,
                docs,
                votes: None,
            }
        }
        "keywords" => {
            let (catalog, votes) = content::keywords_catalog(dir)?;
            let docs = catalog
                .entries()
                .iter()
                .map(|e| e.details.keywords.join(" "))
                .collect();
            Corpus {
                catalog,
                docs,
                votes: Some(votes),
            }
        }
        "ml-latest-small" => {
            let (movies, ml_docs) = content::movielens_corpus(dir)?;
            let (catalog, _) = catalog::load_catalog(dir, Dataset::MlLatestSmall)?;
            let by_id: HashMap<RawId, &String> =
                movies.iter().map(|m| m.id).zip(&ml_docs).collect();
            let docs = catalog
                .entries()
                .iter()
                .map(|e| {
                    let d = e
                        .movie_id
                        .and_then(|id| by_id.get(&id))
                        .ok_or("a catalog entry without its MovieLens movie")?;
                    Ok::<_, BoxError>(if args.with_overview {
                        format!("{d} {} {}", e.details.overview, e.details.tagline)
                    } else {
                        d.to_string()
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let votes = match args.votes.as_str() {
                "tmdb" => catalog
                    .entries()
                    .iter()
                    .map(|e| {
                        (e.details.vote_count > 0).then(|| {
                            (
                                f64::from(e.details.vote_count),
                                recsys::hybrid::chart::vote_average(e),
                            )
                        })
                    })
                    .collect(),
                "movielens" => movielens_votes(dir, &catalog)?,
                other => {
                    return Err(format!("unknown --votes `{other}`; valid: movielens, tmdb").into());
                }
            };
            Corpus {
                catalog,
                docs,
                votes: Some(votes),
            }
        }
        other => {
            return Err(format!(
                "unknown corpus `{other}`; valid: tmdb-5000, keywords, ml-latest-small"
            )
            .into());
        }
    })
}

/// (number of ratings, mean rating) of every catalog entry in ml-latest-small's ratings.csv.
fn movielens_votes(dir: &DataDir, cat: &Catalog) -> Result<Votes, BoxError> {
    let r = dir.load_ratings(Dataset::MlLatestSmall)?;
    Ok(recsys::hybrid::content::rating_votes(&r, cat))
}

/// The document-term matrix of the corpus and its vocabulary size; times the fit.
fn vectorize(c: &Corpus, features: &str) -> Result<(CsrMatrix, usize, f64), BoxError> {
    let t = Instant::now();
    let (x, terms) = match features {
        "tfidf" => {
            let mut v = TfidfVectorizer::new()
                .ngram_range(1, 2)
                .stop_words(StopWords::english());
            let x = v.fit_transform(&c.docs)?;
            (x, v.vocabulary().map_or(0, |t| t.len()))
        }
        "soup" => {
            let (x, v) = soup::count_matrix(&c.catalog, &SoupParams::default())?;
            (x, v.vocabulary().map_or(0, |t| t.len()))
        }
        other => return Err(format!("unknown --features `{other}`; valid: tfidf, soup").into()),
    };
    Ok((x, terms, t.elapsed().as_secs_f64()))
}

#[path = "common/exit.rs"]
mod exit;

fn main() -> std::process::ExitCode {
    exit::exit_code(run(Args::parse()))
}

fn label(c: &Catalog, i: usize) -> String {
    let e = &c.entries()[i];
    let t = if e.title.is_empty() {
        format!("tmdb {}", e.tmdb_id.unwrap_or(0))
    } else {
        e.title.clone()
    };
    match e.year {
        Some(y) => format!("{t} ({y})"),
        None => t,
    }
}

fn run(args: Args) -> Result<(), BoxError> {
    if args.title.is_none() && args.all_neighbours.is_none() {
        return Err("nothing to do: pass --title T and/or --all-neighbours K".into());
    }
    let dir = DataDir::resolve(args.data.as_deref())?;
    let corpus = load(&dir, &args)?;
    if let Some(k) = args.all_neighbours {
        let (x, terms, fit_s) = vectorize(&corpus, &args.features)?;
        let t = Instant::now();
        let all = CosineIndex::new(&x).all_neighbours(k);
        let nb_s = t.elapsed().as_secs_f64();
        let out = json!({
            "corpus": args.corpus,
            "features": args.features,
            "docs": x.n_rows(),
            "terms": terms,
            "nnz": x.nnz(),
            "fit_seconds": fit_s,
            "neighbours_seconds": nb_s,
            "neighbour_lists": all.len(),
            "peak_rss_mib": peak_rss_mib(),
            "threads": rayon::current_num_threads(),
        });
        drop(all);
        if args.json {
            println!("{out}");
        } else {
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
    }
    if let Some(title) = &args.title {
        let (x, terms, _) = vectorize(&corpus, &args.features)?;
        let mut rec = ContentRecommender::from_matrix(&corpus.catalog, &x, terms)?;
        drop(x);
        if let Some(v) = corpus.votes.clone() {
            rec = rec.with_votes(v)?;
        }
        let cat = &corpus.catalog;
        let q = rec.titles().find_first(title)?;
        let p = ContentParams {
            top: args.top,
            pool: args.pool,
            quantile: args.quantile,
        };
        let list: Vec<ContentItem> = match args.rank.as_str() {
            "wr" => rec.similar_to(cat, q, &p)?,
            "cosine" => rec
                .neighbours(q, args.top)?
                .iter()
                .map(|n| ContentItem {
                    index: n.index,
                    title: label(cat, n.index),
                    year: cat.entries()[n.index].year,
                    similarity: n.score,
                    wr: None,
                })
                .collect(),
            other => return Err(format!("unknown --rank `{other}`; valid: wr, cosine").into()),
        };
        if args.json {
            println!(
                "{}",
                json!({ "corpus": args.corpus, "features": args.features, "title": title,
                        "matched": label(cat, q), "rank": args.rank, "recommendations": list })
            );
        } else {
            match args.rank.as_str() {
                "wr" => println!(
                    "{} [{} {}]: the {} most similar, re-ranked by weighted rating",
                    label(cat, q),
                    args.corpus,
                    args.features,
                    p.pool
                ),
                _ => println!(
                    "{} [{} {}]: the {} most similar by cosine",
                    label(cat, q),
                    args.corpus,
                    args.features,
                    args.top
                ),
            }
            for (k, x) in list.iter().enumerate() {
                let wr = x.wr.map_or(String::new(), |w| format!("  WR {w:.3}"));
                println!(
                    "{:>3}. {}  cos {:.4}{wr}",
                    k + 1,
                    label(cat, x.index),
                    x.similarity,
                );
            }
        }
    }
    Ok(())
}
