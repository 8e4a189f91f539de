//! Bad experiment files: each is one error on stderr naming the file, the key and what is
//! allowed, exit code 2 (bad usage), before any data is read (the data folder here is empty).

use std::path::Path;
use std::process::Command;

const GOOD: &str = r#"
name = "x"
datasets = ["ml-100k"]

[[protocols]]
kind = "holdout"

[[models]]
name = "svd"
set = { factors = 10 }
"#;

/// Runs `recsys compare` on `text` written to `<tmp>/bad.toml`; returns (exit code, stderr).
fn compare(text: &str) -> (Option<i32>, String) {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    std::fs::write(&file, text).unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_recsys"))
        .args(["compare", "--config", file.to_str().unwrap()])
        .args(["--out", tmp.path().join("out").to_str().unwrap()])
        .env("RECSYS_DATA", &empty)
        .env("RECSYS_CACHE", &empty)
        .env("RECSYS_DOWNLOAD_URL", "http://127.0.0.1:9/")
        .output()
        .unwrap();
    assert!(!tmp.path().join("out").exists());
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `GOOD` with `from` replaced by `to` must fail with exit code 2, and its message must name
/// the file and contain every one of `expect`.
fn rejects(from: &str, to: &str, expect: &[&str]) {
    assert!(GOOD.contains(from), "{from}");
    let (code, err) = compare(&GOOD.replacen(from, to, 1));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("bad.toml"), "{err}");
    for e in expect {
        assert!(err.contains(e), "expected `{e}` in: {err}");
    }
    assert_eq!(err.trim().lines().count(), 1, "one error line: {err}");
}

#[test]
fn unknown_keys() {
    rejects(
        "name = \"x\"",
        "name = \"x\"\nfolds = 3",
        &["unknown field `folds`", "line 3", "datasets", "protocols"],
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"holdout\"\nratio = 0.2",
        &["unknown field `ratio`", "test_ratio"],
    );
    rejects(
        "name = \"svd\"",
        "name = \"svd\"\nparams = { a = 1 }",
        &["unknown field `params`", "set", "grid"],
    );
}

#[test]
fn unknown_names() {
    rejects(
        "\"ml-100k\"",
        "\"ml-99k\"",
        &[
            "datasets[0]",
            "unknown dataset `ml-99k`",
            "ml-latest-small",
            "ratings-small",
        ],
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"holdup\"",
        &[
            "protocols[0].kind",
            "unknown protocol `holdup`",
            "loo-sampled",
            "test-file",
        ],
    );
    rejects(
        "name = \"svd\"",
        "name = \"svd2\"",
        &[
            "models[0].name",
            "unknown model `svd2`",
            "svdpp",
            "baseline",
        ],
    );
    rejects(
        "factors = 10",
        "factorz = 10",
        &["models[0].set.factorz", "factors", "epochs"],
    );
}

#[test]
fn wrong_types() {
    rejects("name = \"x\"", "name = 3", &["invalid type", "line 2"]);
    rejects(
        "kind = \"holdout\"",
        "kind = \"holdout\"\ntest_ratio = \"a fifth\"",
        &["invalid type", "test_ratio"],
    );
    rejects(
        "factors = 10",
        "factors = \"many\"",
        &["models[0].set.factors", "many"],
    );
    rejects("\"ml-100k\"]", "\"ml-100k\"]\nseed = -1", &["seed"]);
}

#[test]
fn out_of_range_values() {
    rejects(
        "kind = \"holdout\"",
        "kind = \"holdout\"\ntest_ratio = 1.5",
        &["protocols[0].test_ratio", "1.5", "between 0 and 1"],
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"kfold\"\nfolds = 1",
        &["protocols[0].folds", "2 to 100"],
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"holdout\"\nfolds = 3",
        &["protocols[0].folds", "does not apply", "kfold"],
    );
    rejects("factors = 10", "factors = 0", &["models[0].set.factors"]);
    // a side model's parameters are checked before its columns are read
    rejects(
        "name = \"svd\"\nset = { factors = 10 }",
        "name = \"bfm-side\"\nset = { rank = 0 }",
        &["models[0].set.rank"],
    );
    rejects(
        "name = \"x\"",
        "name = \"x\"\nk = 0",
        &["key `k`", "at least 1"],
    );
    rejects(
        "\"ml-100k\"]",
        "\"ml-100k\"]\nbuckets = [5, 1]",
        &["key `buckets`", "ascend"],
    );
}

#[test]
fn inconsistent_entries() {
    let (code, err) = compare(
        &GOOD
            .replace("kind = \"holdout\"", "kind = \"official\"")
            .replace("\"ml-100k\"]", "\"ml-latest-small\"]"),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("protocols[0].kind") && err.contains("ml-100k only"),
        "{err}"
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"test-file\"",
        &["protocols[0].test_file", "ml-100k"],
    );
    rejects(
        "kind = \"holdout\"",
        "kind = \"loo-sampled\"\ncandidates = { ml-1m = \"c.tsv\" }",
        &[
            "protocols[0].candidates.ml-1m",
            "not a dataset of this experiment",
        ],
    );
    rejects(
        "set = { factors = 10 }",
        "set = { factors = 10 }\ngrid = { factors = [5, 10] }",
        &["models[0].grid.factors", "both fixed"],
    );
    rejects(
        "set = { factors = 10 }",
        "grid = { lr = [0.01, -1.0] }",
        &["models[0].grid.lr", "-1"],
    );
    rejects(
        "set = { factors = 10 }",
        "grid = { lr = [0.01] }\nsearch = { metric = \"hr@10\", validation = \"holdout\" }",
        &["models[0].search.metric", "rmse, mae"],
    );
    rejects(
        "[[models]]\nname = \"svd\"",
        "[[models]]\nname = \"baseline\"\n[[models]]\nname = \"svd\"\n[[models]]\nname = \"svd\"",
        &["models[2].label", "models[1]"],
    );
}

#[test]
fn a_missing_file_is_bad_usage() {
    let o = Command::new(env!("CARGO_BIN_EXE_recsys"))
        .args(["compare", "--config", "/nonexistent/exp.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/exp.toml") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn every_shipped_experiment_parses_and_checks() {
    // the files of experiments/ pass the checks: run each with a data folder that has none of
    // their datasets, so the run fails on data (exit 1), never on the file (exit 2)
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../experiments");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let (code, err) = compare(&text);
        assert_ne!(code, Some(2), "{}: {err}", p.display());
        assert_eq!(code, Some(1), "{}: {err}", p.display());
        n += 1;
    }
    assert!(n >= 8, "{n} experiments");
}
