//! Outputs written atomically: a file appears complete under its name or not at all, and a
//! folder of outputs appears file by file only once every file has been written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{CliError, CliResult};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename: the
/// core's model-file writer). The parent folder is created when missing.
#[allow(dead_code)] // for the subcommands that write reports (compare)
pub fn write_file(path: &Path, bytes: &[u8]) -> CliResult<()> {
    create_parent(path)?;
    recsys::core::persist::write_atomically(path, |w| std::io::Write::write_all(w, bytes))?;
    Ok(())
}

/// Creates the parent folder of `path` when it is missing.
pub fn create_parent(path: &Path) -> CliResult<()> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => std::fs::create_dir_all(p)
            .map_err(|e| CliError::msg(format!("creating {}: {e}", p.display()))),
        _ => Ok(()),
    }
}

/// Produces a set of files in `out` without ever leaving some of them half-written: `produce`
/// writes into a fresh temporary folder next to `out` and returns the files it wrote there;
/// each is then renamed into `out` (created when missing). On any error the temporary folder is
/// removed and `out` is left as it was. Returns the final paths.
pub fn write_folder(
    out: &Path,
    produce: impl FnOnce(&Path) -> CliResult<Vec<PathBuf>>,
) -> CliResult<Vec<PathBuf>> {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)
        .map_err(|e| CliError::msg(format!("creating {}: {e}", tmp.display())))?;
    let guard = RemoveOnDrop(tmp.clone());
    let written = produce(&tmp)?;
    std::fs::create_dir_all(out)
        .map_err(|e| CliError::msg(format!("creating {}: {e}", out.display())))?;
    let mut moved = Vec::with_capacity(written.len());
    for f in &written {
        let rel = f.strip_prefix(&tmp).unwrap_or(f);
        let dest = out.join(rel);
        create_parent(&dest)?;
        std::fs::rename(f, &dest)
            .map_err(|e| CliError::msg(format!("moving {} into place: {e}", dest.display())))?;
        moved.push(dest);
    }
    drop(guard);
    Ok(moved)
}

/// Removes a temporary folder when dropped (best effort).
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `value` as one line of JSON on stdout.
pub fn print_json(value: &impl Serialize) -> CliResult<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// Prints a ranked list of movies: with `json`, the object `head` with the list as `"items"`;
/// else one line per movie, `  1. <line(movie)>`.
pub fn print_ranked<T: Serialize>(
    json: bool,
    mut head: serde_json::Value,
    items: &[T],
    line: impl Fn(&T) -> String,
) -> CliResult<()> {
    if json {
        head["items"] = serde_json::to_value(items)?;
        return print_json(&head);
    }
    for (k, x) in items.iter().enumerate() {
        println!("{:>3}. {}", k + 1, line(x));
    }
    Ok(())
}
