//! Fetch the public GroupLens MovieLens archives into a cache folder (feature `download`).
//!
//! [`fetch`] downloads an archive, checks its SHA-256 while it streams in, unpacks it into a
//! temporary folder next to the final one and renames that folder into place, so the cache
//! never holds a half-unpacked dataset under its final name. A dataset already in the cache is
//! returned without network access.
//!
//! ```no_run
//! use recsys_data::download::{self, DownloadConfig};
//!
//! let archive = download::archive("ml-100k")?;
//! let mut config = DownloadConfig::default()
//!     .progress(|done, total| eprint!("\r{done} / {total:?} bytes"));
//! let folder = download::fetch(archive, &download::default_cache_dir(), &mut config)?;
//! assert!(folder.join("u.data").is_file());
//! # Ok::<(), recsys_data::DataError>(())
//! ```

use recsys_core::WrapsCore;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::error::{DataError, Result};

/// One downloadable archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archive {
    /// Dataset name, e.g. `"ml-100k"`.
    pub name: &'static str,
    /// File name on the server, appended to the base URL, e.g. `"ml-100k.zip"`.
    pub file: &'static str,
    /// Expected SHA-256 of the file (lower-case hex).
    pub sha256: &'static str,
    /// Size of the file in bytes.
    pub size: u64,
    /// Top-level folder inside the zip, and the folder name in the cache, e.g. `"ml-100k"`.
    pub folder: &'static str,
}

// Sizes and SHA-256 of the GroupLens files: TensorFlow Datasets,
// tensorflow/datasets: tensorflow_datasets/url_checksums/movielens.txt (url, size, sha256).
// ml-1m's SHA-256 also appears in tensorflow/models: official/recommendation/movielens.py.
/// The archives known: `ml-100k`, `ml-1m`, `ml-latest-small`.
pub const ARCHIVES: &[Archive] = &[
    Archive {
        name: "ml-100k",
        file: "ml-100k.zip",
        sha256: "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229",
        size: 4_924_029,
        folder: "ml-100k",
    },
    Archive {
        name: "ml-1m",
        file: "ml-1m.zip",
        sha256: "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20",
        size: 5_917_549,
        folder: "ml-1m",
    },
    Archive {
        name: "ml-latest-small",
        file: "ml-latest-small.zip",
        sha256: "696d65a3dfceac7c45750ad32df2c259311949efec81f0f144fdfb91ebc9e436",
        size: 978_202,
        folder: "ml-latest-small",
    },
];

/// Default base URL; an archive's file name is appended to it.
pub const GROUPLENS_BASE_URL: &str = "https://files.grouplens.org/datasets/movielens/";

/// Look up an archive by dataset name ([`DataError::UnknownDataset`] lists the valid names).
pub fn archive(name: &str) -> Result<&'static Archive> {
    ARCHIVES
        .iter()
        .find(|a| a.name == name)
        .ok_or_else(|| DataError::UnknownDataset {
            name: name.to_string(),
            valid: ARCHIVES
                .iter()
                .map(|a| a.name)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The cache folder: `$RECSYS_CACHE` if set, else `$XDG_CACHE_HOME/recsys`, else
/// `$HOME/.cache/recsys` (then `%USERPROFILE%\.cache\recsys`, then `<temp dir>/recsys-cache`).
///
/// Empty variables count as unset, and `XDG_CACHE_HOME` must be absolute (as the XDG spec says).
pub fn default_cache_dir() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("RECSYS_CACHE") {
        return dir;
    }
    if let Some(dir) = var("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
        return dir.join("recsys");
    }
    match var("HOME").or_else(|| var("USERPROFILE")) {
        Some(home) => home.join(".cache").join("recsys"),
        None => std::env::temp_dir().join("recsys-cache"),
    }
}

/// A progress callback: bytes received so far, and the total if known.
type Progress = Box<dyn FnMut(u64, Option<u64>) + Send>;

/// Settings of [`fetch`]: base URL, timeout and a progress callback.
pub struct DownloadConfig {
    base_url: String,
    timeout: Option<Duration>,
    progress: Option<Progress>,
}

impl Default for DownloadConfig {
    /// [`GROUPLENS_BASE_URL`], a 60 s timeout, no progress callback.
    fn default() -> Self {
        DownloadConfig {
            base_url: GROUPLENS_BASE_URL.to_string(),
            timeout: Some(Duration::from_secs(60)),
            progress: None,
        }
    }
}

impl fmt::Debug for DownloadConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DownloadConfig")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("progress", &self.progress.as_ref().map(|_| "<callback>"))
            .finish()
    }
}

impl DownloadConfig {
    /// The base URL the archive's file name is appended to (a `/` is added if missing).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Timeout for connecting and for each read of the response, so a stalled transfer fails;
    /// `None` waits forever. The whole download may take longer.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// A callback called after each chunk received with the bytes so far and the total size
    /// (from `Content-Length`, else the archive's known size).
    pub fn progress(mut self, f: impl FnMut(u64, Option<u64>) + Send + 'static) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// The URL of `archive` under the base URL.
    pub fn url_of(&self, archive: &Archive) -> String {
        let sep = if self.base_url.ends_with('/') {
            ""
        } else {
            "/"
        };
        format!("{}{sep}{}", self.base_url, archive.file)
    }
}

/// Ensure `<cache_dir>/<archive.folder>` exists and is complete, and return its path.
///
/// If the folder exists it is returned without network access (folders only ever appear there
/// complete). Otherwise the archive is downloaded into a uniquely named temporary file in
/// `cache_dir` while its SHA-256 is computed, checked against `archive.sha256`
/// ([`DataError::Checksum`] on mismatch), the files under `archive.folder/` are unpacked into a
/// temporary sibling folder, and that folder is renamed into place. A crash or failure never
/// leaves a partial folder under the final name, the temporary file and folder are removed on
/// failure, and when a concurrent fetch wins the race its folder is kept and returned.
///
/// Errors: [`DataError::Download`] for network and HTTP errors and malformed archives (including
/// entries whose path would escape the folder), [`DataError::Checksum`], [`CoreError::Io`](recsys_core::CoreError::Io).
pub fn fetch(archive: &Archive, cache_dir: &Path, config: &mut DownloadConfig) -> Result<PathBuf> {
    let target = cache_dir.join(archive.folder);
    if target.is_dir() {
        return Ok(target);
    }
    fs::create_dir_all(cache_dir).map_err(|e| DataError::io(cache_dir, e))?;
    let url = config.url_of(archive);
    let tag = unique_tag();
    let zip_path = Cleanup::new(cache_dir.join(format!(".{}.{tag}.part", archive.file)));
    download(&url, archive, &zip_path.0, config)?;

    let tmp_dir = Cleanup::new(cache_dir.join(format!(".{}.{tag}.tmp", archive.folder)));
    fs::create_dir(&tmp_dir.0).map_err(|e| DataError::io(&tmp_dir.0, e))?;
    unpack(&zip_path.0, archive.folder, &tmp_dir.0, &url)?;
    drop(zip_path);

    match fs::rename(&tmp_dir.0, &target) {
        Ok(()) => {
            tmp_dir.keep();
            Ok(target)
        }
        // Another fetch finished first: keep its folder, ours is removed by `tmp_dir`.
        Err(_) if target.is_dir() => Ok(target),
        Err(e) => Err(DataError::io(&target, e)),
    }
}

/// Download `url` into `dest`, hashing while it streams in, and check the SHA-256.
fn download(url: &str, archive: &Archive, dest: &Path, config: &mut DownloadConfig) -> Result<()> {
    let download_err = |reason: String| DataError::Download {
        url: url.to_string(),
        reason,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(config.timeout)
        .timeout_per_read(config.timeout)
        .build()
        .into();
    let response = agent.get(url).call().map_err(|e| match e {
        ureq::Error::StatusCode(code) => download_err(format!("HTTP status {code}")),
        e => download_err(e.to_string()),
    })?;
    let body = response.into_body();
    let total = body.content_length().or(Some(archive.size));
    // Read at most one byte more than expected: a longer body fails the checksum anyway.
    let mut reader = body.into_reader().take(archive.size.saturating_add(1));

    let mut file = File::create(dest).map_err(|e| DataError::io(dest, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut done = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(download_err(e.to_string())),
        };
        let chunk = &buf[..n];
        hasher.update(chunk);
        file.write_all(chunk).map_err(|e| DataError::io(dest, e))?;
        done += n as u64;
        if let Some(progress) = config.progress.as_mut() {
            progress(done, total);
        }
    }
    file.sync_all().map_err(|e| DataError::io(dest, e))?;

    let actual: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if !actual.eq_ignore_ascii_case(archive.sha256) {
        return Err(DataError::Checksum {
            path: dest.with_file_name(archive.file),
            expected: archive.sha256.to_ascii_lowercase(),
            actual,
        });
    }
    Ok(())
}

/// Extract the files under `folder/` of the zip at `zip_path` into `dest` (without `folder/`).
fn unpack(zip_path: &Path, folder: &str, dest: &Path, url: &str) -> Result<()> {
    let bad = |reason: String| DataError::Download {
        url: url.to_string(),
        reason: format!("invalid archive {}: {reason}", zip_path.display()),
    };
    let file = File::open(zip_path).map_err(|e| DataError::io(zip_path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    let mut files = 0usize;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let Some(path) = entry.enclosed_name() else {
            return Err(bad(format!("entry `{name}` escapes the archive folder")));
        };
        // Only entries under `folder/`; their path below it must be plain names (no `..`).
        let Ok(rel) = path.strip_prefix(folder) else {
            continue;
        };
        let mut out = dest.to_path_buf();
        for c in rel.components() {
            match c {
                Component::Normal(part) => out.push(part),
                Component::CurDir => {}
                _ => return Err(bad(format!("entry `{name}` escapes the archive folder"))),
            }
        }
        if entry.is_dir() {
            fs::create_dir_all(&out).map_err(|e| DataError::io(&out, e))?;
            continue;
        }
        if !entry.is_file() || out == dest {
            continue; // symbolic links and the folder itself are not extracted
        }
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(|e| DataError::io(parent, e))?;
        }
        let mut f = File::create(&out).map_err(|e| DataError::io(&out, e))?;
        io::copy(&mut entry, &mut f).map_err(|e| DataError::io(&out, e))?;
        f.sync_all().map_err(|e| DataError::io(&out, e))?;
        files += 1;
    }
    if files == 0 {
        return Err(bad(format!("no files under `{folder}/`")));
    }
    Ok(())
}

/// A name part unique to this process and call: pid, time and a counter.
fn unique_tag() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{}-{nanos}-{n}", std::process::id())
}

/// A temporary file or folder removed on drop unless [`Cleanup::keep`] is called.
struct Cleanup(PathBuf);

impl Cleanup {
    fn new(path: PathBuf) -> Self {
        Cleanup(path)
    }

    fn keep(mut self) {
        self.0 = PathBuf::new();
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if self.0.as_os_str().is_empty() {
            return;
        }
        // Best effort: nothing useful can be done if removal fails.
        let is_dir = fs::symlink_metadata(&self.0).is_ok_and(|m| m.is_dir());
        let _ = if is_dir {
            fs::remove_dir_all(&self.0)
        } else {
            fs::remove_file(&self.0)
        };
    }
}
