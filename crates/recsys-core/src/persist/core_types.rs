//! The core's own types as sections: an [`IdMap`] as its raw ids, an [`Interactions`] as its
//! rows, written by [`ModelWriter`] and read back by [`ModelReader`].

use std::sync::Arc;

use super::reader::ModelReader;
use super::writer::ModelWriter;
use crate::error::{ModelFileProblem, Result};
use crate::ids::{IdHashMap, IdMap, RawId};
use crate::interactions::{DuplicatePolicy, Interaction, Interactions};

impl<'a> ModelWriter<'a> {
    /// Stores an [`IdMap`] as a 1-D `u64` section of its raw ids in dense-index order;
    /// [`ModelReader::id_map`] restores it with the same indices.
    pub fn id_map(&mut self, name: impl Into<String>, map: &'a IdMap) -> Result<&mut Self> {
        let ids = map.raw_ids();
        self.vector_u64(name, ids)
    }

    /// Adds the ratings of `train` (not its id maps) as sections `{prefix}_row_len` (ratings per
    /// user), `{prefix}_items`, `{prefix}_ratings` and, when it has them, `{prefix}_timestamps`;
    /// [`ModelReader::interactions`] reads them back.
    pub fn interactions(&mut self, prefix: &str, train: &'a Interactions) -> Result<&mut Self> {
        let m = train.matrix();
        let row_len: Vec<u64> = m
            .indptr()
            .as_slice()
            .map(|ip| ip.windows(2).map(|w| (w[1] - w[0]) as u64).collect())
            .unwrap_or_else(|| {
                (0..train.n_users() as u32)
                    .map(|u| train.row(u).len() as u64)
                    .collect()
            });
        let nnz = train.nnz() as u64;
        self.vector_u64(format!("{prefix}_row_len"), row_len)?;
        self.section_u32(format!("{prefix}_items"), &[nnz], m.indices())?;
        self.section_f32(format!("{prefix}_ratings"), &[nnz], m.data())?;
        if train.has_timestamps() {
            self.section_u32(format!("{prefix}_timestamps"), &[nnz], train.timestamps())?;
        }
        Ok(self)
    }
}

impl ModelReader {
    /// The ratings [`ModelWriter::interactions`] wrote under `prefix`, over the index space of
    /// `users` × `items` (the maps the writer's data was indexed by). Inconsistent sections are
    /// a [`CoreError::ModelFile`](crate::CoreError::ModelFile).
    pub fn interactions(
        &self,
        prefix: &str,
        users: Arc<IdMap>,
        items: Arc<IdMap>,
    ) -> Result<Interactions> {
        let name = format!("{prefix}_row_len");
        let row_len = self.u64_with_shape(&name, &[users.len() as u64])?;
        let total = row_len.iter().try_fold(0u64, |a, &b| a.checked_add(b));
        let Some(nnz) = total else {
            return Err(self.err(ModelFileProblem::InvalidSection {
                name,
                what: "row lengths overflow".into(),
            }));
        };
        let item = self.u32_with_shape(&format!("{prefix}_items"), &[nnz])?;
        let rating = self.f32_with_shape(&format!("{prefix}_ratings"), &[nnz])?;
        let ts_name = format!("{prefix}_timestamps");
        let ts = if self.has_section(&ts_name) {
            Some(self.u32_with_shape(&ts_name, &[nnz])?)
        } else {
            None
        };
        let mut entries = Vec::with_capacity(item.len());
        let mut at = 0usize;
        for (u, &n) in row_len.iter().enumerate() {
            for _ in 0..n {
                entries.push(Interaction {
                    user: u as u32,
                    item: item[at],
                    rating: rating[at],
                    timestamp: ts.as_ref().map_or(0, |t| t[at]),
                });
                at += 1;
            }
        }
        Interactions::from_parts(users, items, entries, DuplicatePolicy::Error, ts.is_some())
            .map_err(|e| {
                self.err(ModelFileProblem::InvalidSection {
                    name: format!("{prefix}_items"),
                    what: e.to_string(),
                })
            })
    }

    /// The [`IdMap`] stored by [`ModelWriter::id_map`]: a 1-D `u64` section of distinct raw
    /// ids (duplicates would shift indices: [`ModelFileProblem::InvalidSection`]).
    pub fn id_map(&self, name: &str) -> Result<IdMap> {
        let (shape, ids) = self.u64(name)?;
        if shape.len() != 1 {
            return Err(self.err(ModelFileProblem::WrongShape {
                name: name.to_string(),
                expected: vec![ids.len() as u64],
                found: shape,
            }));
        }
        let invalid = |what: String| {
            self.err(ModelFileProblem::InvalidSection {
                name: name.to_string(),
                what,
            })
        };
        if ids.len() >= u32::MAX as usize {
            return Err(invalid(format!("{} ids, at most u32::MAX - 1", ids.len())));
        }
        let n = ids.len();
        let map = IdMap::from_raw(ids.iter().copied());
        if map.len() != n {
            let dup = first_duplicate(&ids).unwrap_or_default();
            return Err(invalid(format!("raw id {dup} occurs more than once")));
        }
        Ok(map)
    }
}

fn first_duplicate(ids: &[RawId]) -> Option<RawId> {
    let mut seen = IdHashMap::default();
    ids.iter()
        .copied()
        .find(|&id| seen.insert(id, ()).is_some())
}
