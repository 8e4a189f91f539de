//! [`Slim`]'s model file: the hyperparameters, the item weights, the histories and the id maps.

use super::{Slim, SlimParams};
use crate::topn::item_item::item_item_file;

item_item_file!(Slim, SlimParams);
