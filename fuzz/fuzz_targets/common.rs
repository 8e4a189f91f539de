//! Shared by the targets: the parsers read files, so each input is written to a file in a
//! per-process temporary folder first; the first byte of an input picks what a target runs;
//! saved models are edited with their checksum recomputed. Each target uses some of it.
#![allow(dead_code)]

use std::path::PathBuf;

use recsys_core::persist::Xxh64;

/// Writes `data` to `name` in this process's scratch folder and returns the path.
pub fn file(name: &str, data: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recsys-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(name);
    std::fs::write(&p, data).expect("scratch folder is writable");
    p
}

/// The first byte of `data`, which picks what to run, and the rest, also written to `name`
/// (see [`file`]); `None` for empty data.
pub fn split_to_file<'a>(data: &'a [u8], name: &str) -> Option<(u8, &'a [u8], PathBuf)> {
    let (&sel, body) = data.split_first()?;
    Some((sel, body, file(name, body)))
}

/// One of `files` (saved models; the first byte of `data` picks it) with bytes overwritten and
/// the checksum recomputed, so that the edits reach the loaders' own checks: every three bytes
/// of the rest of `data` are an offset (little-endian, modulo the checksummed length) and the
/// byte to write there. `None` for empty data.
pub fn edited_model(files: &[Vec<u8>], data: &[u8]) -> Option<Vec<u8>> {
    let (&sel, edits) = data.split_first()?;
    let mut bytes = files[sel as usize % files.len()].clone();
    let n = bytes.len();
    for e in edits.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([e[0], e[1]])) % (n - 8);
        bytes[at] = e[2];
    }
    let sum = Xxh64::hash(&bytes[..n - 8], 0);
    bytes[n - 8..].copy_from_slice(&sum.to_le_bytes());
    Some(bytes)
}
