//! The catalog of the real data (under `RECSYS_DATA`), with counts checked independently with
//! Python's `csv` module.

mod common;

use common::counts;
use recsys_data::Dataset;
use recsys_data::catalog::{JoinReport, load_catalog, match_by_title};

/// The real catalog of `ds` and its report; when all `sources` files were read, the report's
/// [`counts`] must be `expected`. `None` (skip) without the dataset.
fn real(
    ds: Dataset,
    expected: Option<(usize, [usize; 8])>,
) -> Option<(recsys_data::catalog::Catalog, JoinReport)> {
    let dir = common::data_dir(ds)?;
    let (cat, r) = load_catalog(&dir, ds).unwrap();
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    assert_eq!(cat.len(), r.movies);
    if let Some((sources, counted)) = expected
        && r.sources.len() == sources
    {
        assert_eq!(counts(&r), counted, "{ds}");
    }
    Some((cat, r))
}

#[test]
fn real_tmdb5000_catalog() {
    // Its two files are always the sources.
    let expected = [4803, 0, 4803, 0, 4803, 0, 4803, 4803];
    let Some((cat, r)) = real(Dataset::Tmdb5000, Some((2, expected))) else {
        return;
    };
    assert_eq!(r.sources.len(), 2);
    let dk = cat.by_tmdb_id(155).unwrap();
    assert_eq!(dk.title, "The Dark Knight");
    assert_eq!(dk.details.director.as_deref(), Some("Christopher Nolan"));
}

#[test]
fn real_ml_latest_small_catalog() {
    // Counted independently with Python's csv module (with tmdb-5000 and keywords.csv present:
    // 5 sources): links 9742, non-empty tmdbId 9734, of which 3537 in tmdb_5000_movies.csv (and
    // credits), 9544 in keywords.csv.
    let expected = [9742, 9742, 9734, 0, 3537, 0, 9544, 3537];
    let Some((cat, _)) = real(Dataset::MlLatestSmall, Some((5, expected))) else {
        return;
    };
    let toy = cat.by_movie_id(1).unwrap();
    assert_eq!((toy.tmdb_id, toy.imdb_id), (Some(862), Some(114709)));
    assert_eq!(toy.title, "Toy Story");
    assert!(toy.details.keywords.iter().any(|k| k == "jealousy"));
    assert_eq!(toy.details.director.as_deref(), Some("John Lasseter"));
    assert_eq!(
        toy.details.cast.first().map(String::as_str),
        Some("Tom Hanks")
    );
    // TMDB id 4912 is linked from two movieIds.
    let shared: Vec<_> = cat
        .entries()
        .iter()
        .filter(|e| e.tmdb_id == Some(4912))
        .collect();
    assert_eq!(shared.len(), 2);
    assert_eq!(cat.by_tmdb_id(4912).unwrap().movie_id, shared[0].movie_id);
}

#[test]
fn real_ratings_small_catalog() {
    // Python (6 sources): links_small 9125 rows (distinct movieIds), 9112 with tmdbId, 3404 in
    // TMDB 5000, 9082 in keywords.csv; only 7084 movieIds are in ml-latest-small's movies.csv,
    // and 1832 are in neither it nor TMDB 5000 (empty titles).
    let expected = [9125, 9125, 9112, 0, 3404, 0, 9082, 3404];
    let Some((cat, r)) = real(Dataset::RatingsSmall, Some((6, expected))) else {
        return;
    };
    if r.sources.len() == 6 {
        assert_eq!(
            cat.entries().iter().filter(|e| e.title.is_empty()).count(),
            1832
        );
    }
}

#[test]
fn real_ml100k_and_ml1m_by_title() {
    for ds in [Dataset::Ml100k, Dataset::Ml1m] {
        let Some((cat, r)) = real(ds, None) else {
            continue;
        };
        assert_eq!(r.movies, if ds == Dataset::Ml100k { 1682 } else { 3883 });
        assert_eq!((r.with_link, r.with_tmdb_id), (0, r.matched_by_title));
        assert_eq!(r.matched_metadata, r.matched_by_title);
        if r.sources.iter().any(|s| s.starts_with("tmdb-5000")) {
            // Well-known titles match (MovieLens writes "Godfather, The").
            let id = |ml100k: u64, ml1m: u64| if ds == Dataset::Ml100k { ml100k } else { ml1m };
            let want = [(id(1, 1), 862), (id(64, 318), 278), (id(127, 858), 238)];
            for (movie, tmdb) in want {
                assert_eq!(
                    cat.by_movie_id(movie).unwrap().tmdb_id,
                    Some(tmdb),
                    "{movie}"
                );
            }
            assert!(r.matched_by_title * 4 > r.movies, "{r:?}");
        }
    }
}

/// MovieLens ids are stable across builds, so the Kaggle `links.csv` (ml-latest) checks the ml-1m
/// title match: matched TMDB ids must agree with the links, and most linkable movies must match.
#[test]
fn real_ml1m_title_match_agrees_with_links() {
    let (Some(dir), Some(_)) = (
        common::data_dir(Dataset::Ml1m),
        common::data_dir(Dataset::RatingsSmall),
    ) else {
        return;
    };
    let Ok(tmdb_movies) = dir.file(Dataset::Tmdb5000, recsys_data::tmdb::MOVIES_FILE) else {
        return;
    };
    let metadata = recsys_data::tmdb::read_tmdb_movies(&tmdb_movies).unwrap();
    let movies = dir.load_movies(Dataset::Ml1m).unwrap();
    let links =
        recsys_data::movielens::read_links(&dir.file(Dataset::RatingsSmall, "links.csv").unwrap())
            .unwrap();
    let truth: std::collections::HashMap<u64, u64> = links
        .iter()
        .filter_map(|l| Some((l.movie_id, l.tmdb_id?)))
        .collect();
    let in_tmdb: std::collections::HashSet<u64> = metadata.iter().map(|m| m.tmdb_id).collect();
    let matched = match_by_title(&movies, &metadata);
    let checked: Vec<bool> = matched
        .iter()
        .filter_map(|l| Some(truth.get(&l.movie_id)? == &l.tmdb_id?))
        .collect();
    let agree = checked.iter().filter(|&&b| b).count();
    let linkable = movies
        .iter()
        .filter(|m| truth.get(&m.id).is_some_and(|t| in_tmdb.contains(t)))
        .count();
    println!(
        "ml-1m title match: {} matched, {agree}/{} agree with links.csv; {linkable} linkable",
        matched.len(),
        checked.len()
    );
    assert!(
        agree * 100 >= checked.len() * 97,
        "{agree}/{}",
        checked.len()
    );
    assert!(agree * 100 >= linkable * 80, "{agree}/{linkable}");
}
