//! Shared helpers of the model-file tests.
#![allow(dead_code)]

use recsys_core::CoreError;
use recsys_core::persist::{ModelFileProblem, ModelWriter, Xxh64};
use serde_json::json;

/// The values of section `p` of [`add_every_dtype`].
pub const P: [f32; 6] = [1.0, -2.5, 3.25, 0.0, f32::MIN_POSITIVE, 1e30];

/// Adds one section of every dtype: `p` (`f32`, 2×3), `mean` (`f64`, scalar), `counts` (`u32`),
/// `ids` (`u64`) and `note` (bytes).
pub fn add_every_dtype(w: &mut ModelWriter<'_>) {
    w.section_f32("p", &[2, 3], P.to_vec())
        .unwrap()
        .section_f64("mean", &[], vec![3.5])
        .unwrap()
        .section_u32("counts", &[3], vec![1, 2, u32::MAX])
        .unwrap()
        .section_u64("ids", &[2], vec![7, u64::MAX])
        .unwrap()
        .section_bytes("note", &[5], b"hello".as_slice())
        .unwrap();
}

/// A small file with one section of every dtype.
pub fn small_file() -> Vec<u8> {
    let mut w = ModelWriter::new("svd", json!({"factors": 2, "lr": 0.005, "name": "tiny"}));
    add_every_dtype(&mut w);
    w.to_bytes().unwrap()
}

pub fn problem(e: CoreError) -> ModelFileProblem {
    match e {
        CoreError::ModelFile { problem, .. } => problem,
        other => panic!("expected a model-file error, got {other:?}"),
    }
}

/// Rewrites the checksum after editing `bytes`, so that only the edit is wrong.
pub fn reseal(bytes: &mut [u8]) {
    let n = bytes.len() - 8;
    let sum = Xxh64::hash(&bytes[..n], 0);
    bytes[n..].copy_from_slice(&sum.to_le_bytes());
}

/// Byte offset of the count of sections in a file written by `ModelWriter` with `kind` and
/// `meta_json`.
pub fn count_offset(kind: &str, meta_json: &str) -> usize {
    8 + 4 + 8 + 4 + kind.len() + 8 + meta_json.len()
}
