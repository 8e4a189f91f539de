//! Bad input of every kind, across the workspace: each gets a typed error that names what and
//! where, or a documented lenient skip — never a panic, never a hang.

use recsys::core::CoreError;
use std::path::{Path, PathBuf};

use recsys::core::sampling::{NegativeSampler, pointwise_epoch, seeded_rng};
use recsys::core::traits::{ByPredictedRating, Fit, recommend_raw};
use recsys::core::{DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys::data::movielens::{self, RatingsFormat};
use recsys::data::{DataDir, DataError, Dataset};

#[allow(dead_code)]
mod common;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The line of a parse error, which must name `file`.
fn parse_line<T: std::fmt::Debug>(r: recsys::data::Result<T>, file: &Path) -> u64 {
    match r {
        Err(DataError::Core(CoreError::Parse {
            path,
            line,
            message,
        })) => {
            assert_eq!(path, file, "{message}");
            assert!(!message.is_empty());
            line
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

fn small() -> Interactions {
    common::ratings(&[
        (1, 10, 4.0),
        (1, 11, 3.0),
        (2, 10, 5.0),
        (2, 12, 2.0),
        (3, 11, 1.0),
    ])
}

#[test]
fn ratings_files_with_bad_content() {
    let d = tempfile::tempdir().unwrap();
    let csv = |name: &str, body: &str| write(d.path(), name, body.as_bytes());
    let header = "userId,movieId,rating,timestamp\n";
    // an empty file and a header only: no ratings is an error, not an empty model later
    for (name, body) in [("empty.csv", ""), ("header.csv", header)] {
        let p = csv(name, body);
        match movielens::read_ratings(&p, RatingsFormat::Csv, DuplicatePolicy::KeepLast) {
            Err(DataError::Core(CoreError::Empty(_))) => {}
            Ok(m) => assert!(m.is_empty(), "{name}"),
            Err(e) => panic!("{name}: {e}"),
        }
    }
    // wrong delimiter, truncated line, bad numbers: parse errors on the bad row, the last line
    let cases: &[(&str, &str)] = &[
        ("semicolon.csv", "1;10;4.0;5\n"),
        ("truncated.csv", "1,10,4.0,5\n2,11\n"),
        ("nan.csv", "1,10,NaN,5\n"),
        ("inf.csv", "1,10,inf,5\n"),
        ("negative.csv", "1,10,-1,5\n"),
        ("too_high.csv", "1,10,6.5,5\n"),
        ("id_overflow.csv", "1,184467440737095516160,4,5\n"),
        ("negative_id.csv", "-1,10,4,5\n"),
        ("ts_overflow.csv", "1,10,4,99999999999\n"),
        ("extra_field.csv", "1,10,4,5,7\n"),
        ("text.csv", "1,ten,4,5\n"),
    ];
    for &(name, body) in cases {
        let p = csv(name, &format!("{header}{body}"));
        let line = 1 + body.lines().count() as u64;
        assert_eq!(
            parse_line(
                movielens::read_ratings(&p, RatingsFormat::Csv, DuplicatePolicy::KeepLast),
                &p
            ),
            line,
            "{name}"
        );
    }
    // non-UTF-8 bytes in a ratings line are a parse error too
    let p = write(d.path(), "latin1.data", b"1\t10\t4\t5\n2\t1\xe90\t3\t6\n");
    assert_eq!(
        parse_line(
            movielens::read_ratings(&p, RatingsFormat::Tab, DuplicatePolicy::KeepLast),
            &p
        ),
        2
    );
    // tab file given as `::`: every line is malformed
    let p = write(d.path(), "tabs.dat", b"1\t10\t4\t5\n");
    assert_eq!(
        parse_line(
            movielens::read_ratings(&p, RatingsFormat::DoubleColon, DuplicatePolicy::KeepLast),
            &p
        ),
        1
    );
}

#[test]
fn duplicate_rows_follow_the_policy() {
    let (_d, p) = common::temp_file("dup.data", b"1\t10\t4\t5\n1\t10\t2\t6\n2\t10\t3\t7\n");
    let last = movielens::read_ratings(&p, RatingsFormat::Tab, DuplicatePolicy::KeepLast).unwrap();
    assert_eq!(last.nnz(), 2);
    let u = last.user_index(1).unwrap();
    assert_eq!(last.row(u).ratings, [2.0]);
    let first =
        movielens::read_ratings(&p, RatingsFormat::Tab, DuplicatePolicy::KeepFirst).unwrap();
    assert_eq!(first.row(u).ratings, [4.0]);
    let mean = movielens::read_ratings(&p, RatingsFormat::Tab, DuplicatePolicy::Mean).unwrap();
    assert_eq!(mean.row(u).ratings, [3.0]);
    assert!(movielens::read_ratings(&p, RatingsFormat::Tab, DuplicatePolicy::Error).is_err());
}

#[test]
fn folders_missing_files_and_directories_for_files() {
    let d = tempfile::tempdir().unwrap();
    // no folder at all
    let dir = DataDir::new(d.path().join("nowhere"));
    assert!(matches!(
        dir.load_ratings(Dataset::Ml100k),
        Err(DataError::DatasetNotFound { .. })
    ));
    // the folder exists, one file is missing
    std::fs::create_dir_all(d.path().join("ml-latest-small")).unwrap();
    let dir = DataDir::new(d.path());
    match dir.load_ratings(Dataset::MlLatestSmall) {
        Err(e @ DataError::DatasetNotFound { .. }) => {
            assert!(e.to_string().contains("ratings.csv"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    // a directory where the file should be
    std::fs::create_dir_all(d.path().join("ml-latest-small/ratings.csv")).unwrap();
    let e = dir.load_ratings(Dataset::MlLatestSmall).unwrap_err();
    assert!(e.to_string().contains("ratings.csv"), "{e}");
    // a directory given as a file to a reader
    let e = movielens::read_ratings(d.path(), RatingsFormat::Tab, DuplicatePolicy::KeepLast)
        .unwrap_err();
    assert!(matches!(e, DataError::Core(CoreError::Io { .. })), "{e}");
    // the catalog of a folder without its files
    assert!(recsys::data::catalog::load_catalog(&dir, Dataset::Tmdb5000).is_err());
    // unknown dataset names list the valid ones
    match Dataset::from_name("ml-2m") {
        Err(DataError::UnknownDataset { valid, .. }) => assert!(valid.contains("ml-100k")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_files_with_bad_content() {
    let d = tempfile::tempdir().unwrap();
    // movies.csv with a truncated line
    let p = write(
        d.path(),
        "movies.csv",
        b"movieId,title,genres\n1,Toy Story (1995),Animation\n2\n",
    );
    assert_eq!(parse_line(movielens::read_csv_movies(&p), &p), 3);
    // links.csv with a non-numeric id
    let p = write(
        d.path(),
        "links.csv",
        b"movieId,imdbId,tmdbId\n1,0114709,x\n",
    );
    assert_eq!(parse_line(movielens::read_links(&p), &p), 2);
    // u.item that is not pipe-separated
    let p = write(d.path(), "u.item", b"1,Toy Story,1995\n");
    assert_eq!(parse_line(movielens::read_ml100k_items(&p), &p), 1);
    // empty TMDB files
    let p = write(d.path(), "tmdb_5000_movies.csv", b"");
    assert!(recsys::data::tmdb::read_tmdb_movies(&p).is_err());
    // a candidates file with a broken line
    let p = write(d.path(), "cands.tsv", b"1\t10\t5\t11,12\n2\n");
    assert!(recsys::core::candidates::CandidateSet::read_peers_tsv(&p, &small()).is_err());
    // a saved model that is not one
    let p = write(d.path(), "model.bin", b"not a model at all");
    assert!(recsys::mf::FactorModel::load(&p).is_err());
}

#[test]
fn unknown_users_items_and_titles_at_query_time() {
    let m = small();
    assert!(matches!(
        m.user_index(99),
        Err(CoreError::UnknownId { kind: "user", .. })
    ));
    assert!(matches!(
        m.item_index(99),
        Err(CoreError::UnknownId { kind: "item", .. })
    ));
    let base = recsys::mf::BaselineParams::default().fit(&m).unwrap();
    // out-of-range dense indices get the documented fallback, not a panic
    let p = recsys::core::RatingPredictor::predict(&base, 1_000, 1_000);
    assert!(p.is_finite());
    let model = ByPredictedRating {
        model: base,
        n_items: m.n_items(),
    };
    assert!(recommend_raw(&model, &m, 99, 10).is_err());
    let mut out = [0.0f32; 2];
    recsys::core::CandidateScorer::score(&model, 0, &[0, 1_000], &mut out);
    assert_eq!(out[1], f32::NEG_INFINITY);
    // titles
    let catalog = recsys::data::catalog::Catalog::new(vec![recsys::data::catalog::CatalogEntry {
        title: "Heat".into(),
        year: Some(1995),
        ..Default::default()
    }]);
    let titles = recsys::hybrid::TitleIndex::new(&catalog);
    assert!(matches!(
        titles.find("Hot"),
        Err(recsys::hybrid::HybridError::UnknownTitle { .. })
    ));
    assert!(titles.find("").is_err());
    // model names
    assert!(recsys::models::model("svd+++").is_err());
}

#[test]
fn zero_and_absurd_hyperparameters() {
    let m = small();
    let svd = recsys::mf::SvdParams::default;
    for p in [
        recsys::mf::SvdParams {
            factors: 0,
            ..svd()
        },
        recsys::mf::SvdParams { lr: -0.1, ..svd() },
        recsys::mf::SvdParams {
            lr: f32::NAN,
            ..svd()
        },
        recsys::mf::SvdParams {
            reg: f32::INFINITY,
            ..svd()
        },
        recsys::mf::SvdParams {
            init_std: -1.0,
            ..svd()
        },
    ] {
        assert!(p.fit(&m).is_err(), "{p:?}");
        assert!(
            recsys::mf::SvdPpParams { sgd: p.clone() }.fit(&m).is_err(),
            "{p:?}"
        );
    }
    let als = recsys::mf::AlsParams::default;
    for p in [
        recsys::mf::AlsParams {
            factors: 0,
            ..als()
        },
        recsys::mf::AlsParams {
            regularization: -1.0,
            ..als()
        },
        recsys::mf::AlsParams {
            alpha: f64::NAN,
            ..als()
        },
    ] {
        assert!(p.fit(&m).is_err(), "{p:?}");
    }
    assert!(
        recsys::mf::BaselineParams {
            reg_user: -1.0,
            ..recsys::mf::BaselineParams::default()
        }
        .fit(&m)
        .is_err()
    );
    // empty training data
    let empty = InteractionsBuilder::new()
        .build(DuplicatePolicy::KeepLast)
        .unwrap_or_else(|_| small().select(&[false; 5]).unwrap());
    assert!(svd().fit(&empty).is_err());
    assert!(recsys::mf::BaselineParams::default().fit(&empty).is_err());
    // more negatives than items
    let sampler = NegativeSampler::new(&[&m]).unwrap();
    let mut out = Vec::new();
    assert!(
        sampler
            .sample_distinct(0, 10, &mut seeded_rng(0), &mut out)
            .is_err()
    );
    // a user with no negatives at all: every item rated
    let mut b = InteractionsBuilder::new();
    for i in 0..3 {
        b.push(1, i, 4.0, None).unwrap();
    }
    let full = b.build(DuplicatePolicy::KeepLast).unwrap();
    let s = NegativeSampler::new(&[&full]).unwrap();
    assert!(pointwise_epoch(&full, &s, 4, 0, 0, false).is_err());
    // splits
    assert!(recsys::core::split::random_holdout(&m, 1.5, 0).is_err());
    assert!(recsys::core::split::kfold(&m, 0, 0).is_err());
    assert!(recsys::core::split::kfold(&m, 100, 0).is_err());
    // the runner's cutoff
    let prepared = recsys::eval::protocol::prepare_ratings(
        &m,
        &recsys::eval::protocol::ProtocolConfig::new(recsys::eval::protocol::ProtocolKind::Holdout),
    )
    .unwrap();
    let opts = recsys::eval::runner::RunConfig {
        k: 0,
        ..Default::default()
    };
    assert!(recsys::eval::runner::run(&prepared, &[], &opts, &mut |_| {}).is_err());
    // text settings
    let mut v = recsys::text::TfidfVectorizer::new().ngram_range(2, 1);
    assert!(v.fit_transform(&["a b c"]).is_err());
    let mut v = recsys::text::TfidfVectorizer::new();
    assert!(v.fit_transform::<&str>(&[]).is_err());
    // weighted rating on no votes, or a quantile outside [0, 1]
    assert!(recsys::hybrid::WeightedRating::fit(&[], 0.6).is_err());
    assert!(recsys::hybrid::WeightedRating::fit(&[(10.0, 7.0)], 1.5).is_err());
}
