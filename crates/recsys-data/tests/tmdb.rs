//! TMDB 5000 readers: hand-made fixtures with hand-computed answers, malformed input, real data.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{altered, fixture};
use recsys_core::CoreError;

use recsys_data::catalog::{TOP_CAST, merge_credits};
use recsys_data::tmdb::{self, read_tmdb_credits, read_tmdb_movies, read_tmdb5000};
use recsys_data::{DataError, Dataset};

/// The `(line, message)` of a parse error in `file`, failing on any other outcome.
fn parse_error<T: std::fmt::Debug>(r: recsys_data::Result<T>, file: &Path) -> (u64, String) {
    let (path, line, message) = common::parse_error(r);
    assert_eq!(path, file);
    (line, message)
}

#[test]
fn movies_fixture() {
    let m = read_tmdb_movies(&fixture("tmdb_5000_movies.csv")).unwrap();
    assert_eq!(
        m.iter().map(|x| x.tmdb_id).collect::<Vec<_>>(),
        [19995, 155, 380097]
    );
    let avatar = &m[0];
    assert_eq!(avatar.title, "Avatar");
    assert_eq!(avatar.genres, ["Action", "Science Fiction"]);
    assert_eq!(avatar.details.keywords, ["culture clash", "space"]);
    assert_eq!(avatar.details.tagline, "Enter the World of Pandora.");
    assert_eq!(
        (
            avatar.details.budget,
            avatar.details.revenue,
            avatar.details.vote_count
        ),
        (237_000_000, 2_787_965_087, 11800)
    );
    assert_eq!(avatar.details.vote_average, 7.2);
    assert_eq!(avatar.details.popularity, 150.437577);
    assert_eq!(avatar.details.release_date.as_deref(), Some("2009-12-10"));
    assert_eq!((avatar.year, avatar.runtime), (Some(2009), Some(162)));
    assert_eq!(avatar.imdb_id, None);
    assert!(avatar.details.cast.is_empty() && avatar.details.director.is_none());

    // A bare CR inside a quoted field is text, and the next record still parses.
    assert_eq!(
        m[1].details.overview,
        "Batman raises the stakes\rin his war on crime."
    );
    assert_eq!((m[1].runtime, m[1].year), (Some(152), Some(2008)));
    assert!(m[1].details.keywords.is_empty());

    // Empty values; quoted title with a comma and quotes; JSON escapes in a keyword.
    let fish = &m[2];
    assert_eq!(fish.title, "Fish, \"Big\" Fish");
    assert_eq!(
        (fish.details.release_date.as_deref(), fish.year),
        (None, None)
    );
    assert_eq!(
        (fish.runtime, fish.details.vote_count, fish.details.budget),
        (None, 0, 0)
    );
    assert_eq!(fish.details.keywords, ["café \"noir\""]);
    assert!(
        fish.details.overview.is_empty()
            && fish.details.tagline.is_empty()
            && fish.genres.is_empty()
    );
}

#[test]
fn credits_fixture_and_merge() {
    let c = read_tmdb_credits(&fixture("tmdb_5000_credits.csv")).unwrap();
    assert_eq!(c.len(), 3);
    // Cast sorted by `order` (the file lists order 1 first); the Writer row is not the director.
    assert_eq!(c[0].cast, ["Sam Worthington", "Zoe Saldana"]);
    assert_eq!(c[0].director.as_deref(), Some("James Cameron"));
    // Two directors: the first is kept.
    assert_eq!(c[1].director.as_deref(), Some("Christopher Nolan"));
    assert!(c[2].cast.is_empty() && c[2].director.is_none());

    let merged = read_tmdb5000(
        &fixture("tmdb_5000_movies.csv"),
        &fixture("tmdb_5000_credits.csv"),
    )
    .unwrap();
    assert_eq!(merged[1].title, "The Dark Knight");
    assert_eq!(merged[1].details.cast, ["Christian Bale"]);
    assert_eq!(
        merged[1].details.director.as_deref(),
        Some("Christopher Nolan")
    );

    // merge_credits keeps the top TOP_CAST and counts matches by TMDB id only.
    let mut m = read_tmdb_movies(&fixture("tmdb_5000_movies.csv")).unwrap();
    let mut long = c[0].clone();
    long.cast = (0..TOP_CAST + 5).map(|k| format!("actor {k}")).collect();
    let mut other = c[1].clone();
    other.tmdb_id = 1; // not in the movies
    assert_eq!(merge_credits(&mut m, &[long, other]), 1);
    assert_eq!(m[0].details.cast.len(), TOP_CAST);
    assert_eq!(
        m[0].details.cast[TOP_CAST - 1],
        format!("actor {}", TOP_CAST - 1)
    );
    assert!(m[1].details.cast.is_empty());
}

#[test]
fn crlf_gives_the_same_records() {
    for name in ["tmdb_5000_movies.csv", "tmdb_5000_credits.csv"] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let (_d, p) = common::temp_file(name, text.replace('\n', "\r\n").as_bytes());
        if name.contains("movies") {
            assert_eq!(
                read_tmdb_movies(&p).unwrap(),
                read_tmdb_movies(&fixture(name)).unwrap()
            );
        } else {
            assert_eq!(
                read_tmdb_credits(&p).unwrap(),
                read_tmdb_credits(&fixture(name)).unwrap()
            );
        }
    }
}

#[test]
fn malformed_movies_are_errors_with_line() {
    let name = "tmdb_5000_movies.csv";
    let cases = [
        // (from, to, expected line, message fragment)
        (r#"[{""id"": 28, "#, r#"[{""id"": 28 "#, 2, "genres"),
        (",155,", ",15x5,", 3, "id"),
        ("2008-07-16", "16/07/2008", 3, "release_date"),
        (",8.2,12002", ",8.2,-3", 3, "vote_count"),
        (",8.2,12002", ",high,12002", 3, "vote_average"),
        (
            r#"""name"": ""space""}]""#,
            r#"""nam"": ""space""}]""#,
            2,
            "keywords",
        ),
        (",Rumored,", ",Rumored,,", 4, "fields"),
    ];
    for (from, to, line, what) in cases {
        let (_d, p) = altered(name, from, to);
        let (l, msg) = parse_error(read_tmdb_movies(&p), &p);
        assert_eq!(l, line, "{from} -> {to}: {msg}");
        assert!(msg.contains(what), "{msg} should mention {what}");
    }
    // A missing column is reported on the header line.
    let (_d, p) = altered(name, "vote_count\n", "votes\n");
    let (l, msg) = parse_error(read_tmdb_movies(&p), &p);
    assert_eq!(l, 1);
    assert!(msg.contains("vote_count"));
    // Invalid UTF-8 names the line too.
    let mut bytes = std::fs::read(fixture(name)).unwrap();
    let k = bytes.windows(5).position(|w| w == b"Fish,").unwrap();
    bytes[k] = 0xFF;
    let (_d, p) = common::temp_file(name, &bytes);
    assert_eq!(parse_error(read_tmdb_movies(&p), &p).0, 4);
}

#[test]
fn crlf_error_lines() {
    let bad = common::crlf_text("tmdb_5000_movies.csv", ",Rumored,", ",Rumored,,");
    let (_d, p) = common::temp_file("m.csv", bad.as_bytes());
    assert_eq!(parse_error(read_tmdb_movies(&p), &p).0, 4);
    let mut bytes = bad.into_bytes();
    let k = bytes.windows(5).position(|w| w == b"Fish,").unwrap();
    bytes[k] = 0xFF;
    let (_d, p) = common::temp_file("m.csv", &bytes);
    assert_eq!(parse_error(read_tmdb_movies(&p), &p).0, 4);
}

#[test]
fn malformed_credits_are_errors_with_line() {
    let name = "tmdb_5000_credits.csv";
    for (from, to, line) in [
        (
            r#"""order"": 0}]","[{""dep"#,
            r#"""order"": ""0""}]","[{""dep"#,
            3,
        ),
        ("380097,", "x380097,", 4),
        (
            r#"""job"": ""Director"", ""name"": ""Christopher Nolan""}"#,
            r#"""job"": ""Director""}"#,
            3,
        ),
    ] {
        let (_d, p) = altered(name, from, to);
        assert_eq!(parse_error(read_tmdb_credits(&p), &p).0, line, "{to}");
    }
    // A missing file is an I/O error naming it.
    let missing = fixture("no_such_file.csv");
    let err = read_tmdb_credits(&missing).unwrap_err();
    assert!(
        matches!(err, DataError::Core(CoreError::Io { .. }))
            && err.to_string().contains("no_such_file")
    );
}

#[test]
fn real_tmdb_5000() {
    let Some(dir) = common::data_dir(Dataset::Tmdb5000) else {
        return;
    };
    let movies_path = dir.file(Dataset::Tmdb5000, tmdb::MOVIES_FILE).unwrap();
    let credits_path = dir.file(Dataset::Tmdb5000, tmdb::CREDITS_FILE).unwrap();
    let m = read_tmdb5000(&movies_path, &credits_path).unwrap();
    assert_eq!(m.len(), 4803);
    assert_eq!(
        m.iter().map(|x| x.tmdb_id).collect::<HashSet<_>>().len(),
        4803
    );
    let with_cr: Vec<u64> = m
        .iter()
        .filter(|x| x.details.overview.contains('\r'))
        .map(|x| x.tmdb_id)
        .collect();
    assert_eq!(with_cr, [11891, 11342, 25248]);
    // MANIFEST figures: 1 empty release date, 2 empty runtimes, 62 with no votes.
    assert_eq!(
        m.iter()
            .filter(|x| x.details.release_date.is_none())
            .count(),
        1
    );
    assert_eq!(m.iter().filter(|x| x.runtime.is_none()).count(), 2);
    assert_eq!(m.iter().filter(|x| x.details.vote_count == 0).count(), 62);

    let credits = read_tmdb_credits(&credits_path).unwrap();
    assert_eq!(credits.len(), 4803);
    // Same id set, same order as the movies file.
    assert!(credits.iter().zip(&m).all(|(c, x)| c.tmdb_id == x.tmdb_id));
    // 43 empty casts, 28 empty crews + crews without a Director (python: 30 in all).
    assert_eq!(credits.iter().filter(|c| c.cast.is_empty()).count(), 43);
    assert_eq!(credits.iter().filter(|c| c.director.is_none()).count(), 30);

    let dk = m.iter().find(|x| x.title == "The Dark Knight").unwrap();
    assert_eq!(dk.tmdb_id, 155);
    assert_eq!(dk.details.director.as_deref(), Some("Christopher Nolan"));
    assert_eq!(
        dk.details.cast.first().map(String::as_str),
        Some("Christian Bale")
    );
    let avatar = &m[0];
    assert_eq!(avatar.title, "Avatar");
    assert_eq!(avatar.details.cast.len(), TOP_CAST);
    assert_eq!(avatar.details.cast[..2], ["Sam Worthington", "Zoe Saldana"]);
}
