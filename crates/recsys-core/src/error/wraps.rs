//! [`WrapsCore`]: the core's error cases as constructors of every error type that wraps
//! [`CoreError`], so that no crate defines its own variant for a bad parameter or empty data.

use std::path::PathBuf;

use super::CoreError;

/// Constructors of the core's error cases for any error that wraps [`CoreError`] (has
/// `From<CoreError>`): `MfError::param("k", "at least 1")` is
/// `MfError::Core(CoreError::InvalidParameter { .. })`. Implemented for every such type; bring
/// it into scope with `use recsys_core::WrapsCore;`.
///
/// ```
/// use recsys_core::{CoreError, WrapsCore};
/// #[derive(Debug)]
/// enum MyError { Core(CoreError) }
/// impl From<CoreError> for MyError {
///     fn from(e: CoreError) -> Self { MyError::Core(e) }
/// }
/// let e = MyError::param("k", "at least one neighbour");
/// assert!(matches!(e, MyError::Core(CoreError::InvalidParameter { name: "k", .. })));
/// let e = MyError::empty("no ratings");
/// assert!(matches!(e, MyError::Core(CoreError::Empty(_))));
/// ```
pub trait WrapsCore: From<CoreError> {
    /// A [`CoreError::InvalidParameter`]: the parameter and why its value is rejected.
    fn param(name: &'static str, reason: impl Into<String>) -> Self {
        CoreError::param(name, reason).into()
    }

    /// A [`CoreError::Empty`]: an operation that needs data got none (says what was empty).
    fn empty(what: impl Into<String>) -> Self {
        CoreError::Empty(what.into()).into()
    }

    /// A [`CoreError::Io`] on `path`.
    fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        CoreError::io(path, source).into()
    }

    /// A [`CoreError::Parse`]: a malformed record at 1-based `line` of `path`.
    fn parse(path: impl Into<PathBuf>, line: u64, message: impl Into<String>) -> Self {
        CoreError::parse(path, line, message).into()
    }
}

impl<E: From<CoreError>> WrapsCore for E {}
