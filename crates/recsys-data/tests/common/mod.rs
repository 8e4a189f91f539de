//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use recsys_core::split::{self, Split, TieBreak};
use recsys_core::{CoreError, DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_data::catalog::JoinReport;
use recsys_data::location::{test_data_dir, test_peers_file};
use recsys_data::movielens;
use recsys_data::{DataDir, DataError, Dataset};

/// The real data folder from `RECSYS_DATA`, when the dataset is there.
///
/// Without it the test is skipped (returns `None`), except under `CI=true`, where a missing
/// dataset is a failure.
pub fn data_dir(ds: Dataset) -> Option<DataDir> {
    test_data_dir(ds).unwrap()
}

/// The peers' `protocol/ncf_loo_<name>.tsv` (same skip rule).
pub fn peers_file(name: &str) -> Option<PathBuf> {
    test_peers_file(&format!("protocol/ncf_loo_{name}.tsv")).unwrap()
}

/// Writes `content` to `name` in a fresh temporary folder and returns (folder guard, path).
pub fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, content).expect("write");
    (dir, p)
}

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The fixture `name` with `from` replaced by `to` (which must occur once) in a temp file.
pub fn altered(name: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    temp_file(name, text.replace(from, to).as_bytes())
}

/// The file, line and message of a parse error; anything else fails the test.
pub fn parse_error<T: std::fmt::Debug>(r: recsys_data::Result<T>) -> (PathBuf, u64, String) {
    match r {
        Err(DataError::Core(CoreError::Parse {
            path,
            line,
            message,
        })) => (path, line, message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// The text of the fixture `name` with `from` replaced by `to` and CRLF line ends.
pub fn crlf_text(name: &str, from: &str, to: &str) -> String {
    std::fs::read_to_string(fixture(name))
        .unwrap()
        .replace(from, to)
        .replace('\n', "\r\n")
}

/// The line and message of a parse error; anything else fails the test.
pub fn parse_line<T: std::fmt::Debug>(r: recsys_data::Result<T>) -> (u64, String) {
    let (_, line, message) = parse_error(r);
    (line, message)
}

/// A raw user id and the user's `(item, rating, timestamp)` ratings.
pub type UserRatings<'a> = (u64, &'a [(u64, f32, u32)]);

/// A matrix of each user's ratings, in raw ids.
pub fn by_user(rows: &[UserRatings<'_>]) -> Interactions {
    let mut b = InteractionsBuilder::new();
    for &(u, ratings) in rows {
        for &(i, r, t) in ratings {
            b.push(u, i, r, Some(t)).unwrap();
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// Raw (user, item) pairs of a matrix, sorted.
pub fn raw_pairs(m: &Interactions) -> Vec<(u64, u64)> {
    let mut v: Vec<_> = m
        .iter()
        .map(|e| {
            (
                m.users().raw(e.user).unwrap(),
                m.items().raw(e.item).unwrap(),
            )
        })
        .collect();
    v.sort_unstable();
    v
}

/// The ratings of `ds`, binarized as the peers do, and their leave-latest-out split: ties
/// broken by the ratings file's order when `file_order`, else by raw item id.
pub fn peers_split(dir: &DataDir, ds: Dataset, file_order: bool) -> (Interactions, Split) {
    let m = dir.load_ratings(ds).unwrap().implicit(f32::MIN); // every rating is an interaction
    let s = if file_order {
        let (file, format) = ds.ratings_file().unwrap();
        let path = dir.file(ds, file).unwrap();
        let order = movielens::file_order(&m, &path, format).unwrap();
        split::leave_latest_out_with(&m, 1, TieBreak::Order(&order)).unwrap()
    } else {
        split::leave_latest_out(&m, 1).unwrap()
    };
    (m, s)
}

/// The counts of a join report, in field order: movies, with link, with TMDB id, matched by
/// title, matched metadata, matched by IMDb id, matched keywords, matched credits.
pub fn counts(r: &JoinReport) -> [usize; 8] {
    [
        r.movies,
        r.with_link,
        r.with_tmdb_id,
        r.matched_by_title,
        r.matched_metadata,
        r.matched_by_imdb,
        r.matched_keywords,
        r.matched_credits,
    ]
}
