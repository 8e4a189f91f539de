//! [`first_index`]: the position of the first record of each id, for joins by id.

use recsys_core::ids::{IdHashMap, RawId};

/// Index of the first occurrence of each (present) key.
pub(crate) fn first_index(
    keys: impl IntoIterator<Item = impl Into<Option<RawId>>>,
) -> IdHashMap<RawId, usize> {
    let mut m = IdHashMap::default();
    for (k, key) in keys.into_iter().enumerate() {
        if let Some(key) = key.into() {
            m.entry(key).or_insert(k);
        }
    }
    m
}
