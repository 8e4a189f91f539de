//! Where datasets live: a data folder given by `--data DIR` or the `RECSYS_DATA` environment
//! variable, holding one sub-folder per dataset named as the public archives name them.

use recsys_core::WrapsCore;
use std::path::{Path, PathBuf};

use crate::error::{DataError, Result};
use crate::movielens::{self, Movie, RatingsFormat};
use recsys_core::interactions::{DuplicatePolicy, Interactions};

/// The environment variable naming the data folder.
pub const DATA_ENV: &str = "RECSYS_DATA";

/// The datasets this crate knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dataset {
    /// MovieLens 100K (`ml-100k/`): 943 users, 1,682 movies, 100,000 ratings.
    Ml100k,
    /// MovieLens 1M (`ml-1m/`): 6,040 users, 3,883 movies, 1,000,209 ratings.
    Ml1m,
    /// MovieLens latest-small (`ml-latest-small/`): 610 users, 9,742 movies, 100,836 ratings.
    MlLatestSmall,
    /// The Movies Dataset's `ratings_small.csv` (`the-movies-dataset/`): 671 users, 100,004 ratings.
    RatingsSmall,
    /// TMDB 5000 (`tmdb-5000/`): 4,803 movies with metadata and credits; no ratings.
    Tmdb5000,
}

impl Dataset {
    /// Every dataset, in a stable order.
    pub const ALL: [Dataset; 5] = [
        Dataset::Ml100k,
        Dataset::Ml1m,
        Dataset::MlLatestSmall,
        Dataset::RatingsSmall,
        Dataset::Tmdb5000,
    ];

    /// The short name used on command lines (`ml-100k`, `ratings-small`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Ml100k => "ml-100k",
            Dataset::Ml1m => "ml-1m",
            Dataset::MlLatestSmall => "ml-latest-small",
            Dataset::RatingsSmall => "ratings-small",
            Dataset::Tmdb5000 => "tmdb-5000",
        }
    }

    /// The folder under the data directory.
    pub fn folder(self) -> &'static str {
        match self {
            Dataset::RatingsSmall => "the-movies-dataset",
            other => other.name(),
        }
    }

    /// The ratings file inside the folder and its format (`None` for catalogs without ratings).
    pub fn ratings_file(self) -> Option<(&'static str, RatingsFormat)> {
        match self {
            Dataset::Ml100k => Some(("u.data", RatingsFormat::Tab)),
            Dataset::Ml1m => Some(("ratings.dat", RatingsFormat::DoubleColon)),
            Dataset::MlLatestSmall => Some(("ratings.csv", RatingsFormat::Csv)),
            Dataset::RatingsSmall => Some(("ratings_small.csv", RatingsFormat::Csv)),
            Dataset::Tmdb5000 => None,
        }
    }

    /// Parses a name; unknown names get an error listing the valid ones.
    pub fn from_name(name: &str) -> Result<Dataset> {
        Dataset::ALL
            .into_iter()
            .find(|d| d.name() == name || d.folder() == name)
            .ok_or_else(|| DataError::UnknownDataset {
                name: name.to_string(),
                valid: Dataset::ALL.map(Dataset::name).join(", "),
            })
    }
}

impl std::fmt::Display for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Dataset {
    type Err = DataError;
    fn from_str(s: &str) -> Result<Self> {
        Dataset::from_name(s)
    }
}

/// A data folder.
///
/// ```
/// use recsys_data::{DataDir, Dataset};
/// let dir = DataDir::new("/nonexistent");
/// let err = dir.load_ratings(Dataset::Ml100k).unwrap_err();
/// assert!(err.to_string().contains("/nonexistent/ml-100k"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root` (not checked until a dataset is read).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `--data DIR` if given, else `$RECSYS_DATA`; an error saying how to provide data otherwise.
    pub fn resolve(cli: Option<&Path>) -> Result<Self> {
        if let Some(p) = cli {
            return Ok(Self::new(p));
        }
        match std::env::var_os(DATA_ENV) {
            Some(v) if !v.is_empty() => Ok(Self::new(PathBuf::from(v))),
            _ => Err(DataError::DatasetNotFound {
                name: "(any)".into(),
                path: PathBuf::from("<no data folder>"),
                hint: format!(
                    "; pass --data DIR or set {DATA_ENV} to a folder holding ml-100k/, ml-latest-small/, ... \
                     (or build with the `download` feature to fetch the GroupLens archives)"
                ),
            }),
        }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of `ds`, which must exist.
    pub fn dataset_dir(&self, ds: Dataset) -> Result<PathBuf> {
        let p = self.root.join(ds.folder());
        self.found(ds, p.is_dir(), p)
    }

    /// A file of `ds`, which must exist.
    pub fn file(&self, ds: Dataset, name: &str) -> Result<PathBuf> {
        let p = self.dataset_dir(ds)?.join(name);
        self.found(ds, p.exists(), p)
    }

    /// `path` if it `exists`, else [`DataError::DatasetNotFound`] for `ds` with a hint naming
    /// this folder.
    fn found(&self, ds: Dataset, exists: bool, path: PathBuf) -> Result<PathBuf> {
        if exists {
            return Ok(path);
        }
        Err(DataError::DatasetNotFound {
            name: ds.name().into(),
            path,
            hint: format!(
                " (data folder {}, from --data or {DATA_ENV}; folder names as in the public archives)",
                self.root.display()
            ),
        })
    }

    /// The ratings of `ds` (duplicates merged by [`DuplicatePolicy::KeepLast`]; MovieLens has none).
    pub fn load_ratings(&self, ds: Dataset) -> Result<Interactions> {
        let Some((file, format)) = ds.ratings_file() else {
            return Err(DataError::param("dataset", format!("{ds} has no ratings")));
        };
        movielens::read_ratings(&self.file(ds, file)?, format, DuplicatePolicy::KeepLast)
    }

    /// The MovieLens movie list of `ds` (`u.item`, `movies.dat` or `movies.csv`). For
    /// ratings-small, The Movies Dataset ships no MovieLens movie list.
    pub fn load_movies(&self, ds: Dataset) -> Result<Vec<Movie>> {
        match ds {
            Dataset::Ml100k => movielens::read_ml100k_items(&self.file(ds, "u.item")?),
            Dataset::Ml1m => movielens::read_dat_movies(&self.file(ds, "movies.dat")?),
            Dataset::MlLatestSmall => movielens::read_csv_movies(&self.file(ds, "movies.csv")?),
            Dataset::RatingsSmall | Dataset::Tmdb5000 => Err(DataError::param(
                "dataset",
                format!("{ds} has no MovieLens movie list; use the catalog"),
            )),
        }
    }

    /// Downloads `ds` into this folder when it is missing (feature `download`; GroupLens archives
    /// only: ml-100k, ml-1m, ml-latest-small). Returns the dataset folder.
    #[cfg(feature = "download")]
    pub fn fetch_missing(
        &self,
        ds: Dataset,
        config: &mut crate::download::DownloadConfig,
    ) -> Result<PathBuf> {
        if let Ok(p) = self.dataset_dir(ds) {
            return Ok(p);
        }
        let archive = crate::download::archive(ds.name())?;
        std::fs::create_dir_all(&self.root).map_err(|e| DataError::io(&self.root, e))?;
        crate::download::fetch(archive, &self.root, config)
    }
}

/// Whether the environment says this is a CI run (`CI=true`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// What a test suite does when test data is missing at `path`: skip (`Ok(None)`, with a note on
/// stderr), except under `CI=true`, where it is a [`DataError::DatasetNotFound`] for `name`.
fn missing<T>(name: &str, path: PathBuf, ci_hint: &str, skip_note: String) -> Result<Option<T>> {
    if in_ci() {
        Err(DataError::DatasetNotFound {
            name: name.into(),
            path,
            hint: ci_hint.into(),
        })
    } else {
        eprintln!("skipping: {skip_note}");
        Ok(None)
    }
}

#[doc(hidden)] // test support for the workspace's suites, not part of the documented API
/// For test suites: the data folder from `RECSYS_DATA` when it holds `ds`; `Ok(None)` (skip the
/// test) when it does not, except under `CI=true`, where a missing dataset is an error.
pub fn test_data_dir(ds: Dataset) -> Result<Option<DataDir>> {
    let root = std::env::var_os(DATA_ENV).map(PathBuf::from);
    match root {
        Some(r) if r.join(ds.folder()).is_dir() => Ok(Some(DataDir::new(r))),
        other => {
            let path = other
                .unwrap_or_else(|| PathBuf::from("<RECSYS_DATA unset>"))
                .join(ds.folder());
            let note = format!("dataset {ds} not found at {}", path.display());
            missing(
                ds.name(),
                path,
                " (under CI=true a missing dataset is a failure)",
                note,
            )
        }
    }
}

#[doc(hidden)] // test support for the workspace's suites, not part of the documented API
/// For test suites: a file of the peers' benchmark folder (`RESULTS.md`, `protocol/...`):
/// `$RECSYS_PEERS/<rel>`, else `$RECSYS_DATA/../peers/<rel>`. Same skip rule as
/// [`test_data_dir`].
pub fn test_peers_file(rel: &str) -> Result<Option<PathBuf>> {
    let dir = std::env::var_os("RECSYS_PEERS")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os(DATA_ENV).map(|d| Path::new(&d).join("../peers")));
    let path = dir
        .unwrap_or_else(|| PathBuf::from("<RECSYS_PEERS unset>"))
        .join(rel);
    if path.is_file() {
        return Ok(Some(path));
    }
    let note = format!("{} not found", path.display());
    missing(
        "peers",
        path,
        " (set RECSYS_PEERS; under CI=true a missing file is a failure)",
        note,
    )
}
