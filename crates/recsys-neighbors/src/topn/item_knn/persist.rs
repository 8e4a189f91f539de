//! [`ItemKnn`]'s model file: the hyperparameters, the neighbour lists, the histories and the id
//! maps.

use super::{ItemKnn, ItemKnnParams};
use crate::topn::item_item::item_item_file;

item_item_file!(ItemKnn, ItemKnnParams);
