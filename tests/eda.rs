//! The `eda` example's code path end to end: on a small synthetic dataset in a temporary folder
//! (always), and on ml-100k with TMDB 5000 from `RECSYS_DATA` (skipped when missing, a failure
//! under `CI=true`). Checks that every picture is written as a valid PNG and SVG.

#[allow(dead_code)]
#[path = "../examples/eda.rs"]
mod eda;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use recsys::data::Dataset;
use recsys::data::location::test_data_dir;

fn check_files(files: &[PathBuf], stems: &[&str]) {
    for s in stems {
        for ext in ["png", "svg"] {
            let name = format!("{s}.{ext}");
            let f = files
                .iter()
                .find(|f| f.file_name().is_some_and(|n| n == name.as_str()))
                .unwrap_or_else(|| panic!("{name} not in {files:?}"));
            let bytes = std::fs::read(f).unwrap();
            if ext == "png" {
                assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", f.display());
            } else {
                let text = String::from_utf8(bytes).unwrap();
                assert!(text.contains("<svg"), "{}", f.display());
            }
        }
    }
    for f in files {
        assert!(f.is_file(), "{}", f.display());
    }
}

/// A tiny ml-100k folder (`u.data`, `u.item`) and a TMDB 5000 movies file.
fn synthetic(root: &Path) {
    let ml = root.join("ml-100k");
    std::fs::create_dir_all(&ml).unwrap();
    let mut data = String::new();
    for u in 1..=30u32 {
        for i in 1..=(u % 12 + 2) {
            let r = (u + i) % 5 + 1;
            let _ = writeln!(data, "{u}\t{i}\t{r}\t{}", 880_000_000 + u * 100 + i);
        }
    }
    std::fs::write(ml.join("u.data"), data).unwrap();
    let mut items = String::new();
    for i in 1..=14u32 {
        let flags: Vec<&str> = (0..19)
            .map(|g| {
                if g == (i as usize % 5) * 2 + 1 || g == 8 {
                    "1"
                } else {
                    "0"
                }
            })
            .collect();
        let _ = writeln!(
            items,
            "{i}|Movie {i} (199{})|01-Jan-199{}||http://example.invalid/{i}|{}",
            i % 10,
            i % 10,
            flags.join("|")
        );
    }
    std::fs::write(ml.join("u.item"), items).unwrap();
    let tmdb = root.join("tmdb-5000");
    std::fs::create_dir_all(&tmdb).unwrap();
    let mut csv = String::from(
        "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,\
         production_companies,production_countries,release_date,revenue,runtime,spoken_languages,\
         status,tagline,title,vote_average,vote_count\n",
    );
    for k in 1..=40u64 {
        let budget = if k % 7 == 0 { 0 } else { k * 1_000_000 };
        let revenue = (k * 7 % 11) * 3_000_000;
        let _ = writeln!(
            csv,
            "{budget},\"[{{\"\"id\"\": 18, \"\"name\"\": \"\"Drama\"\"}}]\",,{k},\"[]\",en,T{k},\
             overview {k},1.5,[],[],{}-05-01,{revenue},100,[],Released,,T{k},{}.{},{}",
            1990 + k % 20,
            k % 10,
            k % 9,
            k % 4 * 10
        );
    }
    std::fs::write(tmdb.join("tmdb_5000_movies.csv"), csv).unwrap();
}

const RATING_PICTURES: [&str; 4] = [
    "ml-100k-ratings",
    "ml-100k-sparsity",
    "ml-100k-genre-popularity",
    "ml-100k-genre-ratings",
];
const TMDB_PICTURES: [&str; 3] = [
    "tmdb-5000-vote-average",
    "tmdb-5000-year-profit",
    "tmdb-5000-budget-profit",
];

#[test]
fn eda_on_synthetic_data_writes_every_picture() {
    let data = tempfile::tempdir().unwrap();
    synthetic(data.path());
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("eda");
    let r = eda::run_quiet("ml-100k", data.path(), &out_dir).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(
        r.files.len(),
        2 * (RATING_PICTURES.len() + TMDB_PICTURES.len())
    );
    check_files(&r.files, &RATING_PICTURES);
    check_files(&r.files, &TMDB_PICTURES);
    assert!(r.files.iter().all(|f| f.starts_with(&out_dir)));
    assert!(
        r.summary.iter().any(|l| l.contains("density")),
        "{:?}",
        r.summary
    );

    // without TMDB 5000 the rating pictures are still written, and the rest is reported skipped
    std::fs::remove_dir_all(data.path().join("tmdb-5000")).unwrap();
    let r = eda::run_quiet("ml-100k", data.path(), &out.path().join("b")).unwrap();
    check_files(&r.files, &RATING_PICTURES);
    assert_eq!(r.files.len(), 8);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);

    // a dataset without ratings is an error, and so is a malformed TMDB 5000 file
    assert!(eda::run_quiet("tmdb-5000", data.path(), out.path()).is_err());
    std::fs::create_dir_all(data.path().join("tmdb-5000")).unwrap();
    std::fs::write(
        data.path().join("tmdb-5000/tmdb_5000_movies.csv"),
        "id,title\n1,x\n",
    )
    .unwrap();
    assert!(eda::run_quiet("ml-100k", data.path(), &out.path().join("c")).is_err());
}

#[test]
fn eda_on_ml100k_and_tmdb5000() {
    let Some(dir) = test_data_dir(Dataset::Ml100k).unwrap() else {
        return;
    };
    let Some(_) = test_data_dir(Dataset::Tmdb5000).unwrap() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let r = eda::run_quiet("ml-100k", dir.root(), out.path()).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    check_files(&r.files, &RATING_PICTURES);
    check_files(&r.files, &TMDB_PICTURES);
    let summary = r.summary.join("\n");
    assert!(
        summary.contains("943 users, 1,682 items, 100,000 ratings"),
        "{summary}"
    );
    assert!(summary.contains("density 6.3047%"), "{summary}");
    assert!(summary.contains("TMDB 5000: 4,803 movies"), "{summary}");
}
