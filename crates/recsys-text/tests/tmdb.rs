//! Real data: TF-IDF of TMDB 5000 (`$RECSYS_DATA/tmdb-5000/tmdb_5000_movies.csv`) against
//! scikit-learn's figures (`shared/peers/content_tfidf.py tmdb5000`, RESULTS.md section (d)).
//!
//! Skipped when `RECSYS_DATA` is unset or lacks the file, but failing when `CI=true`.

use std::path::PathBuf;

use recsys_text::{CosineIndex, StopWords, TfidfVectorizer};

/// Strings pandas' `read_csv` reads as NaN by default (then `fillna('')` makes them empty).
const PANDAS_NA: &[&str] = &[
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
];

fn data_file() -> Option<PathBuf> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let path = std::env::var("RECSYS_DATA").ok().map(|d| {
        PathBuf::from(d)
            .join("tmdb-5000")
            .join("tmdb_5000_movies.csv")
    });
    match path {
        Some(p) if p.is_file() => Some(p),
        other => {
            assert!(
                !ci,
                "CI=true but tmdb_5000_movies.csv is missing (RECSYS_DATA -> {other:?})"
            );
            eprintln!(
                "skipped: set RECSYS_DATA to a folder holding tmdb-5000/tmdb_5000_movies.csv"
            );
            None
        }
    }
}

/// `title + ' ' + overview + ' ' + tagline` with NaN -> '' (content_tfidf.py), and the titles.
fn load(path: &PathBuf) -> (Vec<String>, Vec<String>) {
    let mut r = csv::Reader::from_path(path).expect("open tmdb_5000_movies.csv");
    let h = r.headers().expect("header").clone();
    let col = |name: &str| h.iter().position(|c| c == name).expect(name);
    let (t, o, g) = (col("title"), col("overview"), col("tagline"));
    let (mut docs, mut titles) = (Vec::new(), Vec::new());
    for rec in r.records() {
        let rec = rec.expect("record");
        let f = |i: usize| {
            let s = rec.get(i).unwrap_or("");
            if PANDAS_NA.contains(&s) { "" } else { s }
        };
        docs.push(format!("{} {} {}", f(t), f(o), f(g)));
        titles.push(f(t).to_string());
    }
    (docs, titles)
}

#[test]
fn tmdb5000_matches_sklearn() {
    let Some(path) = data_file() else { return };
    let (docs, titles) = load(&path);
    assert_eq!(docs.len(), 4803);
    let mut tf = TfidfVectorizer::new()
        .ngram_range(1, 2)
        .stop_words(StopWords::english());
    let x = tf.fit_transform(&docs).unwrap();
    assert_eq!(tf.vocabulary().unwrap().len(), 157_555);
    assert_eq!(x.nnz(), 295_760);
    let idx = CosineIndex::new(&x);
    // scikit-learn 1.9.1 (/work/peers-venv), same corpus and vectorizer, float64:
    // (X[i] @ X[j].T) for these rows.
    for (i, j, want) in [
        (65, 3, 0.205249650),     // The Dark Knight, The Dark Knight Rises
        (65, 299, 0.156134570),   // The Dark Knight, Batman Forever
        (0, 1, 0.007686436),      // Avatar, Pirates of the Caribbean: At World's End
        (10, 20, 0.009775033),    // Superman Returns, The Amazing Spider-Man
        (100, 4000, 0.004753855), // The Curious Case of Benjamin Button, Maurice
    ] {
        let got = f64::from(idx.similarity(i, j).unwrap());
        assert!(
            (got - want).abs() < 1e-6,
            "cos({i}, {j}) = {got}, sklearn {want}"
        );
    }
    assert_eq!(titles[65], "The Dark Knight");
    // sklearn's top 5 for The Dark Knight: rows 3, 299, 1359, 3854, 428.
    let top = idx.neighbours(65, 5).unwrap();
    let want = [
        (3, 0.205249650),
        (299, 0.156134570),
        (1359, 0.145290783),
        (3854, 0.130414217),
        (428, 0.112570591),
    ];
    for (n, (j, s)) in top.iter().zip(want) {
        assert_eq!(n.index, j);
        assert!((f64::from(n.score) - s).abs() < 1e-6);
    }
    let all = idx.all_neighbours(30);
    assert_eq!(all.len(), 4803);
    assert_eq!(all[65][..5], top[..]);
}

/// Timing of fit + all top-30 neighbours, to compare with scikit-learn (0.55 s + 0.49 s):
/// `RECSYS_DATA=... cargo test --release -p recsys-text --test tmdb -- --ignored --nocapture`
#[test]
#[ignore]
fn tmdb5000_timing() {
    let Some(path) = data_file() else { return };
    let (docs, _) = load(&path);
    for _ in 0..3 {
        let t0 = std::time::Instant::now();
        let x = TfidfVectorizer::new()
            .ngram_range(1, 2)
            .stop_words(StopWords::english())
            .fit_transform(&docs)
            .unwrap();
        let t1 = std::time::Instant::now();
        let all = CosineIndex::new(&x).all_neighbours(30);
        let t2 = std::time::Instant::now();
        eprintln!(
            "tmdb5000: fit_transform {:.3} s, all top-30 {:.3} s ({} rows, {} threads)",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            all.len(),
            rayon::current_num_threads()
        );
    }
}
