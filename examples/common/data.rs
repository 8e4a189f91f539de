//! Shared by the examples: the data folder from `--data`, `RECSYS_DATA` or, with `--download`
//! (feature `download`), the cache into which a missing GroupLens archive is fetched.

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
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {bar:40} {bytes}/{total_bytes} ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(format!("downloading {ds}"));
        let b = bar.clone();
        let mut opts =
            recsys::data::download::DownloadConfig::default().progress(move |n, total| {
                if let Some(t) = total {
                    b.set_length(t);
                }
                b.set_position(n);
            });
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
