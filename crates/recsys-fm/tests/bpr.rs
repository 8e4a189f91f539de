//! BPR-MF end to end: it ranks held-out positives above negatives, is deterministic for a seed,
//! round-trips through its file, and refuses bad parameters.

use recsys_core::traits::Fit;
use recsys_core::{CandidateScorer, CoreError, Interactions};
use recsys_fm::{Bpr, BprParams, FmError, RankLoss};

#[path = "support/common.rs"]
mod common;
use common::two_communities as data;

fn params() -> BprParams {
    BprParams::default()
        .factors(8)
        .learning_rate(0.05)
        .iterations(60)
}

#[test]
fn unseen_community_items_outrank_the_other_community() {
    let train = data();
    community_wins(&params().fit(&train).unwrap(), &train);
    // WARP too, with its own registry name
    let warp = params().loss(RankLoss::Warp).regularization(0.0);
    assert_eq!(recsys_core::ModelSpec::name(&warp), "fm-warp");
    community_wins(&warp.fit(&train).unwrap(), &train);
}

/// More than 90% of (own-community, other-community) pairs of unseen items are ordered right,
/// and the curve's loss falls.
fn community_wins(m: &Bpr, train: &Interactions) {
    let mut wins = 0;
    let mut total = 0;
    for u in 0..train.n_users() as u32 {
        let raw = train.users().raw(u).unwrap();
        let items: Vec<u32> = (0..train.n_items() as u32)
            .filter(|&i| !train.contains(u, i))
            .collect();
        let mut s = vec![0.0; items.len()];
        m.score(u, &items, &mut s);
        for (a, &i) in items.iter().enumerate() {
            for (b, &j) in items.iter().enumerate() {
                let (ri, rj) = (train.items().raw(i).unwrap(), train.items().raw(j).unwrap());
                if ri % 2 == raw % 2 && rj % 2 != raw % 2 {
                    total += 1;
                    wins += usize::from(s[a] > s[b]);
                }
            }
        }
    }
    assert!(wins as f64 > 0.9 * total as f64, "{wins}/{total}");
    // the curve's BPR loss falls
    let c = m.curve();
    assert_eq!(c.len(), 60);
    assert!(c[59].loss < c[0].loss, "{} {}", c[0].loss, c[59].loss);
}

#[test]
fn deterministic_and_round_trips() {
    let train = data();
    let a = params().fit(&train).unwrap();
    let b = params().fit(&train).unwrap();
    let c = params().seed(1).fit(&train).unwrap();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let scores = |m: &Bpr| -> Vec<u32> {
        let mut out = Vec::new();
        for u in 0..train.n_users() as u32 {
            let mut s = vec![0.0; items.len()];
            m.score(u, &items, &mut s);
            out.extend(s.iter().map(|x| x.to_bits()));
        }
        out
    };
    assert_eq!(scores(&a), scores(&b));
    assert_ne!(scores(&a), scores(&c));
    // the same model on 1 and 3 threads (the strata, not the threads, fix the order); another
    // block count is another model
    let on = |threads: usize, p: BprParams| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| p.fit(&train).unwrap())
    };
    let (one, three) = (on(1, params().blocks(3)), on(3, params().blocks(3)));
    assert_eq!(scores(&one), scores(&three));
    assert_ne!(scores(&one), scores(&on(1, params().blocks(1))));
    // WARP's catalogue-wide negatives (outside steps deferred to the round's end) too, and
    // negatives within the block are another model
    let warp = || {
        params()
            .loss(RankLoss::Warp)
            .uniform_negatives(true)
            .blocks(3)
    };
    let (one, three) = (on(1, warp()), on(3, warp()));
    assert_eq!(scores(&one), scores(&three));
    assert_ne!(scores(&one), scores(&on(1, warp().block_negatives(true))));
    community_wins(&one, &train);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bpr.model");
    a.save(&path, train.users(), train.items()).unwrap();
    let saved = Bpr::load(&path).unwrap();
    assert_eq!(scores(&saved.model), scores(&a));
    // an unknown item scores -inf, an unknown user by item bias alone
    let mut s = [0.0; 2];
    a.score(0, &[0, 999], &mut s);
    assert_eq!(s[1], f32::NEG_INFINITY);
    a.score(999, &[0], &mut s[..1]);
    assert_eq!(s[0], a.item_factor(0).unwrap()[8]);
}

#[test]
fn bad_parameters_and_empty_data_are_typed_errors() {
    let train = data();
    for (p, name) in [
        (params().factors(0), "factors"),
        (params().iterations(0), "iterations"),
        (params().learning_rate(-1.0), "learning_rate"),
        (params().regularization(f32::NAN), "regularization"),
        (params().blocks(0), "blocks"),
        (params().loss(RankLoss::Warp).max_sampled(0), "max_sampled"),
    ] {
        match p.fit(&train) {
            Err(FmError::Core(CoreError::InvalidParameter { name: n, .. })) => assert_eq!(n, name),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert!(matches!(
        params().fit(&common::empty()),
        Err(FmError::Core(CoreError::Empty(_)))
    ));
}
