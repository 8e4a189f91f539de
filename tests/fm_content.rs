//! The catalog's movie features as FM item features (`recsys::data::side`, `recsys::fm::SideSpec`) and `bfm-content`:
//! a movie with no training rating gets its features, and its prediction follows them.

use std::sync::Arc;

use approx::assert_relative_eq;
use recsys::core::side::SideFeatures;
use recsys::core::{CoreError, DuplicatePolicy, Interactions, InteractionsBuilder, ModelSpec};
use recsys::data::catalog::{Catalog, CatalogEntry, MovieDetails};
use recsys::data::side::CatalogItemFeatures;
use recsys::fm::BfmParams;
use recsys::fm::SideSpec;
use recsys::fm::features::UserItemFeatures;

fn movie(id: u64, genres: &[&str], year: u16, keywords: &[&str]) -> CatalogEntry {
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    CatalogEntry {
        movie_id: Some(id),
        title: format!("movie {id}"),
        year: Some(year),
        genres: owned(genres),
        details: MovieDetails {
            keywords: owned(keywords),
            ..Default::default()
        },
        ..CatalogEntry::default()
    }
}

/// Movies 1 and 3 are comedies, 2 and 4 dramas; 5 has no year.
fn catalog() -> Catalog {
    Catalog::new(vec![
        movie(1, &["Comedy"], 1995, &["office", "satire"]),
        movie(2, &["Drama"], 1972, &["war"]),
        movie(3, &["Comedy"], 1996, &["office", "satire"]),
        movie(4, &["Drama"], 1974, &["war"]),
        CatalogEntry {
            movie_id: Some(5),
            genres: vec!["Comedy".into(), "Drama".into()],
            ..CatalogEntry::default()
        },
    ])
}

/// Users 0–19 love comedies and hate dramas, users 20–39 the reverse; every user rated every
/// movie 1–4. Returns the full data and the training data without movies 3 and 4 (still in its
/// item space, without ratings).
fn ratings() -> (Interactions, Interactions) {
    let mut b = InteractionsBuilder::new();
    for u in 0..40u64 {
        let comedy_fan = u < 20;
        for m in 1..=4u64 {
            let comedy = m % 2 == 1;
            let r = if comedy == comedy_fan { 5.0 } else { 1.0 };
            // a little spread so the noise precision stays finite
            let r = r - 0.5 * ((u + m) % 2) as f32;
            b.push(u, m, r, None).unwrap();
        }
    }
    let all = b.build(DuplicatePolicy::Error).unwrap();
    let train = all.filter(|e| {
        let raw = all.items().raw(e.item).unwrap();
        raw != 3 && raw != 4
    });
    (all, train)
}

/// Users 0–19 watched the movies `comedies`, users 20–39 `dramas`, and every user movies 3 and 4,
/// which the returned training data leaves out (still in its item space, without ratings).
fn watched(comedies: &[u64], dramas: &[u64]) -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..40u64 {
        let own = if u < 20 { comedies } else { dramas };
        for &m in own.iter().chain(&[3, 4]) {
            b.push(u, m, 1.0, None).unwrap();
        }
    }
    let all = b.build(DuplicatePolicy::Error).unwrap();
    all.filter(|e| {
        let raw = all.items().raw(e.item).unwrap();
        raw != 3 && raw != 4
    })
}

#[test]
fn vocabularies_and_rows_come_from_the_catalog() {
    let f = CatalogItemFeatures::from_catalog(&catalog(), 2);
    assert_eq!(f.genres(), ["Comedy", "Drama"]);
    assert_eq!(f.decades(), [197, 199]);
    // "war", "office" and "satire" are each the keyword of two movies
    assert_eq!(f.keywords(), ["office", "satire", "war"]);
    assert_eq!(f.len(), 5);
    let r3 = f.row(3).unwrap();
    assert_eq!((r3.genres.as_slice(), r3.decade), (&[0u32][..], 1));
    assert_eq!(r3.keywords, [0, 1]);
    // no year: the last decade column
    assert_eq!(f.row(5).unwrap().decade, 2);
    // a keyword of one movie only is not kept at min 2, kept at min 1
    let lone = Catalog::new(vec![movie(7, &["Drama"], 2001, &["heist"])]);
    assert!(
        CatalogItemFeatures::from_catalog(&lone, 2)
            .keywords()
            .is_empty()
    );
    assert_eq!(
        CatalogItemFeatures::from_catalog(&lone, 1).keywords(),
        ["heist"]
    );
}

#[test]
fn an_unknown_movie_is_a_typed_error() {
    let f = CatalogItemFeatures::from_catalog(&catalog(), 1);
    match f.row(99) {
        Err(CoreError::UnknownId { kind, id }) => {
            assert_eq!((kind, id), ("catalog movie", 99));
        }
        other => panic!("expected UnknownId, got {other:?}"),
    }
}

#[test]
fn a_movie_without_training_ratings_gets_its_genre_features() {
    let (_, train) = ratings();
    let i3 = train.item_index(3).unwrap() as usize;
    assert!(
        train.item_counts()[i3] == 0,
        "movie 3 has no training rating"
    );
    let f = CatalogItemFeatures::from_catalog(&catalog(), 2);
    let none = SideFeatures::default();
    let blocks = UserItemFeatures::with_side(&train, false, &none, &f.side().unwrap()).unwrap();
    let item = &blocks.item;
    let names: Vec<&str> = item.groups().iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["item", "genre", "decade", "keyword"]);
    let n_items = train.n_items() as u32;
    let (cols, vals) = item.row(i3);
    // its id, Comedy (1 genre: 1), the 1990s, two keywords (1/√2 each)
    assert_eq!(
        cols,
        [
            i3 as u32,
            n_items,
            n_items + 2 + 1,
            n_items + 2 + 3,
            n_items + 2 + 3 + 1
        ]
    );
    for (v, want) in vals
        .iter()
        .zip([1.0, 1.0, 1.0, 0.5f32.sqrt(), 0.5f32.sqrt()])
    {
        assert_relative_eq!(*v, want, epsilon = 1e-6);
    }
}

#[test]
fn bfm_content_ranks_two_cold_movies_by_their_genres() {
    let (_, train) = ratings();
    let features = Arc::new(
        CatalogItemFeatures::from_catalog(&catalog(), 2)
            .side()
            .unwrap(),
    );
    let spec = SideSpec::bfm_with(BfmParams::default().rank(4).n_iter(150).seed(3), features);
    assert_eq!(spec.name(), "bfm-content");
    let model = spec.fit_model(&train).unwrap();
    let p = model.as_rating_predictor().unwrap();
    let (comedy, drama) = (train.item_index(3).unwrap(), train.item_index(4).unwrap());
    let (fan_c, fan_d) = (train.user_index(0).unwrap(), train.user_index(25).unwrap());
    assert!(
        p.predict(fan_c, comedy) > p.predict(fan_c, drama) + 1.0,
        "comedy fan: {} vs {}",
        p.predict(fan_c, comedy),
        p.predict(fan_c, drama)
    );
    assert!(
        p.predict(fan_d, drama) > p.predict(fan_d, comedy) + 1.0,
        "drama fan: {} vs {}",
        p.predict(fan_d, drama),
        p.predict(fan_d, comedy)
    );
}

#[test]
fn the_registry_names_the_hybrid_crates_content_models_and_bfm_content() {
    let names = recsys::models::content_model_names();
    for e in recsys::hybrid::registry::CONTENT_MODELS {
        assert!(names.contains(&e.name), "{}", e.name);
    }
    for n in ["bfm-content", "bfm-content-rank", "fm-warp-content"] {
        assert!(
            names.contains(&n) && recsys::models::is_content_model(n),
            "{n}"
        );
        assert!(!recsys::models::is_side_model(n), "{n}");
    }
    assert_eq!(names.len(), 7);
    let content = Arc::new(
        recsys::hybrid::CatalogContent::fit(&catalog(), recsys::hybrid::ContentFields::ALL, 2)
            .unwrap(),
    );
    let mut spec = recsys::models::content_model("bfm-content", content).unwrap();
    assert_eq!(spec.name(), "bfm-content");
    spec.set_param("rank", "3").unwrap();
    assert!(spec.set_param("rank", "0").is_err());
    assert!(spec.set_param("nope", "1").is_err());
}

#[test]
fn fm_warp_content_ranks_a_cold_movie_of_the_users_genre_first() {
    // comedy fans watched comedy 1, drama fans drama 2; 3 (comedy) and 4 (drama) nobody yet
    let train = watched(&[1], &[2]);
    let features = Arc::new(
        CatalogItemFeatures::from_catalog(&catalog(), 2)
            .side()
            .unwrap(),
    );
    let mut spec = SideSpec::warp(features);
    assert_eq!(spec.name(), "fm-warp-content");
    spec.set_param("epochs", "50").unwrap();
    let model = spec.fit_model(&train).unwrap();
    let s = model.as_scorer().unwrap();
    let cold = [train.item_index(3).unwrap(), train.item_index(4).unwrap()];
    let mut out = [0.0f32; 2];
    s.score(train.user_index(0).unwrap(), &cold, &mut out);
    assert!(out[0] > out[1], "comedy fan: {out:?}");
    s.score(train.user_index(25).unwrap(), &cold, &mut out);
    assert!(out[1] > out[0], "drama fan: {out:?}");
}

#[test]
fn bfm_side_reads_ml100k_columns_and_other_datasets_say_they_have_none() {
    use recsys::data::{DataDir, Dataset};
    let dir = DataDir::new("/nonexistent");
    let e = recsys::models::side_columns(&dir, Dataset::RatingsSmall)
        .unwrap_err()
        .to_string();
    assert!(e.contains("no user side columns"), "{e}");
    // ml-100k's files missing: the error names the dataset
    let e = recsys::models::side_columns(&dir, Dataset::Ml100k)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ml-100k"), "{e}");
    assert!(recsys::models::side_model("nope", Default::default()).is_err());
    for name in recsys::models::side_model_names() {
        assert!(!recsys::models::is_content_model(name), "{name}");
        let mut spec = recsys::models::side_model(name, Default::default()).unwrap();
        assert_eq!(spec.name(), name);
        spec.set_param("ordinal", "true").unwrap();
        assert!(spec.set_param("n_iter", "0").is_err());
    }
    // with the columns of a hand-made dataset: a user's side values reach the predictions
    let mut users = SideFeatures::default();
    let g = users.group("gender", 2).unwrap();
    let (_, train) = ratings();
    for u in 0..40u64 {
        users.set(u, g, usize::from(u < 20), 1.0).unwrap();
    }
    let side = (Arc::new(users), Arc::new(SideFeatures::default()));
    let mut spec = recsys::models::side_model("bfm-side", side).unwrap();
    spec.set_param("n_iter", "30").unwrap();
    let model = spec.fit_model(&train).unwrap();
    let p = model.as_rating_predictor().unwrap();
    let (comedy, fan) = (train.item_index(1).unwrap(), train.user_index(0).unwrap());
    assert!(p.predict(fan, comedy) > 3.5, "{}", p.predict(fan, comedy));
}

#[test]
fn one_class_bfm_content_ranks_a_cold_movie_of_the_users_genre_first() {
    // comedy fans watched comedies 1 and 6, drama fans dramas 2 and 7; nobody yet 3 and 4
    let train = watched(&[1, 6], &[2, 7]);
    let mut cat = catalog();
    cat = Catalog::new(
        cat.entries()
            .iter()
            .cloned()
            .chain([
                movie(6, &["Comedy"], 1997, &["office"]),
                movie(7, &["Drama"], 1975, &["war"]),
            ])
            .collect(),
    );
    let side = Arc::new(CatalogItemFeatures::from_catalog(&cat, 2).side().unwrap());
    let params = BfmParams::default().rank(4).n_iter(100).negatives(1);
    let model = SideSpec::bfm_with(params, side).fit_model(&train).unwrap();
    let p = model.as_rating_predictor().unwrap();
    let (comedy, drama) = (train.item_index(3).unwrap(), train.item_index(4).unwrap());
    let (fan_c, fan_d) = (train.user_index(0).unwrap(), train.user_index(25).unwrap());
    // a probability, not a rating
    for s in [p.predict(fan_c, comedy), p.predict(fan_d, comedy)] {
        assert!((0.0..=1.0).contains(&s), "{s}");
    }
    assert!(p.predict(fan_c, comedy) > p.predict(fan_c, drama));
    assert!(p.predict(fan_d, drama) > p.predict(fan_d, comedy));
    // a case block does not combine with negatives; at most 1000 negatives per rating
    let days = recsys::fm::features::RatingDays::from_interactions(&train);
    let e = BfmParams::default()
        .n_iter(10)
        .negatives(1)
        .fit_cases(
            &train,
            UserItemFeatures::from_interactions(&train, false).unwrap(),
            days.case_features(&train).unwrap(),
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("negatives"), "{e}");
    assert!(BfmParams::default().negatives(1000).check().is_ok());
    assert!(BfmParams::default().negatives(1001).check().is_err());
}
