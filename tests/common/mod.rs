//! Shared by the root integration tests (`mod common;`): tiny rating matrices, the data and the
//! peers' files of `RECSYS_DATA` prepared under a protocol, and a model's outputs as bits.

use std::path::PathBuf;

use recsys::core::{DuplicatePolicy, Interactions, InteractionsBuilder, Model};
use recsys::data::Dataset;
use recsys::data::location::{test_data_dir, test_peers_file};
use recsys::eval::protocol::{self, Prepared, ProtocolConfig, ProtocolKind};

/// The matrix of `(user, item, rating)` rows (raw ids, no timestamps).
pub fn ratings(rows: &[(u64, u64, f32)]) -> Interactions {
    Interactions::from_ratings(rows.iter().copied()).unwrap()
}

/// `users` × `items` with about 40% of the cells rated 1..5 in a fixed pattern, timestamps
/// increasing by user then item.
pub fn patterned(users: u64, items: u64) -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..users {
        for i in 0..items {
            if (u * 7 + i * 11) % 5 < 2 {
                let r = 1.0 + ((u * 3 + i) % 5) as f32;
                b.push(u, i, r, Some((u * 100 + i) as u32)).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// `bytes` written to `name` in a new temporary folder, which lives as long as the guard.
pub fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    (d, p)
}

/// `ds` cut by leave-latest-out with the peers' candidates file `rel` (their sampled
/// negatives); `None` (a skip) when the dataset or the file is missing.
pub fn with_peers_candidates(ds: Dataset, rel: &str) -> Option<Prepared> {
    with_peers_file(ds, rel, |cands| ProtocolConfig {
        candidates: Some(cands),
        ..ProtocolConfig::new(ProtocolKind::LooSampled)
    })
}

/// `ds` with the ratings of the peers' test file `rel` held out; `None` (a skip) when the
/// dataset or the file is missing.
pub fn with_peers_test_file(ds: Dataset, rel: &str) -> Option<Prepared> {
    with_peers_file(ds, rel, |f| ProtocolConfig {
        test_file: Some(f),
        ..ProtocolConfig::new(ProtocolKind::TestFile)
    })
}

fn with_peers_file(
    ds: Dataset,
    rel: &str,
    cfg: impl FnOnce(PathBuf) -> ProtocolConfig,
) -> Option<Prepared> {
    let dir = test_data_dir(ds).unwrap()?;
    let file = test_peers_file(rel).unwrap()?;
    Some(protocol::prepare(&dir, ds, &cfg(file)).unwrap())
}

/// Every prediction and every score of `m` over the whole index space of `train`, as bits
/// (empty where `m` does not predict ratings, or does not score).
pub fn outputs(m: &dyn Model, train: &Interactions) -> (Vec<u32>, Vec<u32>) {
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let (mut preds, mut scores) = (Vec::new(), Vec::new());
    for u in 0..train.n_users() as u32 {
        if let Some(p) = m.as_rating_predictor() {
            preds.extend(items.iter().map(|&i| p.predict(u, i).to_bits()));
        }
        if let Some(s) = m.as_scorer() {
            let mut out = vec![0.0f32; items.len()];
            s.score(u, &items, &mut out);
            scores.extend(out.iter().map(|x| x.to_bits()));
        }
    }
    (preds, scores)
}
