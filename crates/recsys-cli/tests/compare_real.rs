//! `recsys compare` on real data (RECSYS_DATA; skipped when ml-100k is missing, a failure under
//! CI=true): baseline and SVD on ml-100k's official folds reproduce docs/BENCHMARKS.md's RMSE to
//! the printed digits, and the manifest reruns to the same numbers.

use std::path::Path;
use std::process::Command;

fn compare(config: &Path, out: &Path) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_recsys"))
        .args(["compare", "--json", "--config", config.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> = std::fs::read_to_string(out.join("report.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    serde_json::Value::Array(rows)
}

/// The rows without timings.
fn numbers(rows: &serde_json::Value) -> Vec<serde_json::Value> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            o.remove("fit_seconds");
            o.remove("eval_seconds");
            o.remove("learning_curve");
            r
        })
        .collect()
}

#[test]
fn ml_100k_official_reproduces_the_benchmarks_and_reruns_identically() {
    let Some(_) = recsys::data::location::test_data_dir(recsys::data::Dataset::Ml100k).unwrap()
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("ml-100k.toml");
    // experiments/ml-100k-rating.toml without svdpp (kept cheap in debug builds)
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../experiments/ml-100k-rating.toml"),
    )
    .unwrap()
    .replace("[[models]]\nname = \"svdpp\"\n", "");
    assert!(!text.contains("svdpp\"\n"));
    std::fs::write(&config, text).unwrap();
    let first = compare(&config, &tmp.path().join("a"));
    let rmse = |model: &str| {
        let r = first
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["model"] == model)
            .unwrap();
        format!("{:.4}", r["metrics"]["rmse"].as_f64().unwrap())
    };
    assert_eq!(rmse("baseline"), "0.9458");
    assert_eq!(rmse("svd"), "0.9379");
    let again = compare(&tmp.path().join("a/manifest.toml"), &tmp.path().join("b"));
    assert_eq!(numbers(&again), numbers(&first));
}
