//! The dataset arguments shared by the subcommands (`--dataset NAME`, `--data DIR`) and how a
//! dataset is found: `--data`, then `RECSYS_DATA`, then the cache, where a missing GroupLens
//! archive is fetched with a progress bar (`recsys_data::search`).

use std::path::{Path, PathBuf};

use recsys::data::search::{self, Found};
use recsys::data::{DataDir, Dataset};

use crate::error::CliResult;

/// The environment variable that replaces the GroupLens base URL of downloads (a mirror, or a
/// local server in tests).
pub const DOWNLOAD_URL_ENV: &str = "RECSYS_DOWNLOAD_URL";

/// `--data DIR`: the data folder searched first.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DataArg {
    /// Data folder holding one sub-folder per dataset (searched first; then $RECSYS_DATA, then
    /// the cache $RECSYS_CACHE or ~/.cache/recsys).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

impl DataArg {
    /// The data folder holding `ds` ([`find_dataset`]).
    pub fn find(&self, ds: Dataset) -> CliResult<DataDir> {
        find_dataset(self.data.as_deref(), ds)
    }
}

/// Parses a dataset name for clap (`ml-100k`, `ml-1m`, `ml-latest-small`, `ratings-small`,
/// `tmdb-5000`); an unknown name lists the valid ones (a usage error: exit code 2).
pub fn parse_dataset(name: &str) -> Result<Dataset, String> {
    Dataset::from_name(name).map_err(|e| e.to_string())
}

/// The data folder holding `ds`: the first of `--data`, `RECSYS_DATA` and the cache that has
/// its folder; else, for a GroupLens archive, the cache after fetching it there with a progress
/// bar (feature `download`). The error of a dataset found nowhere names the folders looked in
/// and says what to download and where to put it.
pub fn find_dataset(data: Option<&Path>, ds: Dataset) -> CliResult<DataDir> {
    Ok(locate(data, ds)?.dir)
}

/// [`find_dataset`] with where the folder came from.
pub fn locate(data: Option<&Path>, ds: Dataset) -> CliResult<Found> {
    #[cfg(feature = "download")]
    {
        if let Some(found) = search::find(data, ds) {
            return Ok(found);
        }
        let bar = crate::progress::bytes(format!("downloading {ds}"));
        let b = bar.clone();
        let mut config = download_config().progress(move |n, total| {
            if let Some(t) = total {
                b.set_length(t);
            }
            b.set_position(n);
        });
        let found = search::locate_or_fetch(data, ds, &mut config);
        bar.finish_and_clear();
        if let Ok(f) = &found {
            eprintln!("{ds}: fetched into {}", f.dir.root().display());
        }
        Ok(found?)
    }
    #[cfg(not(feature = "download"))]
    Ok(search::locate(data, ds)?)
}

/// The download settings: [`DOWNLOAD_URL_ENV`] as the base URL when set.
#[cfg(feature = "download")]
pub fn download_config() -> recsys::data::download::DownloadConfig {
    let config = recsys::data::download::DownloadConfig::default();
    match std::env::var(DOWNLOAD_URL_ENV) {
        Ok(url) if !url.is_empty() => config.base_url(url),
        _ => config,
    }
}
