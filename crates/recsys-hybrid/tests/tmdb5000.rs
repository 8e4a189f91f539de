//! Charts and title lookup on the real TMDB 5000 catalog (and lookup on ml-latest-small's), against the peers' reference output
//! (`weighted_rating_top10_tmdb5000.txt`). Skipped when the data is absent (an error under CI=true).

use std::time::Instant;

use recsys_data::Dataset;
use recsys_data::catalog::{Catalog, load_catalog};
use recsys_data::location::{test_data_dir, test_peers_file};
use recsys_hybrid::{HybridError, TitleIndex, chart, chart_by_genre};

fn tmdb() -> Option<Catalog> {
    let dir = test_data_dir(Dataset::Tmdb5000).unwrap()?;
    Some(load_catalog(&dir, Dataset::Tmdb5000).unwrap().0)
}

/// One chart of the peers' file: quantile, C, m, qualified, and the top rows
/// `(title, year, votes, wr)`.
struct PeerChart {
    q: f64,
    c: f64,
    m: f64,
    qualified: usize,
    top: Vec<(String, u16, u32, f64)>,
}

fn peer_charts(text: &str) -> Vec<PeerChart> {
    let mut out: Vec<PeerChart> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("== m = quantile(") {
            let q = rest.split(')').next().unwrap().parse().unwrap();
            out.push(PeerChart {
                q,
                c: 0.0,
                m: 0.0,
                qualified: 0,
                top: Vec::new(),
            });
        } else if let Some(rest) = line.strip_prefix("C = ") {
            let p = out.last_mut().unwrap();
            let tok: Vec<&str> = rest.split_whitespace().collect();
            // C m = M qualified movies = N
            p.c = tok[0].parse().unwrap();
            p.m = tok[3].parse().unwrap();
            p.qualified = tok[7].parse().unwrap();
        } else if let Some(p) = out.last_mut() {
            let tok: Vec<&str> = line.split_whitespace().collect();
            if tok.len() >= 6 && tok[0].parse::<usize>().is_ok() {
                let n = tok.len();
                let title = tok[1..n - 4].join(" ");
                p.top.push((
                    title,
                    tok[n - 4].parse().unwrap(),
                    tok[n - 3].parse().unwrap(),
                    tok[n - 1].parse().unwrap(),
                ));
            }
        }
    }
    out
}

#[test]
fn charts_match_the_peers() {
    let Some(catalog) = tmdb() else { return };
    let Some(path) = test_peers_file("weighted_rating_top10_tmdb5000.txt").unwrap() else {
        return;
    };
    let peers = peer_charts(&std::fs::read_to_string(path).unwrap());
    assert_eq!(peers.len(), 2);
    for p in &peers {
        let t = Instant::now();
        let c = chart(&catalog, p.q, 10).unwrap();
        eprintln!(
            "q {:.2}: C {:.6} m {} qualified {} in {:?}",
            p.q,
            c.rating.c,
            c.rating.m,
            c.qualified,
            t.elapsed()
        );
        assert!(
            (c.rating.c - p.c).abs() < 5e-7,
            "C {} vs {}",
            c.rating.c,
            p.c
        );
        assert!(
            (c.rating.m - p.m).abs() < 1e-9,
            "m {} vs {}",
            c.rating.m,
            p.m
        );
        assert_eq!(c.qualified, p.qualified);
        assert_eq!(c.considered, 4803);
        assert_eq!(c.rows.len(), 10);
        for (row, (title, year, votes, wr)) in c.rows.iter().zip(&p.top) {
            let e = &catalog.entries()[row.index];
            eprintln!(
                "  {} ({:?}) {} {:.4}",
                e.title, e.year, e.details.vote_count, row.wr
            );
            assert_eq!(&e.title, title);
            assert_eq!(e.year, Some(*year));
            assert_eq!(e.details.vote_count, *votes);
            assert!((row.wr - wr).abs() < 5e-5, "{title}: {} vs {wr}", row.wr);
        }
    }
    // RESULTS.md (e)
    let c60 = chart(&catalog, 0.60, 3).unwrap();
    assert_eq!(
        c60.titles(&catalog),
        ["The Shawshank Redemption", "The Godfather", "Fight Club"]
    );
    assert_eq!(c60.qualified, 1921);
    let c95 = chart(&catalog, 0.95, 3).unwrap();
    assert_eq!(
        c95.titles(&catalog),
        ["The Shawshank Redemption", "The Dark Knight", "Fight Club"]
    );
    assert_eq!(c95.qualified, 241);
}

#[test]
fn genre_charts() {
    let Some(catalog) = tmdb() else { return };
    let all = chart(&catalog, 0.85, 5).unwrap();
    for genre in ["Romance", "Animation", "Science Fiction"] {
        let g = chart_by_genre(&catalog, genre, 0.85, 5).unwrap();
        eprintln!(
            "{genre}: considered {} C {:.4} m {} qualified {}: {:?}",
            g.considered,
            g.rating.c,
            g.rating.m,
            g.qualified,
            g.titles(&catalog)
        );
        assert!(g.considered < catalog.len());
        assert_eq!(g.rows.len(), 5);
        // C and m within the genre, not the catalog's
        assert_ne!(g.rating.m, all.rating.m);
        for e in g.entries(&catalog) {
            assert!(e.genres.iter().any(|x| x == genre));
        }
    }
    assert!(matches!(
        chart_by_genre(&catalog, "Spaghetti Western", 0.85, 5),
        Err(HybridError::UnknownGenre { .. })
    ));
}

#[test]
fn title_lookup() {
    let Some(catalog) = tmdb() else { return };
    let t = Instant::now();
    let ix = TitleIndex::new(&catalog);
    eprintln!("indexed {} titles in {:?}", ix.len(), t.elapsed());
    let title = |k: usize| {
        let e = &catalog.entries()[k];
        (e.title.as_str(), e.year)
    };
    for q in [
        "the dark knight",
        "DARK KNIGHT",
        "Dark Knight, The",
        "The Dark Knight (2008)",
    ] {
        let found = ix.find(q).unwrap();
        assert_eq!(found.len(), 1, "{q}");
        assert_eq!(title(found[0]), ("The Dark Knight", Some(2008)), "{q}");
    }
    assert_eq!(
        title(ix.find_first("Avatar (2009)").unwrap()),
        ("Avatar", Some(2009))
    );
    // remakes: Batman 1966 / 1989, The Host 2006 / 2013 (TMDB 5000 has only the 2003 Italian Job)
    let batman = ix.find("batman").unwrap();
    assert_eq!(batman.len(), 2);
    assert_eq!(title(batman[0]), ("Batman", Some(1989))); // 2,096 votes before 203
    for (q, want) in [
        ("Batman (1966)", ("Batman", Some(1966))),
        ("Batman 1989", ("Batman", Some(1989))),
        ("Host, The (2006)", ("The Host", Some(2006))),
        ("the host 2013", ("The Host", Some(2013))),
    ] {
        assert_eq!(title(ix.find(q).unwrap()[0]), want, "{q}");
    }
    assert_eq!(ix.find("The Italian Job (2003)").unwrap().len(), 1);
    // diacritics and punctuation
    assert_eq!(title(ix.find("amelie").unwrap()[0]).0, "Amélie");
    assert_eq!(title(ix.find("Wall-E").unwrap()[0]).0, "WALL·E");
    assert_eq!(
        title(ix.find("schindlers list").unwrap()[0]).0,
        "Schindler's List"
    );
    // unknown titles
    let t = Instant::now();
    let err = ix.find("Dark Knigt").unwrap_err();
    eprintln!("suggestions in {:?}: {err}", t.elapsed());
    let HybridError::UnknownTitle { query, suggestions } = err else {
        panic!("expected UnknownTitle");
    };
    assert_eq!(query, "Dark Knigt");
    assert!(
        suggestions.iter().any(|s| s == "The Dark Knight (2008)"),
        "{suggestions:?}"
    );
    let Err(HybridError::UnknownTitle { suggestions, .. }) = ix.find("Italian Job (1969)") else {
        panic!("the 1969 Italian Job is not in TMDB 5000");
    };
    assert_eq!(suggestions, ["The Italian Job (2003)"]);
    let Err(HybridError::UnknownTitle { suggestions, .. }) = ix.find("Shawshenk Redemtion") else {
        panic!("misspelt");
    };
    assert_eq!(suggestions[0], "The Shawshank Redemption (1994)");
}

#[test]
fn title_lookup_on_movielens() {
    let Some(dir) = test_data_dir(Dataset::MlLatestSmall).unwrap() else {
        return;
    };
    let catalog = load_catalog(&dir, Dataset::MlLatestSmall).unwrap().0;
    let t = Instant::now();
    let ix = TitleIndex::new(&catalog);
    eprintln!("indexed {} titles in {:?}", ix.len(), t.elapsed());
    let year = |q: &str| catalog.entries()[ix.find_first(q).unwrap()].year;
    // ml-latest-small has both Italian Jobs (1969, 2003), which TMDB 5000 lacks
    assert_eq!(year("Heat (1995)"), Some(1995));
    assert_eq!(year("Dark Knight, The"), Some(2008));
    assert_eq!(year("the italian job 1969"), Some(1969));
    assert_eq!(year("Italian Job, The (2003)"), Some(2003));
    let t = Instant::now();
    let err = ix.find("Shawshenk Redemtion").unwrap_err();
    eprintln!("suggestions in {:?}: {err}", t.elapsed());
    let HybridError::UnknownTitle { suggestions, .. } = err else {
        panic!("expected UnknownTitle");
    };
    assert_eq!(suggestions[0], "The Shawshank Redemption (1994)");
}

#[test]
fn suggestions_scale_to_50k_titles() {
    use recsys_data::catalog::{CatalogEntry, MovieDetails};
    // 50,000 synthetic titles of 2-4 words from a 300-word vocabulary
    let words: Vec<String> = (0..300u32)
        .map(|k| {
            format!(
                "{}{}",
                ["dark", "night", "love", "war", "star", "blue"][k as usize % 6],
                k
            )
        })
        .collect();
    let mut state = 12345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let entries: Vec<CatalogEntry> = (0..50_000)
        .map(|k| {
            let n = 2 + next() % 3;
            let title: Vec<&str> = (0..n)
                .map(|_| words[next() % words.len()].as_str())
                .collect();
            CatalogEntry {
                title: title.join(" "),
                year: Some(1950 + (k % 70) as u16),
                details: MovieDetails {
                    vote_count: (next() % 10_000) as u32,
                    ..Default::default()
                },
                ..Default::default()
            }
        })
        .collect();
    let target = entries[777].title.clone();
    let catalog = Catalog::new(entries);
    let t = Instant::now();
    let ix = TitleIndex::new(&catalog);
    let built = t.elapsed();
    let typo: String = target.chars().filter(|&c| c != 'a').collect();
    let t = Instant::now();
    let err = ix.find(&typo).unwrap_err();
    eprintln!(
        "50k titles: index {built:?}, unknown title + suggestions {:?}",
        t.elapsed()
    );
    let HybridError::UnknownTitle { suggestions, .. } = err else {
        panic!("expected UnknownTitle");
    };
    assert!(
        suggestions.iter().any(|s| s.starts_with(&target)),
        "{target}: {suggestions:?}"
    );
    assert!(ix.find(&target).unwrap().contains(&777));
}
