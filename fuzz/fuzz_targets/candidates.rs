//! Candidate files: the peers' `ncf_loo_*.tsv` and the NCF paper's `.test.rating` /
//! `.test.negative`, against a small matrix.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recsys_core::candidates::CandidateSet;
use recsys_core::{DuplicatePolicy, InteractionsBuilder};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut b = InteractionsBuilder::new();
    for (u, i) in [(1u64, 10u64), (1, 11), (2, 12), (3, 10), (0, 0)] {
        let _ = b.push(u, i, 4.0, Some(1));
    }
    let Ok(m) = b.build(DuplicatePolicy::KeepLast) else {
        return;
    };
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    if sel % 2 == 0 {
        if let Ok(set) = CandidateSet::read_peers_tsv(&common::file("c.tsv", body), &m) {
            // what was read writes back
            let _ = set.write_peers_tsv(&common::file("out.tsv", b""));
        }
    } else {
        let half = body.len() / 2;
        let r = common::file("t.rating", &body[..half]);
        let n = common::file("t.negative", &body[half..]);
        let _ = CandidateSet::read_ncf_paper(&r, &n, &m);
    }
});
