//! Saved models: raw bytes through the container's verification, well-formed containers
//! (valid checksums) with arbitrary metadata and sections through every model loader, and real
//! saved models of every kind (svd, svdpp, baseline, popularity, als, content-knn,
//! content-profile, hybrid) with fuzzed bytes and a recomputed checksum, so that the edits
//! reach the loaders' own checks.
#![no_main]
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use recsys_data::catalog::{Catalog, CatalogEntry, MovieDetails};
use recsys_core::persist::{ModelReader, ModelWriter};
use recsys_core::traits::{BoxError, Fit, Model, RatingModel};
use recsys_core::{DuplicatePolicy, InteractionsBuilder};

#[path = "common.rs"]
mod common;

/// The loaders by kind (what `recsys::models::model_from_reader` does, without the NCF crate).
fn load(r: &ModelReader) -> Result<Box<dyn Model>, BoxError> {
    let loaders = [
        recsys_mf::registry::LOADERS,
        recsys_hybrid::registry::LOADERS,
    ];
    let loader = loaders
        .into_iter()
        .flatten()
        .find(|l| l.kind == r.kind())
        .ok_or_else(|| format!("unknown kind {}", r.kind()))?;
    Ok((loader.load)(r, &load)?.model)
}

/// Valid files of every kind, fitted once on tiny data.
fn files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut b = InteractionsBuilder::new();
        for (u, i, r) in [(1, 10, 4.0), (1, 11, 2.0), (2, 10, 5.0), (2, 12, 3.0), (3, 11, 1.0), (3, 13, 4.0)] {
            b.push(u, i, r, Some(7)).expect("valid rating");
        }
        let train = b.build(DuplicatePolicy::KeepLast).expect("valid data");
        let (users, items) = (train.users(), train.items());
        let catalog = Catalog::new(
            [(10, "space ship galaxy"), (11, "space crew moon"), (12, "soup chef kitchen"), (13, "")]
                .into_iter()
                .map(|(id, text)| CatalogEntry {
                    movie_id: Some(id),
                    title: format!("Movie {id}"),
                    details: MovieDetails { overview: text.into(), ..Default::default() },
                    ..Default::default()
                })
                .collect(),
        );
        let content = recsys_hybrid::CatalogContent::fit(&catalog, recsys_hybrid::ContentFields::ALL, 3)
            .expect("content");
        let item_content = Arc::new(content.for_items(items));
        let svd = recsys_mf::SvdParams::default().factors(2).epochs(2).fit(&train).expect("svd");
        let svdpp = recsys_mf::SvdPpParams::default().factors(2).epochs(2).fit(&train).expect("svd++");
        let knn = recsys_hybrid::ContentKnnParams::default()
            .fit(&train, item_content.clone())
            .expect("knn");
        let profile = recsys_hybrid::ContentProfile::new(&train, item_content).expect("profile");
        let cf = Box::new(RatingModel::new(svd.clone(), items.len()).with_save());
        let hybrid = recsys_hybrid::Hybrid::new(cf, knn.clone(), &train, 5.0, 2.0).expect("hybrid");
        let baseline = recsys_mf::BaselineParams::default().fit(&train).expect("baseline");
        let popularity = recsys_mf::PopularityParams.fit(&train).expect("popularity");
        let als = recsys_mf::AlsParams::default()
            .with_factors(2)
            .with_iterations(2)
            .fit(&train)
            .expect("als");
        fn bytes<E: std::fmt::Debug>(w: Result<ModelWriter<'_>, E>) -> Vec<u8> {
            w.expect("writer").to_bytes().expect("bytes")
        }
        vec![
            bytes(svd.writer(users, items)),
            bytes(svdpp.writer(users, items)),
            bytes(baseline.writer(users, items)),
            bytes(popularity.writer(users, items)),
            bytes(als.writer(users, items)),
            bytes(knn.writer(users, items)),
            bytes(profile.writer(users, items)),
            bytes(hybrid.writer(users, items)),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    // 3. a real file of one kind with bytes overwritten, its checksum recomputed
    if let Some(bytes) = common::edited_model(files(), data)
        && let Ok(r) = ModelReader::from_bytes(bytes, "fuzz.model", None)
        && let Ok(m) = load(&r)
    {
        // a model that loads answers queries without panicking
        if let Some(p) = m.as_rating_predictor() {
            let _ = p.predict(0, 1);
            let _ = p.predict(99, 99);
        }
        if let Some(s) = m.as_scorer() {
            let mut out = [0.0f32; 3];
            s.score(1, &[0, 2, 1000], &mut out);
        }
    }
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
