//! Similar items (item-based models) and similar users (user-based models): the rows of the
//! similarity matrix, ranked by the workspace's [`top_n`].

use recsys_core::RawId;
use recsys_core::WrapsCore;
use recsys_core::traits::top_n;

use super::model::Knn;
use super::params::Estimator;
use crate::error::NeighborsError;

impl<E: Estimator> Knn<E> {
    /// The `n` items most similar to dense `item`, best first (ties to the lower index), those
    /// with a positive similarity only and never `item` itself. Errors for a user-based model
    /// or an index outside the model's items.
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, NeighborsError> {
        if self.params.user_based {
            return Err(NeighborsError::param(
                "user_based",
                "similar items need an item-based model",
            ));
        }
        self.neighbours_of(item, n, "item")
    }

    /// [`Knn::similar_items`] in raw ids; an unknown id is [`recsys_core::CoreError::UnknownId`].
    pub fn similar_items_raw(
        &self,
        item: RawId,
        n: usize,
    ) -> Result<Vec<(RawId, f32)>, NeighborsError> {
        let i = self.train.item_index(item)?;
        let items = self.train.items();
        Ok(self
            .similar_items(i, n)?
            .into_iter()
            .filter_map(|(j, s)| Some((items.raw(j)?, s)))
            .collect())
    }

    /// The `n` users most similar to dense `user` (a user-based model), as
    /// [`Knn::similar_items`] does for items.
    pub fn similar_users(&self, user: u32, n: usize) -> Result<Vec<(u32, f32)>, NeighborsError> {
        if !self.params.user_based {
            return Err(NeighborsError::param(
                "user_based",
                "similar users need a user-based model",
            ));
        }
        self.neighbours_of(user, n, "user")
    }

    fn neighbours_of(
        &self,
        x: u32,
        n: usize,
        what: &'static str,
    ) -> Result<Vec<(u32, f32)>, NeighborsError> {
        let xi = x as usize;
        if xi >= self.n_x {
            return Err(NeighborsError::param(
                what,
                format!("index {x} is outside the model's {} {what}s", self.n_x),
            ));
        }
        let mut row = self.sims[xi * self.n_x..(xi + 1) * self.n_x].to_vec();
        row[xi] = f32::NEG_INFINITY;
        Ok(top_n(&row, n)
            .into_iter()
            .filter(|&(_, s)| s > 0.0)
            .collect())
    }
}
