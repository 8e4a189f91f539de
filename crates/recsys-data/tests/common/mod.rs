//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use recsys_data::location::{test_data_dir, test_peers_file};
use recsys_data::{DataDir, Dataset};

/// The real data folder from `RECSYS_DATA`, when the dataset is there.
///
/// Without it the test is skipped (returns `None`), except under `CI=true`, where a missing
/// dataset is a failure.
pub fn data_dir(ds: Dataset) -> Option<DataDir> {
    test_data_dir(ds).unwrap()
}

/// The peers' `protocol/ncf_loo_<name>.tsv` (same skip rule).
pub fn peers_file(name: &str) -> Option<PathBuf> {
    test_peers_file(&format!("protocol/ncf_loo_{name}.tsv")).unwrap()
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
