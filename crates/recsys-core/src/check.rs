//! Range checks of hyperparameters: each passes or is a [`CoreError::InvalidParameter`] naming
//! the parameter, so that every crate's `check` says the same thing for the same range.
//!
//! ```
//! use recsys_core::{CoreError, check};
//!
//! fn check_params(factors: usize, reg: f32, lr: f64) -> Result<(), CoreError> {
//!     check::at_least_one("factors", factors)?;
//!     check::non_negative("reg", reg)?;
//!     check::positive("lr", lr)
//! }
//! assert!(check_params(8, 0.0, 0.01).is_ok());
//! let e = check_params(8, 0.1, f64::NAN).unwrap_err();
//! assert_eq!(e.to_string(), CoreError::param("lr", "must be finite and > 0").to_string());
//! assert!(check_params(0, 0.1, 0.01).is_err());
//! assert!(check_params(8, -1.0, 0.01).is_err());
//! ```

use crate::error::CoreError;

/// `n` (a count: epochs, factors, neighbours, ...) must be at least 1.
pub fn at_least_one<T: Default + PartialEq>(name: &'static str, n: T) -> Result<(), CoreError> {
    if n == T::default() {
        return Err(CoreError::param(name, "must be at least 1"));
    }
    Ok(())
}

/// `v` must be finite and `>= 0`.
pub fn non_negative(name: &'static str, v: impl Into<f64>) -> Result<(), CoreError> {
    let v = v.into();
    if !(v.is_finite() && v >= 0.0) {
        return Err(CoreError::param(name, "must be finite and >= 0"));
    }
    Ok(())
}

/// `v` must lie in `[0, 1]` (a share, a probability, a quantile); NaN does not.
///
/// ```
/// use recsys_core::check;
/// assert!(check::unit_interval("quantile", 0.95).is_ok());
/// assert_eq!(
///     check::unit_interval("quantile", 1.5).unwrap_err().to_string(),
///     recsys_core::CoreError::param("quantile", "must be in [0, 1], got 1.5").to_string()
/// );
/// assert!(check::unit_interval("quantile", f64::NAN).is_err());
/// ```
pub fn unit_interval(name: &'static str, v: impl Into<f64>) -> Result<(), CoreError> {
    let v = v.into();
    if !(0.0..=1.0).contains(&v) {
        return Err(CoreError::param(
            name,
            format!("must be in [0, 1], got {v}"),
        ));
    }
    Ok(())
}

/// `v` must be finite and `> 0`.
pub fn positive(name: &'static str, v: impl Into<f64>) -> Result<(), CoreError> {
    let v = v.into();
    if !(v.is_finite() && v > 0.0) {
        return Err(CoreError::param(name, "must be finite and > 0"));
    }
    Ok(())
}
