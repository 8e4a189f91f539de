//! [`persisted_models!`](crate::persisted_models): the `save`, `load` and [`SaveModel`](crate::traits::SaveModel)
//! implementations every model crate generates for its model types ([`save_model!`](crate::save_model): the
//! last alone).

/// Implements `save`, `load` and [`SaveModel`](crate::traits::SaveModel) for model types that
/// have `writer(&self, users, items) -> Result<ModelWriter, E>` and
/// `from_reader(&ModelReader) -> Result<Saved<Self>, E>`, with `E: From<CoreError>` and
/// `BoxError: From<E>`; every model crate of the workspace uses it, so their files are saved and
/// opened one way. `$open` opens a path as a [`ModelReader`](crate::persist::ModelReader), checking the kind where the type
/// has one.
///
/// ```text
/// recsys_core::persisted_models!(MfError; Baseline => |p| ModelReader::load(p, Baseline::KIND));
/// ```
#[macro_export]
macro_rules! persisted_models {
    ($err:ty; $($ty:ident => $open:expr),* $(,)?) => {
        $(
            impl $ty {
                /// Saves the model and the id maps of its training data to `path`, atomically
                /// (see [`recsys_core::persist`]).
                pub fn save(
                    &self,
                    path: impl AsRef<std::path::Path>,
                    users: &$crate::IdMap,
                    items: &$crate::IdMap,
                ) -> std::result::Result<(), $err> {
                    self.writer(users, items)?.save(path)?;
                    Ok(())
                }

                #[doc = concat!("Loads a model saved by [`", stringify!($ty), "::save`]; it predicts and scores as the saved model did, bit for bit. A truncated, corrupted or inconsistent file is an error.")]
                pub fn load(
                    path: impl AsRef<std::path::Path>,
                ) -> std::result::Result<$crate::persist::Saved<$ty>, $err> {
                    let open: fn(&std::path::Path) -> $crate::Result<$crate::persist::ModelReader> =
                        $open;
                    Self::from_reader(&open(path.as_ref())?)
                }
            }

            $crate::save_model!($ty);
        )*
    };
}

/// Implements [`SaveModel`](crate::traits::SaveModel) for model types that have
/// `writer(&self, users, items) -> Result<ModelWriter, E>` with `BoxError: From<E>`: what
/// [`persisted_models!`](crate::persisted_models) generates beside `save` and `load`, alone, for
/// models whose loading needs more than a path (a nested model's loader).
///
/// ```text
/// recsys_core::save_model!(Hybrid, WarmStart);
/// ```
#[macro_export]
macro_rules! save_model {
    ($($ty:ty),* $(,)?) => {
        $(
            impl $crate::traits::SaveModel for $ty {
                // `writer`'s error may be `BoxError` itself
                #[allow(clippy::needless_question_mark)]
                fn model_writer<'a>(
                    &'a self,
                    users: &'a $crate::IdMap,
                    items: &'a $crate::IdMap,
                ) -> std::result::Result<$crate::persist::ModelWriter<'a>, $crate::traits::BoxError> {
                    Ok(self.writer(users, items)?)
                }
            }
        )*
    };
}

/// Implements [`ModelSpec`](crate::ModelSpec) for the hyperparameters `$params` (which
/// [`Fit`](crate::traits::Fit) a model, derive `Serialize` and `Deserialize`, and have a
/// `check(&self) -> Result<(), E>` of their ranges) and adds `$params::NAME`, the registry name:
/// `name()` is `$name`, `params()` the serde fields ([`param_list`](crate::traits::param_list)),
/// `set_param` sets one of them from text ([`with_param`](crate::traits::with_param)) and
/// checks the result, and `fit_model` fits `$m` on `$train` and boxes
/// `$wrap`, the model in one of the core's default [`Model`](crate::Model) wrappers. This is step
/// 3 of *adding a model* in `docs/ARCHITECTURE.md`.
///
/// ```
/// use recsys_core::traits::{Fit, ScorerModel};
/// use recsys_core::{CandidateScorer, CoreError, Interactions};
///
/// /// Scores every item by its index.
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct ByIndexParams { scale: f32 }
/// impl ByIndexParams {
///     fn check(&self) -> Result<(), CoreError> {
///         if self.scale.is_finite() { Ok(()) } else { Err(CoreError::param("scale", "finite")) }
///     }
/// }
/// struct ByIndex { scale: f32, n_items: usize }
/// impl CandidateScorer for ByIndex {
///     fn n_items(&self) -> usize { self.n_items }
///     fn score(&self, _u: u32, items: &[u32], out: &mut [f32]) {
///         for (o, &i) in out.iter_mut().zip(items) { *o = self.scale * i as f32; }
///     }
/// }
/// impl Fit for ByIndexParams {
///     type Model = ByIndex;
///     type Error = CoreError;
///     fn fit(&self, train: &Interactions) -> Result<ByIndex, CoreError> {
///         Ok(ByIndex { scale: self.scale, n_items: train.n_items() })
///     }
/// }
/// recsys_core::model_spec!(ByIndexParams, "by-index", |m, _train| ScorerModel::new(m));
///
/// use recsys_core::ModelSpec;
/// let mut spec = ByIndexParams { scale: 2.0 };
/// assert_eq!((spec.name(), ByIndexParams::NAME), ("by-index".to_string(), "by-index"));
/// assert_eq!(spec.params(), [("scale".to_string(), "2.0".to_string())]);
/// spec.set_param("scale", "3")?;
/// assert_eq!(spec.params(), [("scale".to_string(), "3.0".to_string())]);
/// assert!(spec.set_param("scale", "x").is_err());
/// # Ok::<(), recsys_core::traits::BoxError>(())
/// ```
///
/// `model_spec!(Params, by name_of, |m, train| ...)` is the same for hyperparameters whose
/// registry name depends on their values: `Params::name_of(&self) -> &'static str` gives it
/// (and no `NAME` constant is defined).
#[macro_export]
macro_rules! model_spec {
    ($params:ty, by $name_of:ident, |$m:ident, $train:ident| $wrap:expr) => {
        impl $crate::ModelSpec for $params {
            fn name(&self) -> String {
                self.$name_of().to_string()
            }

            fn params(&self) -> Vec<(String, String)> {
                $crate::traits::param_list(self)
            }

            fn set_param(
                &mut self,
                key: &str,
                value: &str,
            ) -> Result<(), $crate::traits::BoxError> {
                let next = $crate::traits::with_param(self, self.$name_of(), key, value)?;
                next.check()?;
                *self = next;
                Ok(())
            }

            fn fit_model(
                &self,
                $train: &$crate::Interactions,
            ) -> Result<Box<dyn $crate::Model>, $crate::traits::BoxError> {
                let $m = $crate::traits::Fit::fit(self, $train)?;
                Ok(Box::new($wrap))
            }
        }
    };
    ($params:ty, $name:expr, |$m:ident, $train:ident| $wrap:expr) => {
        impl $params {
            /// The registry name of the model these hyperparameters fit.
            pub const NAME: &'static str = $name;

            /// The registry name of the model these hyperparameters fit ([`Self::NAME`]).
            pub fn name_of(&self) -> &'static str {
                Self::NAME
            }
        }

        $crate::model_spec!($params, by name_of, |$m, $train| $wrap);
    };
}

/// Builder-style setters on the hyperparameters `$ty`: each `setter => field: Type` takes
/// `self` and returns it with `field` set on `$field`, an expression on `$s` (`&mut self`), so
/// that fields of a nested struct work too (`|s| s.sgd`); `field: Type` alone names the setter
/// after the field.
///
/// ```
/// #[derive(Default)]
/// struct Sgd { lr: f32 }
/// #[derive(Default)]
/// struct P { epochs: usize, sgd: Sgd }
/// recsys_core::param_setters!(P, |s| s; with_epochs => epochs: usize);
/// recsys_core::param_setters!(P, |s| s.sgd; lr: f32);
/// let p = P::default().with_epochs(3).lr(0.5);
/// assert_eq!((p.epochs, p.sgd.lr), (3, 0.5));
/// ```
#[macro_export]
macro_rules! param_setters {
    ($ty:ty, |$s:ident| $field:expr ; $($setter:ident => $name:ident : $t:ty),* $(,)?) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                pub fn $setter(mut self, v: $t) -> Self {
                    let $s = &mut self;
                    $field.$name = v;
                    self
                }
            )*
        }
    };
    ($ty:ty, |$s:ident| $field:expr ; $($name:ident : $t:ty),* $(,)?) => {
        $crate::param_setters!($ty, |$s| $field; $($name => $name: $t),*);
    };
}

/// A registry's model entries ([`ModelEntry`](crate::traits::ModelEntry)), one line each:
/// `name => spec` is the entry named `name` (usually `Params::NAME`, see
/// [`model_spec!`](crate::model_spec)) whose spec is `spec`, boxed. Adding a model to a crate's
/// registry is one line.
///
/// ```
/// # use recsys_core::traits::{Fit, ScorerModel};
/// # use recsys_core::{CandidateScorer, CoreError, Interactions};
/// # #[derive(Default, serde::Serialize, serde::Deserialize)]
/// # struct ByIndexParams { scale: f32 }
/// # impl ByIndexParams { fn check(&self) -> Result<(), CoreError> { Ok(()) } }
/// # struct ByIndex(usize);
/// # impl CandidateScorer for ByIndex {
/// #     fn n_items(&self) -> usize { self.0 }
/// #     fn score(&self, _u: u32, items: &[u32], out: &mut [f32]) { out.fill(0.0) }
/// # }
/// # impl Fit for ByIndexParams {
/// #     type Model = ByIndex;
/// #     type Error = CoreError;
/// #     fn fit(&self, train: &Interactions) -> Result<ByIndex, CoreError> { Ok(ByIndex(train.n_items())) }
/// # }
/// # recsys_core::model_spec!(ByIndexParams, "by-index", |m, _train| ScorerModel::new(m));
/// use recsys_core::traits::ModelEntry;
///
/// const MODELS: &[ModelEntry] = recsys_core::model_entries![
///     ByIndexParams::NAME => ByIndexParams::default(),
///     "by-index-x2" => ByIndexParams { scale: 2.0 },
/// ];
/// assert_eq!(MODELS[0].name, "by-index");
/// assert_eq!((MODELS[0].spec)().name(), "by-index");
/// assert_eq!(MODELS[1].name, "by-index-x2");
/// ```
#[macro_export]
macro_rules! model_entries {
    ($($name:expr => $spec:expr),* $(,)?) => {
        &[$(
            $crate::traits::ModelEntry {
                name: $name,
                spec: || Box::new($spec),
            }
        ),*]
    };
}

/// A registry's model-file loaders ([`ModelLoader`](crate::traits::ModelLoader)), one line
/// each: `Model => wrap` loads files of kind `Model::KIND` with `Model::from_reader` and wraps
/// the model by `wrap(model, n_items)` ([`boxed_with`](crate::traits::boxed_with));
/// `Model as KIND => wrap` names the kind where the type has several.
///
/// ```text
/// pub const LOADERS: &[ModelLoader] = recsys_core::model_loaders![
///     FactorModel as FactorModel::KIND_SVD => FactorModel::into_model,
///     Als => |m, _| m.into_model(),
/// ];
/// ```
#[macro_export]
macro_rules! model_loaders {
    ($($model:ty $(as $kind:expr)? => $wrap:expr),* $(,)?) => {
        &[$(
            $crate::traits::ModelLoader {
                kind: $crate::model_loaders!(@kind $model $(, $kind)?),
                load: |r, _| Ok($crate::traits::boxed_with(<$model>::from_reader(r)?, $wrap)),
            }
        ),*]
    };
    (@kind $model:ty) => { <$model>::KIND };
    (@kind $model:ty, $kind:expr) => { $kind };
}
