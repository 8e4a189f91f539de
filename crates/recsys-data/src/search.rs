//! Where a dataset is looked for, in order: `--data DIR`, the `RECSYS_DATA` environment
//! variable, then the download cache (feature `download`: `$RECSYS_CACHE`, else
//! `$XDG_CACHE_HOME/recsys`, else `~/.cache/recsys`). The first folder holding the dataset's
//! sub-folder wins; with the `download` feature a missing GroupLens archive is fetched into the
//! cache ([`locate_or_fetch`]), and when that fails the error says what to download and where to
//! put it.
//!
//! ```
//! use recsys_data::Dataset;
//! use recsys_data::search::{self, Origin};
//!
//! let root = tempfile::tempdir()?;
//! std::fs::create_dir(root.path().join("ml-100k"))?;
//! let found = search::find(Some(root.path()), Dataset::Ml100k).expect("in --data");
//! assert_eq!(found.origin, Origin::Flag);
//! assert_eq!(found.dir.root(), root.path());
//! assert!(search::find(Some(root.path()), Dataset::Ml1m).is_none_or(|f| f.origin != Origin::Flag));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{DataError, Result};
use crate::location::{DATA_ENV, DataDir, Dataset};

/// Where a data folder of the search order comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// `--data DIR` on the command line.
    Flag,
    /// The `RECSYS_DATA` environment variable.
    Env,
    /// The download cache.
    Cache,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Flag => "--data",
            Origin::Env => DATA_ENV,
            Origin::Cache => "cache",
        })
    }
}

/// One folder of the search order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Where it comes from.
    pub origin: Origin,
    /// The data folder (holding one sub-folder per dataset).
    pub root: PathBuf,
}

/// A dataset found: the data folder holding it and where that folder came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The data folder.
    pub dir: DataDir,
    /// Where it came from.
    pub origin: Origin,
}

/// The folders searched, in order: `cli` (`--data`), `$RECSYS_DATA` (when set and not empty),
/// then the cache (feature `download`). Empty values count as unset.
pub fn search_order(cli: Option<&Path>) -> Vec<Candidate> {
    let mut out = Vec::with_capacity(3);
    if let Some(p) = cli.filter(|p| !p.as_os_str().is_empty()) {
        out.push(Candidate {
            origin: Origin::Flag,
            root: p.to_path_buf(),
        });
    }
    if let Some(v) = std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()) {
        out.push(Candidate {
            origin: Origin::Env,
            root: PathBuf::from(v),
        });
    }
    if let Some(cache) = cache_dir() {
        out.push(Candidate {
            origin: Origin::Cache,
            root: cache,
        });
    }
    out
}

/// The cache folder, with the `download` feature.
fn cache_dir() -> Option<PathBuf> {
    #[cfg(feature = "download")]
    return Some(crate::download::default_cache_dir());
    #[cfg(not(feature = "download"))]
    None
}

/// The first folder of [`search_order`] holding `ds`'s sub-folder.
pub fn find(cli: Option<&Path>, ds: Dataset) -> Option<Found> {
    search_order(cli)
        .into_iter()
        .find(|c| c.root.join(ds.folder()).is_dir())
        .map(|c| Found {
            dir: DataDir::new(c.root),
            origin: c.origin,
        })
}

/// [`find`], or [`DataError::DatasetNotFound`] naming every folder looked in and saying what to
/// download and where to put it.
pub fn locate(cli: Option<&Path>, ds: Dataset) -> Result<Found> {
    find(cli, ds).ok_or_else(|| not_found(cli, ds, None))
}

/// The error of a dataset found nowhere: the folders looked in, the failed download if any,
/// and how to provide the data by hand.
fn not_found(cli: Option<&Path>, ds: Dataset, download_error: Option<&DataError>) -> DataError {
    let order = search_order(cli);
    let looked: Vec<String> = order
        .iter()
        .map(|c| format!("{} ({})", c.root.join(ds.folder()).display(), c.origin))
        .collect();
    let target = order
        .iter()
        .find(|c| c.origin == Origin::Cache)
        .or(order.first())
        .map_or_else(
            || format!("a folder named by --data or {DATA_ENV}"),
            |c| c.root.display().to_string(),
        );
    let what = match grouplens_url(ds) {
        Some(url) => format!(
            "download {url} and unzip it into {target} (it holds {}/)",
            ds.folder()
        ),
        None => format!(
            "{} is not downloadable without an account: get it from Kaggle and unpack it as {}/ in {target}",
            ds.name(),
            ds.folder()
        ),
    };
    let failed = download_error.map_or_else(String::new, |e| format!("; fetching it failed: {e}"));
    let looked = if looked.is_empty() {
        format!("no data folder (pass --data DIR or set {DATA_ENV})")
    } else {
        format!("looked in {}", looked.join(", "))
    };
    DataError::DatasetNotFound {
        name: ds.name().to_string(),
        path: order.first().map_or_else(
            || PathBuf::from("<no data folder>"),
            |c| c.root.join(ds.folder()),
        ),
        hint: format!(" ({looked}){failed}; to provide it, {what}"),
    }
}

/// The GroupLens URL of `ds`'s archive (`None` for the Kaggle sets).
fn grouplens_url(ds: Dataset) -> Option<String> {
    #[cfg(feature = "download")]
    return crate::download::archive(ds.name())
        .ok()
        .map(|a| crate::download::DownloadConfig::default().url_of(a));
    #[cfg(not(feature = "download"))]
    match ds {
        Dataset::Ml100k | Dataset::Ml1m | Dataset::MlLatestSmall => Some(format!(
            "https://files.grouplens.org/datasets/movielens/{}.zip",
            ds.folder()
        )),
        Dataset::RatingsSmall | Dataset::Tmdb5000 => None,
    }
}

/// [`find`]; when `ds` is found nowhere and is a GroupLens archive, fetches it into the cache
/// with `config` (feature `download`). A failed fetch, or a Kaggle set found nowhere, is a
/// [`DataError::DatasetNotFound`] that names the folders looked in, the download error, and what
/// to download and where to put it.
#[cfg(feature = "download")]
pub fn locate_or_fetch(
    cli: Option<&Path>,
    ds: Dataset,
    config: &mut crate::download::DownloadConfig,
) -> Result<Found> {
    if let Some(found) = find(cli, ds) {
        return Ok(found);
    }
    let Ok(archive) = crate::download::archive(ds.name()) else {
        return Err(not_found(cli, ds, None));
    };
    let cache = crate::download::default_cache_dir();
    match crate::download::fetch(archive, &cache, config) {
        Ok(_) => Ok(Found {
            dir: DataDir::new(cache),
            origin: Origin::Cache,
        }),
        Err(e) => Err(not_found(cli, ds, Some(&e))),
    }
}
