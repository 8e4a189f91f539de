//! [`Ease`]: a fitted EASE model.

use recsys_core::WrapsCore;
use recsys_core::traits::{ScorerModel, top_n};
use recsys_core::{CandidateScorer, Recommender};

use super::EaseParams;
use crate::NeighborsError;
use crate::topn::sparse::SparseRows;

/// A fitted EASE model: the dense item × item weights `B` (zero diagonal) and the training
/// histories. A user's score for item `j` is `Σ_{i ∈ I_u} B[i][j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ease {
    b: Vec<f32>,
    histories: SparseRows,
    pub(super) known: Vec<bool>,
    params: EaseParams,
}

impl Ease {
    /// The kind of its model files.
    pub const KIND: &'static str = "ease";

    /// The model from `b` (`n × n` row-major, `n` the histories' item count).
    pub(crate) fn from_parts(
        b: Vec<f32>,
        histories: SparseRows,
        params: EaseParams,
    ) -> Result<Self, NeighborsError> {
        let n = histories.n_cols();
        if b.len() != n * n {
            return Err(NeighborsError::param(
                "model",
                format!("{} weights for {n} items", b.len()),
            ));
        }
        if b.iter().any(|x| !x.is_finite()) {
            return Err(NeighborsError::param("model", "a weight is not finite"));
        }
        let known = histories.nonempty_cols();
        Ok(Self {
            b,
            histories,
            known,
            params,
        })
    }

    /// The hyperparameters it was fitted with.
    pub fn params(&self) -> &EaseParams {
        &self.params
    }

    /// The weights `B`, `n × n` row-major: row `i` holds what item `i` adds to each item.
    pub fn weights(&self) -> &[f32] {
        &self.b
    }

    /// The training histories (users × items).
    pub fn histories(&self) -> &SparseRows {
        &self.histories
    }

    /// Row `i` of `B`; `None` outside the index space.
    pub fn row(&self, i: u32) -> Option<&[f32]> {
        let n = self.n_items();
        let i = i as usize;
        (i < n).then(|| &self.b[i * n..(i + 1) * n])
    }

    /// The `n` items with the largest weights in `item`'s row of `B` (the items `item` speaks
    /// for most), best first, `item` itself and items without training interactions excluded;
    /// ties go to the lower index. An `item` outside the index space is
    /// [`recsys_core::CoreError::InvalidParameter`].
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, NeighborsError> {
        let row = self.row(item).ok_or_else(|| {
            NeighborsError::param(
                "item",
                format!(
                    "item index {item} outside the model's {} items",
                    self.n_items()
                ),
            )
        })?;
        let mut s = row.to_vec();
        for (j, v) in s.iter_mut().enumerate() {
            if j == item as usize || !self.known[j] {
                *v = f32::NEG_INFINITY;
            }
        }
        Ok(top_n(&s, n)
            .into_iter()
            .filter(|&(_, v)| v > f32::NEG_INFINITY)
            .collect())
    }

    /// The model as the registry's [`recsys_core::Model`]: a [`ScorerModel`] that also saves
    /// itself.
    pub fn into_model(self) -> ScorerModel<Ease> {
        ScorerModel::new(self).with_save().with_fold_in()
    }

    /// Stores `histories` (a grown copy of the model's, [`PartialFit`]) in place of the
    /// training ones. When they span more items, `B` is copied once into the larger square
    /// with zero rows and columns for the new items, which stay unknown (`-inf`).
    ///
    /// [`PartialFit`]: recsys_core::traits::PartialFit
    pub(super) fn replace_histories(&mut self, histories: SparseRows) {
        let (n, m) = (self.n_items(), histories.n_cols());
        if m > n {
            let mut b = vec![0.0f32; m * m];
            for (new, old) in b.chunks_exact_mut(m).zip(self.b.chunks_exact(n)) {
                new[..n].copy_from_slice(old);
            }
            self.b = b;
            self.known.resize(m, false);
        }
        self.histories = histories;
    }
}

impl CandidateScorer for Ease {
    fn n_items(&self) -> usize {
        self.histories.n_cols()
    }

    /// `Σ_{i ∈ I_u} B[i][j]`; items without training interactions and items outside the
    /// index space get `-inf`; a user outside the index space scores 0. Many candidates are
    /// scored by adding whole rows of `B`, a few by gathering their columns.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let n = self.n_items();
        let (hist, _) = self.histories.row(user as usize);
        let value = |j: u32, s: f32| match self.known.get(j as usize) {
            Some(true) => s,
            _ => f32::NEG_INFINITY,
        };
        if items.len() * 8 >= n {
            let mut acc = vec![0.0f32; n];
            for &i in hist {
                let row = &self.b[i as usize * n..(i as usize + 1) * n];
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w;
                }
            }
            for (o, &j) in out.iter_mut().zip(items) {
                *o = value(j, acc.get(j as usize).copied().unwrap_or(0.0));
            }
        } else {
            for (o, &j) in out.iter_mut().zip(items) {
                let s = if (j as usize) < n {
                    hist.iter()
                        .map(|&i| self.b[i as usize * n + j as usize])
                        .sum()
                } else {
                    0.0
                };
                *o = value(j, s);
            }
        }
    }
}

impl Recommender for Ease {}
