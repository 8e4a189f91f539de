//! Every subcommand of `recsys` end to end on a small generated MovieLens-format dataset (always
//! runs, no network): outputs, files and exit codes (0 ok, 1 failed, 2 bad usage), and bad input.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{
    Sandbox, code, files_under, json, ok_json, ok_stdout, recsys, run, run_on, stderr, stdout,
    title,
};
use recsys::core::RatingPredictor;
use recsys::core::traits::{ByPredictedRating, recommend_raw};
use recsys::data::{DataDir, Dataset};

/// A borrowed rating model as a `RatingPredictor` (for `ByPredictedRating`).
struct Borrowed<'a>(&'a dyn RatingPredictor);

impl RatingPredictor for Borrowed<'_> {
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.0.predict(user, item)
    }
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn help_on_every_subcommand() {
    let home = tmp();
    for args in [
        vec!["--help"],
        vec!["data", "--help"],
        vec!["data", "fetch", "--help"],
        vec!["data", "list", "--help"],
        vec!["data", "stats", "--help"],
        vec!["fit", "--help"],
        vec!["recommend", "--help"],
        vec!["similar", "--help"],
        vec!["hybrid", "--help"],
        vec!["eda", "--help"],
        vec!["compare", "--help"],
    ] {
        let out = run(recsys(home.path()).args(&args));
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(stdout(&out).contains("Usage: recsys"), "{args:?}");
    }
}

#[test]
fn bad_usage_exits_with_2() {
    let home = tmp();
    for args in [
        vec![],
        vec!["nope"],
        vec!["fit", "--dataset", "ml-latest-small", "--model", "svd"], // no --out
        vec![
            "fit",
            "--dataset",
            "ml-9m",
            "--model",
            "svd",
            "--out",
            "m.rsm",
        ],
        vec![
            "fit",
            "--dataset",
            "ml-100k",
            "--model",
            "svd",
            "--out",
            "m",
            "--set",
            "noequals",
        ],
        vec!["recommend", "--model", "m.rsm", "--user", "abc"],
        vec!["data", "stats"],
    ] {
        let out = run(recsys(home.path()).args(&args));
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    assert!(files_under(home.path()).is_empty());
}

#[test]
fn data_list_shows_the_search_order_and_where_each_dataset_is() {
    let s = Sandbox::synthetic();
    let out = s.run(&["data", "list", "--json"]);
    let v = ok_json(&out);
    let order: Vec<&str> = v["search_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["origin"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["flag", "cache"]);
    let rows = v["datasets"].as_array().unwrap();
    assert_eq!(rows.len(), Dataset::ALL.len());
    for r in rows {
        let present = r["dataset"] == "ml-latest-small";
        assert_eq!(r["present"], present, "{r}");
        if present {
            assert_eq!(r["origin"], "flag");
            assert_eq!(
                Path::new(r["path"].as_str().unwrap()),
                s.data.join("ml-latest-small")
            );
        }
    }
    // RECSYS_DATA comes after --data, before the cache; an env-only folder is found there
    let out = run(recsys(s.path())
        .env("RECSYS_DATA", &s.data)
        .args(["data", "list", "--json"]));
    let v = json(&out);
    assert_eq!(v["search_order"][0]["origin"], "env");
    assert_eq!(v["datasets"][2]["origin"], "env");
    // text form
    let out = s.run(&["data", "list"]);
    assert!(stdout(&out).contains("ml-latest-small  present"));
    assert!(stdout(&out).contains("recsys data fetch ml-100k"));
}

#[test]
fn data_stats_matches_the_generated_ratings() {
    let s = Sandbox::synthetic();
    let ratings = DataDir::new(&s.data)
        .load_ratings(Dataset::MlLatestSmall)
        .unwrap();
    let out = s.run(&["data", "stats", "--dataset", "ml-latest-small", "--json"]);
    let v = ok_json(&out);
    assert_eq!(v["ratings"], 1_500);
    assert_eq!(v["users"], ratings.n_users());
    assert_eq!(v["items"], ratings.n_items());
    assert_eq!(v["movies"], 80);
    let text = s.run(&["data", "stats", "--dataset", "ml-latest-small"]);
    assert!(stdout(&text).contains("ratings      1500"));
}

#[test]
fn fit_then_recommend_gives_the_library_s_list_with_titles() {
    let s = Sandbox::synthetic();
    let out = s.fit("baseline", &[], "models/baseline.rsm");
    let text = ok_stdout(&out);
    assert!(
        text.contains("fitted baseline on ml-latest-small"),
        "{text}"
    );
    assert!(text.contains("wrote models/baseline.rsm"), "{text}");
    let file = s.path().join("models/baseline.rsm");
    assert!(file.is_file());

    let out = run(recsys(s.path()).args([
        "recommend",
        "--model",
        "models/baseline.rsm",
        "--user",
        "3",
        "-n",
        "7",
        "--json",
    ]));
    let v = ok_json(&out);
    assert_eq!(v["model"], "baseline");
    assert_eq!(v["dataset"], "ml-latest-small");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);

    // the same list as the library's, from the saved file and the dataset's ratings
    let ratings = DataDir::new(&s.data)
        .load_ratings(Dataset::MlLatestSmall)
        .unwrap();
    let saved = recsys::models::load_model(&file).unwrap();
    let p = saved.model.as_rating_predictor().unwrap();
    let lib = recommend_raw(
        &ByPredictedRating {
            model: Borrowed(p),
            n_items: ratings.n_items(),
        },
        &ratings,
        3,
        7,
    )
    .unwrap();
    let seen: HashSet<u64> = ratings
        .user_items(ratings.user_index(3).unwrap())
        .iter()
        .map(|&i| ratings.items().raw(i).unwrap())
        .collect();
    for (k, (it, (id, score))) in items.iter().zip(&lib).enumerate() {
        assert_eq!(it["rank"], k + 1);
        assert_eq!(it["item"], *id);
        assert_eq!(it["score"].as_f64().unwrap() as f32, *score);
        assert_eq!(
            it["title"].as_str().unwrap(),
            format!("{} ({})", title(*id), 1980 + id % 30)
        );
        assert!(!seen.contains(id));
    }
    // text form: numbered titles with scores
    let out =
        run(recsys(s.path()).args(["recommend", "--model", "models/baseline.rsm", "--user", "3"]));
    assert_eq!(ok_stdout(&out).lines().count(), 10);
    assert!(stdout(&out).starts_with("  1. The "));
}

#[test]
fn recommend_folds_in_a_user_from_ratings() {
    let s = Sandbox::synthetic();
    assert_eq!(code(&s.fit("svd", &["factors=8"], "svd.rsm")), 0);
    let out = run(recsys(s.path()).args([
        "recommend",
        "--model",
        "svd.rsm",
        "--ratings",
        "1:5,2:4.5,987654:3",
        "-n",
        "5",
        "--json",
    ]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["skipped"], serde_json::json!([987654]));
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    // the rated movies are not recommended; the list is the library's fold-in
    assert!(items.iter().all(|it| it["item"] != 1 && it["item"] != 2));
    let saved = recsys::models::load_model(s.path().join("svd.rsm")).unwrap();
    let f = saved.model.as_fold_in().unwrap();
    let lib = recsys::core::traits::recommend_folded_raw(f, &saved.items, &[(1, 5.0), (2, 4.5)], 5)
        .unwrap();
    for (it, (id, score)) in items.iter().zip(&lib.items) {
        assert_eq!(it["item"], *id);
        assert_eq!(it["score"].as_f64().unwrap() as f32, *score);
    }
    assert!(stderr(&out).contains("skipped 1 movie(s) the model never saw: 987654"));
    // bad usage: malformed ratings, both --user and --ratings, neither
    for args in [
        vec!["recommend", "--model", "svd.rsm", "--ratings", "1:five"],
        vec![
            "recommend",
            "--model",
            "svd.rsm",
            "--ratings",
            "1:5",
            "--user",
            "1",
        ],
        vec!["recommend", "--model", "svd.rsm"],
    ] {
        assert_eq!(code(&run(recsys(s.path()).args(&args))), 2, "{args:?}");
    }
    // stars outside the model's range: a typed error, exit 1
    let out = run(recsys(s.path()).args(["recommend", "--model", "svd.rsm", "--ratings", "1:9"]));
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("history"), "{}", stderr(&out));
}

#[test]
fn parameters_by_name_are_checked() {
    let s = Sandbox::synthetic();
    let out = s.fit("als", &["factors=8", "iterations=2"], "als.rsm");
    assert!(
        ok_stdout(&out).contains("factors=8 iterations=2"),
        "{}",
        stdout(&out)
    );
    let out =
        run(recsys(s.path()).args(["recommend", "--model", "als.rsm", "--user", "1", "--json"]));
    assert_eq!(ok_json(&out)["items"].as_array().unwrap().len(), 10);

    // an unknown key names the valid ones; a bad value is refused; nothing is written
    let out = s.fit("als", &["factorz=8"], "bad.rsm");
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("factorz") && stderr(&out).contains("factors"),
        "{}",
        stderr(&out)
    );
    for bad in ["factors=abc", "factors=0", "regularization=-1"] {
        let out = s.fit("als", &[bad], "bad.rsm");
        assert_eq!(code(&out), 1, "{bad}");
        assert!(stderr(&out).contains("--set"), "{bad}");
    }
    let out = s.fit("nope", &[], "bad.rsm");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("unknown model `nope`") && stderr(&out).contains("svdpp"));
    assert!(!s.path().join("bad.rsm").exists());

    // a failed fit over an existing file leaves it as it was
    let before = std::fs::read(s.path().join("als.rsm")).unwrap();
    let out = s.fit("als", &["alpha=nan"], "als.rsm");
    assert_eq!(code(&out), 1);
    assert_eq!(std::fs::read(s.path().join("als.rsm")).unwrap(), before);
    let leftovers: Vec<String> = files_under(s.path())
        .into_iter()
        .filter(|f| f.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unknown_users_and_damaged_files_are_errors() {
    let s = Sandbox::synthetic();
    assert_eq!(code(&s.fit("popularity", &[], "pop.rsm")), 0);
    let out = run(recsys(s.path()).args(["recommend", "--model", "pop.rsm", "--user", "99999"]));
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("99999") && err.contains("raw ids from 1 to"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());

    let out = run(recsys(s.path()).args(["recommend", "--model", "missing.rsm", "--user", "1"]));
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("missing.rsm"));

    let bytes = std::fs::read(s.path().join("pop.rsm")).unwrap();
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    std::fs::write(s.path().join("flipped.rsm"), &flipped).unwrap();
    std::fs::write(s.path().join("short.rsm"), &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(s.path().join("text.rsm"), b"not a model file").unwrap();
    for f in ["flipped.rsm", "short.rsm", "text.rsm"] {
        let out = run(recsys(s.path()).args(["recommend", "--model", f, "--user", "1"]));
        assert_eq!(code(&out), 1, "{f}");
        assert!(stderr(&out).contains(f), "{f}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn similar_and_hybrid_take_titles_and_suggest() {
    let s = Sandbox::synthetic();
    let query = title(9);
    let out = s.run(&[
        "similar",
        "--dataset",
        "ml-latest-small",
        "--json",
        "-n",
        "5",
        "--title",
        &query,
    ]);
    let v = ok_json(&out);
    let items = v["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.len() <= 5);
    assert!(items.iter().all(|x| x["title"] != query.as_str()));

    // a misspelt title gets suggestions
    let out = s.run(&[
        "similar",
        "--dataset",
        "ml-latest-small",
        "--title",
        "The Rivr Star 9",
    ]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));

    // the hybrid: SVD++ fitted on the fly, and a saved rating model
    let ratings = DataDir::new(&s.data)
        .load_ratings(Dataset::MlLatestSmall)
        .unwrap();
    let seen: HashSet<String> = ratings
        .user_items(ratings.user_index(2).unwrap())
        .iter()
        .map(|&i| title(ratings.items().raw(i).unwrap()))
        .collect();
    assert_eq!(code(&s.fit("svd", &["epochs=5"], "svd.rsm")), 0);
    for model in [None, Some("svd.rsm")] {
        let mut c = recsys(s.path());
        c.args([
            "hybrid", "--user", "2", "--title", &query, "--json", "-n", "4",
        ])
        .arg("--data")
        .arg(&s.data);
        if let Some(m) = model {
            c.args(["--model", m]);
        }
        let out = run(&mut c);
        assert_eq!(code(&out), 0, "{model:?}");
        let items = json(&out)["items"].as_array().unwrap().clone();
        assert!(!items.is_empty() && items.len() <= 4);
        let predicted: Vec<f64> = items
            .iter()
            .map(|x| x["predicted"].as_f64().unwrap())
            .collect();
        assert!(predicted.windows(2).all(|w| w[0] >= w[1]), "{predicted:?}");
        for x in &items {
            assert!(!seen.contains(x["title"].as_str().unwrap()), "{x}");
        }
    }
    let out = s.run(&["hybrid", "--user", "424242", "--title", &query]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("424242"));
}

#[test]
fn eda_writes_every_picture_or_nothing() {
    let s = Sandbox::synthetic();
    let out = s.run(&[
        "eda",
        "--dataset",
        "ml-latest-small",
        "--out",
        "pictures",
        "--grid",
        "40",
        "--json",
    ]);
    let v = ok_json(&out);
    let files = files_under(&s.path().join("pictures"));
    for stem in ["ratings", "sparsity", "genre-popularity", "genre-ratings"] {
        for ext in ["png", "svg"] {
            let name = format!("ml-latest-small-{stem}.{ext}");
            assert!(files.contains(&name), "{name} not in {files:?}");
        }
    }
    assert_eq!(v["files"].as_array().unwrap().len(), files.len());
    let png = std::fs::read(s.path().join("pictures/ml-latest-small-ratings.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(v["skipped"][0].as_str().unwrap().contains("TMDB 5000"));
    // nothing left beside the folder
    let top: Vec<String> = std::fs::read_dir(s.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(top.is_empty(), "{top:?}");

    // a malformed ratings file: exit 1, no output folder
    let bad = s.path().join("bad");
    std::fs::create_dir_all(bad.join("ml-latest-small")).unwrap();
    std::fs::write(
        bad.join("ml-latest-small/ratings.csv"),
        "userId,movieId,rating\n1,2,x\n",
    )
    .unwrap();
    let out = run_on(
        s.path(),
        &bad,
        &[
            "eda",
            "--dataset",
            "ml-latest-small",
            "--out",
            "bad-pictures",
        ],
    );
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("ratings.csv"), "{}", stderr(&out));
    assert!(!s.path().join("bad-pictures").exists());
}

#[test]
fn a_missing_dataset_without_network_says_what_to_download_and_where() {
    let home = tmp();
    let out = run(recsys(home.path()).args([
        "fit",
        "--dataset",
        "ml-100k",
        "--model",
        "baseline",
        "--out",
        "m.rsm",
    ]));
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
        "{err}"
    );
    assert!(
        err.contains(&home.path().join("cache").display().to_string()),
        "{err}"
    );
    assert!(err.contains("fetching it failed"), "{err}");
    assert!(!home.path().join("m.rsm").exists());
    // nothing half-downloaded in the cache
    assert!(files_under(&home.path().join("cache")).is_empty());

    let out = run(recsys(home.path()).args(["data", "stats", "--dataset", "ratings-small"]));
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("Kaggle"), "{}", stderr(&out));
}
