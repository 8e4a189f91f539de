//! Sparse feature rows, the input of a factorization machine.
//!
//! A [`FeatureBlock`] holds one row per entity of one kind (users, items, or any other
//! relation), each row a sparse vector over the block's feature space. The space is the
//! concatenation of named [`FeatureGroup`]s declared by the caller (one-hot ids, normalized
//! implicit sets, side columns); the Bayesian FM gives every group its own prior. A rating's
//! feature vector is its user's row next to its item's row (Rendle 2013's relational blocks), so
//! a user's implicit set is stored once, not once per rating.
//!
//! ```
//! use recsys_fm::features::BlockBuilder;
//! let mut b = BlockBuilder::new(3);
//! let id = b.group("user", 3)?;
//! let genre = b.group("genre", 2)?;
//! b.one_hot(id)?;
//! b.set(0, genre, 1, 1.0)?;
//! b.set_normalized(2, genre, &[0, 1])?;
//! let block = b.build()?;
//! assert_eq!(block.n_features(), 5);
//! assert_eq!(block.row(0), (&[0, 4][..], &[1.0, 1.0][..]));
//! assert!(b_err());
//! # fn b_err() -> bool {
//! #     let mut b = BlockBuilder::new(1);
//! #     let g = b.group("g", 2).unwrap();
//! #     b.set(0, g, 2, 1.0).is_err() && b.set(0, g, 0, f32::NAN).is_err() && b.group("e", 0).is_err()
//! # }
//! # Ok::<(), recsys_fm::FmError>(())
//! ```

mod builder;
mod cases;
mod date;
mod user_day;
mod user_item;

pub use builder::BlockBuilder;
pub use cases::CaseFeatures;
pub use date::RatingDays;
pub use user_day::UserDays;
pub use user_item::UserItemFeatures;

use serde::{Deserialize, Serialize};

/// A named group of consecutive features of a block, with a prior of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureGroup {
    /// The group's name (`user`, `user-implicit`, `genre`, ...).
    pub name: String,
    /// Its number of features (at least 1).
    pub size: usize,
}

/// One row per entity over a feature space made of [`FeatureGroup`]s: compressed sparse rows,
/// columns ascending within a row, every value finite. Built by [`BlockBuilder`].
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureBlock {
    pub(crate) groups: Vec<FeatureGroup>,
    pub(crate) indptr: Vec<usize>,
    pub(crate) indices: Vec<u32>,
    pub(crate) values: Vec<f32>,
}

impl FeatureBlock {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of features: the sum of the group sizes.
    pub fn n_features(&self) -> usize {
        self.groups
            .iter()
            .fold(0usize, |a, g| a.saturating_add(g.size))
    }

    /// The groups, in column order.
    pub fn groups(&self) -> &[FeatureGroup] {
        &self.groups
    }

    /// Non-zero entries in all rows.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row `r`'s columns and values; empty for a row outside the block.
    pub fn row(&self, r: usize) -> (&[u32], &[f32]) {
        if r + 1 >= self.indptr.len() {
            return (&[], &[]);
        }
        let (a, b) = (self.indptr[r], self.indptr[r + 1]);
        (&self.indices[a..b], &self.values[a..b])
    }

    /// The group of every feature, in column order.
    pub(crate) fn feature_groups(&self) -> Vec<u32> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(g, grp)| std::iter::repeat_n(g as u32, grp.size))
            .collect()
    }

    /// A block from its parts (as a model file holds them), checked like a built one.
    pub(crate) fn from_parts(
        groups: Vec<FeatureGroup>,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        values: Vec<f32>,
    ) -> Result<Self, crate::FmError> {
        let bad = |row, what: &str| crate::FmError::Feature {
            row,
            what: what.to_string(),
        };
        if groups.iter().any(|g| g.size == 0) {
            return Err(bad(0, "a feature group is empty"));
        }
        let n_features = groups
            .iter()
            .try_fold(0usize, |a, g| a.checked_add(g.size))
            .filter(|&n| u32::try_from(n).is_ok())
            .ok_or_else(|| bad(0, "more than 2^32 features"))?;
        if indptr.first() != Some(&0)
            || indptr.last() != Some(&indices.len())
            || indices.len() != values.len()
            || indptr.windows(2).any(|w| w[0] > w[1])
        {
            return Err(bad(0, "inconsistent row pointers"));
        }
        for r in 0..indptr.len() - 1 {
            let (cols, vals) = (
                &indices[indptr[r]..indptr[r + 1]],
                &values[indptr[r]..indptr[r + 1]],
            );
            if cols.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad(r, "columns not strictly ascending"));
            }
            if cols.last().is_some_and(|&c| c as usize >= n_features) {
                return Err(bad(r, "a column outside the feature space"));
            }
            if vals.iter().any(|v| !v.is_finite()) {
                return Err(bad(r, "a value is not finite"));
            }
        }
        Ok(Self {
            groups,
            indptr,
            indices,
            values,
        })
    }
}
