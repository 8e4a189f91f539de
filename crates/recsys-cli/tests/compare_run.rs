//! `recsys compare` end to end on small generated data: config → run → report folder →
//! manifest → rerun from the manifest → the same numbers; `--json`; nothing written when a run
//! fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Writes a deterministic ml-latest-small-format `ratings.csv` (60 users × 80 items, about
/// 2,000 ratings with increasing timestamps) under `root/ml-latest-small/`.
fn generated_data(root: &Path) {
    let dir = root.join("ml-latest-small");
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = String::from("userId,movieId,rating,timestamp\n");
    let mut x: u64 = 12345;
    let mut t = 1_000_000u64;
    for u in 1..=60u64 {
        for i in 1..=80u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // popular items (small ids) are rated more often
            if (x >> 33) % 100 < 60 - i / 2 {
                let r = 1 + (u * 7 + i * 3 + (x >> 60)) % 5;
                t += 1 + (x >> 50) % 7;
                s += &format!("{u},{},{r}.0,{t}\n", i * 10);
            }
        }
    }
    std::fs::write(dir.join("ratings.csv"), s).unwrap();
}

const EXPERIMENT: &str = r#"
name = "small"
description = "generated data"
seed = 3
bootstrap = 50
datasets = ["ml-latest-small"]

[[protocols]]
kind = "holdout"
test_ratio = 0.25

[[protocols]]
kind = "loo-sampled"
negatives = 20

[[models]]
name = "baseline"

[[models]]
name = "popularity"

[[models]]
name = "svd"
set = { factors = 8, epochs = 5 }

[[models]]
name = "svd"
label = "svd-searched"
set = { factors = 4 }
[models.grid]
epochs = [3, 6]
lr = [0.005, 0.02]
"#;

/// A temporary folder holding the generated data (`data/`) and an experiment file.
struct Sandbox {
    tmp: tempfile::TempDir,
    data: PathBuf,
    config: PathBuf,
}

impl Sandbox {
    /// Generates the data and writes `experiment` to `<name>.toml`.
    fn new(name: &str, experiment: &str) -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        generated_data(&data);
        let config = tmp.path().join(format!("{name}.toml"));
        std::fs::write(&config, experiment).unwrap();
        Sandbox { tmp, data, config }
    }

    /// `path` inside the temporary folder.
    fn join(&self, path: &str) -> PathBuf {
        self.tmp.path().join(path)
    }

    /// Runs `recsys compare [flags] --config <config> --out <out>` on the generated data (no
    /// cache, downloads pointed at a closed local port).
    fn compare(&self, flags: &[&str], config: &Path, out: &Path) -> Output {
        Command::new(env!("CARGO_BIN_EXE_recsys"))
            .arg("compare")
            .args(flags)
            .args(["--config", config.to_str().unwrap()])
            .args(["--out", out.to_str().unwrap()])
            .env("RECSYS_DATA", &self.data)
            .env("RECSYS_CACHE", self.data.join("no-cache"))
            .env("RECSYS_DOWNLOAD_URL", "http://127.0.0.1:9/")
            .output()
            .unwrap()
    }
}

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The rows of a report.jsonl without the timings (fit/eval seconds, epoch seconds).
fn without_timings(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("fit_seconds");
            o.remove("eval_seconds");
            if let Some(c) = o.get_mut("learning_curve") {
                for e in c.as_array_mut().unwrap() {
                    e.as_object_mut().unwrap().remove("seconds");
                }
            }
            v
        })
        .collect()
}

/// The manifest without its `[manifest]` record of the run.
fn experiment_part(path: &Path) -> toml::Table {
    let mut t: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    t.remove("manifest");
    t
}

#[test]
fn runs_writes_the_folder_and_reruns_from_its_manifest_to_identical_numbers() {
    let sb = Sandbox::new("small", EXPERIMENT);
    let out1 = sb.join("out1");
    let o = sb.compare(&[], &sb.config, &out1);
    ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("## ml-latest-small / holdout"), "{stdout}");
    assert!(
        stdout.contains("## ml-latest-small / loo-sampled"),
        "{stdout}"
    );
    for f in [
        "report.md",
        "report.csv",
        "report.jsonl",
        "manifest.toml",
        "ml-latest-small-holdout-metric-rmse.png",
        "ml-latest-small-holdout-metric-rmse.svg",
        "ml-latest-small-loo-sampled-metric-hr-at-10.png",
        "ml-latest-small-loo-sampled-metric-ndcg-at-10.svg",
        "ml-latest-small-holdout-learning-curves.png",
    ] {
        assert!(out1.join(f).is_file(), "missing {f}");
    }
    // nothing else left beside the report folder (the temporary folder is gone)
    let siblings: Vec<PathBuf> = std::fs::read_dir(sb.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert!(siblings.is_empty(), "{siblings:?}");

    // 2 protocols × 4 models, every row with its metrics
    let rows = without_timings(&out1.join("report.jsonl"));
    assert_eq!(rows.len(), 8);
    let row = |protocol: &str, model: &str| {
        rows.iter()
            .find(|r| r["protocol"] == protocol && r["model"] == model)
            .unwrap_or_else(|| panic!("no row {protocol}/{model}"))
    };
    assert!(row("holdout", "svd")["metrics"]["rmse"].as_f64().unwrap() > 0.0);
    assert!(
        row("loo-sampled", "popularity")["metrics"]["hr@10"]
            .as_f64()
            .is_some()
    );
    assert_eq!(row("holdout", "svd")["params"]["factors"], "8");
    // the searched entry reports the values chosen on validation data
    let searched = &row("holdout", "svd-searched")["params"];
    assert_eq!(searched["factors"], "4");
    assert!(
        ["3", "6"].contains(&searched["epochs"].as_str().unwrap()),
        "{searched}"
    );
    assert!(
        ["0.005", "0.02"].contains(&searched["lr"].as_str().unwrap()),
        "{searched}"
    );
    let md = std::fs::read_to_string(out1.join("report.md")).unwrap();
    assert!(md.contains("Parameters chosen on validation data"), "{md}");
    let csv = std::fs::read_to_string(out1.join("report.csv")).unwrap();
    assert_eq!(csv.lines().count(), 9, "{csv}");

    // the manifest: every default parameter, seeds, threads and the record of the run
    let manifest = std::fs::read_to_string(out1.join("manifest.toml")).unwrap();
    let m: toml::Table = toml::from_str(&manifest).unwrap();
    assert_eq!(m["seed"].as_integer(), Some(3));
    assert!(m["threads"].as_integer().unwrap() >= 1);
    let models = m["models"].as_array().unwrap();
    assert_eq!(models[2]["set"]["factors"].as_integer(), Some(8));
    assert_eq!(models[2]["set"]["seed"].as_integer(), Some(0));
    assert!(models[2]["set"].get("init_std").is_some(), "{manifest}");
    // searched parameters stay in the grid, not in `set`
    assert!(models[3]["set"].get("epochs").is_none(), "{manifest}");
    assert_eq!(m["protocols"][1]["negatives"].as_integer(), Some(20));
    let record = m["manifest"].as_table().unwrap();
    for k in [
        "written_at",
        "git_commit",
        "threads",
        "cpu",
        "cores",
        "recsys_version",
        "data",
    ] {
        assert!(record.contains_key(k), "no {k} in {manifest}");
    }
    assert!(
        record["chosen"].as_table().unwrap().len() == 2,
        "{manifest}"
    );

    // rerun from the manifest, from another folder: the same numbers and the same experiment
    let out2 = sb.join("out2");
    ok(&sb.compare(&[], &out1.join("manifest.toml"), &out2));
    assert_eq!(without_timings(&out2.join("report.jsonl")), rows);
    assert_eq!(
        experiment_part(&out2.join("manifest.toml")),
        experiment_part(&out1.join("manifest.toml"))
    );
}

#[test]
fn json_prints_one_object_per_row() {
    let sb = Sandbox::new(
        "j",
        "name = \"j\"\nbootstrap = 0\ndatasets = [\"ml-latest-small\"]\n\
         [[protocols]]\nkind = \"kfold\"\nfolds = 3\n\
         [[models]]\nname = \"baseline\"\n[[models]]\nname = \"popularity\"\n",
    );
    let out = sb.join("reports/j");
    let o = sb.compare(&["--json"], &sb.config, &out);
    ok(&o);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["model"], "baseline");
    assert_eq!(lines[0]["protocol"], "kfold");
    assert!(lines[0]["metrics"]["rmse"].as_f64().unwrap() > 0.0);
    assert!(out.join("report.jsonl").is_file());
}

#[test]
fn a_failed_run_writes_nothing_and_exits_1() {
    // ratings-small is not in the data folder and cannot be downloaded
    let sb = Sandbox::new(
        "f",
        "name = \"f\"\ndatasets = [\"ml-latest-small\", \"ratings-small\"]\n\
         [[protocols]]\nkind = \"holdout\"\n[[models]]\nname = \"baseline\"\n",
    );
    let out = sb.join("out");
    let o = sb.compare(&[], &sb.config, &out);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("ratings-small"));
    assert!(!out.exists());
    // a candidates file that is not there: exit 1, naming the key
    std::fs::write(
        &sb.config,
        "name = \"f\"\ndatasets = [\"ml-latest-small\"]\n\
         [[protocols]]\nkind = \"loo-sampled\"\ncandidates = { ml-latest-small = \"nope.tsv\" }\n\
         [[models]]\nname = \"popularity\"\n",
    )
    .unwrap();
    let o = sb.compare(&[], &sb.config, &out);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("protocols[0].candidates.ml-latest-small") && err.contains("nope.tsv"),
        "{err}"
    );
    assert!(!out.exists());
}
