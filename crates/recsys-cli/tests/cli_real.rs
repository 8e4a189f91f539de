//! Every subcommand of `recsys` on the real datasets under `RECSYS_DATA` (skipped when missing,
//! a failure under `CI=true`): the figures of the data, a fit and its recommendations, the
//! content and hybrid lists for "The Dark Knight", the pictures.

mod common;

use common::{Sandbox, code, files_under, json, ok, ok_json, ok_stdout, recsys, run, stdout};
use recsys::data::Dataset;

#[test]
fn data_stats_and_list_on_real_data() {
    let Some(s) = Sandbox::real(Dataset::Ml100k) else {
        return;
    };
    let out = s.run(&["data", "stats", "--dataset", "ml-100k", "--json"]);
    let v = ok_json(&out);
    assert_eq!(
        (
            v["users"].as_u64(),
            v["items"].as_u64(),
            v["ratings"].as_u64()
        ),
        (Some(943), Some(1682), Some(100_000))
    );
    let out = run(recsys(s.path())
        .env("RECSYS_DATA", &s.data)
        .args(["data", "list", "--json"]));
    let v = json(&out);
    let ml = v["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dataset"] == "ml-100k")
        .unwrap();
    assert_eq!(
        (ml["present"].as_bool(), ml["origin"].as_str()),
        (Some(true), Some("env"))
    );
}

#[test]
fn fit_recommend_and_hybrid_on_ml_latest_small() {
    let Some(s) = Sandbox::real(Dataset::MlLatestSmall) else {
        return;
    };
    let out = s.fit("als", &["factors=16", "iterations=3"], "als.rsm");
    assert!(
        ok_stdout(&out).contains("610 users, 9724 items, 100836 ratings"),
        "{}",
        stdout(&out)
    );
    let out =
        run(recsys(s.path()).args(["recommend", "--model", "als.rsm", "--user", "10", "--json"]));
    let items = ok_json(&out)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 10);
    // titles come from the catalog, with the year; no raw "movie <id>" fallbacks
    assert!(
        items.iter().all(|x| {
            let t = x["title"].as_str().unwrap();
            !t.starts_with("movie ") && t.ends_with(')')
        }),
        "{items:?}"
    );

    assert_eq!(code(&s.fit("baseline", &[], "baseline.rsm")), 0);
    let out = s.run(&[
        "hybrid",
        "--user",
        "10",
        "--title",
        "The Dark Knight",
        "--model",
        "baseline.rsm",
        "--json",
    ]);
    let items = ok_json(&out)["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 10);
    assert!(items.iter().all(|x| x["title"] != "The Dark Knight"));
}

#[test]
fn similar_on_tmdb_5000() {
    let Some(s) = Sandbox::real(Dataset::Tmdb5000) else {
        return;
    };
    let out = s.run(&["similar", "--title", "The Dark Knight", "--json"]);
    let v = ok_json(&out);
    assert_eq!(v["catalog"], "tmdb-5000");
    let titles: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 10);
    assert!(titles.contains(&"The Dark Knight Rises"), "{titles:?}");
    assert!(!titles.contains(&"The Dark Knight"));
}

#[test]
fn eda_on_ml_100k_with_tmdb() {
    let Some(s) = Sandbox::real(Dataset::Ml100k) else {
        return;
    };
    let out = s.run(&[
        "eda",
        "--dataset",
        "ml-100k",
        "--out",
        "eda",
        "--grid",
        "60",
    ]);
    ok(&out);
    let files = files_under(&s.path().join("eda"));
    // 4 pictures of the ratings, 3 of TMDB 5000 when it is there, each as PNG and SVG
    let expected = if s.data.join("tmdb-5000").is_dir() {
        14
    } else {
        8
    };
    assert_eq!(files.len(), expected, "{files:?}");
    assert!(stdout(&out).contains("ml-100k: 943 users, 1,682 items, 100,000 ratings"));
}

#[test]
fn bfm_side_fits_on_ml_100k_and_says_why_not_elsewhere() {
    let Some(s) = Sandbox::real(Dataset::Ml100k) else {
        return;
    };
    let fit_model = |ds: &str, model: &str| {
        s.run(&[
            "fit",
            "--dataset",
            ds,
            "--model",
            model,
            "--set",
            "burn_in=1",
            "--set",
            "n_iter=3",
            "--out",
            "side.rsm",
        ])
    };
    let fit = |ds: &str| fit_model(ds, "bfm-side");
    // with the rating's day as well: the model file keeps the days
    for model in ["bfm-side-date", "bfm-side"] {
        let out = fit_model("ml-100k", model);
        assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
        let out = s.run(&["recommend", "--model", "side.rsm", "--user", "1", "--json"]);
        assert_eq!(ok_json(&out)["items"].as_array().unwrap().len(), 10);
    }
    // a parameter out of range is refused before any data is read
    let out = s.run(&[
        "fit",
        "--dataset",
        "ml-100k",
        "--model",
        "bfm-side",
        "--set",
        "rank=0",
        "--out",
        "x.rsm",
    ]);
    assert_ne!(code(&out), 0);
    // ml-latest-small has no user columns
    if Sandbox::real(Dataset::MlLatestSmall).is_some() {
        let out = fit("ml-latest-small");
        assert_ne!(code(&out), 0);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no user side columns"), "{err}");
    }
}
