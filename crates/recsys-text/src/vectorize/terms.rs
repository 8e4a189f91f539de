//! Interning the terms of a chunk of documents: words by hash, n-grams by pairs of ids.

use std::hash::Hasher;

use super::vocabulary::prefix;
use crate::hash::{FxHashMap, FxHasher};

/// The distinct terms of a chunk. Words are stored in one string and found by their 64-bit hash
/// (words with the same hash are chained, and compared); an n-gram of n ≥ 2 words is the pair
/// (its first n − 1 words' id, its last word's id), found by that pair, so n-grams are neither
/// built nor hashed as strings. Ids are given in order of first appearance.
#[derive(Default)]
pub(super) struct Terms {
    /// Word text.
    text: String,
    /// Per id: `(start, end)` in `text` of a word, or `(left id | PAIR, right id)` of an n-gram.
    parts: Vec<(u64, u64)>,
    /// Word hash → (id, length, first 8 bytes as [`prefix`]): words of at most 8 bytes are
    /// compared without reading `text`.
    pub(super) words: FxHashMap<u64, (u32, u32, u64)>,
    /// Per id: a stop word (never counted).
    stop: Vec<bool>,
    /// Next word id with the same hash (`u32::MAX`: none); unused for n-grams.
    next: Vec<u32>,
    /// `(left id << 32 | right id)` → id of the n-gram.
    pub(super) pairs: FxHashMap<u64, u32>,
}

/// Marks an n-gram in [`Terms::parts`].
const PAIR: u64 = 1 << 63;

impl Terms {
    /// Number of ids given so far.
    pub(super) fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether id `id` is a stop word.
    pub(super) fn is_stop(&self, id: u32) -> bool {
        self.stop[id as usize]
    }

    fn new_id(&mut self, part: (u64, u64), stop: bool) -> Option<u32> {
        let id = u32::try_from(self.parts.len())
            .ok()
            .filter(|&n| n < u32::MAX)?;
        self.parts.push(part);
        self.next.push(u32::MAX);
        self.stop.push(stop);
        Some(id)
    }

    fn word_text(&self, id: u32) -> &str {
        let (s, e) = self.parts[id as usize];
        &self.text[s as usize..e as usize]
    }

    /// The id of a word (any token of a custom analyzer, spaces included); `stop` says whether
    /// a new word is a stop word.
    pub(super) fn word(&mut self, t: &str, stop: impl FnOnce(&str) -> bool) -> Option<u32> {
        let mut h = FxHasher::default();
        h.write(t.as_bytes());
        let h = h.finish();
        let mut last = None;
        if let Some(&(first, len, pre)) = self.words.get(&h) {
            if len as usize == t.len() && t.len() <= 8 && pre == prefix(t) {
                return Some(first);
            }
            let mut id = first;
            loop {
                if self.word_text(id) == t {
                    return Some(id);
                }
                match self.next[id as usize] {
                    u32::MAX => break,
                    n => id = n,
                }
            }
            last = Some(id);
        }
        let start = self.text.len() as u64;
        self.text.push_str(t);
        let new = self.new_id((start, self.text.len() as u64), stop(t))?;
        match last {
            Some(l) => self.next[l as usize] = new,
            None => {
                let len = u32::try_from(t.len()).unwrap_or(u32::MAX);
                self.words.insert(h, (new, len, prefix(t)));
            }
        }
        Some(new)
    }

    /// The id of the n-gram `left` (an (n − 1)-gram or word) followed by the word `right`.
    pub(super) fn pair(&mut self, left: u32, right: u32) -> Option<u32> {
        let key = (u64::from(left) << 32) | u64::from(right);
        if let Some(&id) = self.pairs.get(&key) {
            return Some(id);
        }
        let id = self.new_id((u64::from(left) | PAIR, u64::from(right)), false)?;
        self.pairs.insert(key, id);
        Some(id)
    }

    /// The text of every id (an n-gram refers only to smaller ids), concatenated, and the
    /// offsets (`n + 1`).
    pub(super) fn materialize(&self) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(self.text.len() * 2);
        let mut starts = Vec::with_capacity(self.parts.len() + 1);
        starts.push(0);
        for &(a, b) in &self.parts {
            if a & PAIR == 0 {
                out.push_str(&self.text[a as usize..b as usize]);
            } else {
                let (l, r) = ((a & !PAIR) as usize, b as usize);
                let (ls, le) = (starts[l], starts[l + 1]);
                let (rs, re) = (starts[r], starts[r + 1]);
                out.extend_from_within(ls..le);
                out.push(' ');
                out.extend_from_within(rs..re);
            }
            starts.push(out.len());
        }
        (out, starts)
    }
}
