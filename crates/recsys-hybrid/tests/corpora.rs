//! The three corpora of the peers (`content_tfidf.py`: tmdb5000, keywords46k, ml-latest-small) and
//! the Kaggle kernel's metadata soup, against scikit-learn: vocabulary size, non-zeros, the
//! top-10 lists of `content_examples_<subset>.txt` (ids and cosines), and float64 cosines to
//! 1e-6. Skipped when the data is absent (an error under CI=true).

use recsys_data::Dataset;
use recsys_data::catalog::{Catalog, load_catalog};
use recsys_data::location::{DataDir, test_data_dir, test_peers_file};
use recsys_hybrid::HybridError;
use recsys_hybrid::content::{self, ContentParams, ContentRecommender};
use recsys_hybrid::soup::{self, SoupParams};

/// One probe of a peers' examples file: the query row and its top 10 as (id, cosine).
struct Probe {
    title: String,
    row: usize,
    top: Vec<(u64, f64)>,
}

/// Parses `content_examples_<subset>.txt`.
fn probes(subset: &str) -> Option<Vec<Probe>> {
    let path = test_peers_file(&format!("content_examples_{subset}.txt")).unwrap()?;
    let text = std::fs::read_to_string(path).unwrap();
    let mut out: Vec<Probe> = Vec::new();
    for line in text.lines() {
        if let Some(k) = line.find(", row ") {
            let title = line[..line.rfind(" (").unwrap()].to_string();
            let row = line[k + 6..].split(';').next().unwrap().parse().unwrap();
            out.push(Probe {
                title,
                row,
                top: Vec::new(),
            });
        } else if line.starts_with("  ") && line.contains(", cos ") {
            let inner = &line[line.rfind('(').unwrap() + 1..line.rfind(')').unwrap()];
            let (id, cos) = inner.split_once(", cos ").unwrap();
            let id = id.rsplit(' ').next().unwrap().parse().unwrap();
            out.last_mut().unwrap().top.push((id, cos.parse().unwrap()));
        }
    }
    Some(out)
}

/// Our top 10 of each probe equals scikit-learn's: same cosines (4 decimals as printed) and the
/// same movies, up to the order of equal cosines (sklearn's order among ties comes from
/// `argpartition`; ours is the lower row first).
fn check_probes(rec: &ContentRecommender, probes: &[Probe], id_of: impl Fn(usize) -> u64) {
    assert!(!probes.is_empty());
    for p in probes {
        let got = rec.neighbours(p.row, 10).unwrap();
        assert_eq!(got.len(), p.top.len(), "{}", p.title);
        for (g, w) in got.iter().zip(&p.top) {
            assert!(
                (f64::from(g.score) - w.1).abs() < 5.1e-5,
                "{}: {} vs {}",
                p.title,
                g.score,
                w.1
            );
        }
        let key = |v: Vec<(u64, f64)>| {
            let mut v: Vec<(i64, u64)> = v
                .iter()
                .map(|&(id, c)| ((c * 1e4).round() as i64, id))
                .collect();
            v.sort();
            v
        };
        let ours = key(got
            .iter()
            .map(|n| (id_of(n.index), f64::from(n.score)))
            .collect());
        assert_eq!(ours, key(p.top.clone()), "{}", p.title);
    }
}

/// Our cosine of rows `i` and `j` equals scikit-learn's float64 `want` to 1e-6, for each
/// `(i, j, want)`.
fn check_cosines(rec: &ContentRecommender, pairs: impl IntoIterator<Item = (usize, usize, f64)>) {
    for (i, j, want) in pairs {
        let got = f64::from(rec.index().similarity(i, j).unwrap());
        assert!(
            (got - want).abs() < 1e-6,
            "cos({i}, {j}) = {got}, sklearn {want}"
        );
    }
}

fn dir(ds: Dataset) -> Option<DataDir> {
    test_data_dir(ds).unwrap()
}

#[test]
fn tmdb5000_probes() {
    let Some(d) = dir(Dataset::Tmdb5000) else {
        return;
    };
    let Some(probes) = probes("tmdb5000") else {
        return;
    };
    let (cat, _) = load_catalog(&d, Dataset::Tmdb5000).unwrap();
    let rec = ContentRecommender::fit(&cat).unwrap();
    assert_eq!((rec.terms(), rec.nnz()), (157_555, 295_760));
    assert_eq!(probes.len(), 2); // Toy Story and The Dark Knight (Jumanji is not in TMDB 5000)
    check_probes(&rec, &probes, |i| cat.entries()[i].tmdb_id.unwrap());
}

#[test]
fn ml_latest_small_documents_and_probes() {
    let Some(d) = dir(Dataset::MlLatestSmall) else {
        return;
    };
    let (movies, docs) = content::movielens_corpus(&d).unwrap();
    assert_eq!(docs.len(), 9742);
    // the peers' document of movie 1 (title without year, genres, tags in file order)
    assert_eq!(
        docs[0],
        "Toy Story Adventure Animation Children Comedy Fantasy pixar pixar fun"
    );
    let cat = Catalog::new(
        movies
            .iter()
            .map(|m| recsys_data::catalog::CatalogEntry {
                movie_id: Some(m.id),
                title: content::clean_movielens_title(&m.title),
                year: m.year,
                ..Default::default()
            })
            .collect(),
    );
    let rec = ContentRecommender::fit_documents(&cat, &docs).unwrap();
    // scikit-learn: 32,327 terms, 90,528 non-zeros (RESULTS.md (d))
    assert_eq!((rec.terms(), rec.nnz()), (32_327, 90_528));
    let Some(probes) = probes("ml-latest-small") else {
        return;
    };
    assert_eq!(probes.len(), 3);
    check_probes(&rec, &probes, |i| cat.entries()[i].movie_id.unwrap());
    // float64 cosines of scikit-learn for Toy Story (row 0)
    check_cosines(&rec, ML_TOY_STORY.map(|(j, want)| (0, j, want)));
}

#[test]
fn keywords_rows_titles_and_probes() {
    let Some(d) = dir(Dataset::RatingsSmall) else {
        return;
    };
    let (cat, votes) = content::keywords_catalog(&d).unwrap();
    // every row of keywords.csv, the 987 repeated ids included (pandas' count)
    assert_eq!(cat.len(), 46_419);
    assert_eq!(votes.len(), 46_419);
    let docs: Vec<String> = cat
        .entries()
        .iter()
        .map(|e| e.details.keywords.join(" "))
        .collect();
    let rec = ContentRecommender::fit_documents(&cat, &docs)
        .unwrap()
        .with_votes(votes)
        .unwrap();
    // scikit-learn: 122,260 terms, 407,000 non-zeros (RESULTS.md (d))
    assert_eq!((rec.terms(), rec.nnz()), (122_260, 407_000));
    let Some(probes) = probes("keywords46k") else {
        return;
    };
    assert_eq!(probes.len(), 3);
    check_probes(&rec, &probes, |i| cat.entries()[i].tmdb_id.unwrap());
    check_cosines(&rec, KEYWORDS_PAIRS);
    // titles: TMDB 5000's, else ml-latest-small's; lookup is forgiving; re-ranking uses the
    // TMDB 5000 votes of the candidates that have them
    let toy = rec.titles().find_first("toy story").unwrap();
    assert_eq!((cat.entries()[toy].tmdb_id, toy), (Some(862), 0));
    let list = rec
        .similar_to(&cat, toy, &ContentParams::default())
        .unwrap();
    assert!(list.iter().all(|x| x.wr.is_some()));
    assert!(list.iter().any(|x| x.title == "Toy Story 3"));
    assert!(matches!(
        rec.similar(&cat, "Toy Stroy", &ContentParams::default()),
        Err(HybridError::UnknownTitle { .. })
    ));
}

#[test]
fn movielens_catalog_joined_to_tmdb() {
    let Some(d) = dir(Dataset::MlLatestSmall) else {
        return;
    };
    if dir(Dataset::Tmdb5000).is_none() {
        return;
    }
    let (cat, _) = load_catalog(&d, Dataset::MlLatestSmall).unwrap();
    let (movies, docs) = content::movielens_corpus(&d).unwrap();
    // the joined catalog keeps movies.csv's order
    assert!(
        cat.entries()
            .iter()
            .zip(&movies)
            .all(|(e, m)| e.movie_id == Some(m.id))
    );
    let rec = ContentRecommender::fit_documents(&cat, &docs).unwrap();
    // the joined titles are TMDB's where matched: "The Dark Knight" (MovieLens: "Dark Knight, The")
    let dk = rec.titles().find_first("The Dark Knight").unwrap();
    assert_eq!(cat.entries()[dk].movie_id, Some(58559));
    // TMDB votes re-rank where known; unknown votes are left out, not counted as zero
    let votes = cat
        .entries()
        .iter()
        .map(|e| {
            (e.details.vote_count > 0).then(|| {
                (
                    f64::from(e.details.vote_count),
                    f64::from(e.details.vote_average),
                )
            })
        })
        .collect();
    let rec = rec.with_votes(votes).unwrap();
    let list = rec
        .similar(&cat, "Toy Story", &ContentParams::default())
        .unwrap();
    assert!(!list.is_empty() && list.len() <= 10);
    assert!(
        list.iter()
            .all(|x| cat.entries()[x.index].details.vote_count > 0)
    );
    assert!(list.windows(2).all(|w| w[0].wr >= w[1].wr));
    assert!(list.iter().any(|x| x.title == "Toy Story 2"));
    assert!(rec.with_votes(Vec::new()).is_err());
}

#[test]
fn metadata_soup_matches_the_kernel() {
    let Some(d) = dir(Dataset::Tmdb5000) else {
        return;
    };
    let (cat, _) = load_catalog(&d, Dataset::Tmdb5000).unwrap();
    let dk = 65;
    assert_eq!(cat.entries()[dk].title, "The Dark Knight");
    assert_eq!(
        soup::soup(&cat.entries()[dk], &SoupParams::default()),
        "dccomics crimefighter secretidentity christianbale heathledger aaroneckhart \
         christophernolan drama action crime"
    );
    // scikit-learn CountVectorizer(stop_words='english') over the kernel's soups: 11,520 terms,
    // 42,935 non-zeros; cosine_similarity top 10 (ties by lower row, as a stable argsort)
    let rec = ContentRecommender::fit_soup(&cat, &SoupParams::default()).unwrap();
    assert_eq!((rec.terms(), rec.nnz()), (11_520, 42_935));
    let top: Vec<(&str, f32)> = rec
        .neighbours(dk, 10)
        .unwrap()
        .iter()
        .map(|n| (cat.entries()[n.index].title.as_str(), n.score))
        .collect();
    let want = [
        ("The Dark Knight Rises", 0.7),
        ("Batman Begins", 0.6),
        ("Amidst the Devil's Wings", 0.547_723),
        ("Hitman", 0.4),
        ("Kick-Ass", 0.381_385),
        ("Kick-Ass 2", 0.365_148),
        ("Black November", 0.358_569),
        ("Takers", 0.335_410),
        ("Faster", 0.335_410),
        ("Catwoman", 0.316_228),
    ];
    for (g, w) in top.iter().zip(want) {
        assert_eq!(g.0, w.0);
        assert!((f64::from(g.1) - w.1).abs() < 1e-6, "{g:?} vs {w:?}");
    }
    let toy = rec.titles().find_first("Toy Story").unwrap();
    let top: Vec<&str> = rec
        .neighbours(toy, 4)
        .unwrap()
        .iter()
        .map(|n| cat.entries()[n.index].title.as_str())
        .collect();
    assert_eq!(
        top,
        ["Toy Story 3", "Toy Story 2", "Cars 2", "Monster House"]
    );
    // all names kept: a different, larger vocabulary
    let all = SoupParams {
        keywords: None,
        cast: None,
        genres: None,
    };
    let (x, v) = soup::count_matrix(&cat, &all).unwrap();
    assert!(v.vocabulary().unwrap().len() > 11_520 && x.nnz() > 42_935);
}

/// scikit-learn 1.9.1, float64: `X[0] @ X[j].T` on ml-latest-small for Toy Story's top 10.
#[rustfmt::skip]
const ML_TOY_STORY: [(usize, f64); 10] = [
    (7355, 0.563_271_443), (2355, 0.504_117_801), (1757, 0.334_493_088), (2539, 0.303_091_210),
    (6194, 0.263_048_365), (3568, 0.256_046_559), (6486, 0.253_314_340), (8219, 0.244_956_458),
    (1706, 0.239_983_282), (9430, 0.239_983_282),
];

/// scikit-learn 1.9.1, float64, keywords46k: Toy Story (row 0) and The Dark Knight (row 12481)
/// with some of their top 10 (three rows tie at 0.279304359 for The Dark Knight).
#[rustfmt::skip]
const KEYWORDS_PAIRS: [(usize, usize, f64); 8] = [
    (0, 1811, 0.326_778_899), (0, 29685, 0.282_501_593),
    (0, 15348, 0.268_698_509), (0, 19109, 0.249_156_168),
    (12481, 10122, 0.335_582_229), (12481, 32117, 0.319_170_716),
    (12481, 3095, 0.279_304_359), (12481, 36975, 0.279_304_359),
];
