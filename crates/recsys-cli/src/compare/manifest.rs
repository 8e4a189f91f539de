//! `manifest.toml`: the experiment fully resolved (every parameter of every model, defaults
//! included, every seed, the thread count), so that `recsys compare --config manifest.toml`
//! reruns it, plus a `[manifest]` table recording where and how it ran (read back and ignored).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::config::{Experiment, text_value};

/// What a run records beside the resolved experiment.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// The experiment file read.
    pub config: PathBuf,
    /// The data folder of each dataset.
    pub data: Vec<(String, PathBuf)>,
    /// Every file read beside the datasets (candidates, test files), as resolved.
    pub files: Vec<(String, PathBuf)>,
    /// Threads used.
    pub threads: usize,
    /// Seconds the run took.
    pub seconds: f64,
    /// Per searched entry (`dataset/protocol/label`): the configuration chosen on each fold
    /// with its validation score.
    pub chosen: Vec<(String, Vec<(String, f64)>)>,
}

/// The manifest's text: `resolved` as TOML with a `[manifest]` table of `info` and the machine.
pub fn render(resolved: &Experiment, info: &RunInfo) -> Result<String, toml::ser::Error> {
    let mut e = resolved.clone();
    e.manifest = Some(table(info));
    let body = toml::to_string(&e)?;
    Ok(format!(
        "# Written by `recsys compare`: the experiment fully resolved (every parameter, seed and\n\
         # the thread count). `recsys compare --config <this file>` reruns it; the [manifest]\n\
         # table records the run and is ignored when read.\n\n{}\n",
        body.trim_end()
    ))
}

fn table(info: &RunInfo) -> toml::Table {
    let mut t = toml::Table::new();
    let s = |v: &str| toml::Value::String(v.to_string());
    let p = |v: &Path| toml::Value::String(v.display().to_string());
    t.insert("written_at".into(), s(&utc_now()));
    t.insert("config".into(), p(&info.config));
    t.insert(
        "command".into(),
        s(&std::env::args().collect::<Vec<_>>().join(" ")),
    );
    t.insert("recsys_version".into(), s(env!("CARGO_PKG_VERSION")));
    t.insert(
        "crates".into(),
        s("every crate of the workspace has recsys_version (version.workspace)"),
    );
    match git_commit() {
        Some((commit, dirty)) => {
            t.insert("git_commit".into(), s(&commit));
            if let Some(d) = dirty {
                t.insert("git_dirty".into(), toml::Value::Boolean(d));
            }
        }
        None => {
            t.insert("git_commit".into(), s("unknown"));
        }
    }
    t.insert("threads".into(), toml::Value::Integer(info.threads as i64));
    let (cpu, cores) = machine();
    t.insert("cpu".into(), s(&cpu));
    t.insert("cores".into(), toml::Value::Integer(cores as i64));
    t.insert(
        "os".into(),
        s(&format!(
            "{} {}",
            std::env::consts::OS,
            std::env::consts::ARCH
        )),
    );
    t.insert(
        "seconds".into(),
        toml::Value::Float((info.seconds * 1000.0).round() / 1000.0),
    );
    let pairs = |v: &[(String, PathBuf)]| {
        toml::Value::Table(v.iter().map(|(k, path)| (k.clone(), p(path))).collect())
    };
    t.insert("data".into(), pairs(&info.data));
    if !info.files.is_empty() {
        t.insert("files".into(), pairs(&info.files));
    }
    if !info.chosen.is_empty() {
        let chosen = info
            .chosen
            .iter()
            .map(|(k, folds)| {
                let v = folds
                    .iter()
                    .map(|(c, score)| s(&format!("{c} (validation {score})")))
                    .collect();
                (k.clone(), toml::Value::Array(v))
            })
            .collect();
        t.insert("chosen".into(), toml::Value::Table(chosen));
    }
    t
}

/// A model entry's `set` in the manifest: every parameter but the searched ones, as values that
/// read back as the same text.
pub fn resolved_set(
    params: &[(String, String)],
    grid_keys: &[String],
) -> std::collections::BTreeMap<String, toml::Value> {
    params
        .iter()
        .filter(|(k, _)| !grid_keys.contains(k))
        .map(|(k, v)| (k.clone(), text_value(v)))
        .collect()
}

/// The current commit (`git rev-parse HEAD`, else `.git/HEAD` read by hand) and whether the
/// tracked files differ from it (when git runs); `None` outside a repository.
fn git_commit() -> Option<(String, Option<bool>)> {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if let Some(c) = git(&["rev-parse", "HEAD"]).filter(|c| !c.is_empty()) {
        let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).map(|s| !s.is_empty());
        return Some((c, dirty));
    }
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let head = dir.join(".git/HEAD");
        if let Ok(text) = std::fs::read_to_string(&head) {
            let text = text.trim();
            let Some(r) = text.strip_prefix("ref: ") else {
                return Some((text.to_string(), None));
            };
            if let Ok(c) = std::fs::read_to_string(dir.join(".git").join(r)) {
                return Some((c.trim().to_string(), None));
            }
            let packed = std::fs::read_to_string(dir.join(".git/packed-refs")).ok()?;
            return packed
                .lines()
                .find_map(|l| l.strip_suffix(r).map(|c| c.trim().to_string()))
                .map(|c| (c, None));
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// The CPU model and the number of logical cores (from `/proc/cpuinfo` where there is one).
fn machine() -> (String, usize) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Ok(info) = std::fs::read_to_string("/proc/cpuinfo") else {
        return ("unknown".into(), cores);
    };
    let model = info
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim() == "model name").then(|| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let n = info
        .lines()
        .filter(|l| l.split(':').next().is_some_and(|k| k.trim() == "processor"))
        .count();
    (model, if n > 0 { n } else { cores })
}

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc(secs)
}

/// `secs` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ` (Hinnant's days-to-civil).
fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::config::value_text;

    #[test]
    fn every_registry_model_reruns_from_its_manifest_parameters() {
        // a manifest writes params() through text_value; setting them back on a fresh spec must
        // give the very same parameters
        for name in recsys::models::model_names() {
            let spec = recsys::models::model(name).unwrap();
            let set = resolved_set(&spec.params(), &[]);
            let mut fresh = recsys::models::model(name).unwrap();
            for (k, v) in &set {
                fresh
                    .set_param(k, &value_text(v).unwrap())
                    .unwrap_or_else(|e| panic!("{name}.{k} = {v}: {e}"));
            }
            assert_eq!(fresh.params(), spec.params(), "{name}");
        }
    }

    #[test]
    fn dates_by_hand() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 12:34:56 UTC
        assert_eq!(utc(951_827_696), "2000-02-29T12:34:56Z");
        // 2026-12-03 09:10:00 UTC
        assert_eq!(utc(1_796_289_000), "2026-12-03T09:10:00Z");
    }
}
