//! [`BlockBuilder`]: declares a block's feature groups and fills its rows, checking every
//! feature against the declared space.

use super::{FeatureBlock, FeatureGroup};
use crate::error::FmError;
use recsys_core::WrapsCore;
use recsys_core::ids::IdMap;
use recsys_core::side::SideFeatures;

/// A group of a [`BlockBuilder`], as returned by [`BlockBuilder::group`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupId(usize);

/// Builds a [`FeatureBlock`] of a fixed number of rows: declare groups, then set features.
#[derive(Debug, Clone)]
pub struct BlockBuilder {
    n_rows: usize,
    groups: Vec<FeatureGroup>,
    offsets: Vec<usize>,
    entries: Vec<(u32, u32, f32)>,
}

impl BlockBuilder {
    /// A builder of `n_rows` rows and no groups yet.
    pub fn new(n_rows: usize) -> Self {
        Self {
            n_rows,
            groups: Vec::new(),
            offsets: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Declares a group of `size` features after the existing ones. An empty group or a
    /// duplicate name is an error.
    pub fn group(&mut self, name: &str, size: usize) -> Result<GroupId, FmError> {
        recsys_core::side::check_group(self.groups.iter().map(|g| g.name.as_str()), name, size)?;
        let offset =
            self.offsets.last().copied().unwrap_or(0) + self.groups.last().map_or(0, |g| g.size);
        if u32::try_from(offset + size).is_err() {
            return Err(FmError::param("feature group", "more than 2^32 features"));
        }
        self.offsets.push(offset);
        self.groups.push(FeatureGroup {
            name: name.to_string(),
            size,
        });
        Ok(GroupId(self.groups.len() - 1))
    }

    /// Sets feature `col` of group `g` in row `row` to `value`. A row or column outside the
    /// declared space, or a non-finite value, is an error.
    pub fn set(&mut self, row: usize, g: GroupId, col: usize, value: f32) -> Result<(), FmError> {
        let grp = self
            .groups
            .get(g.0)
            .ok_or_else(|| FmError::param("feature group", "not a group of this builder"))?;
        let bad = |what: String| FmError::Feature { row, what };
        if row >= self.n_rows {
            return Err(bad(format!("row outside the block's {} rows", self.n_rows)));
        }
        if col >= grp.size {
            return Err(bad(format!(
                "feature {col} outside group `{}` of {} features",
                grp.name, grp.size
            )));
        }
        if !value.is_finite() {
            return Err(bad(format!(
                "feature {col} of group `{}` is {value}",
                grp.name
            )));
        }
        self.entries
            .push((row as u32, (self.offsets[g.0] + col) as u32, value));
        Ok(())
    }

    /// Sets row `r`'s feature `r` of `g` to 1 for every row (the one-hot id group; `g` must have
    /// at least as many features as the block has rows).
    pub fn one_hot(&mut self, g: GroupId) -> Result<(), FmError> {
        for r in 0..self.n_rows {
            self.set(r, g, r, 1.0)?;
        }
        Ok(())
    }

    /// Sets the features `cols` of `g` in row `row` to `1/√n`, `n = cols.len()`: a normalized
    /// set (SVD++'s implicit feedback; myFM's `MultipleValuesToSparseEncoder(normalize=True)`).
    pub fn set_normalized(&mut self, row: usize, g: GroupId, cols: &[u32]) -> Result<(), FmError> {
        let v = 1.0 / (cols.len() as f32).sqrt();
        for &c in cols {
            self.set(row, g, c as usize, v)?;
        }
        Ok(())
    }

    /// Declares every group of `side` after the existing ones and sets, for every row, the
    /// values of its id (row `r` is the entity of dense index `r` in `ids`); ids of `ids`
    /// without side values, and side rows of ids not in `ids`, set nothing. A row of `ids`
    /// outside the block is an error.
    pub fn add_side(&mut self, side: &SideFeatures, ids: &IdMap) -> Result<(), FmError> {
        let groups = side
            .groups()
            .iter()
            .map(|g| self.group(&g.name, g.size))
            .collect::<Result<Vec<_>, _>>()?;
        for (r, &raw) in ids.raw_ids().iter().enumerate() {
            for v in side.row(raw) {
                self.set(r, groups[v.group], v.column, v.value)?;
            }
        }
        Ok(())
    }

    /// The block: rows sorted by column. Setting one feature of a row twice is an error; a
    /// block without groups is empty data.
    pub fn build(&self) -> Result<FeatureBlock, FmError> {
        if self.groups.is_empty() {
            return Err(FmError::empty("a feature block without groups"));
        }
        let mut e = self.entries.clone();
        e.sort_unstable_by_key(|&(r, c, _)| (r, c));
        let mut indptr = vec![0usize; self.n_rows + 1];
        let (mut indices, mut values) = (Vec::with_capacity(e.len()), Vec::with_capacity(e.len()));
        for (k, &(r, c, v)) in e.iter().enumerate() {
            if k > 0 && e[k - 1].0 == r && e[k - 1].1 == c {
                return Err(FmError::Feature {
                    row: r as usize,
                    what: format!("feature {c} set twice"),
                });
            }
            indptr[r as usize + 1] += 1;
            indices.push(c);
            values.push(v);
        }
        for r in 0..self.n_rows {
            indptr[r + 1] += indptr[r];
        }
        Ok(FeatureBlock {
            groups: self.groups.clone(),
            indptr,
            indices,
            values,
        })
    }
}
