//! The summary of a dataset that `stats` prints (the `stats` example and `recsys data stats`):
//! sizes, sparsity, the rating histogram, activity distributions, genres, load time and memory;
//! for catalogs the movie count, the join with TMDB metadata and profit by year.

use std::fmt::Write as _;
use std::time::Instant;

use serde_json::{Value, json};

use super::{RatingStats, genre_counts, profit_by_year};
use crate::catalog;
use crate::error::Result;
use crate::location::{DataDir, Dataset};

/// A dataset's summary as one JSON object (keys: `dataset`, `users`, `items`, `ratings`,
/// `sparsity`, `mean_rating`, `histogram`, `per_user`, `per_item`, `time_range`, `load_ms`,
/// `bytes_per_rating`, `rss_growth_bytes_per_rating` (Linux), `genres`, `movies`, `join`,
/// `profit_by_year` (TMDB 5000), `catalog_error`).
pub type Summary = serde_json::Map<String, Value>;

/// The summary of `ds` in `dir`: its ratings (when it has some) and its catalog. A missing
/// dataset folder or a malformed ratings file is an error; a catalog that does not load is
/// reported under `catalog_error`.
///
/// ```
/// use recsys_data::{DataDir, Dataset, stats::summary};
/// let root = tempfile::tempdir()?;
/// let ml = root.path().join("ml-100k");
/// std::fs::create_dir(&ml)?;
/// std::fs::write(ml.join("u.data"), "1\t10\t4\t1\n1\t11\t3\t2\n2\t10\t5\t3\n")?;
/// let s = summary::summary(&DataDir::new(root.path()), Dataset::Ml100k)?;
/// assert_eq!((s["users"].as_u64(), s["ratings"].as_u64()), (Some(2), Some(3)));
/// assert!(summary::summary_text(&s).contains("ratings      3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(dir: &DataDir, ds: Dataset) -> Result<Summary> {
    dir.dataset_dir(ds)?;
    let mut out = serde_json::Map::new();
    out.insert("dataset".into(), json!(ds.name()));

    if ds.ratings_file().is_some() {
        let rss0 = rss_bytes();
        let t = Instant::now();
        let ratings = dir.load_ratings(ds)?;
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        let rss1 = rss_bytes();
        let s = RatingStats::of(&ratings);
        out.insert("users".into(), json!(s.users));
        out.insert("items".into(), json!(s.items));
        out.insert("ratings".into(), json!(s.ratings));
        out.insert("sparsity".into(), json!(s.sparsity));
        out.insert("mean_rating".into(), json!(s.mean_rating));
        out.insert(
            "histogram".into(),
            Value::Array(s.histogram.iter().map(|(r, c)| json!([r, c])).collect()),
        );
        out.insert("per_user".into(), json!(s.per_user));
        out.insert("per_item".into(), json!(s.per_item));
        out.insert("time_range".into(), json!(s.time_range));
        out.insert("load_ms".into(), json!(load_ms));
        out.insert(
            "bytes_per_rating".into(),
            json!(ratings.memory_bytes() as f64 / s.ratings.max(1) as f64),
        );
        if let (Some(a), Some(b)) = (rss0, rss1) {
            out.insert(
                "rss_growth_bytes_per_rating".into(),
                json!(b.saturating_sub(a) as f64 / s.ratings.max(1) as f64),
            );
        }
        if let Ok(movies) = dir.load_movies(ds) {
            out.insert("genres".into(), json!(genre_counts(&movies)));
        }
    }
    {
        match catalog::load_catalog(dir, ds) {
            Ok((cat, report)) => {
                out.insert("movies".into(), json!(cat.len()));
                out.insert("join".into(), json!(report));
                if ds == Dataset::Tmdb5000 {
                    out.insert("users".into(), json!(0));
                    out.insert("items".into(), json!(0));
                    out.insert("ratings".into(), json!(0));
                    out.insert("sparsity".into(), Value::Null);
                    let profit = profit_by_year(cat.entries().iter().filter_map(|e| {
                        Some((
                            i32::from(e.year?),
                            e.details.budget as f64,
                            e.details.revenue as f64,
                        ))
                    }));
                    out.insert("profit_by_year".into(), json!(profit));
                }
            }
            Err(e) => {
                out.insert("catalog_error".into(), json!(e.to_string()));
            }
        }
    }

    Ok(out)
}

/// The summary as the text `stats` prints.
pub fn summary_text(o: &Summary) -> String {
    let mut s = String::new();
    let get = |k: &str| o.get(k).cloned().unwrap_or(Value::Null);
    let _ = writeln!(s, "dataset      {}", get("dataset").as_str().unwrap_or(""));
    if let Some(r) = o.get("ratings").and_then(Value::as_u64).filter(|&r| r > 0) {
        let _ = writeln!(s, "users        {}", get("users"));
        let _ = writeln!(s, "items        {}", get("items"));
        let _ = writeln!(s, "ratings      {r}");
        let _ = writeln!(
            s,
            "sparsity     {:.4}%",
            get("sparsity").as_f64().unwrap_or(f64::NAN) * 100.0
        );
        let _ = writeln!(
            s,
            "mean rating  {:.3}",
            get("mean_rating").as_f64().unwrap_or(f64::NAN)
        );
        let _ = writeln!(
            s,
            "loaded in    {:.1} ms, {:.1} bytes/rating",
            get("load_ms").as_f64().unwrap_or(f64::NAN),
            get("bytes_per_rating").as_f64().unwrap_or(f64::NAN)
        );
        let _ = writeln!(s, "rating histogram:");
        if let Some(h) = o.get("histogram").and_then(Value::as_array) {
            let max = h
                .iter()
                .filter_map(|x| x[1].as_u64())
                .max()
                .unwrap_or(1)
                .max(1);
            for x in h {
                let c = x[1].as_u64().unwrap_or(0);
                let bar = "#".repeat((c * 50 / max) as usize);
                let _ = writeln!(s, "  {:>4}  {:>8}  {bar}", x[0], c);
            }
        }
        for key in ["per_user", "per_item"] {
            if let Some(c) = o.get(key).filter(|v| !v.is_null()) {
                let _ = writeln!(
                    s,
                    "ratings {:<9} min {} / median {} / p90 {} / max {} / mean {:.1}",
                    key.replace('_', " "),
                    c["min"],
                    c["median"],
                    c["p90"],
                    c["max"],
                    c["mean"].as_f64().unwrap_or(f64::NAN)
                );
            }
        }
    }
    if let Some(m) = o.get("movies") {
        let _ = writeln!(s, "movies       {m}");
    }
    if let Some(j) = o.get("join").and_then(Value::as_object) {
        let _ = writeln!(s, "join with metadata:");
        for (k, v) in j {
            let _ = writeln!(s, "  {k:<22} {v}");
        }
    }
    if let Some(g) = o.get("genres").and_then(Value::as_array) {
        let _ = writeln!(
            s,
            "genres (movies): {}",
            g.iter()
                .map(|x| format!("{} {}", x[0].as_str().unwrap_or(""), x[1]))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some(p) = o.get("profit_by_year").and_then(Value::as_array) {
        let _ = writeln!(s, "profit by year (last 10 years with data, USD millions):");
        for y in p.iter().rev().take(10).rev() {
            let _ = writeln!(
                s,
                "  {}  {:>3} movies  profit {:>9.1}",
                y["year"],
                y["movies"],
                y["profit"].as_f64().unwrap_or(0.0) / 1e6
            );
        }
    }
    if let Some(e) = o.get("catalog_error") {
        let _ = writeln!(s, "catalog: {e}");
    }
    s
}

/// Resident set size from /proc (Linux), for the memory report.
fn rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = s.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}
