//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use recsys_data::{DataDir, Dataset};

/// The real data folder from `RECSYS_DATA`, when the dataset is there.
///
/// Without it the test is skipped (returns `None`), except under `CI=true`, where a missing
/// dataset is a failure.
pub fn data_dir(ds: Dataset) -> Option<DataDir> {
    let root = std::env::var_os("RECSYS_DATA").map(PathBuf::from);
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match root {
        Some(r) if r.join(ds.folder()).is_dir() => Some(DataDir::new(r)),
        other => {
            let msg = format!(
                "dataset {ds} not found (RECSYS_DATA={:?}, looked for folder {})",
                other,
                ds.folder()
            );
            assert!(!ci, "{msg}: under CI=true a missing dataset is a failure");
            eprintln!("skipping: {msg}");
            None
        }
    }
}

/// Writes `content` to `name` in a fresh temporary folder and returns (folder guard, path).
pub fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, content).expect("write");
    (dir, p)
}
