//! [`Rp3Beta`]'s model file: the hyperparameters, the item weights, the histories and the id
//! maps.

use super::{Rp3Beta, Rp3BetaParams};
use crate::topn::item_item::item_item_file;

item_item_file!(Rp3Beta, Rp3BetaParams);
