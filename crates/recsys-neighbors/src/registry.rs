//! What this crate contributes to the facade's registry: its models by name with the default
//! hyperparameters ([`MODELS`]) and the loaders of its model files by kind ([`LOADERS`]).

use recsys_core::traits::{ModelEntry, ModelLoader, boxed_with};

use crate::topn::{
    Ease, EaseParams, ItemKnn, ItemKnnParams, Rp3Beta, Rp3BetaParams, Slim, SlimParams, UserKnn,
    UserKnnParams,
};

use crate::rating::{
    KnnBaseline, KnnBaselineParams, KnnBasic, KnnBasicParams, KnnMeans, KnnMeansParams,
};

/// The models of the crate, in the order `compare` lists them.
pub const MODELS: &[ModelEntry] = &[
    // rating models (rating/): Surprise's defaults; knn-baseline item-based pearson_baseline
    ModelEntry {
        name: KnnBasicParams::NAME,
        spec: || Box::new(KnnBasicParams::default()),
    },
    ModelEntry {
        name: KnnMeansParams::NAME,
        spec: || Box::new(KnnMeansParams::default()),
    },
    ModelEntry {
        name: KnnBaselineParams::NAME,
        spec: || Box::new(KnnBaselineParams::item_pearson_baseline()),
    },
    // top-N models (topn/): hyperparameters chosen on validation splits of training data
    ModelEntry {
        name: ItemKnnParams::NAME,
        spec: || Box::new(ItemKnnParams::default()),
    },
    ModelEntry {
        name: UserKnnParams::NAME,
        spec: || Box::new(UserKnnParams::default()),
    },
    ModelEntry {
        name: EaseParams::NAME,
        spec: || Box::new(EaseParams::default()),
    },
    ModelEntry {
        name: Rp3BetaParams::NAME,
        spec: || Box::new(Rp3BetaParams::default()),
    },
    ModelEntry {
        name: SlimParams::NAME,
        spec: || Box::new(SlimParams::default()),
    },
];

/// The loaders of the crate's model files, by kind.
pub const LOADERS: &[ModelLoader] = &[
    // rating models (rating/)
    ModelLoader {
        kind: KnnBasic::KIND,
        load: |r, _| Ok(boxed_with(KnnBasic::from_reader(r)?, KnnBasic::into_model)),
    },
    ModelLoader {
        kind: KnnMeans::KIND,
        load: |r, _| Ok(boxed_with(KnnMeans::from_reader(r)?, KnnMeans::into_model)),
    },
    ModelLoader {
        kind: KnnBaseline::KIND,
        load: |r, _| {
            Ok(boxed_with(
                KnnBaseline::from_reader(r)?,
                KnnBaseline::into_model,
            ))
        },
    },
    // top-N models (topn/)
    ModelLoader {
        kind: ItemKnn::KIND,
        load: |r, _| Ok(boxed_with(ItemKnn::from_reader(r)?, |m, _| m.into_model())),
    },
    ModelLoader {
        kind: UserKnn::KIND,
        load: |r, _| Ok(boxed_with(UserKnn::from_reader(r)?, |m, _| m.into_model())),
    },
    ModelLoader {
        kind: Ease::KIND,
        load: |r, _| Ok(boxed_with(Ease::from_reader(r)?, |m, _| m.into_model())),
    },
    ModelLoader {
        kind: Rp3Beta::KIND,
        load: |r, _| Ok(boxed_with(Rp3Beta::from_reader(r)?, |m, _| m.into_model())),
    },
    ModelLoader {
        kind: Slim::KIND,
        load: |r, _| Ok(boxed_with(Slim::from_reader(r)?, |m, _| m.into_model())),
    },
];
