//! [`persisted_models!`](crate::persisted_models): the `save`, `load` and [`SaveModel`](crate::traits::SaveModel)
//! implementations every model crate generates for its model types.

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

            impl $crate::traits::SaveModel for $ty {
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
