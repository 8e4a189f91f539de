//! The Movies Dataset: the Python-literal parser, `keywords.csv`, `movies_metadata.csv` and
//! `credits.csv` on hand-made fixtures reproducing the real file's quirks, and the real files.

mod common;

use std::collections::HashSet;

use common::{altered, fixture, parse_line};

use proptest::prelude::*;
use recsys_data::kaggle::{
    self, MAX_PY_DEPTH, parse_py_literal, read_credits, read_keywords, read_movies_metadata,
};
use recsys_data::{Dataset, movielens};
use serde_json::{Value, json};

// ---- Python literals ----

#[test]
fn py_literal_values() {
    let v = parse_py_literal(
        "[{'id': 931, 'name': 'jealousy'}, (1, -2.5e3, 0.5), True, False, None, {}, [], ()]",
    )
    .unwrap();
    assert_eq!(
        v,
        json!([{"id": 931, "name": "jealousy"}, [1, -2500.0, 0.5], true, false, null, {}, [], []])
    );
    // Whitespace, trailing commas, integer keys, underscores, big unsigned ints.
    assert_eq!(
        parse_py_literal(" { 1 : [ 1_000 , ] , 'k' : +7, } ").unwrap(),
        json!({"1": [1000], "k": 7})
    );
    assert_eq!(
        parse_py_literal("18446744073709551615").unwrap(),
        json!(u64::MAX)
    );
}

#[test]
fn py_literal_strings_and_escapes() {
    let cases = [
        (r#""children's book""#, "children's book"),
        (r"'Sam \'Ace\' Rothstein'", "Sam 'Ace' Rothstein"),
        (r#"'say "hi"'"#, "say \"hi\""),
        (r#""a \"q\" b""#, "a \"q\" b"),
        (r"'\xa0nightgown'", "\u{a0}nightgown"),
        (r"'back\\slash'", "back\\slash"),
        (r"'\n\r\t\a\b\f\v'", "\n\r\t\x07\x08\x0c\x0b"),
        (r"'\u00e9\U0001F600'", "é😀"),
        (r"'\101\0'", "A\0"),
        (r"'\d\w'", "\\d\\w"),
        ("'line\\\ncontinued'", "linecontinued"),
        ("'日本語 ünïcödé'", "日本語 ünïcödé"),
        ("''", ""),
    ];
    for (lit, want) in cases {
        assert_eq!(parse_py_literal(lit).unwrap(), Value::from(want), "{lit}");
    }
}

#[test]
fn py_literal_errors() {
    let cases = [
        ("", 0),
        ("[1, 2", 5),
        ("[1 2]", 3),
        ("{'a' 1}", 5),
        ("{'a': 1", 7),
        ("'abc", 0),
        ("'a\nb'", 0),
        ("[nan]", 1),
        ("Tru", 0),
        ("[1] x", 4),
        (r"'\x4'", 1),
        (r"'\ud800'", 1),
        ("{[1]: 2}", 1),
        ("{1.5: 2}", 1),
        ("1e999", 0),
        ("--1", 0),
        ("]", 0),
        ("'ok' 'concat'", 5),
    ];
    for (lit, offset) in cases {
        let e = parse_py_literal(lit).unwrap_err();
        assert_eq!(e.offset, offset, "{lit:?}: {e}");
    }
    // Deep nesting is an error, not a stack overflow.
    let deep = "[".repeat(100_000);
    assert!(
        parse_py_literal(&deep)
            .unwrap_err()
            .message
            .contains("nested")
    );
    let ok = format!("{}{}", "[".repeat(MAX_PY_DEPTH), "]".repeat(MAX_PY_DEPTH));
    assert!(parse_py_literal(&ok).is_ok());
}

/// Python's `repr` of a value, as the Kaggle files were written.
fn repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => format!("{f:?}"),
            _ => n.to_string(),
        },
        Value::String(s) => {
            let q = if s.contains('\'') && !s.contains('"') {
                '"'
            } else {
                '\''
            };
            let mut out = String::from(q);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c == q => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if (c as u32) < 0x20 || c == '\x7f' || c == '\u{a0}' => {
                        out.push_str(&format!("\\x{:02x}", c as u32))
                    }
                    c => out.push(c),
                }
            }
            out.push(q);
            out
        }
        Value::Array(a) => format!("[{}]", a.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", repr(&Value::from(k.as_str())), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        "[a-z' \"\\\\\u{a0}]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_']{1,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn py_literal_round_trips_repr(v in arb_value()) {
        prop_assert_eq!(parse_py_literal(&repr(&v)).unwrap(), v);
    }

    #[test]
    fn py_literal_never_panics(s in "[\\[\\]{}()'\",:\\\\ xuU0-9a-fTFNe.+-]{0,40}|\\PC{0,40}") {
        // Any outcome but a panic; errors point inside the input.
        if let Err(e) = parse_py_literal(&s) {
            prop_assert!(e.offset <= s.len());
        }
    }
}

// ---- keywords.csv ----

#[test]
fn keywords_fixture() {
    let k = read_keywords(&fixture("keywords.csv")).unwrap();
    assert_eq!((k.rows, k.items.len()), (6, 4));
    // 862 repeated exactly; 15602 repeated with other content: both dropped, first kept.
    assert_eq!((k.duplicates, k.conflicting), (2, 1));
    assert_eq!(k.skipped.count, 0);
    let ids: Vec<u64> = k.items.iter().map(|x| x.tmdb_id).collect();
    assert_eq!(ids, [862, 8844, 15602, 31357]);
    assert_eq!(k.items[0].keywords, ["jealousy", "toy"]);
    assert_eq!(k.items[1].keywords[1], "based on children's book");
    assert!(k.items[2].keywords.is_empty());
    assert_eq!(
        k.items[3].keywords,
        ["\u{a0}nightgown", "back\\slash 'quoted' é"]
    );
    // CRLF line endings give the same result.
    let text = std::fs::read_to_string(fixture("keywords.csv")).unwrap();
    let (_d, p) = common::temp_file("keywords.csv", text.replace('\n', "\r\n").as_bytes());
    assert_eq!(read_keywords(&p).unwrap(), k);
}

#[test]
fn malformed_keywords_are_errors_with_line() {
    for (from, to, line) in [
        ("'name': 'toy'}]\"\n8844", "'name': 'toy'}\"\n8844", 2),
        ("15602,[]", "15602,[{'id': 1}]", 4),
        ("15602,[]", "15602.0,[]", 4),
        (r"'\xa0nightgown'", r"'\xZZnightgown'", 6),
        ("8844,", ",", 3),
    ] {
        let (_d, p) = altered("keywords.csv", from, to);
        let (l, msg) = parse_line(read_keywords(&p));
        assert_eq!(l, line, "{to}: {msg}");
    }
}

#[test]
fn real_keywords() {
    let Some(dir) = common::data_dir(Dataset::RatingsSmall) else {
        return;
    };
    let k = read_keywords(
        &dir.file(Dataset::RatingsSmall, kaggle::KEYWORDS_FILE)
            .unwrap(),
    )
    .unwrap();
    assert_eq!((k.rows, k.items.len()), (46_419, 45_432));
    assert_eq!((k.duplicates, k.conflicting), (987, 0));
    // 14,795 rows are `[]`; 14,340 distinct ids (python: first row per id).
    assert_eq!(
        k.items.iter().filter(|x| x.keywords.is_empty()).count(),
        14_340
    );
    let toy = &k.items[0];
    assert_eq!(toy.tmdb_id, 862);
    assert_eq!(toy.keywords.len(), 9);
    assert_eq!(toy.keywords[0], "jealousy");
    let jumanji = k.items.iter().find(|x| x.tmdb_id == 8844).unwrap();
    assert!(
        jumanji
            .keywords
            .contains(&"based on children's book".to_string())
    );
    // 112 `\xa0` escapes in the file, all in first rows of their id, decoded to U+00A0.
    let nbsp: usize = k
        .items
        .iter()
        .flat_map(|x| &x.keywords)
        .map(|w| w.matches('\u{a0}').count())
        .sum();
    assert_eq!(nbsp, 112);
    assert!(
        k.items
            .iter()
            .flat_map(|x| &x.keywords)
            .all(|w| !w.contains('\\'))
    );
}

// ---- movies_metadata.csv ----

#[test]
fn metadata_fixture_skips_quirks() {
    let m = read_movies_metadata(&fixture("movies_metadata.csv")).unwrap();
    assert_eq!(m.rows, 7);
    // Truncated row (10 fields), shifted continuation (15 fields), shifted row padded to 24
    // fields whose id is a date.
    assert_eq!(m.skipped.count, 3);
    let lines: Vec<u64> = m.skipped.first.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [4, 5, 6]);
    assert!(m.skipped.first[0].1.contains("10 fields"));
    assert!(m.skipped.first[2].1.contains("2012-09-29"));
    assert_eq!((m.duplicates, m.conflicting), (1, 0));
    let ids: Vec<u64> = m.items.iter().map(|x| x.tmdb_id).collect();
    assert_eq!(ids, [862, 8844, 461257]);

    let toy = &m.items[0];
    assert_eq!(toy.imdb_id, Some(114709));
    assert_eq!(toy.title, "Toy Story");
    assert_eq!(toy.genres, ["Animation", "Comedy", "Family"]);
    assert_eq!(
        (
            toy.details.budget,
            toy.details.revenue,
            toy.details.vote_count,
            toy.runtime
        ),
        (30_000_000, 373_554_033, 5415, Some(81))
    );
    assert_eq!(
        (toy.details.vote_average, toy.details.popularity),
        (7.7, 21.946943)
    );
    assert_eq!(
        (toy.details.release_date.as_deref(), toy.year),
        (Some("1995-10-30"), Some(1995))
    );
    assert_eq!(
        toy.details.overview,
        "Led by Woody, Andy's toys live happily in his room."
    );
    assert!(
        toy.details.tagline.is_empty()
            && toy.details.keywords.is_empty()
            && toy.details.cast.is_empty()
    );

    assert_eq!(m.items[1].genres, ["Adventure", "Children's \"Family\""]);
    assert_eq!(
        m.items[1].details.tagline,
        "Roll the dice and unleash the excitement!"
    );
    let unknown = &m.items[2];
    assert_eq!(
        (
            unknown.imdb_id,
            unknown.details.release_date.as_deref(),
            unknown.runtime
        ),
        (None, None, None)
    );
    assert!(unknown.genres.is_empty());

    // CRLF: same records, same line numbers.
    let text = std::fs::read_to_string(fixture("movies_metadata.csv")).unwrap();
    let (_d, p) = common::temp_file("m.csv", text.replace('\n', "\r\n").as_bytes());
    assert_eq!(read_movies_metadata(&p).unwrap(), m);
}

#[test]
fn malformed_metadata_rows_are_errors_with_line() {
    let name = "movies_metadata.csv";
    for (from, to, line) in [
        ("'Adventure'}", "'Adventure'", 3),
        (",6.9,2413.0", ",6.9,many", 3),
        ("tt0113497", "nm0113497", 3),
        ("1995-12-15", "Dec 1995", 3),
        (",104.0,[]", ",-104.0,[]", 3),
        (",461257,", ",461257,tt", 8),
    ] {
        let (_d, p) = altered(name, from, to);
        let (l, msg) = parse_line(read_movies_metadata(&p));
        assert_eq!(l, line, "{to}: {msg}");
    }
    // A missing column is an error on the header line, not a skip.
    let (_d, p) = altered(name, ",imdb_id,", ",imdb,");
    assert_eq!(parse_line(read_movies_metadata(&p)).0, 1);
}

#[test]
fn error_lines_are_true_lines_with_crlf_and_blank_lines() {
    // The `csv` crate places CRLF records one line early; the readers correct it.
    let bad = common::crlf_text("movies_metadata.csv", "'Adventure'}", "'Adventure'");
    let (_d, p) = common::temp_file("m.csv", bad.as_bytes());
    assert_eq!(parse_line(read_movies_metadata(&p)).0, 3);
    // Blank lines are skipped by the CSV reader but still counted.
    let text = std::fs::read_to_string(fixture("keywords.csv")).unwrap();
    for eol in ["\n", "\r\n"] {
        let bad = text.replace("15602,[]", "\n\n15602,[x]").replace('\n', eol);
        let (_d, p) = common::temp_file("k.csv", bad.as_bytes());
        assert_eq!(parse_line(read_keywords(&p)).0, 6, "{eol:?}");
    }
}

// ---- credits.csv ----

#[test]
fn credits_fixture() {
    let c = read_credits(&fixture("credits.csv")).unwrap();
    assert_eq!((c.rows, c.items.len(), c.duplicates), (5, 3, 0));
    assert_eq!(c.skipped.count, 2);
    assert_eq!(
        c.skipped.first.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        [4, 5]
    );
    let toy = &c.items[0];
    assert_eq!(toy.tmdb_id, 862);
    assert_eq!(toy.cast, ["Tom Hanks", "Tim Allen"]);
    assert_eq!(toy.director.as_deref(), Some("John Lasseter"));
    assert_eq!(c.items[1].cast, ["Robert De Niro"]);
    assert_eq!(c.items[1].director, None);
    assert!(c.items[2].cast.is_empty() && c.items[2].director.is_none());

    let (_d, p) = altered(
        "credits.csv",
        "'order': 0, 'profile_path': None}]\",[]",
        "'order': 0, 'profile_path': None]\",[]",
    );
    assert_eq!(parse_line(read_credits(&p)).0, 3);
}

#[test]
fn kaggle_movielens_files_use_the_movielens_readers() {
    let Some(dir) = common::data_dir(Dataset::RatingsSmall) else {
        return;
    };
    let ds = Dataset::RatingsSmall;
    let small = movielens::read_links(&dir.file(ds, "links_small.csv").unwrap()).unwrap();
    assert_eq!(small.len(), 9125);
    assert_eq!(small.iter().filter(|l| l.tmdb_id.is_none()).count(), 13);
    let links = movielens::read_links(&dir.file(ds, "links.csv").unwrap()).unwrap();
    assert_eq!(links.len(), 45_843);
    assert_eq!(links.iter().filter(|l| l.tmdb_id.is_none()).count(), 219);
    let big: HashSet<u64> = links.iter().map(|l| l.movie_id).collect();
    assert_eq!(
        small.iter().filter(|l| !big.contains(&l.movie_id)).count(),
        10
    );
    let r = dir.load_ratings(ds).unwrap();
    assert_eq!((r.nnz(), r.n_users(), r.n_items()), (100_004, 671, 9066));
}
