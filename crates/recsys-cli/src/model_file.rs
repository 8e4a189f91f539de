//! The model files `recsys fit` writes: the registry model's own file (any loader reads it:
//! `recsys::models::load_model`) plus three sections the library loaders ignore, so that
//! `recommend` needs no dataset at start-up:
//!
//! - `cli_meta`: JSON with the dataset, the model name, its parameters and the fit time;
//! - `cli_seen_*`: the ratings the model was fitted on (the items to leave out of a user's list);
//! - `cli_titles`: the items' titles in index order, one per line.
//!
//! The file is written atomically (the core's model-file writer).

use std::path::Path;
use std::sync::Arc;

use recsys::core::interactions::{DuplicatePolicy, Interaction};
use recsys::core::persist::{ModelReader, Saved};
use recsys::core::{IdMap, Interactions, Model, RawId};
use serde::{Deserialize, Serialize};

use crate::error::{CliError, CliResult};

/// Section of the metadata.
const META: &str = "cli_meta";
/// Prefix of the sections of the training ratings.
const SEEN: &str = "cli_seen";
/// Section of the titles.
const TITLES: &str = "cli_titles";

/// What `recsys fit` records about a fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitMeta {
    /// The dataset's name (`ml-latest-small`, ...).
    pub dataset: String,
    /// The registry name of the model.
    pub model: String,
    /// Its hyperparameters, `(name, value)`.
    pub params: Vec<(String, String)>,
    /// Seconds spent fitting.
    pub fit_seconds: f64,
    /// The version of `recsys` that wrote the file.
    pub version: String,
}

/// Saves `model`, fitted on `train`, with `meta` and the items' `titles` (index order), to
/// `path` atomically.
pub fn save(
    model: &dyn Model,
    path: &Path,
    train: &Interactions,
    meta: &FitMeta,
    titles: Option<&[String]>,
) -> CliResult<()> {
    let s = model
        .as_save()
        .ok_or_else(|| CliError::msg(format!("model `{}` does not save", meta.model)))?;
    let mut w = s.model_writer(train.users(), train.items())?;
    let meta_bytes = serde_json::to_vec(meta)?;
    w.vector_bytes(META, meta_bytes)?;
    w.interactions(SEEN, train)?;
    if let Some(t) = titles {
        let text: Vec<u8> = t
            .iter()
            .map(|s| s.replace(['\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes();
        w.vector_bytes(TITLES, text)?;
    }
    crate::output::create_parent(path)?;
    w.save(path)?;
    Ok(())
}

/// A model file read back: the model with its id maps and what `recsys fit` added.
pub struct ModelFile {
    /// The model.
    pub model: Box<dyn Model>,
    /// Raw user ids by the model's user index.
    pub users: Arc<IdMap>,
    /// Raw item ids by the model's item index.
    pub items: Arc<IdMap>,
    /// The fit's metadata (`None` for a file not written by `recsys fit`).
    pub meta: Option<FitMeta>,
    reader: ModelReader,
}

impl ModelFile {
    /// Reads `path`: a missing, damaged, truncated or foreign file is the core's typed error
    /// naming the file.
    pub fn load(path: &Path) -> CliResult<Self> {
        let reader = ModelReader::load_any(path)?;
        let Saved {
            model,
            users,
            items,
        } = recsys::models::model_from_reader(&reader)?;
        let meta =
            if reader.has_section(META) {
                let (_, bytes) = reader.bytes(META)?;
                Some(serde_json::from_slice(&bytes).map_err(|e| {
                    CliError::msg(format!("{}: section `{META}`: {e}", path.display()))
                })?)
            } else {
                None
            };
        Ok(ModelFile {
            model,
            users: Arc::new(users),
            items: Arc::new(items),
            meta,
            reader,
        })
    }

    /// Whether the file holds the training ratings (written by `recsys fit`).
    pub fn has_seen(&self) -> bool {
        self.reader.has_section(&format!("{SEEN}_row_len"))
    }

    /// The ratings the model was fitted on, over its index space (`None` for a file not written
    /// by `recsys fit`).
    pub fn seen(&self) -> CliResult<Option<Interactions>> {
        if !self.has_seen() {
            return Ok(None);
        }
        Ok(Some(self.reader.interactions(
            SEEN,
            Arc::clone(&self.users),
            Arc::clone(&self.items),
        )?))
    }

    /// The training ratings of the user with raw id `user` alone, over the model's index space:
    /// what ranking one user needs, read without building the whole matrix (`recommend`
    /// answers in milliseconds). Empty for an unknown user or a file without them.
    pub fn seen_of(&self, user: RawId) -> CliResult<Interactions> {
        let mut entries = Vec::new();
        if let (true, Some(u)) = (self.has_seen(), self.users.index(user)) {
            let (_, row_len) = self.reader.u64(&format!("{SEEN}_row_len"))?;
            let (_, items) = self.reader.u32(&format!("{SEEN}_items"))?;
            let start: u64 = row_len.iter().take(u as usize).sum();
            let len = row_len.get(u as usize).copied().unwrap_or(0);
            let range = usize::try_from(start).unwrap_or(usize::MAX)
                ..usize::try_from(start + len).unwrap_or(usize::MAX);
            let row = items.get(range).ok_or_else(|| {
                CliError::msg(format!(
                    "{}: section `{SEEN}_items` is shorter than its row lengths",
                    self.reader.path().display()
                ))
            })?;
            entries = row
                .iter()
                .map(|&item| Interaction {
                    user: u,
                    item,
                    rating: 1.0,
                    timestamp: 0,
                })
                .collect();
        }
        Ok(Interactions::from_parts(
            Arc::clone(&self.users),
            Arc::clone(&self.items),
            entries,
            DuplicatePolicy::KeepLast,
            false,
        )?)
    }

    /// The items' titles in index order, when the file has them.
    pub fn titles(&self) -> CliResult<Option<Vec<String>>> {
        if !self.reader.has_section(TITLES) {
            return Ok(None);
        }
        let (_, bytes) = self.reader.bytes(TITLES)?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(Some(text.split('\n').map(str::to_string).collect()))
    }
}
