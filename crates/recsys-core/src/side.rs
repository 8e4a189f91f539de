//! [`SideFeatures`]: what a dataset knows of its users or its items beyond the ratings (age,
//! occupation, genres, release decade, keywords), as named groups of sparse columns keyed by raw
//! id. The dataset crate fills it from its files; a model crate reads it without knowing the
//! dataset (the factorization machines turn each group into a feature group of their own).
//!
//! ```
//! use recsys_core::side::SideFeatures;
//! let mut items = SideFeatures::default();
//! let genre = items.group("genre", 3)?;
//! let decade = items.group("decade", 2)?;
//! items.set(10, decade, 1, 1.0)?;
//! items.set_normalized(10, genre, &[0, 2])?; // two genres: 1/√2 each
//! assert_eq!(items.row(10).len(), 3);
//! assert!(items.row(11).is_empty()); // an id without side columns
//! assert!(items.set(10, genre, 3, 1.0).is_err()); // outside the group
//! assert!(items.set(11, genre, 0, f32::NAN).is_err());
//! assert!(items.group("genre", 4).is_err()); // declared twice
//! # Ok::<(), recsys_core::CoreError>(())
//! ```

use std::collections::HashMap;

use crate::error::CoreError;
use crate::ids::RawId;

/// A named group of `size` columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideGroup {
    /// The group's name (`age`, `genre`, `keyword`, ...).
    pub name: String,
    /// Its number of columns (at least 1).
    pub size: usize,
}

/// One value of an id's row: column `column` of group `group` (its index in
/// [`SideFeatures::groups`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideValue {
    /// The group's index.
    pub group: usize,
    /// The column within the group.
    pub column: usize,
    /// The value (finite).
    pub value: f32,
}

/// Named groups of columns and, per raw id, its values in them: declare the groups, then set
/// the values. Every value lies inside its group and is finite.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SideFeatures {
    groups: Vec<SideGroup>,
    rows: HashMap<RawId, Vec<SideValue>>,
}

/// Checks a new group `name` of `size` columns against the names declared before it: an empty
/// group or a name declared twice is a [`CoreError::InvalidParameter`] of `feature group`.
pub fn check_group<'a>(
    declared: impl IntoIterator<Item = &'a str>,
    name: &str,
    size: usize,
) -> Result<(), CoreError> {
    let reason = if size == 0 {
        "is empty"
    } else if declared.into_iter().any(|d| d == name) {
        "is declared twice"
    } else {
        return Ok(());
    };
    Err(CoreError::param(
        "feature group",
        format!("group `{name}` {reason}"),
    ))
}

impl SideFeatures {
    /// Declares a group of `size` columns after the existing ones and returns its index.
    /// [`check_group`]'s errors.
    pub fn group(&mut self, name: &str, size: usize) -> Result<usize, CoreError> {
        check_group(self.groups.iter().map(|g| g.name.as_str()), name, size)?;
        self.groups.push(SideGroup {
            name: name.to_string(),
            size,
        });
        Ok(self.groups.len() - 1)
    }

    /// Sets column `column` of group `group` to `value` in the row of `id`. A group that was
    /// not declared, a column outside it, a value that is not finite or a column set twice
    /// is a [`CoreError::InvalidParameter`] naming the id.
    pub fn set(
        &mut self,
        id: RawId,
        group: usize,
        column: usize,
        value: f32,
    ) -> Result<(), CoreError> {
        let bad = |what: String| Err(CoreError::param("side feature", format!("id {id}: {what}")));
        let Some(g) = self.groups.get(group) else {
            return bad(format!("group {group} was not declared"));
        };
        if column >= g.size {
            return bad(format!(
                "column {column} outside `{}` of {}",
                g.name, g.size
            ));
        }
        if !value.is_finite() {
            return bad(format!("column {column} of `{}` is {value}", g.name));
        }
        let row = self.rows.entry(id).or_default();
        if row.iter().any(|v| v.group == group && v.column == column) {
            return bad(format!("column {column} of `{}` set twice", g.name));
        }
        row.push(SideValue {
            group,
            column,
            value,
        });
        Ok(())
    }

    /// Sets the columns `columns` of `group` in the row of `id` to `1/√n`, `n = columns.len()`:
    /// a normalized set (myFM's `MultipleValuesToSparseEncoder(normalize=True)`). An empty set
    /// sets nothing.
    pub fn set_normalized(
        &mut self,
        id: RawId,
        group: usize,
        columns: &[u32],
    ) -> Result<(), CoreError> {
        let v = 1.0 / (columns.len() as f32).sqrt();
        columns
            .iter()
            .try_for_each(|&c| self.set(id, group, c as usize, v))
    }

    /// The groups, in declaration order.
    pub fn groups(&self) -> &[SideGroup] {
        &self.groups
    }

    /// The values of `id`'s row in the order they were set; empty for an id without any.
    pub fn row(&self, id: RawId) -> &[SideValue] {
        self.rows.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Number of ids with at least one value.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no id has a value.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_values_and_bad_values_name_the_id() {
        let mut s = SideFeatures::default();
        let age = s.group("age", 7).unwrap();
        let genre = s.group("genre", 4).unwrap();
        s.set(3, age, 6, 1.0).unwrap();
        s.set_normalized(3, genre, &[0, 1, 3, 2]).unwrap();
        let row = s.row(3);
        assert_eq!(row.len(), 5);
        assert_eq!((row[0].group, row[0].column, row[0].value), (0, 6, 1.0));
        assert!(row[1..].iter().all(|v| (v.value - 0.5).abs() < 1e-7));
        assert_eq!(s.len(), 1);
        let e = s.set(3, age, 6, 2.0).unwrap_err().to_string();
        assert!(e.contains("id 3") && e.contains("set twice"), "{e}");
        let e = s.set(4, 9, 0, 1.0).unwrap_err().to_string();
        assert!(e.contains("id 4") && e.contains("not declared"), "{e}");
        assert!(s.group("empty", 0).is_err());
        // the failed sets left no row behind for id 4
        assert_eq!(s.len(), 1);
        s.set_normalized(5, genre, &[]).unwrap();
        assert!(s.row(5).is_empty());
    }
}
