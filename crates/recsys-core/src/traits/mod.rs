//! The model traits: every recommender of the workspace implements some of them, and evaluation
//! and hybrid code reach models only through them.
//!
//! Models work in the dense indices of the [`Interactions`](crate::Interactions) they were fitted on; raw ids are
//! mapped through [`Interactions::user_index`](crate::Interactions::user_index) / [`Interactions::item_index`](crate::Interactions::item_index), which give a typed
//! error for unknown ids.

mod fit;
mod fold_in;
mod model;
mod params;
mod partial_fit;
mod predict;
mod rank;
mod registry;
mod save;
mod spec;

pub use crate::curve::EpochRecord;
pub use fit::Fit;
pub use fold_in::{
    FoldIn, FoldedRaw, FoldedTop, FoldedUser, checked_history, fold_in_raw, recommend_folded_raw,
    values_in_range,
};
pub use model::{Exposes, Fitted, Model, Ranker, RatingModel, ScorerModel};
pub use params::{param_list, value_text, with_param};
pub use partial_fit::{PartialFit, check_growth, history_of};
pub use predict::{ByPredictedRating, CandidateScorer, RatingPredictor, Recommender};
pub use rank::{mask_seen, recommend_all, recommend_raw, top_n, top_n_unmasked, unseen_scores};
pub use registry::{
    LoadFn, LoadNested, ModelEntry, ModelLoader, SideModelEntry, SideSource, SideSpecFn, boxed,
    boxed_with,
};
pub use save::{BoxError, SaveModel, save_model};
pub use spec::{FnSpec, ModelSpec};
