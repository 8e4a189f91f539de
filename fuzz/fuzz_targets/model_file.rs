//! Saved models: raw bytes through the container's verification, and well-formed containers
//! (valid checksums) with arbitrary metadata and sections through every model loader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_data::persist::{ModelReader, ModelWriter};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // 1. arbitrary bytes: must be rejected or verified, never panic
    let _ = ModelReader::from_bytes(data.to_vec(), "fuzz.model", None);
    // 2. a valid container whose contents the loaders must check
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let kind = ["svd", "svdpp", "baseline", "popularity", "als"][sel as usize % 5];
    let split = rest.len().min(64);
    let meta = serde_json::from_slice(&rest[..split]).unwrap_or(serde_json::Value::Null);
    let floats: Vec<f32> = rest[split..]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let ids: Vec<u64> = rest[split..].iter().map(|&b| u64::from(b)).collect();
    let names = [
        "user_bias",
        "item_bias",
        "user_factors",
        "item_factors",
        "implicit_factors",
        "users",
        "items",
        "counts",
    ];
    let mut w = ModelWriter::new(kind, meta);
    for (k, name) in names.iter().enumerate() {
        if sel & (1 << (k % 8)) == 0 {
            continue;
        }
        let n = floats.len();
        let _ = match k {
            2..=4 if n >= 2 => w.section_f32(*name, &[2, (n / 2) as u64], floats[..n / 2 * 2].to_vec()),
            5 | 6 => w.section_u64(*name, &[ids.len() as u64], ids.clone()),
            7 => w.section_u32(*name, &[ids.len() as u64], ids.iter().map(|&x| x as u32).collect::<Vec<_>>()),
            _ => w.section_f32(*name, &[n as u64], floats.clone()),
        };
    }
    let p = common::file("m.model", b"");
    if w.save(&p).is_ok() {
        let _ = recsys_mf::FactorModel::load(&p);
        let _ = recsys_mf::Baseline::load(&p);
        let _ = recsys_mf::Popularity::load(&p);
        let _ = recsys_mf::Als::load(&p);
    }
});
