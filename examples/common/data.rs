//! Shared by the examples: the data folder from `--data`, `RECSYS_DATA` or, with `--download`
//! (feature `download`), the cache into which a missing GroupLens archive is fetched; and, for a
//! run that names no dataset on a machine with no data folder, ml-latest-small fetched into the
//! cache (`recsys::data::search`).

#![allow(dead_code)] // each example uses a part

use std::path::Path;

use recsys::data::{DataDir, DataError, Dataset};

/// The data folder holding `ds`: `--data DIR`, else `$RECSYS_DATA`; with `download`, that folder
/// or the cache, after fetching `ds` there if it is missing (with a progress bar).
pub fn data_dir(data: Option<&Path>, ds: Dataset, download: bool) -> Result<DataDir, DataError> {
    #[cfg(feature = "download")]
    if download {
        let dir = match DataDir::resolve(data) {
            Ok(d) => d,
            Err(_) => DataDir::new(recsys::data::download::default_cache_dir()),
        };
        let (bar, mut opts) = download_bar(ds);
        dir.fetch_missing(ds, &mut opts)?;
        bar.finish_and_clear();
        return Ok(dir);
    }
    #[cfg(not(feature = "download"))]
    let _ = ds;
    #[cfg(not(feature = "download"))]
    if download {
        use recsys::core::WrapsCore;
        return Err(DataError::param(
            "--download",
            "build with `--features download`",
        ));
    }
    DataDir::resolve(data)
}

/// The data folder and dataset of a run that names no dataset: `preferred` where the search
/// order (`--data`, `RECSYS_DATA`, the cache) finds it. When no data folder is given at all
/// (neither `--data` nor `RECSYS_DATA`), ml-latest-small from the cache, fetched there first
/// when missing (feature `download`; without it, or with no network, the error says what to
/// download and where to put it). A data folder that is given but lacks `preferred` is an error.
pub fn default_dataset(
    data: Option<&Path>,
    preferred: Dataset,
) -> Result<(DataDir, Dataset), DataError> {
    use recsys::data::search;
    if let Some(found) = search::find(data, preferred) {
        return Ok((found.dir, preferred));
    }
    let given = data.is_some() || std::env::var_os("RECSYS_DATA").is_some_and(|v| !v.is_empty());
    if given {
        return search::locate(data, preferred).map(|f| (f.dir, preferred));
    }
    let fallback = Dataset::MlLatestSmall;
    eprintln!(
        "no data folder (--data, RECSYS_DATA) holds {preferred}: using {fallback} from the cache"
    );
    #[cfg(feature = "download")]
    {
        let (bar, mut opts) = download_bar(fallback);
        let found = search::locate_or_fetch(None, fallback, &mut opts);
        bar.finish_and_clear();
        Ok((found?.dir, fallback))
    }
    #[cfg(not(feature = "download"))]
    {
        let found = search::locate(None, fallback)?;
        Ok((found.dir, fallback))
    }
}

/// A download progress bar for `ds` and the download settings that drive it.
#[cfg(feature = "download")]
fn download_bar(
    ds: Dataset,
) -> (
    indicatif::ProgressBar,
    recsys::data::download::DownloadConfig,
) {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} {bar:40} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("downloading {ds}"));
    let b = bar.clone();
    let opts = recsys::data::download::DownloadConfig::default().progress(move |n, total| {
        if let Some(t) = total {
            b.set_length(t);
        }
        b.set_position(n);
    });
    (bar, opts)
}
