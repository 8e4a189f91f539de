//! The catalog: the join on hand-made data, and `load_catalog` on a data folder built from the
//! fixtures (hand-computed counts). The real data is `catalog_real.rs`'s.

mod common;

use common::{counts, fixture};

use recsys_data::catalog::{
    Credits, JoinReport, MovieDetails, MovieMetadata, TOP_CAST, join, load_catalog, match_by_title,
    normalize_title,
};
use recsys_data::kaggle::MovieKeywords;
use recsys_data::movielens::{Link, Movie};
use recsys_data::{DataDir, DataError, Dataset};

fn movie(id: u64, title: &str, genres: &[&str]) -> Movie {
    Movie {
        id,
        title: title.into(),
        year: recsys_data::movielens::split_title_year(title).1,
        genres: genres.iter().map(|g| g.to_string()).collect(),
        release_date: None,
        imdb_url: None,
    }
}

fn meta(tmdb_id: u64, imdb: Option<u32>, title: &str, year: u16) -> MovieMetadata {
    MovieMetadata {
        tmdb_id,
        imdb_id: imdb,
        title: title.into(),
        original_title: title.into(),
        year: Some(year),
        genres: vec!["TMDB genre".into()],
        details: MovieDetails {
            keywords: vec!["meta keyword".into()],
            cast: vec!["Meta Actor".into()],
            director: Some("Meta Director".into()),
            vote_count: 10,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn link(movie_id: u64, imdb_id: Option<u32>, tmdb_id: Option<u64>) -> Link {
    Link {
        movie_id,
        imdb_id,
        tmdb_id,
    }
}

#[test]
fn join_by_tmdb_then_imdb_with_keywords_and_credits() {
    let movies = [
        movie(1, "Toy Story (1995)", &["Animation"]),
        movie(2, "Jumanji (1995)", &[]),
        movie(3, "Heat (1995)", &["Crime"]),
        movie(4, "No Link (2001)", &[]),
        movie(5, "Same Tmdb (1995)", &[]),
    ];
    let links = [
        link(1, Some(114709), Some(862)),
        link(2, Some(113497), Some(999)), // stale TMDB id: IMDb fallback
        link(3, Some(113277), None),      // no TMDB id, IMDb not in metadata
        link(5, None, Some(862)),         // shares Toy Story's TMDB id
        link(1, None, Some(7)),           // a second link row: the first wins
    ];
    let metadata = [
        meta(862, Some(114709), "Toy Story", 1995),
        meta(8844, Some(113497), "Jumanji", 1995),
        meta(862, None, "Duplicate", 2000), // first record per TMDB id wins
    ];
    let keywords = [MovieKeywords {
        tmdb_id: 8844,
        keywords: vec!["board game".into()],
    }];
    let credits = [Credits {
        tmdb_id: 862,
        cast: (0..TOP_CAST + 3).map(|k| format!("actor {k}")).collect(),
        director: None,
    }];
    let (cat, r) = join(&movies, &links, &metadata, Some(&keywords), Some(&credits));
    let want = JoinReport {
        movies: 5,
        with_link: 4,
        with_tmdb_id: 3,
        matched_metadata: 3,
        matched_by_imdb: 1,
        matched_keywords: 1,
        matched_credits: 2,
        ..Default::default()
    };
    assert_eq!(r, want);
    assert_eq!(cat.len(), 5);

    let toy = cat.by_movie_id(1).unwrap();
    assert_eq!((toy.tmdb_id, toy.imdb_id), (Some(862), Some(114709)));
    assert_eq!((toy.title.as_str(), toy.year), ("Toy Story", Some(1995)));
    assert_eq!(toy.genres, ["Animation"]); // MovieLens genres win
    assert_eq!(toy.details.keywords, ["meta keyword"]); // not in keywords: metadata's own
    assert_eq!(toy.details.cast.len(), TOP_CAST); // credits win, truncated
    assert_eq!(toy.details.director, None);
    assert_eq!(toy.details.vote_count, 10);

    let jumanji = cat.by_movie_id(2).unwrap();
    assert_eq!(jumanji.tmdb_id, Some(8844)); // the matched record's id
    assert_eq!(jumanji.genres, ["TMDB genre"]); // no MovieLens genres
    assert_eq!(jumanji.details.keywords, ["board game"]);
    assert_eq!(jumanji.details.director.as_deref(), Some("Meta Director"));

    let heat = cat.by_movie_id(3).unwrap();
    assert_eq!((heat.tmdb_id, heat.imdb_id), (None, Some(113277)));
    assert_eq!((heat.title.as_str(), heat.year), ("Heat", Some(1995)));
    assert!(
        heat.details.overview.is_empty()
            && heat.details.cast.is_empty()
            && heat.details.vote_count == 0
    );

    let nolink = cat.by_movie_id(4).unwrap();
    assert_eq!((nolink.tmdb_id, nolink.imdb_id), (None, None));
    assert_eq!(nolink.title, "No Link");

    // Both 1 and 5 have TMDB id 862: lookup by TMDB id gives the first.
    assert_eq!(cat.by_tmdb_id(862).unwrap().movie_id, Some(1));
    assert_eq!(cat.by_movie_id(5).unwrap().title, "Toy Story");
    assert!(cat.by_movie_id(99).is_none() && cat.by_tmdb_id(999).is_none());

    // The report serializes to JSON with every count.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["matched_by_imdb"], 1);
    assert_eq!(json["sources"], serde_json::json!([]));
}

#[test]
fn title_normalization_and_matching() {
    assert_eq!(normalize_title("Schindler's List"), "schindlers list");
    assert_eq!(
        normalize_title("  Se7en: Director's Cut!! "),
        "se7en directors cut"
    );
    assert_eq!(
        normalize_title("Léon: The Professional"),
        "léon the professional"
    );
    let metadata = [
        meta(278, None, "The Shawshank Redemption", 1994),
        meta(100, None, "The City of Lost Children", 1995),
        MovieMetadata {
            original_title: "La Cité des enfants perdus".into(),
            ..meta(101, None, "City of Lost Kids", 1996)
        },
        meta(200, None, "Remake", 1990),
        meta(201, None, "Remake", 1991),
        meta(300, None, "Off By Two", 2000),
    ];
    let movies = [
        movie(1, "Shawshank Redemption, The (1994)", &[]),
        movie(
            2,
            "City of Lost Children, The (Cité des enfants perdus, La) (1995)",
            &[],
        ),
        movie(3, "Lost Kids (Cité des enfants perdus, La) (1996)", &[]),
        movie(4, "Remake (1991)", &[]), // exact year before ±1
        movie(5, "Remake (1992)", &[]), // ±1
        movie(6, "Off By Two (2002)", &[]),
        movie(7, "No Year", &[]),
    ];
    let got: Vec<(u64, Option<u64>)> = match_by_title(&movies, &metadata)
        .iter()
        .map(|l| (l.movie_id, l.tmdb_id))
        .collect();
    assert_eq!(
        got,
        [
            (1, Some(278)),
            (2, Some(100)),
            (3, Some(101)),
            (4, Some(201)),
            (5, Some(201))
        ]
    );
}

/// A data folder with the fixtures under their real names: `tmdb-5000/` always, and the other
/// folders as asked.
fn data_folder(ml_latest: bool, kaggle_meta: bool) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let put = |folder: &str, name: &str, from: &str| {
        std::fs::create_dir_all(d.path().join(folder)).unwrap();
        std::fs::copy(fixture(from), d.path().join(folder).join(name)).unwrap();
    };
    put("tmdb-5000", "tmdb_5000_movies.csv", "tmdb_5000_movies.csv");
    put(
        "tmdb-5000",
        "tmdb_5000_credits.csv",
        "tmdb_5000_credits.csv",
    );
    put("the-movies-dataset", "keywords.csv", "keywords.csv");
    put("the-movies-dataset", "links_small.csv", "ml_links.csv");
    if ml_latest {
        put("ml-latest-small", "movies.csv", "ml_movies.csv");
        put("ml-latest-small", "links.csv", "ml_links.csv");
    }
    if kaggle_meta {
        put(
            "the-movies-dataset",
            "movies_metadata.csv",
            "movies_metadata.csv",
        );
        put("the-movies-dataset", "credits.csv", "credits.csv");
    }
    d
}

#[test]
fn load_tmdb5000_fixture() {
    let d = data_folder(false, false);
    let (cat, r) = load_catalog(&DataDir::new(d.path()), Dataset::Tmdb5000).unwrap();
    assert_eq!(counts(&r), [3, 0, 3, 0, 3, 0, 3, 3]);
    assert_eq!(r.dataset, "tmdb-5000");
    let avatar = cat.by_tmdb_id(19995).unwrap();
    assert_eq!(avatar.movie_id, None);
    assert_eq!(avatar.details.cast, ["Sam Worthington", "Zoe Saldana"]);
    assert_eq!(avatar.details.director.as_deref(), Some("James Cameron"));
    assert_eq!(avatar.details.keywords, ["culture clash", "space"]);
    assert_eq!(avatar.year, Some(2009));
}

#[test]
fn load_ml_latest_small_fixture() {
    let d = data_folder(true, false);
    let (cat, r) = load_catalog(&DataDir::new(d.path()), Dataset::MlLatestSmall).unwrap();
    // 5 movies; 4 linked (5 is not); 3 TMDB ids (4's is empty); only 155 is in the TMDB 5000
    // fixture (metadata and credits); only 862 is in keywords.csv.
    assert_eq!(counts(&r), [5, 4, 3, 0, 1, 0, 1, 1]);
    assert_eq!(
        r.sources,
        [
            "ml-latest-small/movies.csv",
            "ml-latest-small/links.csv",
            "tmdb-5000/tmdb_5000_movies.csv",
            "the-movies-dataset/keywords.csv",
            "tmdb-5000/tmdb_5000_credits.csv",
        ]
    );
    let dk = cat.by_movie_id(3).unwrap();
    assert_eq!(
        (dk.title.as_str(), dk.year),
        ("The Dark Knight", Some(2008))
    );
    assert_eq!(dk.genres, ["Action", "Crime", "Drama", "IMAX"]);
    assert_eq!(dk.details.director.as_deref(), Some("Christopher Nolan"));
    assert_eq!(
        dk.details.overview,
        "Batman raises the stakes\rin his war on crime."
    );
    let toy = cat.by_movie_id(1).unwrap();
    assert_eq!(toy.title, "Toy Story");
    assert_eq!(toy.details.keywords, ["jealousy", "toy"]);
    assert!(toy.details.overview.is_empty());
    assert!(cat.by_movie_id(4).unwrap().genres.is_empty()); // (no genres listed)

    // Without the optional folders nothing is joined, and nothing fails.
    let bare = tempfile::tempdir().unwrap();
    let ml = bare.path().join("ml-latest-small");
    std::fs::create_dir_all(&ml).unwrap();
    std::fs::copy(fixture("ml_movies.csv"), ml.join("movies.csv")).unwrap();
    std::fs::copy(fixture("ml_links.csv"), ml.join("links.csv")).unwrap();
    let (cat, r) = load_catalog(&DataDir::new(bare.path()), Dataset::MlLatestSmall).unwrap();
    assert_eq!(counts(&r), [5, 4, 3, 0, 0, 0, 0, 0]);
    assert_eq!(r.sources.len(), 2);
    assert_eq!(cat.by_movie_id(3).unwrap().title, "The Dark Knight"); // display title

    // A missing required file is DatasetNotFound naming it.
    std::fs::remove_file(ml.join("links.csv")).unwrap();
    match load_catalog(&DataDir::new(bare.path()), Dataset::MlLatestSmall) {
        Err(DataError::DatasetNotFound { path, .. }) => assert!(path.ends_with("links.csv")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn load_ratings_small_fixture() {
    // TMDB 5000 metadata (no movies_metadata.csv), titles from ml-latest-small.
    let d = data_folder(true, false);
    let (cat, r) = load_catalog(&DataDir::new(d.path()), Dataset::RatingsSmall).unwrap();
    assert_eq!(counts(&r), [4, 4, 3, 0, 1, 0, 1, 1]);
    assert_eq!(cat.by_movie_id(2).unwrap().title, "Jumanji");

    // movies_metadata.csv + credits.csv: Jumanji's stale TMDB id 999999 is matched by IMDb id
    // (then keywords by its real id 8844); 155 is not in the Kaggle fixture; movie 4's IMDb id
    // belongs to the truncated (skipped) row. Skipped: 3 metadata rows + 2 credits rows.
    let d = data_folder(true, true);
    let (cat, r) = load_catalog(&DataDir::new(d.path()), Dataset::RatingsSmall).unwrap();
    assert_eq!(counts(&r), [4, 4, 3, 0, 2, 1, 2, 1]);
    assert_eq!(r.skipped_rows, 5);
    let j = cat.by_movie_id(2).unwrap();
    assert_eq!((j.tmdb_id, j.imdb_id), (Some(8844), Some(113497)));
    assert_eq!(j.details.keywords[1], "based on children's book");
    assert_eq!(j.genres, ["Adventure", "Children", "Fantasy"]);
    let toy = cat.by_movie_id(1).unwrap();
    assert_eq!(toy.details.cast, ["Tom Hanks", "Tim Allen"]);
    assert_eq!(
        (toy.details.budget, toy.details.revenue),
        (30_000_000, 373_554_033)
    );
    assert_eq!(toy.details.release_date.as_deref(), Some("1995-10-30"));

    // Without ml-latest-small, unmatched movies have an empty title.
    let d = data_folder(false, true);
    let (cat, _) = load_catalog(&DataDir::new(d.path()), Dataset::RatingsSmall).unwrap();
    assert_eq!(cat.by_movie_id(1).unwrap().title, "Toy Story");
    assert_eq!(cat.by_movie_id(3).unwrap().title, "");
    assert_eq!(cat.by_movie_id(3).unwrap().year, None);
}

#[test]
fn load_ml100k_by_title() {
    let d = data_folder(false, false);
    let dir = d.path().join("ml-100k");
    std::fs::create_dir_all(&dir).unwrap();
    let flags = "|0".repeat(19);
    let mut item = Vec::new();
    for (id, title) in [
        ("1", &b"Toy Story (1995)"[..]),
        ("2", b"Dark Knight, The (2008)"),
        ("3", b"Avatar (2010)"),
        ("4", b"Fish, \"Big\" Fish (1990)"),
        ("5", b"Caf\xe9 Noir (2009)"),
    ] {
        item.extend_from_slice(format!("{id}|").as_bytes());
        item.extend_from_slice(title);
        item.extend_from_slice(format!("|01-Jan-1995||{flags}\n").as_bytes());
    }
    std::fs::write(dir.join("u.item"), item).unwrap();
    let (cat, r) = load_catalog(&DataDir::new(d.path()), Dataset::Ml100k).unwrap();
    // Dark Knight exactly, Avatar at ±1 year; Toy Story is not in the fixture, Fish has no year.
    assert_eq!(counts(&r), [5, 0, 2, 2, 2, 0, 0, 2]);
    assert_eq!(cat.by_movie_id(3).unwrap().tmdb_id, Some(19995));
    assert_eq!(cat.by_movie_id(3).unwrap().year, Some(2010)); // MovieLens's year
    assert_eq!(cat.by_movie_id(5).unwrap().title, "Café Noir");
}
