//! `setters!`: the builder-style setters of the hyperparameter structs.

/// Implements builder-style setters on `$ty`. Each `setter => field: Type` takes `self` and
/// returns it with `$field.field` set, where `$field` is an expression on `$s` (`&mut self`),
/// so that nested fields work too; `field: Type` alone names the setter after the field.
macro_rules! setters {
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
        $crate::setters::setters!($ty, |$s| $field; $($name => $name: $t),*);
    };
}

pub(crate) use setters;
