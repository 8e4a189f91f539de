//! MovieLens loaders on the real files (under `RECSYS_DATA`) and on small hand-made files.

mod common;

use std::path::Path;

use approx::assert_relative_eq;
use recsys_core::{CoreError, DuplicatePolicy, Interactions};
use recsys_data::movielens::{self, RatingsFormat};
use recsys_data::stats::RatingStats;
use recsys_data::{DataDir, DataError, Dataset};

/// The data folder of `ds`, its ratings and their statistics, which must count `(users, items,
/// ratings)`; `None` (skip) without the dataset.
fn real_ratings(
    ds: Dataset,
    sizes: (usize, usize, usize),
) -> Option<(DataDir, Interactions, RatingStats)> {
    let dir = common::data_dir(ds)?;
    let r = dir.load_ratings(ds).unwrap();
    let s = RatingStats::of(&r);
    assert_eq!((s.users, s.items, s.ratings), sizes, "{ds}");
    Some((dir, r, s))
}

#[test]
fn ml100k_real_counts_items_users_genres() {
    let Some((dir, r, s)) = real_ratings(Dataset::Ml100k, (943, 1682, 100_000)) else {
        return;
    };
    assert_relative_eq!(
        s.sparsity,
        1.0 - 100_000.0 / (943.0 * 1682.0),
        epsilon = 1e-12
    );
    assert_eq!(
        s.histogram.iter().map(|h| h.0).collect::<Vec<_>>(),
        vec![1.0, 2.0, 3.0, 4.0, 5.0]
    );
    assert_eq!(s.histogram.iter().map(|h| h.1).sum::<usize>(), 100_000);
    assert_eq!(r.duplicates_merged(), 0);

    let movies = dir.load_movies(Dataset::Ml100k).unwrap();
    assert_eq!(movies.len(), 1682);
    assert_eq!(movies[0].title, "Toy Story (1995)");
    assert_eq!(movies[0].year, Some(1995));
    assert_eq!(movies[0].genres, vec!["Animation", "Children's", "Comedy"]);
    // latin-1 decoded
    assert!(movies.iter().any(|m| m.title.contains("Misérables")));
    // item 267 is "unknown" with no release date
    let unknown = movies.iter().find(|m| m.id == 267).unwrap();
    assert_eq!(unknown.title, "unknown");
    assert_eq!(unknown.release_date, None);

    let root = dir.dataset_dir(Dataset::Ml100k).unwrap();
    let users = movielens::read_ml100k_users(&root.join("u.user")).unwrap();
    assert_eq!(users.len(), 943);
    assert_eq!(
        (users[0].id, users[0].age, users[0].gender.as_str()),
        (1, 24, "M")
    );
    let genres = movielens::read_ml100k_genres(&root.join("u.genre")).unwrap();
    assert_eq!(genres, movielens::ML100K_GENRES.map(String::from).to_vec());
}

#[test]
fn ml100k_official_splits_partition_u_data() {
    let Some(dir) = common::data_dir(Dataset::Ml100k) else {
        return;
    };
    let root = dir.dataset_dir(Dataset::Ml100k).unwrap();
    let all = dir.load_ratings(Dataset::Ml100k).unwrap();
    for name in movielens::ML100K_SPLITS {
        let s = movielens::read_ml100k_split(&root, name).unwrap();
        assert!(s.train.same_index_space(&s.test));
        let expect = if name.starts_with("u") && name.len() == 2 && name != "ua" && name != "ub" {
            (80_000, 20_000)
        } else {
            (90_570, 9_430)
        };
        assert_eq!((s.train.nnz(), s.test.nnz()), expect, "{name}");
        // disjoint, and together exactly u.data
        for e in s.test.iter() {
            assert!(!s.train.contains(e.user, e.item), "{name}: overlap");
        }
        for e in all.iter() {
            let u = s
                .train
                .users()
                .index(all.users().raw(e.user).unwrap())
                .unwrap();
            let i = s
                .train
                .items()
                .index(all.items().raw(e.item).unwrap())
                .unwrap();
            let r = s.train.rating(u, i).or_else(|| s.test.rating(u, i));
            assert_eq!(r, Some(e.rating), "{name}");
        }
        if name == "ua" || name == "ub" {
            assert!(s.test.user_counts().iter().all(|&c| c == 10));
        }
    }
    assert!(matches!(
        movielens::read_ml100k_split(&root, "u9"),
        Err(DataError::Core(CoreError::InvalidParameter { .. }))
    ));
}

#[test]
fn ml_latest_small_real_files() {
    let Some((dir, _, s)) = real_ratings(Dataset::MlLatestSmall, (610, 9724, 100_836)) else {
        return;
    };
    assert_eq!(s.histogram.len(), 10); // half stars 0.5..5.0
    let movies = dir.load_movies(Dataset::MlLatestSmall).unwrap();
    assert_eq!(movies.len(), 9742);
    assert_eq!(movies.iter().filter(|m| m.genres.is_empty()).count(), 34);
    // quoted title with a comma
    assert!(
        movies
            .iter()
            .any(|m| m.title == "American President, The (1995)")
    );
    let root = dir.dataset_dir(Dataset::MlLatestSmall).unwrap();
    let links = movielens::read_links(&root.join("links.csv")).unwrap();
    assert_eq!(links.len(), 9742);
    assert_eq!(links.iter().filter(|l| l.tmdb_id.is_none()).count(), 8);
    assert_eq!(links[0].imdb_id, Some(114_709)); // 0114709, Toy Story
    assert_eq!(links[0].tmdb_id, Some(862));
    let tags = movielens::read_csv_tags(&root.join("tags.csv")).unwrap();
    assert_eq!(tags.len(), 3683);
}

#[test]
fn ratings_small_and_ml1m_real_files() {
    real_ratings(Dataset::RatingsSmall, (671, 9066, 100_004));
    if let Some(dir) = common::data_dir(Dataset::Ml1m) {
        let movies = dir.load_movies(Dataset::Ml1m).unwrap();
        assert_eq!(movies.len(), 3883);
        assert!(movies.iter().all(|m| m.id <= 3952));
        let root = dir.dataset_dir(Dataset::Ml1m).unwrap();
        let users = movielens::read_dat_users(&root.join("users.dat")).unwrap();
        assert_eq!(users.len(), 6040);
        // ratings.dat is not in the shared data: the error names the file it looked for.
        if !root.join("ratings.dat").exists() {
            let e = dir.load_ratings(Dataset::Ml1m).unwrap_err();
            assert!(matches!(e, DataError::DatasetNotFound { .. }));
            assert!(e.to_string().contains("ml-1m/ratings.dat"), "{e}");
        }
    }
}

/// The ratings file at `path`, tab-separated.
fn read_tab(path: &Path) -> recsys_data::Result<Interactions> {
    movielens::read_ratings(path, RatingsFormat::Tab, DuplicatePolicy::KeepLast)
}

/// Ratings in `format` read from `content`, written to a temporary file `name`.
fn ratings_in(
    name: &str,
    content: &[u8],
    format: RatingsFormat,
) -> recsys_data::Result<Interactions> {
    let (_d, p) = common::temp_file(name, content);
    movielens::read_ratings(&p, format, DuplicatePolicy::KeepLast)
}

#[test]
fn hand_made_tab_file_with_crlf_bom_and_blank_lines() {
    let m = ratings_in(
        "u.data",
        b"\xEF\xBB\xBF1\t10\t5\t100\r\n\r\n2\t10\t3\t200\r\n1\t20\t4\t150",
        RatingsFormat::Tab,
    )
    .unwrap();
    assert_eq!((m.n_users(), m.n_items(), m.nnz()), (2, 2, 3));
    assert_eq!(m.rating_raw(1, 20), Some(4.0));
    assert_eq!(m.rating_raw(2, 10), Some(3.0));
    let u1 = m.user_index(1).unwrap();
    assert_eq!(m.row(u1).timestamps, &[100, 150]);
}

#[test]
fn csv_ratings_header_and_half_stars() {
    let m = ratings_in(
        "ratings.csv",
        b"userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n",
        RatingsFormat::Csv,
    )
    .unwrap();
    assert_eq!(m.nnz(), 2);
    assert_eq!(m.rating_raw(1, 31), Some(2.5));
}

#[test]
fn malformed_ratings_name_file_and_line() {
    let cases: [(&[u8], u64, &str); 9] = [
        (b"1\t2\t3\t4\n1\t2\n", 2, "expected"),
        (b"1\t2\t3\t4\nx\t2\t3\t4\n", 2, "user id"),
        (b"1\t2\tNaN\t4\n", 1, "not finite"),
        (b"1\t2\t7\t4\n", 1, "outside"),
        (b"1\t2\t-1\t4\n", 1, "outside"),
        (
            b"1\t2\t3\t4\n99999999999999999999999\t2\t3\t4\n",
            2,
            "overflows",
        ),
        (b"1\t2\t3\t99999999999\n", 1, "out of range"),
        (b"1\t2\t3\t4\t5\n", 1, "too many"),
        (b"1,2,3,4\n", 1, "expected"),
    ];
    for (content, line, needle) in cases {
        let e = ratings_in("u.data", content, RatingsFormat::Tab).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("u.data"), "{msg}");
        assert!(msg.contains(needle), "{msg} should mention {needle}");
        assert_eq!(common::parse_line::<()>(Err(e)).0, line, "{msg}");
    }
}

#[test]
fn missing_file_and_directory_are_io_errors() {
    let d = tempfile::tempdir().unwrap();
    let e = read_tab(&d.path().join("nope")).unwrap_err();
    assert!(matches!(e, DataError::Core(CoreError::Io { .. })));
    std::fs::create_dir(d.path().join("u.data")).unwrap();
    let e = read_tab(&d.path().join("u.data")).unwrap_err();
    assert!(e.to_string().contains("directory"), "{e}");
}

#[test]
fn dat_and_csv_movies_and_links() {
    let (_d, p) = common::temp_file(
        "movies.dat",
        b"1::Toy Story (1995)::Animation|Children's|Comedy\n73::Mis\xe9rables, Les (1995)::Drama|War\n",
    );
    let m = movielens::read_dat_movies(&p).unwrap();
    assert_eq!(m[1].title, "Misérables, Les (1995)");
    assert_eq!(m[1].display_title(), "Les Misérables");
    assert_eq!(m[1].genres, vec!["Drama", "War"]);

    let (_d, p) = common::temp_file(
        "movies.csv",
        "movieId,title,genres\r\n11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n\
         182727,A Christmas Story Live! (2017),(no genres listed)\r\n"
            .as_bytes(),
    );
    let m = movielens::read_csv_movies(&p).unwrap();
    assert_eq!(m[0].display_title(), "The American President");
    assert_eq!(m[0].year, Some(1995));
    assert!(m[1].genres.is_empty());

    let (_d, p) = common::temp_file(
        "links.csv",
        b"movieId,imdbId,tmdbId\r\n1,0114709,862\r\n791,0113610,\r\n",
    );
    let l = movielens::read_links(&p).unwrap();
    assert_eq!(l[1].tmdb_id, None);
    assert_eq!(l[1].imdb_id, Some(113_610));
    let (_d, p) = common::temp_file("links.csv", b"movieId,imdb,tmdbId\n1,2,3\n");
    assert_eq!(common::parse_line(movielens::read_links(&p)).0, 1);
    let (_d, p) = common::temp_file(
        "movies.csv",
        b"movieId,title,genres\n1,\"Unclosed title,Drama\n",
    );
    // an unclosed quote swallows the rest of the file: the record is short of its genres field
    assert_eq!(common::parse_line(movielens::read_csv_movies(&p)).0, 2);
    let (_d, p) = common::temp_file(
        "movies.csv",
        b"movieId,title,genres\nabc,Title (2000),Drama\n",
    );
    assert_eq!(common::parse_line(movielens::read_csv_movies(&p)).0, 2);
}

#[test]
fn titles_and_years() {
    assert_eq!(
        movielens::split_title_year("Toy Story (1995)"),
        ("Toy Story", Some(1995))
    );
    assert_eq!(
        movielens::split_title_year("Babylon 5"),
        ("Babylon 5", None)
    );
    assert_eq!(
        movielens::split_title_year("Ready Player One (2018) "),
        ("Ready Player One", Some(2018))
    );
    assert_eq!(
        movielens::display_title("Shawshank Redemption, The (1994)"),
        "The Shawshank Redemption"
    );
    assert_eq!(
        movielens::display_title("City of Lost Children, The (Cité des enfants perdus, La) (1995)"),
        "The City of Lost Children (Cité des enfants perdus, La)"
    );
    assert_eq!(movielens::display_title("Heat (1995)"), "Heat");
}
