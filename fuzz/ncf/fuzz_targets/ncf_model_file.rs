//! Saved NCF models (GMF, MLP, NeuMF) with fuzzed bytes and the checksum recomputed, so that
//! the edits reach `NcfModel::from_reader`'s own checks; a model that loads must score.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use recsys_core::persist::ModelReader;
use recsys_core::traits::Fit;
use recsys_core::{CandidateScorer, DuplicatePolicy, InteractionsBuilder};
use recsys_ncf::{NcfKind, NcfModel, NcfParams};

#[path = "../../fuzz_targets/common.rs"]
mod common;

/// One valid file of each network, fitted once on tiny data.
fn files() -> &'static [Vec<u8>] {
    static FILES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut b = InteractionsBuilder::new();
        for (u, i) in [(1, 10), (1, 11), (2, 12), (3, 10), (3, 12), (4, 13)] {
            b.push(u, i, 1.0, None).expect("valid rating");
        }
        let train = b.build(DuplicatePolicy::KeepLast).expect("valid data");
        [NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf]
            .into_iter()
            .map(|kind| {
                let m = NcfParams::new(kind)
                    .with_epochs(1)
                    .with_negatives(1)
                    .with_embedding(4)
                    .with_gmf_embedding(4)
                    .with_layers(vec![8, 4])
                    .fit(&train)
                    .expect("fit");
                m.writer(train.users(), train.items())
                    .expect("writer")
                    .to_bytes()
                    .expect("bytes")
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Some(bytes) = common::edited_model(files(), data)
        && let Ok(r) = ModelReader::from_bytes(bytes, "fuzz.model", None)
        && let Ok(saved) = NcfModel::from_reader(&r)
    {
        let mut out = [0.0f32; 3];
        saved.model.score(0, &[0, 1, 1000], &mut out);
        saved.model.score(99, &[2], &mut out[..1]);
    }
});
