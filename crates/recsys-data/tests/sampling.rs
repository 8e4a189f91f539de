//! Negative sampling: exclusions, uniformity, distinctness, errors, NCF pointwise epochs, and a
//! throughput measurement (`--ignored`, release).

mod common;

use proptest::prelude::*;
use recsys_core::sampling::{NegativeSampler, PointwiseInstances, pointwise_epoch, seeded_rng};
use recsys_core::{CoreError, DuplicatePolicy, Interactions, InteractionsBuilder, split};
use recsys_data::Dataset;

/// Users 0..n_users, items 0..n_items (all ids pushed so the index space is the identity).
fn matrix(n_users: u64, n_items: u64, pairs: &[(u64, u64)]) -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut entries = Vec::new();
    for u in 0..n_users {
        b.push(u, 0, 1.0, Some(0)).unwrap();
    }
    for i in 0..n_items {
        b.push(0, i, 1.0, Some(0)).unwrap();
    }
    b.take_entries();
    for &(u, i) in pairs {
        b.push(u, i, 1.0, Some(0)).unwrap();
    }
    entries.extend(b.take_entries());
    let (users, items) = b.into_maps();
    Interactions::from_parts(users, items, entries, DuplicatePolicy::KeepLast, true).unwrap()
}

#[test]
fn excludes_every_part() {
    // 2 users × 6 items. Train: user 0 → {0, 1}; test: user 0 → {4}. User 1 rated nothing.
    let full = matrix(2, 6, &[(0, 0), (0, 1), (0, 4)]);
    let train = full.filter(|e| e.item != 4);
    let test = full.filter(|e| e.item == 4);
    let s = NegativeSampler::new(&[&train, &test]).unwrap();
    assert_eq!(s.positives(0), &[0, 1, 4]);
    assert_eq!((s.n_negatives(0), s.n_negatives(1)), (3, 6));
    let mut rng = seeded_rng(1);
    let mut out = Vec::new();
    s.sample_distinct(0, 3, &mut rng, &mut out).unwrap();
    assert_eq!(out, vec![2, 3, 5]); // the whole complement
    s.sample_distinct(1, 6, &mut rng, &mut out).unwrap();
    assert_eq!(out, vec![0, 1, 2, 3, 4, 5]);
    for _ in 0..1000 {
        assert!([2, 3, 5].contains(&s.sample(0, &mut rng).unwrap()));
    }
    match s.sample_distinct(0, 4, &mut rng, &mut out) {
        Err(CoreError::TooFewNegatives {
            user: 0,
            available: 3,
            requested: 4,
        }) => {}
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.sample(2, &mut rng),
        Err(CoreError::InvalidParameter { name: "user", .. })
    ));
    // Parts of different index spaces are refused.
    let other = matrix(2, 7, &[(0, 0)]);
    assert!(NegativeSampler::new(&[&train, &other]).is_err());
    assert!(NegativeSampler::new(&[]).is_err());
}

#[test]
fn user_who_rated_everything() {
    let m = matrix(2, 3, &[(0, 0), (0, 1), (0, 2), (1, 1)]);
    let s = NegativeSampler::new(&[&m]).unwrap();
    let mut rng = seeded_rng(0);
    assert!(matches!(
        s.sample(0, &mut rng),
        Err(CoreError::TooFewNegatives { available: 0, .. })
    ));
    let mut out = [0u32; 4];
    assert!(s.sample_into(0, &mut rng, &mut out).is_err());
    s.sample_into(0, &mut rng, &mut []).unwrap(); // nothing asked, nothing to fail
    let mut v = vec![9];
    s.sample_distinct(0, 0, &mut rng, &mut v).unwrap();
    assert!(v.is_empty());
    // pointwise epochs need a negative for every training user
    assert!(matches!(
        pointwise_epoch(&m, &s, 1, 0, 0, false),
        Err(CoreError::TooFewNegatives { user: 0, .. })
    ));
    assert_eq!(pointwise_epoch(&m, &s, 0, 0, 0, false).unwrap().len(), 4);
}

/// Draws `n` samples for `user` and checks every negative appears with frequency within 5% of
/// uniform (and no positive appears).
fn assert_uniform(s: &NegativeSampler, user: u32, n: usize) {
    let mut counts = vec![0usize; s.n_items()];
    let mut rng = seeded_rng(42);
    let mut buf = vec![0u32; n];
    s.sample_into(user, &mut rng, &mut buf).unwrap();
    for &i in &buf {
        counts[i as usize] += 1;
    }
    let negs = s.n_negatives(user);
    let expect = n as f64 / negs as f64;
    for (i, &c) in counts.iter().enumerate() {
        if s.positives(user).contains(&(i as u32)) {
            assert_eq!(c, 0, "positive {i} drawn");
        } else {
            assert!(
                (c as f64 - expect).abs() < 0.05 * expect,
                "item {i}: {c} vs {expect}"
            );
        }
    }
}

#[test]
fn uniform_by_rejection_and_by_complement() {
    // user 0: 3 of 10 items rated (rejection); user 1: 8 of 10 rated (complement selection).
    let m = matrix(
        2,
        10,
        &[
            (0, 0),
            (0, 2),
            (0, 4),
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 3),
            (1, 5),
            (1, 6),
            (1, 8),
            (1, 9),
        ],
    );
    let s = NegativeSampler::new(&[&m]).unwrap();
    assert_uniform(&s, 0, 140_000);
    assert_uniform(&s, 1, 40_000);
    // user 1's only negatives are 4 and 7
    let mut out = Vec::new();
    s.sample_distinct(1, 2, &mut seeded_rng(3), &mut out)
        .unwrap();
    assert_eq!(out, vec![4, 7]);
}

#[test]
fn distinct_subsets_are_uniform() {
    // 7 negatives, choose 3: each item in 3/7 of the subsets; all 35 subsets occur.
    let m = matrix(1, 10, &[(0, 1), (0, 5), (0, 8)]);
    let s = NegativeSampler::new(&[&m]).unwrap();
    let mut rng = seeded_rng(5);
    let (mut counts, mut subsets) = (vec![0usize; 10], std::collections::HashSet::new());
    let mut out = Vec::new();
    let n = 70_000;
    for _ in 0..n {
        s.sample_distinct(0, 3, &mut rng, &mut out).unwrap();
        assert!(out.windows(2).all(|w| w[0] < w[1]));
        for &i in &out {
            counts[i as usize] += 1;
        }
        subsets.insert(out.clone());
    }
    assert_eq!(subsets.len(), 35);
    let expect = n as f64 * 3.0 / 7.0;
    for i in [0, 2, 3, 4, 6, 7, 9] {
        assert!(
            (counts[i] as f64 - expect).abs() < 0.03 * expect,
            "{i}: {}",
            counts[i]
        );
    }
    // The large-k path (more than 1024 negatives) is uniform over items too.
    let big = matrix(1, 3000, &[(0, 0), (0, 10), (0, 2999)]);
    let s = NegativeSampler::new(&[&big]).unwrap();
    let mut counts = vec![0usize; 3000];
    for _ in 0..200 {
        s.sample_distinct(0, 1500, &mut rng, &mut out).unwrap();
        assert_eq!(out.len(), 1500);
        assert!(out.windows(2).all(|w| w[0] < w[1]));
        for &i in &out {
            counts[i as usize] += 1;
        }
    }
    assert_eq!((counts[0], counts[10], counts[2999]), (0, 0, 0));
    let mean = 200.0 * 1500.0 / 2997.0;
    let max_dev = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| ![0, 10, 2999].contains(i))
        .map(|(_, &c)| (c as f64 - mean).abs())
        .fold(0.0, f64::max);
    assert!(max_dev < 40.0, "max deviation {max_dev} (sd ≈ 7)");
}

/// The structure of an epoch: per positive, `1 + k` rows of one user, the train item with label
/// 1, then `k` negatives with label 0 that are not training positives.
fn check_epoch(train: &Interactions, e: &PointwiseInstances, k: usize) {
    assert_eq!(e.len(), train.nnz() * (1 + k));
    assert_eq!((e.users.len(), e.items.len()), (e.len(), e.len()));
    for (block, r) in train.iter().zip(0..) {
        let at = r * (1 + k);
        assert_eq!(
            (e.users[at], e.items[at], e.labels[at]),
            (block.user, block.item, 1.0)
        );
        for j in at + 1..at + 1 + k {
            assert_eq!((e.users[j], e.labels[j]), (block.user, 0.0));
            assert!(!train.contains(block.user, e.items[j]));
        }
    }
}

#[test]
fn pointwise_epochs_are_reproducible_and_thread_independent() {
    let pairs: Vec<(u64, u64)> = (0..300u64)
        .flat_map(|u| (0..(u % 17 + 1)).map(move |j| (u, (u * 7 + j * 13) % 50)))
        .collect();
    let train = matrix(300, 50, &pairs);
    let s = NegativeSampler::new(&[&train]).unwrap();
    let a = pointwise_epoch(&train, &s, 4, 11, 0, false).unwrap();
    check_epoch(&train, &a, 4);
    assert_eq!(a, pointwise_epoch(&train, &s, 4, 11, 0, false).unwrap());
    let b = pointwise_epoch(&train, &s, 4, 11, 1, false).unwrap();
    check_epoch(&train, &b, 4);
    assert_ne!(a.items, b.items, "another epoch draws other negatives");
    assert_ne!(
        a.items,
        pointwise_epoch(&train, &s, 4, 12, 0, false).unwrap().items
    );
    for threads in [1, 2, 3, 8] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let p = pool.install(|| pointwise_epoch(&train, &s, 4, 11, 0, true).unwrap());
        assert_eq!(p, a, "{threads} threads");
    }
    let other = matrix(301, 50, &pairs);
    assert!(pointwise_epoch(&other, &s, 4, 0, 0, false).is_err());
    // A sampler that does not exclude the training positives is refused.
    let half = train.filter(|e| e.user % 2 == 0);
    let s_half = NegativeSampler::new(&[&half]).unwrap();
    assert!(matches!(
        pointwise_epoch(&train, &s_half, 4, 0, 0, false),
        Err(CoreError::InvalidParameter {
            name: "sampler",
            ..
        })
    ));
    assert!(matches!(
        pointwise_epoch(&train.filter(|_| false), &s, 4, 0, 0, false),
        Err(CoreError::Empty(_))
    ));
}

/// Random small matrices split into train and test (random holdout).
fn parts() -> impl Strategy<Value = (Interactions, Interactions)> {
    (
        prop::collection::vec((0u64..6, 0u64..15), 1..70),
        any::<u64>(),
    )
        .prop_map(|(pairs, seed)| {
            let m = matrix(6, 15, &pairs);
            let s = split::random_holdout(&m, 0.3, seed).unwrap();
            (s.train, s.test)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn negatives_are_never_positives((train, test) in parts(), seed in any::<u64>(), k in 0usize..16) {
        let s = NegativeSampler::new(&[&train, &test]).unwrap();
        let mut rng = seeded_rng(seed);
        let mut out = Vec::new();
        for u in 0..train.n_users() as u32 {
            let avail = s.n_negatives(u);
            prop_assert_eq!(
                avail,
                15 - (0..15).filter(|&i| train.contains(u, i) || test.contains(u, i)).count()
            );
            match s.sample_distinct(u, k, &mut rng, &mut out) {
                Ok(()) => {
                    prop_assert!(k <= avail);
                    prop_assert_eq!(out.len(), k);
                    prop_assert!(out.windows(2).all(|w| w[0] < w[1]), "not distinct");
                    for &i in &out {
                        prop_assert!(i < 15 && !train.contains(u, i) && !test.contains(u, i));
                    }
                }
                Err(CoreError::TooFewNegatives { available, requested, .. }) => {
                    prop_assert!(k > avail);
                    prop_assert_eq!((available, requested), (avail, k));
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
            if avail > 0 {
                let mut buf = [0u32; 32];
                s.sample_into(u, &mut rng, &mut buf).unwrap();
                for &i in &buf {
                    prop_assert!(!train.contains(u, i) && !test.contains(u, i));
                }
            }
        }
        let a = {
            let mut r = seeded_rng(seed);
            (0..train.n_users() as u32).filter_map(|u| s.sample(u, &mut r).ok()).collect::<Vec<_>>()
        };
        let b = {
            let mut r = seeded_rng(seed);
            (0..train.n_users() as u32).filter_map(|u| s.sample(u, &mut r).ok()).collect::<Vec<_>>()
        };
        prop_assert_eq!(a, b);
    }

    #[test]
    fn epochs_hold_train_negatives((train, _test) in parts(), seed in any::<u64>()) {
        let s = NegativeSampler::new(&[&train]).unwrap();
        prop_assume!(!train.is_empty());
        prop_assume!((0..6).all(|u| train.row(u).is_empty() || s.n_negatives(u) > 0));
        let e = pointwise_epoch(&train, &s, 3, seed, 2, false).unwrap();
        check_epoch(&train, &e, 3);
        prop_assert_eq!(&e, &pointwise_epoch(&train, &s, 3, seed, 2, true).unwrap());
    }
}

/// Throughput on ratings-small (run with
/// `RECSYS_DATA=... cargo test --release -p recsys-data --test sampling -- --ignored --nocapture`).
#[test]
#[ignore = "timing; run in release"]
fn throughput_ratings_small() {
    let Some(dir) = common::data_dir(Dataset::RatingsSmall) else {
        return;
    };
    let m = dir
        .load_ratings(Dataset::RatingsSmall)
        .unwrap()
        .implicit(f32::MIN);
    let s = split::leave_latest_out(&m, 1).unwrap();
    let sampler = NegativeSampler::new(&[&s.train]).unwrap();
    // 1. Raw draws: 100 negatives per training rating, ~10M samples per round.
    let mut rng = seeded_rng(0);
    let mut buf = [0u32; 100];
    let t = std::time::Instant::now();
    let (mut n, mut check) = (0usize, 0u64);
    for _ in 0..3 {
        for e in s.train.iter() {
            sampler.sample_into(e.user, &mut rng, &mut buf).unwrap();
            check = check.wrapping_add(u64::from(buf[99]));
            n += buf.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "sample_into: {n} samples in {secs:.3} s = {:.1} M samples/s (check {check})",
        n as f64 / secs / 1e6
    );
    // 2. Pointwise epochs with 4 negatives, sequential and rayon.
    for parallel in [false, true] {
        let t = std::time::Instant::now();
        let mut n = 0;
        for epoch in 0..20 {
            n += pointwise_epoch(&s.train, &sampler, 4, 0, epoch, parallel)
                .unwrap()
                .len();
        }
        let secs = t.elapsed().as_secs_f64();
        eprintln!(
            "pointwise_epoch(k=4, parallel={parallel}, {} threads): {n} instances in {secs:.3} s = {:.1} M instances/s",
            rayon::current_num_threads(),
            n as f64 / secs / 1e6
        );
    }
    // 3. 99 distinct negatives per user (the evaluation protocol).
    let both = NegativeSampler::new(&[&s.train, &s.test]).unwrap();
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    let mut n = 0;
    for _ in 0..100 {
        for u in 0..m.n_users() as u32 {
            both.sample_distinct(u, 99, &mut rng, &mut out).unwrap();
            n += out.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "sample_distinct(99): {n} samples in {secs:.3} s = {:.1} M samples/s",
        n as f64 / secs / 1e6
    );
}
