//! The title index on a small hand-made catalog.

use super::normalize::{move_article, normalize};
use super::*;
use proptest::prelude::*;
use recsys_data::catalog::{CatalogEntry, MovieDetails};

fn movie(title: &str, year: Option<u16>, vote_count: u32) -> CatalogEntry {
    CatalogEntry {
        title: title.into(),
        year,
        details: MovieDetails {
            vote_count,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn small() -> Catalog {
    Catalog::new(vec![
        movie("The Dark Knight", Some(2008), 12002),
        movie("The Dark Knight Rises", Some(2012), 9106),
        movie("Batman", Some(1989), 2096),
        movie("Batman", Some(1966), 203),
        movie("Amélie", Some(2001), 3310),
        movie("Schindler's List", Some(1993), 4329),
        movie("Spider-Man", Some(2002), 5265),
        movie("Death Race 2000", Some(1975), 90),
        movie("Secrets & Lies", Some(1996), 120),
        movie("Les Misérables", Some(2012), 1900),
        movie("Die Hard", Some(1988), 3200),
        movie("", None, 0),
    ])
}

#[test]
fn lookups() {
    let c = small();
    let ix = TitleIndex::new(&c);
    assert_eq!(ix.len(), 11);
    for q in [
        "The Dark Knight",
        "the dark knight",
        "DARK KNIGHT",
        "Dark Knight, The",
        "dark knight, the (2008)",
        "Dark Knight 2008",
        "  the   dark-knight ",
    ] {
        assert_eq!(ix.find(q).unwrap(), [0], "{q}");
    }
    assert_eq!(ix.find("batman").unwrap(), [2, 3]);
    assert_eq!(ix.find("Batman (1966)").unwrap(), [3]);
    assert_eq!(ix.find("Batman 1989").unwrap(), [2]);
    assert_eq!(ix.find("Batman (1990)").unwrap(), [2]); // a year either side
    assert_eq!(ix.find_first("batman").unwrap(), 2);
    assert_eq!(ix.find("amelie").unwrap(), [4]);
    assert_eq!(ix.find("Schindlers List").unwrap(), [5]);
    assert_eq!(ix.find("spiderman").unwrap(), [6]);
    assert_eq!(ix.find("Death Race 2000").unwrap(), [7]);
    assert_eq!(ix.find("Death Race 2000 (1975)").unwrap(), [7]);
    assert_eq!(ix.find("Secrets and Lies").unwrap(), [8]);
    assert_eq!(ix.find("Miserables, Les").unwrap(), [9]);
    assert_eq!(ix.find("die hard").unwrap(), [10]);
}

#[test]
fn unknown_titles() {
    let ix = TitleIndex::new(&small());
    let Err(HybridError::UnknownTitle { query, suggestions }) = ix.find("Dark Knigt") else {
        panic!("Dark Knigt is not a title");
    };
    assert_eq!(query, "Dark Knigt");
    assert_eq!(
        suggestions[..2],
        ["The Dark Knight (2008)", "The Dark Knight Rises (2012)"]
    );
    let Err(HybridError::UnknownTitle { suggestions, .. }) = ix.find("Batman (1970)") else {
        panic!("no Batman of 1970");
    };
    assert_eq!(suggestions, ["Batman (1966)", "Batman (1989)"]);
    for q in ["", "   ", "!!!", "(2008)", "zzzzqqq"] {
        match ix.find(q) {
            Err(HybridError::UnknownTitle { suggestions, .. }) => {
                assert!(suggestions.len() <= SUGGESTIONS)
            }
            other => panic!("{q}: {other:?}"),
        }
    }
    assert!(TitleIndex::new(&Catalog::default()).find("x").is_err());
    let err = ix.find("Dark Knigt").unwrap_err().to_string();
    assert!(
        err.contains("did you mean: The Dark Knight (2008)"),
        "{err}"
    );
}

proptest! {
    #[test]
    fn every_title_finds_itself(
        titles in proptest::collection::vec(("[A-Za-zé' ,:&-]{1,20}", 1900u16..2020, 0u32..1000), 1..30),
    ) {
        let entries: Vec<CatalogEntry> = titles
            .iter()
            .map(|(t, y, v)| movie(t, Some(*y), *v))
            .collect();
        let catalog = Catalog::new(entries);
        let ix = TitleIndex::new(&catalog);
        for (k, e) in catalog.entries().iter().enumerate() {
            if normalize(&move_article(&e.title)).is_empty() {
                continue;
            }
            let found = ix.find(&e.title).unwrap();
            prop_assert!(found.contains(&k), "{:?} not in {:?}", e.title, found);
            // most-voted first
            for w in found.windows(2) {
                prop_assert!(catalog.entries()[w[0]].details.vote_count >= catalog.entries()[w[1]].details.vote_count);
            }
            let with_year = ix.find(&format!("{} ({})", e.title, e.year.unwrap_or(0))).unwrap();
            prop_assert!(with_year.contains(&k));
            let upper = ix.find(&e.title.to_uppercase()).unwrap();
            prop_assert!(upper.contains(&k));
        }
    }

    #[test]
    fn never_panics(q in "\\PC{0,40}") {
        let ix = TitleIndex::new(&small());
        match ix.find(&q) {
            Ok(found) => prop_assert!(!found.is_empty()),
            Err(HybridError::UnknownTitle { suggestions, .. }) => {
                prop_assert!(suggestions.len() <= SUGGESTIONS)
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}
