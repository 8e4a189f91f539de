//! Candidate sets: the peers' protocol files and the NCF paper format on fixtures and real data,
//! and candidates built from a leave-latest-out split.

mod common;

use common::fixture;
use recsys_core::candidates::{CandidateSet, UserCandidates};
use recsys_core::split;
use recsys_core::{CoreError, DuplicatePolicy, Interactions};
use recsys_data::Dataset;
use recsys_data::movielens::{RatingsFormat, read_ratings};

/// The NCF-format training file of the fixtures: users 0..4, items 0..8.
fn tiny() -> Interactions {
    read_ratings(
        &fixture("ncf/tiny.train.rating"),
        RatingsFormat::Tab,
        DuplicatePolicy::Error,
    )
    .unwrap()
}

/// Raw (user, positive, timestamp, negatives) of every entry.
fn raw(set: &CandidateSet, m: &Interactions) -> Vec<(u64, u64, u32, Vec<u64>)> {
    let item = |i: u32| m.items().raw(i).unwrap();
    set.entries()
        .iter()
        .map(|e| {
            (
                m.users().raw(e.user).unwrap(),
                item(e.positives[0]),
                e.timestamps[0],
                e.negatives.iter().map(|&i| item(i)).collect(),
            )
        })
        .collect()
}

fn expected() -> Vec<(u64, u64, u32, Vec<u64>)> {
    vec![
        (0, 2, 200, vec![3, 4, 5]),
        (1, 3, 201, vec![0, 4, 6]),
        (2, 5, 202, vec![1, 2, 7]),
    ]
}

#[test]
fn peers_tsv_reads_and_round_trips() {
    let m = tiny();
    let path = fixture("peers_loo.tsv");
    let set = CandidateSet::read_peers_tsv(&path, &m).unwrap();
    assert_eq!(raw(&set, &m), expected());
    assert!(set.same_index_space(&m));
    assert_eq!(
        set.get(m.user_index(1).unwrap()).unwrap().negatives.len(),
        3
    );
    assert!(set.get(m.user_index(3).unwrap()).is_none());
    assert_eq!(set.negatives_rated_in(&m), 0);
    let (dir, _) = common::temp_file("x", b"");
    let out = dir.path().join("out.tsv");
    set.write_peers_tsv(&out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&path).unwrap());
    let again = CandidateSet::read_peers_tsv(&out, &m).unwrap();
    assert_eq!(again.entries(), set.entries());
}

/// The parse error of reading `content` as a peers' file.
fn peers_err(content: &str) -> (u64, String) {
    let (_dir, p) = common::temp_file("c.tsv", content.as_bytes());
    match CandidateSet::read_peers_tsv(&p, &tiny()) {
        Err(CoreError::Parse {
            path,
            line,
            message,
        }) => {
            assert_eq!(path, p);
            (line, message)
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn peers_tsv_errors() {
    let head = "# header\n0\t2\t200\t3,4,5\n";
    let (line, msg) = peers_err(&format!("{head}1\t3\t201\t0,99,6\n"));
    assert_eq!((line, msg.as_str()), (3, "unknown item id 99"));
    let (line, msg) = peers_err(&format!("{head}9\t3\t201\t0,4,6\n"));
    assert_eq!((line, msg.as_str()), (3, "unknown user id 9"));
    let (line, msg) = peers_err(&format!("{head}1\t3\t201\t0,4,0\n"));
    assert_eq!(line, 3);
    assert!(msg.contains("listed twice"), "{msg}");
    let (line, msg) = peers_err(&format!("{head}1\t3\t201\t0,3,6\n"));
    assert_eq!(line, 3);
    assert!(msg.contains("is a positive"), "{msg}");
    let (line, msg) = peers_err(&format!("{head}0\t3\t201\t0,4,6\n"));
    assert_eq!(line, 3);
    assert!(msg.contains("user index 0 listed twice"), "{msg}");
    let (line, _) = peers_err("0\t2\t200\n");
    assert_eq!(line, 1);
    let (line, msg) = peers_err("0\t2\tnoon\t3\n");
    assert_eq!(line, 1);
    assert!(msg.contains("test_timestamp"), "{msg}");
}

#[test]
fn write_needs_one_positive() {
    let m = tiny();
    let set = CandidateSet::new(
        &m,
        vec![UserCandidates {
            user: 0,
            positives: vec![2, 3],
            timestamps: vec![0, 0],
            negatives: vec![4],
        }],
    )
    .unwrap();
    let (dir, _) = common::temp_file("x", b"");
    assert!(set.write_peers_tsv(&dir.path().join("o.tsv")).is_err());
    // invariants of `new`
    let bad = |positives: Vec<u32>, negatives: Vec<u32>| {
        let timestamps = vec![0; positives.len()];
        CandidateSet::new(
            &m,
            vec![UserCandidates {
                user: 0,
                positives,
                timestamps,
                negatives,
            }],
        )
        .is_err()
    };
    assert!(bad(vec![], vec![1]));
    assert!(bad(vec![2], vec![2]));
    assert!(bad(vec![2], vec![3, 3]));
    assert!(bad(vec![2], vec![8]));
    assert!(!bad(vec![2], vec![]));
}

#[test]
fn ncf_paper_format() {
    let m = tiny();
    let (r, n) = (
        fixture("ncf/tiny.test.rating"),
        fixture("ncf/tiny.test.negative"),
    );
    let set = CandidateSet::read_ncf_paper(&r, &n, &m).unwrap();
    assert_eq!(raw(&set, &m), expected());
    // The same candidates as the peers' fixture.
    let peers = CandidateSet::read_peers_tsv(&fixture("peers_loo.tsv"), &m).unwrap();
    assert_eq!(set.entries(), peers.entries());
    // Pairs out of order: an error at the first disagreeing line of the negative file.
    let swapped = fixture("ncf/tiny_swapped.test.negative");
    match CandidateSet::read_ncf_paper(&r, &swapped, &m) {
        Err(CoreError::Parse {
            path,
            line: 2,
            message,
        }) => {
            assert_eq!(path, swapped);
            assert!(message.contains("differs from"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Line counts differ, either way.
    let (_d1, short) = common::temp_file("s.negative", b"(0,2)\t3\t4\t5\n(1,3)\t0\t4\t6\n");
    assert!(matches!(
        CandidateSet::read_ncf_paper(&r, &short, &m),
        Err(CoreError::Parse { .. })
    ));
    let (_d2, long) = common::temp_file(
        "l.negative",
        b"(0,2)\t3\t4\t5\n(1,3)\t0\t4\t6\n(2,5)\t1\t2\t7\n(3,4)\t1\n",
    );
    match CandidateSet::read_ncf_paper(&r, &long, &m) {
        Err(CoreError::Parse { line: 4, .. }) => {}
        other => panic!("{other:?}"),
    }
    let (_d3, bad) = common::temp_file("b.negative", b"0,2\t3\t4\t5\n");
    match CandidateSet::read_ncf_paper(&r, &bad, &m) {
        Err(CoreError::Parse {
            line: 1, message, ..
        }) => assert!(message.contains("(user,item)")),
        other => panic!("{other:?}"),
    }
    let (_d4, unknown) = common::temp_file("u.rating", b"0\t2\t4\t200\n1\t42\t5\t201\n");
    match CandidateSet::read_ncf_paper(&unknown, &n, &m) {
        Err(CoreError::Parse {
            line: 2, message, ..
        }) => assert_eq!(message, "unknown item id 42"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn from_leave_latest_out_split() {
    let m = tiny();
    let s = split::leave_latest_out(&m, 1).unwrap();
    let set = CandidateSet::from_split(&s, 4, 7).unwrap();
    assert_eq!(set.len(), 4);
    for e in set.entries() {
        let test = s.test.row(e.user);
        assert_eq!(
            (&e.positives[..], &e.timestamps[..]),
            (test.items, test.timestamps)
        );
        assert_eq!(e.negatives.len(), 4);
        assert!(e.negatives.windows(2).all(|w| w[0] < w[1]));
    }
    assert_eq!(
        set.negatives_rated_in(&s.train) + set.negatives_rated_in(&s.test),
        0
    );
    let again = CandidateSet::from_split(&s, 4, 7).unwrap();
    assert_eq!(again.entries(), set.entries());
    assert_ne!(
        CandidateSet::from_split(&s, 4, 8).unwrap().entries(),
        set.entries()
    );
    // user 0 rated 3 items of 8: 5 negatives at most.
    assert!(matches!(
        CandidateSet::from_split(&s, 6, 7),
        Err(CoreError::TooFewNegatives { requested: 6, .. })
    ));
    // Round trip through the peers' format.
    let (dir, _) = common::temp_file("x", b"");
    let out = dir.path().join("loo.tsv");
    set.write_peers_tsv(&out).unwrap();
    assert_eq!(
        CandidateSet::read_peers_tsv(&out, &m).unwrap().entries(),
        set.entries()
    );
}

/// Reads the peers' candidates for `ds` over the binarized data and checks them against our
/// leave-latest-out split; then round-trips the file byte for byte.
fn check_real(ds: Dataset, name: &str, file_order: bool) {
    let (Some(dir), Some(path)) = (common::data_dir(ds), common::peers_file(name)) else {
        return;
    };
    let (m, s) = common::peers_split(&dir, ds, file_order);
    // Every listed id maps to a known user or item, or this is a parse error.
    let set = CandidateSet::read_peers_tsv(&path, &m).unwrap();
    assert_eq!(set.len(), m.n_users());
    for e in set.entries() {
        let test = s.test.row(e.user);
        assert_eq!(e.positives, test.items, "user index {}", e.user);
        assert_eq!(e.timestamps, test.timestamps);
        assert_eq!(e.negatives.len(), 99);
    }
    assert_eq!(set.negatives_rated_in(&s.train), 0);
    assert_eq!(set.negatives_rated_in(&s.test), 0);
    let (tmp, _) = common::temp_file("x", b"");
    let out = tmp.path().join("round.tsv");
    set.write_peers_tsv(&out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&path).unwrap());
    // Our own candidates for the same split satisfy the same checks.
    let ours = CandidateSet::from_split(&s, 99, 0).unwrap();
    assert_eq!(ours.len(), m.n_users());
    assert_eq!(
        ours.negatives_rated_in(&s.train) + ours.negatives_rated_in(&s.test),
        0
    );
}

#[test]
fn peers_candidates_ratings_small() {
    check_real(Dataset::RatingsSmall, "ratings_small", false);
}

#[test]
fn peers_candidates_ml100k() {
    check_real(Dataset::Ml100k, "ml-100k", true);
}
