//! [`ItemItem`]: what every item-to-item top-N model fits (item-knn, RP3beta, SLIM): a sparse
//! item × item weight matrix `W` and the users' training histories. A user's score for item `j`
//! is `Σ_{i ∈ I_u} x_ui · W[i, j]`.

use recsys_core::WrapsCore;
use recsys_core::traits::top_n;

use super::known::scores_of_known;
use super::sparse::SparseRows;
use crate::NeighborsError;

/// A sparse item–item weight matrix with the training histories it scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemItem {
    w: SparseRows,
    histories: SparseRows,
    known: Vec<bool>,
}

impl ItemItem {
    /// The model from `w` (items × items, row `i` = the items `i` points to) and the histories
    /// (users × items); both must have the same item count.
    pub(crate) fn new(w: SparseRows, histories: SparseRows) -> Result<Self, NeighborsError> {
        let n = histories.n_cols();
        if w.n_rows() != n || w.n_cols() != n {
            return Err(NeighborsError::param(
                "model",
                format!("a {}×{} item matrix for {n} items", w.n_rows(), w.n_cols()),
            ));
        }
        let known = histories.nonempty_cols();
        Ok(Self {
            w,
            histories,
            known,
        })
    }

    /// The item–item weights: row `i` lists the items `i` points to with their weights.
    pub fn weights(&self) -> &SparseRows {
        &self.w
    }

    /// The training histories (users × items).
    pub fn histories(&self) -> &SparseRows {
        &self.histories
    }

    /// Number of items.
    pub fn n_items(&self) -> usize {
        self.histories.n_cols()
    }

    /// Scores of `items` for `user`: `Σ_{i ∈ I_u} x_ui · W[i, j]`; items without training
    /// interactions (the model knows nothing of them) and items outside the index space get
    /// `-inf`; a user without history (or outside the index space) scores 0 everywhere else.
    pub(crate) fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let (hist, xs) = self.histories.row(user as usize);
        self.score_history(hist, xs, items, out);
    }

    /// Scores of `items` for the history `hist` with values `xs`: `Σ_i x_i · W[i, j]`, `-inf`
    /// for items the model knows nothing of (a training user's row or a folded-in one).
    pub(crate) fn score_history(&self, hist: &[u32], xs: &[f32], items: &[u32], out: &mut [f32]) {
        let acc = self.w.weighted_rows(hist, xs);
        scores_of_known(&acc, &self.known, items, out);
    }

    /// Grows the model to `data`'s index space and replaces the rows of `users` (and appends
    /// the new users) with their rows of `data`, weighed as the fit weighs a row
    /// ([`super::partial_fit::grown_histories`]). The weights are kept: new items get an empty
    /// row and column, so they stay unknown (`-inf`) until a refit.
    pub(crate) fn partial_fit(
        &mut self,
        data: &recsys_core::Interactions,
        users: &[u32],
        use_ratings: bool,
    ) -> recsys_core::Result<()> {
        let histories =
            super::partial_fit::grown_histories(&self.histories, data, users, use_ratings)?;
        let n = histories.n_cols();
        self.w = self.w.grown(n, n);
        self.known.resize(n, false);
        self.histories = histories;
        Ok(())
    }

    /// The `n` items with the largest weights in `item`'s row, best first, `item` itself
    /// excluded; ties go to the lower index. An `item` outside the index space is an error.
    pub(crate) fn similar_items(
        &self,
        item: u32,
        n: usize,
    ) -> Result<Vec<(u32, f32)>, NeighborsError> {
        if item as usize >= self.n_items() {
            return Err(NeighborsError::param(
                "item",
                format!(
                    "item index {item} outside the model's {} items",
                    self.n_items()
                ),
            ));
        }
        let (js, ws) = self.w.row(item as usize);
        let (js, ws): (Vec<u32>, Vec<f32>) = js
            .iter()
            .zip(ws)
            .filter(|(j, _)| **j != item)
            .map(|(&j, &w)| (j, w))
            .unzip();
        // top_n breaks ties by position: order by item first
        let mut order: Vec<usize> = (0..js.len()).collect();
        order.sort_unstable_by_key(|&p| js[p]);
        let sorted: Vec<f32> = order.iter().map(|&p| ws[p]).collect();
        Ok(top_n(&sorted, n)
            .into_iter()
            .map(|(p, w)| (js[order[p as usize]], w))
            .collect())
    }
}

/// The fitted model type of an item-to-item model: the struct around an [`ItemItem`] and its
/// hyperparameters, its kind constant, scoring, similar items and registry wrapper.
macro_rules! item_item_model {
    ($(#[$doc:meta])* $ty:ident, $params:ty, $kind:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $ty {
            inner: $crate::topn::item_item::ItemItem,
            params: $params,
        }

        impl $ty {
            /// The kind of its model files.
            pub const KIND: &'static str = $kind;

            /// The model from its fitted weights and hyperparameters.
            pub(crate) fn from_parts(inner: $crate::topn::item_item::ItemItem, params: $params) -> Self {
                Self { inner, params }
            }

            /// The hyperparameters it was fitted with.
            pub fn params(&self) -> &$params {
                &self.params
            }

            /// The item–item weights and the training histories.
            pub fn item_item(&self) -> &$crate::topn::item_item::ItemItem {
                &self.inner
            }

            /// The `n` items `item` points to with the largest weights, best first, `item`
            /// itself excluded (ties to the lower index); an `item` outside the index space is
            /// [`recsys_core::CoreError::InvalidParameter`].
            pub fn similar_items(
                &self,
                item: u32,
                n: usize,
            ) -> Result<Vec<(u32, f32)>, $crate::NeighborsError> {
                self.inner.similar_items(item, n)
            }

            /// The model as the registry's [`recsys_core::Model`]: a
            /// [`ScorerModel`](recsys_core::traits::ScorerModel) that also saves itself.
            pub fn into_model(self) -> recsys_core::traits::ScorerModel<$ty> {
                recsys_core::traits::ScorerModel::new(self)
                    .with_save()
                    .with_fold_in()
            }
        }

        /// The state is the history (values as the model weighs a training row: the rating
        /// with `use_ratings`, else 1); scores are `Σ_{i ∈ h} x_i · W[i, j]`, exactly a
        /// training user's with the same row. An empty history scores 0 everywhere.
        impl recsys_core::traits::FoldIn for $ty {
            fn fold_in_items(&self) -> usize {
                self.inner.n_items()
            }

            fn fold_in(
                &self,
                history: &[(u32, f32)],
            ) -> recsys_core::Result<recsys_core::traits::FoldedUser> {
                $crate::topn::fold_in::history_state(
                    history,
                    self.inner.n_items(),
                    self.params.uses_ratings(),
                )
            }

            fn score_folded(
                &self,
                user: &recsys_core::traits::FoldedUser,
                items: &[u32],
                out: &mut [f32],
            ) {
                self.inner.score_history(&user.seen, &user.state, items, out);
            }
        }

        /// New ratings replace the changed users' histories (their fold-ins, exactly) and
        /// append new users; the item weights are kept, so new items stay unknown until a
        /// refit.
        impl recsys_core::traits::PartialFit for $ty {
            fn partial_fit(
                &mut self,
                data: &recsys_core::Interactions,
                users: &[u32],
            ) -> recsys_core::Result<()> {
                self.inner
                    .partial_fit(data, users, self.params.uses_ratings())
            }
        }

        impl recsys_core::CandidateScorer for $ty {
            fn n_items(&self) -> usize {
                self.inner.n_items()
            }

            /// `Σ_{i ∈ I_u} x_ui · W[i, j]`; items without training interactions and items
            /// outside the index space get `-inf`.
            fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
                self.inner.score(user, items, out);
            }
        }

        impl recsys_core::Recommender for $ty {}
    };
}

/// The model file of an item-to-item model: the hyperparameters as metadata, the weights
/// (`w.*`), the histories (`histories.*`) and the id maps.
macro_rules! item_item_file {
    ($ty:ident, $params:ty) => {
        impl $ty {
            /// A model file writer holding the model and the id maps of its training data.
            pub fn writer<'a>(
                &'a self,
                users: &'a recsys_core::IdMap,
                items: &'a recsys_core::IdMap,
            ) -> Result<recsys_core::persist::ModelWriter<'a>, $crate::NeighborsError> {
                let ii = self.item_item();
                $crate::topn::model_file::topn_writer(
                    Self::KIND,
                    self.params(),
                    ii.histories(),
                    (users, items),
                    |w| ii.weights().write(w, "w"),
                )
            }

            /// Reads the model from an open model file (see the generated `load`).
            pub fn from_reader(
                r: &recsys_core::persist::ModelReader,
            ) -> Result<recsys_core::persist::Saved<$ty>, $crate::NeighborsError> {
                use $crate::topn::sparse::SparseRows;
                let params: $params = r.meta_field("params")?;
                params.check()?;
                let w = SparseRows::read(r, "w")?;
                $crate::topn::model_file::with_histories(r, |h| {
                    let inner = $crate::topn::item_item::ItemItem::new(w, h)?;
                    Ok($ty::from_parts(inner, params))
                })
            }
        }

        recsys_core::persisted_models!($crate::NeighborsError; $ty => |p| recsys_core::persist::ModelReader::load(p, $ty::KIND));
    };
}

pub(crate) use {item_item_file, item_item_model};
