//! [`Saved`]: what loading a model file gives back.

use crate::ids::IdMap;

/// A loaded model with the id maps of the data it was fitted on (what every model's `load`
/// returns).
#[derive(Debug, Clone)]
pub struct Saved<M> {
    /// The model.
    pub model: M,
    /// Raw user ids by the model's user index.
    pub users: IdMap,
    /// Raw item ids by the model's item index.
    pub items: IdMap,
}
