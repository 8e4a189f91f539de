//! The fitted vocabulary: sorted terms in one string, and the order they are sorted in.

/// A fitted vocabulary: terms sorted in code-point order (Rust's `str` order, Python's `str`
/// order), each term's column is its rank (found by binary search). The terms are stored in one
/// string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    text: String,
    /// `starts[c]..starts[c + 1]` is term `c` in `text`.
    starts: Vec<usize>,
}

impl Vocabulary {
    /// No terms yet, with room for `n_terms` terms of `bytes` bytes in all.
    pub(super) fn with_capacity(bytes: usize, n_terms: usize) -> Self {
        let mut starts = Vec::with_capacity(n_terms + 1);
        starts.push(0);
        Self {
            text: String::with_capacity(bytes),
            starts,
        }
    }

    /// `terms`, which the caller gives in sorted order, as columns `0..`.
    pub(super) fn from_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Self::with_capacity(0, 0);
        for t in terms {
            v.push(t);
        }
        v
    }

    /// Appends `t` as the next column (the caller keeps the terms sorted).
    pub(super) fn push(&mut self, t: &str) {
        self.text.push_str(t);
        self.starts.push(self.text.len());
    }

    /// The term of column `col`, which must be below [`len`](Self::len).
    pub(super) fn term_at(&self, col: usize) -> &str {
        &self.text[self.starts[col]..self.starts[col + 1]]
    }

    /// Bytes of all the terms together.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The term of column `col`.
    pub fn term(&self, col: usize) -> Option<&str> {
        let (s, e) = (*self.starts.get(col)?, *self.starts.get(col + 1)?);
        self.text.get(s..e)
    }

    /// The terms, by column.
    pub fn terms(&self) -> Vec<&str> {
        self.iter().collect()
    }

    /// The terms, by column, without collecting them.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.starts.windows(2).map(|w| &self.text[w[0]..w[1]])
    }

    /// The column of `term`.
    pub fn get(&self, term: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.term_at(mid).cmp(term) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The first 8 bytes of a term, big-endian, zero-padded: comparing these first and the whole
/// terms only on a tie is the code-point order, with fewer byte-string comparisons.
pub(super) fn prefix(t: &str) -> u64 {
    let b = t.as_bytes();
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(w)
}
