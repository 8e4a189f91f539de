//! Splits: hand-computed answers, error cases, proptest invariants and the peers' held-out items
//! on real data.

mod common;

use std::collections::HashMap;

use common::{by_user, raw_pairs};
use proptest::prelude::*;
use recsys_core::split::{self, Split, TieBreak, Unseen};
use recsys_core::{CoreError, DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_data::movielens::RatingsFormat;
use recsys_data::{DataError, Dataset};

/// 3 users × 4 items, 10 ratings, distinct timestamps.
fn small() -> Interactions {
    by_user(&[
        (1, &[(10, 4.0, 1), (11, 3.0, 2), (12, 5.0, 3), (13, 2.0, 4)]),
        (2, &[(10, 1.0, 5), (11, 2.0, 6), (12, 3.0, 7)]),
        (3, &[(10, 4.0, 8), (13, 5.0, 9), (11, 1.0, 10)]),
    ])
}

type Key = (u32, u32, u32, u32);

fn keys(m: &Interactions) -> Vec<Key> {
    let mut v: Vec<Key> = m
        .iter()
        .map(|e| (e.user, e.item, e.rating.to_bits(), e.timestamp))
        .collect();
    v.sort_unstable();
    v
}

/// Train and test partition `m` (every rating in exactly one part) over its index space.
fn assert_partition(m: &Interactions, s: &Split) {
    assert!(s.train.same_index_space(m) && s.test.same_index_space(m));
    assert_eq!(s.train.nnz() + s.test.nnz(), m.nnz());
    let mut both = keys(&s.train);
    both.extend(keys(&s.test));
    both.sort_unstable();
    assert_eq!(
        both,
        keys(m),
        "train ∪ test must equal the input, without overlap"
    );
}

#[test]
fn random_holdout_takes_rounded_share() {
    let m = small();
    let s = split::random_holdout(&m, 0.25, 1).unwrap(); // round(2.5) = 3
    assert_eq!((s.train.nnz(), s.test.nnz()), (7, 3));
    assert_partition(&m, &s);
    assert_eq!(split::random_holdout(&m, 0.0, 1).unwrap().test.nnz(), 0);
    assert_eq!(split::random_holdout(&m, 1.0, 1).unwrap().train.nnz(), 0);
    assert_eq!(split::random_holdout(&m, 0.04, 1).unwrap().test.nnz(), 0); // round(0.4)
    assert_eq!(split::random_holdout(&m, 0.05, 1).unwrap().test.nnz(), 1); // round(0.5)
}

#[test]
fn kfold_sizes_4_3_3() {
    let m = small();
    let folds = split::kfold(&m, 3, 9).unwrap();
    let sizes: Vec<usize> = folds.iter().map(|s| s.test.nnz()).collect();
    assert_eq!(sizes, vec![4, 3, 3]);
    for s in &folds {
        assert_partition(&m, s);
    }
    let all: Vec<Key> = {
        let mut v: Vec<Key> = folds.iter().flat_map(|s| keys(&s.test)).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(all, keys(&m));
    assert_eq!(split::kfold(&m, 10, 9).unwrap().len(), 10);
}

#[test]
fn leave_latest_out_hand_computed() {
    let m = small();
    let s = split::leave_latest_out(&m, 1).unwrap();
    assert_partition(&m, &s);
    assert_eq!(raw_pairs(&s.test), vec![(1, 13), (2, 12), (3, 11)]);
    let s = split::leave_latest_out(&m, 2).unwrap();
    assert_eq!(
        raw_pairs(&s.test),
        vec![(1, 12), (1, 13), (2, 11), (2, 12), (3, 11), (3, 13)]
    );
    // Users with ≤ n ratings keep all of them in train: users 2 (3 ratings) and 3 (3 ratings).
    let s = split::leave_latest_out(&m, 3).unwrap();
    assert_eq!(raw_pairs(&s.test), vec![(1, 11), (1, 12), (1, 13)]);
    assert_eq!(s.train.row(m.user_index(2).unwrap()).len(), 3);
    assert!(s.unseen().users.is_empty());
}

#[test]
fn leave_latest_out_ties() {
    let path = common::fixture("ties.tsv");
    let m =
        recsys_data::movielens::read_ratings(&path, RatingsFormat::Tab, DuplicatePolicy::KeepLast)
            .unwrap();
    // Raw item id: user 1 ties 10, 11, 12 at t=100 → 12; user 2 ties 12, 10 at t=50 → 12.
    let s = split::leave_latest_out(&m, 1).unwrap();
    assert_eq!(raw_pairs(&s.test), vec![(1, 12), (2, 12)]);
    // File order (the peers' rule, last row wins): user 1 → 11, user 2 → 10; user 3 (one
    // rating) stays in train.
    let order = recsys_data::movielens::file_order(&m, &path, RatingsFormat::Tab).unwrap();
    let s = split::leave_latest_out_with(&m, 1, TieBreak::Order(&order)).unwrap();
    assert_partition(&m, &s);
    assert_eq!(raw_pairs(&s.test), vec![(1, 11), (2, 10)]);
    let s = split::leave_latest_out_with(&m, 2, TieBreak::Order(&order)).unwrap();
    assert_eq!(raw_pairs(&s.test), vec![(1, 11), (1, 12), (2, 10), (2, 12)]);
    // A file lacking one of m's ratings is an error.
    let (_dir, short) = common::temp_file("short.tsv", b"1\t10\t4\t100\n");
    assert!(matches!(
        recsys_data::movielens::file_order(&m, &short, RatingsFormat::Tab),
        Err(DataError::Core(CoreError::InvalidParameter {
            name: "path",
            ..
        }))
    ));
    assert!(matches!(
        split::leave_latest_out_with(&m, 1, TieBreak::Order(&order[1..])),
        Err(CoreError::InvalidParameter { name: "tie", .. })
    ));
}

#[test]
fn per_user_holdout_policy() {
    let m = by_user(&[
        (1, &[(10, 4.0, 1), (11, 3.0, 2), (12, 5.0, 3), (13, 2.0, 4)]),
        (2, &[(10, 1.0, 5)]),
        (3, &[(11, 4.0, 8), (12, 5.0, 9)]),
    ]);
    let count = |s: &Split, raw: u64| s.test.row(m.user_index(raw).unwrap()).len();
    let s = split::per_user_holdout(&m, 0.5, 3).unwrap();
    assert_partition(&m, &s);
    // user 1: round(2) = 2; user 2 (one rating) keeps it; user 3: round(1) = 1.
    assert_eq!((count(&s, 1), count(&s, 2), count(&s, 3)), (2, 0, 1));
    // ratio 1: capped at |R(u)| − 1, every user keeps a training rating.
    let s = split::per_user_holdout(&m, 1.0, 3).unwrap();
    assert_eq!((count(&s, 1), count(&s, 2), count(&s, 3)), (3, 0, 1));
    assert!(s.unseen().users.is_empty());
}

#[test]
fn item_cold_start_withholds_items() {
    let m = small();
    let s = split::item_cold_start(&m, 0.5, 5).unwrap(); // 2 of 4 items
    assert_partition(&m, &s);
    let test_items: Vec<u32> = (0..4)
        .filter(|&i| s.test.item_counts()[i as usize] > 0)
        .collect();
    assert_eq!(test_items.len(), 2);
    let counts = m.item_counts();
    for &i in &test_items {
        assert_eq!(s.train.item_counts()[i as usize], 0);
        assert_eq!(s.test.item_counts()[i as usize], counts[i as usize]);
    }
    assert_eq!(s.unseen().items, test_items);
}

#[test]
fn unseen_and_drop_unseen() {
    // Train: user 1 rates 10, 11. Test: user 1 rates 12 (unseen item), user 2 rates 10 (unseen
    // user), user 2 rates 12 (both).
    let m = by_user(&[
        (1, &[(10, 4.0, 1), (11, 3.0, 2), (12, 3.0, 3)]),
        (2, &[(10, 3.0, 4), (12, 3.0, 5)]),
    ]);
    let test = m.filter(|e| e.timestamp >= 3);
    let train = m.filter(|e| e.timestamp < 3);
    let mut s = Split { train, test };
    let (u2, i12) = (m.user_index(2).unwrap(), m.item_index(12).unwrap());
    assert_eq!(
        s.unseen(),
        Unseen {
            users: vec![u2],
            items: vec![i12],
            ratings: 3
        }
    );
    assert_eq!(s.drop_unseen(), 3);
    assert_eq!(s.test.nnz(), 0);
    assert_eq!(s.drop_unseen(), 0);
}

#[test]
fn errors() {
    let m = small();
    let bad_ratio = |r: std::result::Result<Split, CoreError>| {
        assert!(matches!(r, Err(CoreError::InvalidParameter { .. })));
    };
    for r in [f64::NAN, -0.1, 1.5, f64::INFINITY] {
        bad_ratio(split::random_holdout(&m, r, 0));
        bad_ratio(split::per_user_holdout(&m, r, 0));
        bad_ratio(split::item_cold_start(&m, r, 0));
    }
    assert!(split::kfold(&m, 1, 0).is_err());
    assert!(split::kfold(&m, 11, 0).is_err());
    bad_ratio(split::leave_latest_out(&m, 0));
    let empty = m.filter(|_| false);
    assert!(matches!(
        split::random_holdout(&empty, 0.2, 0),
        Err(CoreError::Empty(_))
    ));
    assert!(matches!(
        split::kfold(&empty, 2, 0),
        Err(CoreError::Empty(_))
    ));
    assert!(matches!(
        split::leave_latest_out(&empty, 1),
        Err(CoreError::Empty(_))
    ));
    let mut b = InteractionsBuilder::new();
    b.push(1, 1, 3.0, None).unwrap();
    b.push(1, 2, 3.0, None).unwrap();
    let no_ts = b.build(DuplicatePolicy::KeepLast).unwrap();
    let err = split::leave_latest_out(&no_ts, 1).unwrap_err();
    assert!(err.to_string().contains("timestamps"), "{err}");
}

/// Random small matrices: up to 8 users × 12 items, few distinct timestamps (many ties).
fn matrix() -> impl Strategy<Value = Interactions> {
    prop::collection::vec((0u64..8, 0u64..12, 1u8..=10, 0u32..6), 1..80).prop_map(|v| {
        let mut b = InteractionsBuilder::new();
        for (u, i, r, t) in v {
            b.push(u, i, f32::from(r) / 2.0, Some(t)).unwrap();
        }
        b.build(DuplicatePolicy::KeepLast).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_holdout_partitions(m in matrix(), ratio in 0.0f64..=1.0, seed in any::<u64>()) {
        let s = split::random_holdout(&m, ratio, seed).unwrap();
        assert_partition(&m, &s);
        prop_assert_eq!(s.test.nnz(), (ratio * m.nnz() as f64).round() as usize);
        let again = split::random_holdout(&m, ratio, seed).unwrap();
        prop_assert_eq!(keys(&again.test), keys(&s.test));
    }

    /// A rating's side of `hashed_holdout` is its own: the ratings of a subset (some users and
    /// their ratings dropped, as before new users arrive) fall on the same side in the subset
    /// as in the whole, whatever the index spaces.
    #[test]
    fn hashed_holdout_is_stable_under_added_ratings(
        m in matrix(), ratio in 0.0f64..=1.0, seed in any::<u64>(), drop in 0u64..8,
    ) {
        let s = split::hashed_holdout(&m, ratio, seed).unwrap();
        assert_partition(&m, &s);
        let raw = |x: &Interactions| -> Vec<(u64, u64)> {
            let mut v: Vec<(u64, u64)> = x
                .iter()
                .map(|e| (x.users().raw(e.user).unwrap(), x.items().raw(e.item).unwrap()))
                .collect();
            v.sort_unstable();
            v
        };
        // the same data without user `drop`, built afresh (its own index space)
        let mut b = InteractionsBuilder::new();
        for e in m.iter() {
            let u = m.users().raw(e.user).unwrap();
            if u != drop {
                b.push(u, m.items().raw(e.item).unwrap(), e.rating, Some(e.timestamp)).unwrap();
            }
        }
        prop_assume!(!b.is_empty());
        let sub = b.build(DuplicatePolicy::KeepLast).unwrap();
        let t = split::hashed_holdout(&sub, ratio, seed).unwrap();
        let kept = |v: Vec<(u64, u64)>| -> Vec<(u64, u64)> {
            v.into_iter().filter(|&(u, _)| u != drop).collect()
        };
        prop_assert_eq!(raw(&t.test), kept(raw(&s.test)));
        prop_assert_eq!(raw(&t.train), kept(raw(&s.train)));
    }

    #[test]
    fn kfold_covers_once(m in matrix(), k in 2usize..6, seed in any::<u64>()) {
        prop_assume!(k <= m.nnz());
        let folds = split::kfold(&m, k, seed).unwrap();
        prop_assert_eq!(folds.len(), k);
        let mut all = Vec::new();
        for s in &folds {
            assert_partition(&m, s);
            all.extend(keys(&s.test));
        }
        all.sort_unstable();
        prop_assert_eq!(all, keys(&m)); // disjoint and covering
        let sizes: Vec<usize> = folds.iter().map(|s| s.test.nnz()).collect();
        prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
    }

    #[test]
    fn leave_latest_out_takes_latest(m in matrix(), n in 1usize..4) {
        let s = split::leave_latest_out(&m, n).unwrap();
        assert_partition(&m, &s);
        for u in 0..m.n_users() as u32 {
            let (all, test, train) = (m.row(u), s.test.row(u), s.train.row(u));
            if all.len() <= n {
                prop_assert_eq!(test.len(), 0);
                continue;
            }
            prop_assert_eq!(test.len(), n);
            let key = |item: u32, ts: u32| (ts, m.items().raw(item).unwrap());
            let earliest_test = test.items.iter().zip(test.timestamps)
                .map(|(&i, &t)| key(i, t)).min().unwrap();
            for (&i, &t) in train.items.iter().zip(train.timestamps) {
                prop_assert!(t <= earliest_test.0, "a training rating is later than a test one");
                prop_assert!(key(i, t) < earliest_test);
            }
        }
        prop_assert!(s.unseen().users.is_empty());
    }

    #[test]
    fn per_user_holdout_shares(m in matrix(), ratio in 0.0f64..=1.0, seed in any::<u64>()) {
        let s = split::per_user_holdout(&m, ratio, seed).unwrap();
        assert_partition(&m, &s);
        for u in 0..m.n_users() as u32 {
            let len = m.row(u).len();
            let want = ((ratio * len as f64).round() as usize).min(len.saturating_sub(1));
            prop_assert_eq!(s.test.row(u).len(), want);
        }
        prop_assert!(s.unseen().users.is_empty());
    }

    #[test]
    fn item_cold_start_items_absent_from_train(m in matrix(), ratio in 0.0f64..=1.0, seed in any::<u64>()) {
        let s = split::item_cold_start(&m, ratio, seed).unwrap();
        assert_partition(&m, &s);
        let (train, test) = (s.train.item_counts(), s.test.item_counts());
        let rated = m.item_counts().iter().filter(|&&c| c > 0).count();
        let withheld = test.iter().filter(|&&c| c > 0).count();
        prop_assert_eq!(withheld, (ratio * rated as f64).round() as usize);
        for (tr, te) in train.iter().zip(&test) {
            prop_assert!(*tr == 0 || *te == 0, "a cold-start item has training ratings");
        }
    }

    #[test]
    fn seeds_decide(m in matrix(), seed in any::<u64>()) {
        prop_assume!(m.nnz() >= 20);
        let a = split::random_holdout(&m, 0.5, seed).unwrap();
        let b = split::random_holdout(&m, 0.5, seed).unwrap();
        prop_assert_eq!(keys(&a.test), keys(&b.test));
        // Different seeds: with ≥ 20 ratings, C(20, 10) ≥ 184,756 possible test sets; count
        // how often 8 other seeds all repeat the split (never, in practice).
        let same = (1..=8u64)
            .filter(|d| keys(&split::random_holdout(&m, 0.5, seed.wrapping_add(*d)).unwrap().test) == keys(&a.test))
            .count();
        prop_assert!(same < 8);
        let fold0 = |s: u64| keys(&split::kfold(&m, 2, s).unwrap()[0].test);
        prop_assert!((1..=8u64).any(|d| fold0(seed.wrapping_add(d)) != fold0(seed)));
        let fa = split::kfold(&m, 3, seed).unwrap();
        let fb = split::kfold(&m, 3, seed).unwrap();
        for (x, y) in fa.iter().zip(&fb) {
            prop_assert_eq!(keys(&x.test), keys(&y.test));
        }
        let pa = split::per_user_holdout(&m, 0.5, seed).unwrap();
        prop_assert_eq!(keys(&pa.test), keys(&split::per_user_holdout(&m, 0.5, seed).unwrap().test));
        let ca = split::item_cold_start(&m, 0.5, seed).unwrap();
        prop_assert_eq!(keys(&ca.test), keys(&split::item_cold_start(&m, 0.5, seed).unwrap().test));
    }
}

/// The peers' held-out (test item, timestamp) per raw user.
fn peers_held_out(name: &str) -> Option<HashMap<u64, (u64, u32)>> {
    let text = std::fs::read_to_string(common::peers_file(name)?).unwrap();
    Some(
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (
                    f[0].parse().unwrap(),
                    (f[1].parse().unwrap(), f[2].parse().unwrap()),
                )
            })
            .collect(),
    )
}

/// Our leave-latest-out test item equals the peers' for every user.
fn check_peers(ds: Dataset, name: &str, file_order: bool) {
    let Some(dir) = common::data_dir(ds) else {
        return;
    };
    let Some(peers) = peers_held_out(name) else {
        eprintln!("skipping: no peers' protocol file for {name}");
        return;
    };
    let (m, s) = common::peers_split(&dir, ds, file_order);
    assert_partition(&m, &s);
    assert_eq!(s.test.nnz(), m.n_users());
    assert_eq!(peers.len(), m.n_users());
    for e in s.test.iter() {
        let user = m.users().raw(e.user).unwrap();
        let ours = (m.items().raw(e.item).unwrap(), e.timestamp);
        assert_eq!(peers[&user], ours, "user {user}");
    }
}

#[test]
fn leave_latest_out_matches_peers_ratings_small() {
    check_peers(Dataset::RatingsSmall, "ratings_small", false);
    // ratings_small.csv is sorted by user then movie: file order gives the same items.
    check_peers(Dataset::RatingsSmall, "ratings_small", true);
}

#[test]
fn leave_latest_out_matches_peers_ml100k() {
    check_peers(Dataset::Ml100k, "ml-100k", true);
}

#[test]
fn raw_item_tie_break_differs_from_file_order_on_ml100k() {
    // u.data is not sorted: 415 users tie at their latest timestamp, and the raw-id rule picks a
    // different item than the file for some of them — which is why `file_order` exists.
    let Some(dir) = common::data_dir(Dataset::Ml100k) else {
        return;
    };
    let m = dir.load_ratings(Dataset::Ml100k).unwrap();
    let order = recsys_data::movielens::file_order(
        &m,
        &dir.file(Dataset::Ml100k, "u.data").unwrap(),
        RatingsFormat::Tab,
    )
    .unwrap();
    let a = split::leave_latest_out(&m, 1).unwrap();
    let b = split::leave_latest_out_with(&m, 1, TieBreak::Order(&order)).unwrap();
    assert_ne!(keys(&a.test), keys(&b.test));
    assert_eq!(a.test.nnz(), b.test.nnz());
}
