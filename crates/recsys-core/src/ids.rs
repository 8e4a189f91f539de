//! Raw ids and the dense indices models work with.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{CoreError, Result};

/// An id as it appears in a dataset file (MovieLens `userId`, `movieId`, a TMDB id, ...).
pub type RawId = u64;

/// A fast hasher for integer ids (a multiply-rotate mix; ids are not attacker-controlled keys
/// of a long-lived server, and the map is rebuilt per dataset).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` keyed by integer ids with [`IdHasher`].
pub type IdHashMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A two-way map between raw ids and dense indices `0..len`, in order of first appearance.
///
/// ```
/// use recsys_core::IdMap;
/// let mut m = IdMap::new();
/// assert_eq!(m.get_or_insert(42)?, 0);
/// assert_eq!(m.get_or_insert(7)?, 1);
/// assert_eq!(m.get_or_insert(42)?, 0);
/// assert_eq!(m.index(7), Some(1));
/// assert_eq!(m.raw(1), Some(7));
/// assert_eq!(m.index(8), None);
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdMap {
    raw: Vec<RawId>,
    index: IdHashMap<RawId, u32>,
}

impl IdMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// A map from raw ids in the given order; repeated ids keep their first index.
    pub fn from_raw(ids: impl IntoIterator<Item = RawId>) -> Self {
        let mut m = Self::new();
        for id in ids {
            // cannot fail before u32::MAX ids, which an iterator of RawId could reach only in theory
            if m.get_or_insert(id).is_err() {
                break;
            }
        }
        m
    }

    /// The dense index of `raw`, inserting it if new.
    ///
    /// Errors with [`CoreError::InvalidParameter`] once `u32::MAX` distinct ids are held.
    pub fn get_or_insert(&mut self, raw: RawId) -> Result<u32> {
        if let Some(&i) = self.index.get(&raw) {
            return Ok(i);
        }
        let next = u32::try_from(self.raw.len())
            .ok()
            .filter(|&n| n < u32::MAX)
            .ok_or_else(|| CoreError::param("ids", "more than u32::MAX - 1 distinct ids"))?;
        self.index.insert(raw, next);
        self.raw.push(raw);
        Ok(next)
    }

    /// The dense index of `raw`, if present.
    pub fn index(&self, raw: RawId) -> Option<u32> {
        self.index.get(&raw).copied()
    }

    /// The raw id at dense index `idx`, if in range.
    pub fn raw(&self, idx: u32) -> Option<RawId> {
        self.raw.get(idx as usize).copied()
    }

    /// Number of ids.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Raw ids in dense-index order.
    pub fn raw_ids(&self) -> &[RawId] {
        &self.raw
    }
}
