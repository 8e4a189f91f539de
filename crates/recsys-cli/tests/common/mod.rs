//! Shared by the `recsys` command's tests: running the built binary in a clean environment, and
//! a small MovieLens-format dataset generated into a temporary folder.

#![allow(dead_code)] // each test file uses a part

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use recsys::data::Dataset;
use recsys::data::location::test_data_dir;
use recsys::data::synthetic::SyntheticConfig;

/// The built `recsys` binary, with no data folder, a private cache under `home`, and downloads
/// pointed at a closed local port (no test reaches the network).
pub fn recsys(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_recsys"));
    c.env_remove("RECSYS_DATA")
        .env("RECSYS_CACHE", home.join("cache"))
        .env("RECSYS_DOWNLOAD_URL", "http://127.0.0.1:9/")
        .env("HOME", home)
        .current_dir(home);
    c
}

/// Runs `cmd` and returns its output, printing stderr when a test fails.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the recsys binary runs");
    eprintln!(
        "$ {:?}\n--- stdout\n{}--- stderr\n{}",
        cmd,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `recsys <args> --data <data>` (see [`recsys`] and [`run`]).
pub fn run_on(home: &Path, data: &Path, args: &[&str]) -> Output {
    run(recsys(home).args(args).arg("--data").arg(data))
}

/// Fits `model` (with `--set` for each of `sets`) on the ml-latest-small of `data` into
/// `home/<file>`; returns the output.
pub fn fit(home: &Path, data: &Path, model: &str, sets: &[&str], file: &str) -> Output {
    let mut c = recsys(home);
    c.args(["fit", "--dataset", "ml-latest-small", "--model", model])
        .args(["--out", file])
        .arg("--data")
        .arg(data);
    for s in sets {
        c.args(["--set", s]);
    }
    run(&mut c)
}

/// A test's home folder (cache and working directory, see [`recsys`]) and the data folder its
/// commands read with `--data`.
pub struct Sandbox {
    /// The home folder, removed with the sandbox.
    pub home: tempfile::TempDir,
    /// The data folder.
    pub data: PathBuf,
}

impl Sandbox {
    /// A new home with the generated dataset ([`synthetic_data`]) in `home/data`.
    pub fn synthetic() -> Sandbox {
        let home = tempfile::tempdir().unwrap();
        let data = synthetic_data(&home.path().join("data"));
        Sandbox { home, data }
    }

    /// A new home over the data folder of `ds` under `RECSYS_DATA`; `None` (a skip) when `ds`
    /// is missing there.
    pub fn real(ds: Dataset) -> Option<Sandbox> {
        let dir = test_data_dir(ds).unwrap()?;
        Some(Sandbox {
            home: tempfile::tempdir().unwrap(),
            data: dir.root().to_path_buf(),
        })
    }

    /// The home folder.
    pub fn path(&self) -> &Path {
        self.home.path()
    }

    /// Runs `recsys <args> --data <data>` ([`run_on`]).
    pub fn run(&self, args: &[&str]) -> Output {
        run_on(self.path(), &self.data, args)
    }

    /// Fits `model` on the data's ml-latest-small into `home/<file>` ([`fit`]).
    pub fn fit(&self, model: &str, sets: &[&str], file: &str) -> Output {
        fit(self.path(), &self.data, model, sets, file)
    }
}

/// The exit code (panics on a signal).
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

/// Asserts that the command exited with 0, showing its stderr when it did not.
pub fn ok(out: &Output) {
    assert_eq!(code(out), 0, "stderr: {}", stderr(out));
}

/// Stdout as text of a command that exited with 0 ([`ok`]).
pub fn ok_stdout(out: &Output) -> String {
    ok(out);
    stdout(out)
}

/// Stdout as JSON of a command that exited with 0 ([`ok`]).
pub fn ok_json(out: &Output) -> serde_json::Value {
    ok(out);
    json(out)
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Stdout parsed as one JSON value.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// The title of generated movie `id`.
pub fn title(id: u64) -> String {
    const WORDS: [&str; 8] = [
        "Night", "River", "Star", "Garden", "Machine", "Winter", "Harbor", "Echo",
    ];
    let a = WORDS[(id % 8) as usize];
    let b = WORDS[((id / 8) % 8) as usize];
    format!("The {a} {b} {id}")
}

/// Writes a small ml-latest-small-format dataset (`ratings.csv`, `movies.csv`, `links.csv`) under
/// `root/ml-latest-small/`: 60 users, 80 movies, 1,500 power-law ratings (seeded). Returns the
/// data folder (`root`).
pub fn synthetic_data(root: &Path) -> PathBuf {
    let cfg = SyntheticConfig {
        users: 60,
        items: 80,
        ratings: 1_500,
        ..SyntheticConfig::default()
    };
    let dir = root.join("ml-latest-small");
    std::fs::create_dir_all(&dir).unwrap();
    let mut ratings = String::from("userId,movieId,rating,timestamp\n");
    for r in cfg.stream().unwrap() {
        let _ = writeln!(
            ratings,
            "{},{},{},{}",
            r.user, r.item, r.rating, r.timestamp
        );
    }
    std::fs::write(dir.join("ratings.csv"), ratings).unwrap();
    let genres = [
        "Drama",
        "Comedy",
        "Action|Thriller",
        "Drama|Romance",
        "Sci-Fi",
    ];
    let mut movies = String::from("movieId,title,genres\n");
    for id in 1..=u64::from(cfg.items) {
        let _ = writeln!(
            movies,
            "{id},{} ({}),{}",
            title(id),
            1980 + id % 30,
            genres[(id % 5) as usize]
        );
    }
    std::fs::write(dir.join("movies.csv"), movies).unwrap();
    let mut links = String::from("movieId,imdbId,tmdbId\n");
    for id in 1..=u64::from(cfg.items) {
        let _ = writeln!(links, "{id},{:07},{}", 100_000 + id, 5_000 + id);
    }
    std::fs::write(dir.join("links.csv"), links).unwrap();
    root.to_path_buf()
}

/// Every file under `dir` (relative paths, sorted).
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}
