//! What the model files of this crate share (see [`recsys_core::persist`]):
//! rating ranges, factor matrices and bias vectors (the id maps and learning curves are the
//! core's: `ModelWriter::id_maps`, `ModelReader::saved`, `curve_meta`).

use recsys_core::WrapsCore;
use std::borrow::Cow;

use ndarray::Array2;
use recsys_core::CoreError;
use recsys_core::persist::{ModelReader, ModelWriter};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::MfError;

/// An error naming the model file `r` and what is wrong with it.
pub(crate) fn bad_file(r: &ModelReader, what: impl std::fmt::Display) -> MfError {
    MfError::param("model file", format!("{}: {what}", r.path().display()))
}

/// A rating range (predictions are clamped to it) as JSON: `[lo, hi]` or `null`.
pub(crate) fn range_json(r: Option<(f32, f32)>) -> serde_json::Value {
    r.map_or(serde_json::Value::Null, |(a, b)| json!([a, b]))
}

/// The saved rating range, which must be finite with `lo <= hi` (predictions are clamped to it).
pub(crate) fn range_of(r: &ModelReader) -> Result<Option<(f32, f32)>, MfError> {
    let range = r.meta_field::<Option<(f32, f32)>>("range")?;
    if let Some((lo, hi)) = range
        && !(lo.is_finite() && hi.is_finite() && lo <= hi)
    {
        return Err(bad_file(
            r,
            format!("rating range [{lo}, {hi}] is not a finite interval"),
        ));
    }
    Ok(range)
}

/// A writer of `kind` opening with what the files of the biased rating models (baseline, SVD,
/// SVD++) share: the mean and rating range, then `meta`'s own keys, as the metadata, and the
/// user and item biases as sections.
pub(crate) fn biased_writer<'a, T: Element + Serialize>(
    kind: &str,
    mean: T,
    range: Option<(f32, f32)>,
    meta: Value,
    (user_bias, item_bias): (&'a [T], &'a [T]),
) -> Result<ModelWriter<'a>, MfError> {
    let mut all = Map::new();
    all.insert("mean".to_string(), json!(mean));
    all.insert("range".to_string(), range_json(range));
    if let Value::Object(own) = meta {
        all.extend(own);
    }
    let mut w = ModelWriter::new(kind, Value::Object(all));
    write_biases(&mut w, user_bias, item_bias)?;
    Ok(w)
}

/// Adds the row-major matrix `m` as a 2-D `f32` section.
pub(crate) fn write_matrix<'a>(
    w: &mut ModelWriter<'a>,
    name: &str,
    m: &'a Array2<f32>,
) -> Result<(), MfError> {
    let data = match m.as_slice() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(m.iter().copied().collect()),
    };
    w.section_f32(name, &[m.nrows() as u64, m.ncols() as u64], data)?;
    Ok(())
}

/// The 2-D `f32` section `name` as a matrix.
pub(crate) fn read_matrix(r: &ModelReader, name: &str) -> Result<Array2<f32>, MfError> {
    let (shape, data) = r.f32(name)?;
    let (rows, cols) = match shape.as_slice() {
        [rows, cols] => (*rows as usize, *cols as usize),
        _ => return Err(MfError::Internal("factor section is not 2-D")),
    };
    Array2::from_shape_vec((rows, cols), data)
        .map_err(|_| MfError::Internal("factor section shape"))
}

/// A vector element type with a model-file section of its own.
pub(crate) trait Element: Clone + 'static {
    /// Adds `data` as the 1-D section `name`.
    fn write<'a>(w: &mut ModelWriter<'a>, name: &str, data: &'a [Self]) -> Result<(), CoreError>;
}

impl Element for f32 {
    fn write<'a>(w: &mut ModelWriter<'a>, name: &str, data: &'a [f32]) -> Result<(), CoreError> {
        w.vector_f32(name, data).map(|_| ())
    }
}

impl Element for f64 {
    fn write<'a>(w: &mut ModelWriter<'a>, name: &str, data: &'a [f64]) -> Result<(), CoreError> {
        w.vector_f64(name, data).map(|_| ())
    }
}

/// Adds the user and item biases as the 1-D sections `user_bias` and `item_bias`.
pub(crate) fn write_biases<'a, T: Element>(
    w: &mut ModelWriter<'a>,
    user_bias: &'a [T],
    item_bias: &'a [T],
) -> Result<(), MfError> {
    T::write(w, "user_bias", user_bias)?;
    T::write(w, "item_bias", item_bias)?;
    Ok(())
}
