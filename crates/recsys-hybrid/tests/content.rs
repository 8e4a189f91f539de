//! The content recommender on TMDB 5000 against scikit-learn's neighbours
//! (`../shared/peers/content_examples_tmdb5000.txt`).

use recsys_data::location::test_data_dir;
use recsys_data::{Dataset, catalog};
use recsys_hybrid::{ContentParams, ContentRecommender, HybridError};

#[test]
fn dark_knight_neighbours_and_improved_recommendations() {
    let Some(dir) = test_data_dir(Dataset::Tmdb5000).unwrap() else {
        return;
    };
    let (cat, _) = catalog::load_catalog(&dir, Dataset::Tmdb5000).unwrap();
    let rec = ContentRecommender::fit(&cat).unwrap();
    // scikit-learn's vocabulary and non-zeros for the same settings (RESULTS.md (d))
    assert_eq!((rec.terms(), rec.nnz()), (157_555, 295_760));
    let dk = rec.titles().find_first("The Dark Knight").unwrap();
    let top = rec.neighbours(dk, 10).unwrap();
    let titles: Vec<&str> = top
        .iter()
        .map(|n| cat.entries()[n.index].title.as_str())
        .collect();
    // scikit-learn's top 10, in order (content_examples_tmdb5000.txt)
    assert_eq!(
        titles,
        [
            "The Dark Knight Rises",
            "Batman Forever",
            "Batman",
            "Batman: The Dark Knight Returns, Part 2",
            "Batman Returns",
            "Batman Begins",
            "Slow Burn",
            "JFK",
            "Batman & Robin",
            "Batman v Superman: Dawn of Justice",
        ]
    );
    assert!((top[0].score - 0.2052).abs() < 5e-5, "{}", top[0].score);
    // the seed's improved recommendations: 30 candidates re-ranked by WR, top 10
    let p = ContentParams::default();
    let list = rec.similar(&cat, "the dark knight", &p).unwrap();
    assert!(!list.is_empty() && list.len() <= 10);
    assert!(list.windows(2).all(|w| w[0].wr >= w[1].wr));
    assert!(list.iter().all(|x| x.index != dk));
    assert!(list.iter().any(|x| x.title == "The Dark Knight Rises"));
    // an unknown title is a typed error with suggestions, never a panic
    match rec.similar(&cat, "Dark Knigt", &p) {
        Err(HybridError::UnknownTitle { suggestions, .. }) => {
            assert!(
                suggestions.iter().any(|s| s.contains("The Dark Knight")),
                "{suggestions:?}"
            )
        }
        other => panic!("expected UnknownTitle, got {other:?}"),
    }
}
