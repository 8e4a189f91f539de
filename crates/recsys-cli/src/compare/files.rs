//! The files an experiment names beside its datasets (candidates, test files). A path is one of:
//! - `peers:REL`: under the peers' folder: `--peers DIR`, else `$RECSYS_PEERS`, else `peers/`
//!   next to the data folder (`$RECSYS_DATA/../peers`, as the test suites look for it);
//! - `data:REL`: under the data folder that holds the dataset;
//! - an absolute path;
//! - any other path: relative to the folder of the experiment file.

use std::path::{Path, PathBuf};

/// The environment variable naming the peers' folder.
pub const PEERS_ENV: &str = "RECSYS_PEERS";

/// Where relative paths start.
#[derive(Debug, Clone)]
pub struct Roots {
    /// The experiment file's folder.
    pub config_dir: PathBuf,
    /// `--peers DIR`.
    pub peers: Option<PathBuf>,
}

impl Roots {
    /// The path `spec` names, for a dataset held in the data folder `data_root`.
    pub fn resolve(&self, spec: &str, data_root: &Path) -> PathBuf {
        if let Some(rel) = spec.strip_prefix("peers:") {
            return self.peers_root(data_root).join(rel);
        }
        if let Some(rel) = spec.strip_prefix("data:") {
            return data_root.join(rel);
        }
        let p = Path::new(spec);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.config_dir.join(p)
        }
    }

    /// The peers' folder.
    pub fn peers_root(&self, data_root: &Path) -> PathBuf {
        if let Some(p) = &self.peers {
            return p.clone();
        }
        match std::env::var_os(PEERS_ENV) {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => data_root.join("..").join("peers"),
        }
    }

    /// `spec` as a manifest writes it: `peers:`, `data:` and absolute paths as they are, a path
    /// relative to the experiment file made absolute (the manifest lives elsewhere).
    pub fn portable(&self, spec: &str) -> String {
        if spec.starts_with("peers:") || spec.starts_with("data:") || Path::new(spec).is_absolute()
        {
            return spec.to_string();
        }
        let joined = self.config_dir.join(spec);
        std::path::absolute(&joined)
            .unwrap_or(joined)
            .display()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_resolves() {
        let r = Roots {
            config_dir: PathBuf::from("/exp"),
            peers: Some(PathBuf::from("/peers")),
        };
        let data = Path::new("/data");
        assert_eq!(
            r.resolve("peers:protocol/a.tsv", data),
            Path::new("/peers/protocol/a.tsv")
        );
        assert_eq!(r.resolve("data:x/t.csv", data), Path::new("/data/x/t.csv"));
        assert_eq!(r.resolve("/abs/t.csv", data), Path::new("/abs/t.csv"));
        assert_eq!(r.resolve("t.csv", data), Path::new("/exp/t.csv"));
        assert_eq!(r.portable("t.csv"), "/exp/t.csv");
        assert_eq!(r.portable("peers:a"), "peers:a");
    }
}
