//! `recsys data fetch|list|stats`: the datasets — fetch the GroupLens archives into the cache,
//! show where each dataset is found, print a dataset's summary.

use std::time::Instant;

use clap::Subcommand;
use recsys::data::Dataset;
use recsys::data::search::{self, Origin};
use recsys::data::stats::summary;
use serde::Serialize;
use serde_json::json;

use crate::data_arg::{self, DataArg, parse_dataset};
use crate::error::CliResult;
use crate::output::print_json;

/// Arguments of `recsys data`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: DataCommand,
    #[command(flatten)]
    data: DataArg,
}

/// The subcommands of `recsys data`.
#[derive(Subcommand, Debug)]
enum DataCommand {
    /// Download GroupLens archives (ml-100k, ml-1m, ml-latest-small) into the cache
    /// ($RECSYS_CACHE, else $XDG_CACHE_HOME/recsys, else ~/.cache/recsys): SHA-256-verified,
    /// unpacked atomically. A dataset already found (--data, $RECSYS_DATA, the cache) is not
    /// downloaded again.
    Fetch {
        /// The datasets to fetch.
        #[arg(value_parser = parse_dataset, default_value = "ml-latest-small")]
        datasets: Vec<Dataset>,
        /// One JSON object per dataset instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Every dataset: whether it is present and where it was found (search order: --data,
    /// $RECSYS_DATA, then the cache).
    List {
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// A dataset's summary: users, items, ratings, sparsity, rating histogram, activity,
    /// genres; for catalogs the movie count, the join with TMDB metadata and profit by year.
    Stats {
        /// ml-100k, ml-1m, ml-latest-small, ratings-small or tmdb-5000.
        #[arg(long, value_parser = parse_dataset)]
        dataset: Dataset,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `recsys data`.
pub fn run(args: Args) -> CliResult<()> {
    match args.command {
        DataCommand::Fetch { datasets, json } => fetch(&args.data, &datasets, json),
        DataCommand::List { json } => list(&args.data, json),
        DataCommand::Stats { dataset, json } => {
            let dir = args.data.find(dataset)?;
            let s = crate::progress::with_spinner(format!("reading {dataset}"), || {
                summary::summary(&dir, dataset)
            })?;
            if json {
                print_json(&s)
            } else {
                print!("{}", summary::summary_text(&s));
                Ok(())
            }
        }
    }
}

/// One line of `data fetch`.
#[derive(Serialize)]
struct Fetched {
    dataset: &'static str,
    path: String,
    origin: Origin,
    fetched: bool,
    seconds: f64,
}

fn fetch(data: &DataArg, datasets: &[Dataset], json: bool) -> CliResult<()> {
    for &ds in datasets {
        let t = Instant::now();
        let before = search::find(data.data.as_deref(), ds);
        let fetched = before.is_none();
        let found = match before {
            Some(f) => f,
            None => data_arg::locate(data.data.as_deref(), ds)?,
        };
        let line = Fetched {
            dataset: ds.name(),
            path: found.dir.root().join(ds.folder()).display().to_string(),
            origin: found.origin,
            fetched,
            seconds: t.elapsed().as_secs_f64(),
        };
        if json {
            print_json(&line)?;
        } else if line.fetched {
            println!(
                "{}: fetched into {} in {:.1} s",
                line.dataset, line.path, line.seconds
            );
        } else {
            println!(
                "{}: already present at {} (from {})",
                line.dataset, line.path, line.origin
            );
        }
    }
    Ok(())
}

fn list(data: &DataArg, json: bool) -> CliResult<()> {
    let order = search::search_order(data.data.as_deref());
    let found: Vec<(Dataset, Option<search::Found>)> = Dataset::ALL
        .iter()
        .map(|&ds| (ds, search::find(data.data.as_deref(), ds)))
        .collect();
    let path =
        |ds: Dataset, f: &search::Found| f.dir.root().join(ds.folder()).display().to_string();
    if json {
        let order: Vec<_> = order
            .iter()
            .map(|c| json!({"origin": c.origin, "root": c.root.display().to_string()}))
            .collect();
        let rows: Vec<_> = found
            .iter()
            .map(|(ds, f)| {
                json!({
                    "dataset": ds.name(),
                    "folder": ds.folder(),
                    "present": f.is_some(),
                    "path": f.as_ref().map(|f| path(*ds, f)),
                    "origin": f.as_ref().map(|f| f.origin),
                    "downloadable": downloadable(*ds),
                })
            })
            .collect();
        return print_json(&json!({"search_order": order, "datasets": rows}));
    }
    println!("search order:");
    for (k, c) in order.iter().enumerate() {
        println!("  {}. {} ({})", k + 1, c.root.display(), c.origin);
    }
    println!();
    for (ds, f) in &found {
        let name = ds.name();
        match f {
            Some(f) => println!("{name:<16} present  {} (from {})", path(*ds, f), f.origin),
            None if downloadable(*ds) => {
                println!("{name:<16} missing  (`recsys data fetch {name}` downloads it)")
            }
            None => println!(
                "{name:<16} missing  (from Kaggle: place {}/ in a data folder by hand)",
                ds.folder()
            ),
        }
    }
    Ok(())
}

/// Whether `ds` is a GroupLens archive that `data fetch` can download.
fn downloadable(ds: Dataset) -> bool {
    #[cfg(feature = "download")]
    return recsys::data::download::archive(ds.name()).is_ok();
    #[cfg(not(feature = "download"))]
    {
        let _ = ds;
        false
    }
}
