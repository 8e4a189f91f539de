//! Shared by the targets: the parsers read files, so each input is written to a file in a
//! per-process temporary folder first.

use std::path::PathBuf;

/// Writes `data` to `name` in this process's scratch folder and returns the path.
pub fn file(name: &str, data: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recsys-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(name);
    std::fs::write(&p, data).expect("scratch folder is writable");
    p
}
