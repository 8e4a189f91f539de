//! [`UserItemFeatures`]: the user block and the item block of rating data, with the one-hot ids
//! and, optionally, the normalized implicit sets built from the ratings themselves.

use recsys_core::Interactions;
use recsys_core::side::SideFeatures;

use super::{BlockBuilder, FeatureBlock};
use crate::error::FmError;

/// The two blocks of a user–item factorization machine: every user's row and every item's row,
/// over the training data's index spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct UserItemFeatures {
    /// One row per user index.
    pub user: FeatureBlock,
    /// One row per item index.
    pub item: FeatureBlock,
}

impl UserItemFeatures {
    /// Builders of the two blocks over `train`'s index spaces with the groups `user` and `item`
    /// (one-hot ids) and, with `implicit`, `user-implicit` (the items each user rated) and
    /// `item-implicit` (the users who rated each item), each set normalized to `1/√n` (myFM's
    /// `svdpp_flipped` features). Add side-column groups, then [`UserItemFeatures::new`].
    pub fn builders(
        train: &Interactions,
        implicit: bool,
    ) -> Result<(BlockBuilder, BlockBuilder), FmError> {
        let (nu, ni) = (train.n_users(), train.n_items());
        let mut ub = BlockBuilder::new(nu);
        let mut ib = BlockBuilder::new(ni);
        let ug = ub.group("user", nu.max(1))?;
        ub.one_hot(ug)?;
        let ig = ib.group("item", ni.max(1))?;
        ib.one_hot(ig)?;
        if implicit {
            let uimp = ub.group("user-implicit", ni.max(1))?;
            for u in 0..nu {
                ub.set_normalized(u, uimp, train.user_items(u as u32))?;
            }
            let iimp = ib.group("item-implicit", nu.max(1))?;
            let by_item = train.by_item();
            for i in 0..ni {
                ib.set_normalized(i, iimp, by_item.item(i as u32).0)?;
            }
        }
        Ok((ub, ib))
    }

    /// The features of [`UserItemFeatures::builders`] without side columns.
    pub fn from_interactions(train: &Interactions, implicit: bool) -> Result<Self, FmError> {
        let (u, i) = Self::builders(train, implicit)?;
        Self::new(u.build()?, i.build()?)
    }

    /// The features of [`UserItemFeatures::builders`] followed by the groups of the users' side
    /// features `user` and the items' side features `item`, each row by its raw id
    /// ([`BlockBuilder::add_side`]): users and items of `train` without side values keep only
    /// their id (and implicit) features. An empty [`SideFeatures`] adds no group.
    pub fn with_side(
        train: &Interactions,
        implicit: bool,
        user: &SideFeatures,
        item: &SideFeatures,
    ) -> Result<Self, FmError> {
        let (mut ub, mut ib) = Self::builders(train, implicit)?;
        ub.add_side(user, train.users())?;
        ib.add_side(item, train.items())?;
        Self::new(ub.build()?, ib.build()?)
    }

    /// The two blocks; neither may be without rows.
    pub fn new(user: FeatureBlock, item: FeatureBlock) -> Result<Self, FmError> {
        Ok(Self { user, item })
    }
}
