//! `CountVectorizer` and `TfidfVectorizer` with scikit-learn's semantics.

use rayon::prelude::*;

use crate::csr::CsrMatrix;
use crate::error::{Result, TextError};
use std::hash::Hasher;

use crate::hash::{FxHashMap, FxHasher};
use crate::tokenize::{Analyzer, StopWords, TermScratch};

/// A document-frequency bound (`min_df`/`max_df`): a number of documents or a proportion of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DocFreq {
    /// An absolute number of documents (scikit-learn's `int`).
    Count(usize),
    /// A proportion of the documents in `[0, 1]` (scikit-learn's `float`).
    Proportion(f64),
}

impl DocFreq {
    fn docs(self, name: &'static str, n_docs: usize) -> Result<f64> {
        match self {
            DocFreq::Count(c) => Ok(c as f64),
            DocFreq::Proportion(p) if (0.0..=1.0).contains(&p) => Ok(p * n_docs as f64),
            DocFreq::Proportion(p) => Err(TextError::InvalidDocFreq { name, value: p }),
        }
    }
}

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
    fn from_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut v = Self {
            text: String::new(),
            starts: vec![0],
        };
        for t in terms {
            v.text.push_str(t);
            v.starts.push(v.text.len());
        }
        v
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
            match self.text[self.starts[mid]..self.starts[mid + 1]].cmp(term) {
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
fn prefix(t: &str) -> u64 {
    let b = t.as_bytes();
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(w)
}

/// The distinct terms of a chunk. Words are stored in one string and found by their 64-bit hash
/// (words with the same hash are chained, and compared); an n-gram of n ≥ 2 words is the pair
/// (its first n − 1 words' id, its last word's id), found by that pair, so n-grams are neither
/// built nor hashed as strings. Ids are given in order of first appearance.
#[derive(Default)]
struct Terms {
    /// Word text.
    text: String,
    /// Per id: `(start, end)` in `text` of a word, or `(left id | PAIR, right id)` of an n-gram.
    parts: Vec<(u64, u64)>,
    /// Word hash → (id, length, first 8 bytes as [`prefix`]): words of at most 8 bytes are
    /// compared without reading `text`.
    words: FxHashMap<u64, (u32, u32, u64)>,
    /// Per id: a stop word (never counted).
    stop: Vec<bool>,
    /// Next word id with the same hash (`u32::MAX`: none); unused for n-grams.
    next: Vec<u32>,
    pairs: FxHashMap<u64, u32>,
}

/// Marks an n-gram in [`Terms::parts`].
const PAIR: u64 = 1 << 63;

impl Terms {
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
    fn word(&mut self, t: &str, stop: impl FnOnce(&str) -> bool) -> Option<u32> {
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
    fn pair(&mut self, left: u32, right: u32) -> Option<u32> {
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
    fn materialize(&self) -> (String, Vec<usize>) {
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

/// The documents of one worker, counted: its distinct terms in sorted order and, per document,
/// its distinct terms (ranks in that order) with their counts.
struct Chunk {
    /// The distinct terms, sorted, concatenated.
    text: String,
    /// `starts[r]..starts[r + 1]` is the `r`-th term in `text`.
    starts: Vec<usize>,
    /// [`prefix`] of each term.
    pre: Vec<u64>,
    indptr: Vec<usize>,
    ids: Vec<u32>,
    counts: Vec<u32>,
}

impl Chunk {
    /// The `r`-th term in sorted order.
    fn sorted_term(&self, r: usize) -> &str {
        &self.text[self.starts[r]..self.starts[r + 1]]
    }

    /// Number of distinct terms.
    fn n_terms(&self) -> usize {
        self.pre.len()
    }
}

fn count_chunk<S: AsRef<str>>(analyzer: &Analyzer, docs: &[S]) -> Result<Chunk> {
    let mut terms = Terms::default();
    // table sizes from the text length (TMDB 5000 overviews: a distinct word per ~40 bytes, a
    // distinct bigram per ~10)
    let bytes: usize = docs.iter().map(|d| d.as_ref().len()).sum();
    terms.words.reserve((bytes / 32).min(1 << 24));
    terms.pairs.reserve((bytes / 8).min(1 << 26));
    let mut scratch = TermScratch::default();
    let (mut doc, mut words, mut grams): (Vec<u32>, Vec<u32>, Vec<u32>) = Default::default();
    let mut indptr = Vec::with_capacity(docs.len() + 1);
    let (mut ids, mut counts) = (Vec::new(), Vec::new());
    indptr.push(0);
    let fast = analyzer.fast_ngrams();
    let stop_words = analyzer.fast_stop_words();
    let is_stop = |w: &str| stop_words.is_some_and(|s| s.contains(w));
    // per term: 1 + the last document (of this chunk) it was seen in, and its position in `ids`
    let (mut seen, mut slot): (Vec<usize>, Vec<usize>) = Default::default();
    for (dn, d) in docs.iter().enumerate() {
        doc.clear();
        let split = fast.and_then(|f| {
            analyzer
                .split_words(d.as_ref(), &mut scratch, true)
                .map(|w| (f, w))
        });
        match split {
            Some(((min, max), (text, spans))) => {
                words.clear();
                for &(a, b) in spans {
                    let id = terms
                        .word(&text[a..b], is_stop)
                        .ok_or(TextError::TooManyTerms)?;
                    if !terms.stop[id as usize] {
                        words.push(id);
                    }
                }
                if min == 1 {
                    doc.extend_from_slice(&words);
                }
                // grams[p]: the id of the (n − 1)-gram starting at p, then of the n-gram
                grams.clear();
                grams.extend_from_slice(&words);
                for n in 2..=max.min(words.len()) {
                    for p in 0..=words.len() - n {
                        let id = terms
                            .pair(grams[p], words[p + n - 1])
                            .ok_or(TextError::TooManyTerms)?;
                        grams[p] = id;
                        if n >= min {
                            doc.push(id);
                        }
                    }
                    grams.truncate(words.len() - n + 1);
                }
            }
            None => {
                for t in analyzer.tokens(d.as_ref()) {
                    doc.push(terms.word(&t, |_| false).ok_or(TextError::TooManyTerms)?);
                }
            }
        }
        // distinct terms in order of first occurrence, with their counts
        if seen.len() < terms.parts.len() {
            seen.resize(terms.parts.len(), 0);
            slot.resize(terms.parts.len(), 0);
        }
        for &id in &doc {
            let k = id as usize;
            if seen[k] == dn + 1 {
                counts[slot[k]] += 1;
            } else {
                seen[k] = dn + 1;
                slot[k] = ids.len();
                ids.push(id);
                counts.push(1u32);
            }
        }
        indptr.push(ids.len());
    }
    // the terms counted (n-grams below min_n only served to build longer ones), sorted; the
    // documents then refer to ranks in that order
    let (all, all_starts) = terms.materialize();
    drop(terms);
    let term = |id: u32| &all[all_starts[id as usize]..all_starts[id as usize + 1]];
    let mut used = vec![false; all_starts.len() - 1];
    for &id in &ids {
        used[id as usize] = true;
    }
    let mut sorted: Vec<(u64, u32)> = (0..used.len() as u32)
        .filter(|&id| used[id as usize])
        .map(|id| (prefix(term(id)), id))
        .collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| term(a.1).cmp(term(b.1))));
    let mut rank = vec![0u32; used.len()];
    for (r, &(_, id)) in sorted.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    for id in &mut ids {
        *id = rank[*id as usize];
    }
    drop(rank);
    let mut text = String::with_capacity(all.len());
    let mut starts = Vec::with_capacity(sorted.len() + 1);
    starts.push(0);
    for &(_, id) in &sorted {
        text.push_str(term(id));
        starts.push(text.len());
    }
    let pre = sorted.iter().map(|e| e.0).collect();
    Ok(Chunk {
        text,
        starts,
        pre,
        indptr,
        ids,
        counts,
    })
}

/// Merges the chunks' sorted terms: every distinct term once, in sorted order, and per chunk
/// the global rank of each of its ranks.
fn merge_terms(chunks: &[Chunk]) -> (Vocabulary, Vec<Vec<u32>>) {
    let mut all = Vocabulary::from_terms([]);
    all.text
        .reserve(chunks.iter().map(|c| c.text.len()).max().unwrap_or(0));
    let mut maps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|c| Vec::with_capacity(c.n_terms()))
        .collect();
    let mut heads: Vec<usize> = vec![0; chunks.len()];
    loop {
        // the chunk whose next term is the smallest
        let mut best: Option<usize> = None;
        for (k, c) in chunks.iter().enumerate() {
            if heads[k] >= c.n_terms() {
                continue;
            }
            best = match best {
                Some(b) => {
                    let cb = &chunks[b];
                    let ord = c.pre[heads[k]]
                        .cmp(&cb.pre[heads[b]])
                        .then_with(|| c.sorted_term(heads[k]).cmp(cb.sorted_term(heads[b])));
                    Some(if ord.is_lt() { k } else { b })
                }
                None => Some(k),
            };
        }
        let Some(b) = best else { break };
        let (cb, hb) = (&chunks[b], heads[b]);
        let (t, p) = (cb.sorted_term(hb), cb.pre[hb]);
        let g = all.len() as u32;
        all.text.push_str(t);
        all.starts.push(all.text.len());
        for (k, c) in chunks.iter().enumerate() {
            let h = heads[k];
            if h < c.n_terms() && c.pre[h] == p && c.sorted_term(h) == t {
                maps[k].push(g);
                heads[k] += 1;
            }
        }
    }
    (all, maps)
}

/// Counts `docs` in parallel, in contiguous chunks (document order is kept).
fn count_all<S: AsRef<str> + Sync>(analyzer: &Analyzer, docs: &[S]) -> Result<Vec<Chunk>> {
    let parts = rayon::current_num_threads().max(1) * 2;
    let size = docs.len().div_ceil(parts).max(64);
    if docs.len() <= size {
        return Ok(vec![count_chunk(analyzer, docs)?]);
    }
    docs.par_chunks(size)
        .map(|c| count_chunk(analyzer, c))
        .collect()
}

/// The CSR matrix of counted chunks, local ids mapped to columns by `cols` (one table per chunk;
/// `u32::MAX` drops a term).
fn to_matrix(n_cols: usize, chunks: &[Chunk], cols: &[Vec<u32>]) -> CsrMatrix {
    let parts: Vec<(Vec<usize>, Vec<u32>, Vec<f32>)> = chunks
        .par_iter()
        .zip(cols)
        .map(|(c, col)| {
            let mut lens = Vec::with_capacity(c.indptr.len() - 1);
            let mut indices = Vec::with_capacity(c.ids.len());
            let mut data = Vec::with_capacity(c.ids.len());
            // (column << 32 | count): sorting the keys sorts by column
            let mut row: Vec<u64> = Vec::new();
            for w in c.indptr.windows(2) {
                row.clear();
                row.extend(
                    c.ids[w[0]..w[1]]
                        .iter()
                        .zip(&c.counts[w[0]..w[1]])
                        .map(|(&id, &n)| (u64::from(col[id as usize]) << 32) | u64::from(n))
                        .filter(|&e| e >> 32 != u64::from(u32::MAX)),
                );
                row.sort_unstable();
                lens.push(row.len());
                indices.extend(row.iter().map(|&e| (e >> 32) as u32));
                data.extend(row.iter().map(|&e| (e & 0xffff_ffff) as f32));
            }
            (lens, indices, data)
        })
        .collect();
    let nnz = parts.iter().map(|p| p.1.len()).sum();
    let n_rows = parts.iter().map(|p| p.0.len()).sum::<usize>();
    let mut indptr = Vec::with_capacity(n_rows + 1);
    let mut indices = Vec::with_capacity(nnz);
    let mut data = Vec::with_capacity(nnz);
    indptr.push(0);
    for (lens, i, d) in parts {
        for l in lens {
            indptr.push(indptr[indptr.len() - 1] + l);
        }
        indices.extend_from_slice(&i);
        data.extend_from_slice(&d);
    }
    CsrMatrix::from_parts_unchecked(n_cols, indptr, indices, data)
}

/// Term counts per document, like scikit-learn's `CountVectorizer(analyzer='word')`.
///
/// Defaults are scikit-learn's: lowercase, token pattern `(?u)\b\w\w+\b`, no stop words,
/// unigrams, `min_df = 1`, `max_df = 1.0`, no `max_features`. Columns are terms in sorted order.
///
/// ```
/// use recsys_text::{CountVectorizer, StopWords};
/// let mut cv = CountVectorizer::new().stop_words(StopWords::english()).ngram_range(1, 2);
/// let x = cv.fit_transform(&["The cat sat.", "The cat, the hat!"]).unwrap();
/// assert_eq!(cv.vocabulary().unwrap().terms(), ["cat", "cat hat", "cat sat", "hat", "sat"]);
/// assert_eq!(x.to_dense(), vec![vec![1.0, 0.0, 1.0, 0.0, 1.0], vec![1.0, 1.0, 0.0, 1.0, 0.0]]);
/// ```
#[derive(Debug, Clone)]
pub struct CountVectorizer {
    lowercase: bool,
    stop_words: Option<StopWords>,
    ngram_range: (usize, usize),
    min_df: DocFreq,
    max_df: DocFreq,
    max_features: Option<usize>,
    analyzer: Option<Analyzer>,
    vocabulary: Option<Vocabulary>,
}

impl Default for CountVectorizer {
    fn default() -> Self {
        Self::new()
    }
}

impl CountVectorizer {
    /// scikit-learn's defaults.
    pub fn new() -> Self {
        Self {
            lowercase: true,
            stop_words: None,
            ngram_range: (1, 1),
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
            analyzer: None,
            vocabulary: None,
        }
    }

    /// Lowercase the text before tokenizing (default `true`).
    pub fn lowercase(mut self, yes: bool) -> Self {
        self.lowercase = yes;
        self
    }

    /// Removes these words after tokenizing and before making n-grams.
    pub fn stop_words(mut self, words: StopWords) -> Self {
        self.stop_words = Some(words);
        self
    }

    /// N-gram sizes `min..=max` (default `(1, 1)`); checked when fitting.
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.ngram_range = (min, max);
        self
    }

    /// Drop terms in fewer documents than this (default `Count(1)`).
    pub fn min_df(mut self, df: DocFreq) -> Self {
        self.min_df = df;
        self
    }

    /// Drop terms in more documents than this (default `Proportion(1.0)`).
    pub fn max_df(mut self, df: DocFreq) -> Self {
        self.max_df = df;
        self
    }

    /// Keep only the `n` terms most frequent over the corpus (ties by term), after `min_df`/`max_df`.
    pub fn max_features(mut self, n: Option<usize>) -> Self {
        self.max_features = n;
        self
    }

    /// A custom analyzer, replacing `lowercase`, `stop_words` and `ngram_range` (e.g. the
    /// Unicode-words splitter with a [`Stemmer`](crate::Stemmer)).
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.analyzer = Some(analyzer);
        self
    }

    /// The analyzer used on every document.
    pub fn build_analyzer(&self) -> Result<Analyzer> {
        if let Some(a) = &self.analyzer {
            return Ok(a.clone());
        }
        let (min, max) = self.ngram_range;
        if min == 0 || min > max {
            return Err(TextError::InvalidNgramRange { min, max });
        }
        Ok(Analyzer::sklearn(
            self.lowercase,
            self.stop_words.clone(),
            min,
            max,
        ))
    }

    /// The fitted vocabulary, `None` before fitting.
    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.vocabulary.as_ref()
    }

    /// Learns the vocabulary of `docs`.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<&mut Self> {
        self.fit_transform(docs)?;
        Ok(self)
    }

    /// Counts of the fitted vocabulary's terms in `docs`; unknown terms are ignored.
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix> {
        let vocab = self.vocabulary.as_ref().ok_or(TextError::NotFitted)?;
        let analyzer = self.build_analyzer()?;
        let chunks = count_all(&analyzer, docs)?;
        let cols: Vec<Vec<u32>> = chunks
            .iter()
            .map(|c| {
                (0..c.n_terms())
                    .map(|r| vocab.get(c.sorted_term(r)).map_or(u32::MAX, |j| j as u32))
                    .collect()
            })
            .collect();
        Ok(to_matrix(vocab.len(), &chunks, &cols))
    }

    /// Learns the vocabulary and returns the document-term counts.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<CsrMatrix> {
        let analyzer = self.build_analyzer()?;
        let n = docs.len();
        let max_docs = self.max_df.docs("max_df", n)?;
        let min_docs = self.min_df.docs("min_df", n)?;
        if max_docs < min_docs {
            return Err(TextError::MaxDfBelowMinDf { max_docs, min_docs });
        }
        if self.max_features == Some(0) {
            return Err(TextError::InvalidMaxFeatures);
        }
        let chunks = count_all(&analyzer, docs)?;
        let (all, to_global) = merge_terms(&chunks);
        if all.is_empty() {
            return Err(TextError::EmptyVocabulary);
        }
        // document frequency and (for max_features) corpus frequency of every term
        let mut df = vec![0u32; all.len()];
        let mut cf = if self.max_features.is_some() {
            vec![0u64; all.len()]
        } else {
            Vec::new()
        };
        for (c, map) in chunks.iter().zip(&to_global) {
            for (&id, &n) in c.ids.iter().zip(&c.counts) {
                let g = map[id as usize] as usize;
                df[g] += 1;
                if let Some(x) = cf.get_mut(g) {
                    *x += u64::from(n);
                }
            }
        }
        // global ids are in term order
        let mut kept: Vec<u32> = (0..all.len() as u32)
            .filter(|&g| {
                let d = f64::from(df[g as usize]);
                d >= min_docs && d <= max_docs
            })
            .collect();
        if let Some(m) = self.max_features
            && kept.len() > m
        {
            kept.sort_unstable_by(|&a, &b| cf[b as usize].cmp(&cf[a as usize]).then(a.cmp(&b)));
            kept.truncate(m);
            kept.sort_unstable();
        }
        if kept.is_empty() {
            return Err(TextError::NoTermsRemain);
        }
        let (vocab, cols) = if kept.len() == all.len() {
            (all, to_global)
        } else {
            let mut col_of = vec![u32::MAX; all.len()];
            for (col, &g) in kept.iter().enumerate() {
                col_of[g as usize] = col as u32;
            }
            let cols = to_global
                .iter()
                .map(|m| m.iter().map(|&g| col_of[g as usize]).collect())
                .collect();
            let vocab = Vocabulary::from_terms(kept.iter().filter_map(|&g| all.term(g as usize)));
            (vocab, cols)
        };
        let x = to_matrix(vocab.len(), &chunks, &cols);
        self.vocabulary = Some(vocab);
        Ok(x)
    }
}

/// Row normalization of [`TfidfVectorizer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Norm {
    /// Euclidean: rows of unit length (then dot products are cosines).
    L2,
    /// Rows whose absolute values sum to 1.
    L1,
}

/// TF-IDF weights per document, like scikit-learn's `TfidfVectorizer`.
///
/// `tf` is the raw count (or `1 + ln(count)` with `sublinear_tf`); with `smooth_idf` (default)
/// `idf = ln((1 + n) / (1 + df)) + 1`, else `ln(n / df) + 1`; rows are then scaled to unit L2
/// norm (default), unit L1 norm, or left as they are. Values are computed in `f64` and stored
/// as `f32`.
///
/// ```
/// use recsys_text::TfidfVectorizer;
/// let mut tf = TfidfVectorizer::new();
/// let x = tf.fit_transform(&["apple banana", "apple"]).unwrap();
/// // idf(apple) = ln(3/3) + 1 = 1, idf(banana) = ln(3/2) + 1
/// let b = 1.5f64.ln() + 1.0;
/// let n = (1.0 + b * b).sqrt();
/// assert!((x.get(0, 0) as f64 - 1.0 / n).abs() < 1e-6);
/// assert!((x.get(0, 1) as f64 - b / n).abs() < 1e-6);
/// assert_eq!(x.get(1, 0), 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct TfidfVectorizer {
    counts: CountVectorizer,
    norm: Option<Norm>,
    use_idf: bool,
    smooth_idf: bool,
    sublinear_tf: bool,
    idf: Option<Vec<f64>>,
}

impl Default for TfidfVectorizer {
    fn default() -> Self {
        Self::new()
    }
}

impl TfidfVectorizer {
    /// scikit-learn's defaults: those of [`CountVectorizer::new`], L2 norm, `use_idf`,
    /// `smooth_idf`, no `sublinear_tf`.
    pub fn new() -> Self {
        Self {
            counts: CountVectorizer::new(),
            norm: Some(Norm::L2),
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
            idf: None,
        }
    }

    /// See [`CountVectorizer::lowercase`].
    pub fn lowercase(mut self, yes: bool) -> Self {
        self.counts = self.counts.lowercase(yes);
        self
    }

    /// See [`CountVectorizer::stop_words`].
    pub fn stop_words(mut self, words: StopWords) -> Self {
        self.counts = self.counts.stop_words(words);
        self
    }

    /// See [`CountVectorizer::ngram_range`].
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.counts = self.counts.ngram_range(min, max);
        self
    }

    /// See [`CountVectorizer::min_df`].
    pub fn min_df(mut self, df: DocFreq) -> Self {
        self.counts = self.counts.min_df(df);
        self
    }

    /// See [`CountVectorizer::max_df`].
    pub fn max_df(mut self, df: DocFreq) -> Self {
        self.counts = self.counts.max_df(df);
        self
    }

    /// See [`CountVectorizer::max_features`].
    pub fn max_features(mut self, n: Option<usize>) -> Self {
        self.counts = self.counts.max_features(n);
        self
    }

    /// See [`CountVectorizer::analyzer`].
    pub fn analyzer(mut self, analyzer: Analyzer) -> Self {
        self.counts = self.counts.analyzer(analyzer);
        self
    }

    /// Row normalization (default `Some(Norm::L2)`; `None` leaves rows as they are).
    pub fn norm(mut self, norm: Option<Norm>) -> Self {
        self.norm = norm;
        self
    }

    /// Weight by inverse document frequency (default `true`).
    pub fn use_idf(mut self, yes: bool) -> Self {
        self.use_idf = yes;
        self
    }

    /// Add one to document frequencies as if a document held every term once (default `true`).
    pub fn smooth_idf(mut self, yes: bool) -> Self {
        self.smooth_idf = yes;
        self
    }

    /// Replace `tf` by `1 + ln(tf)` (default `false`).
    pub fn sublinear_tf(mut self, yes: bool) -> Self {
        self.sublinear_tf = yes;
        self
    }

    /// The fitted vocabulary, `None` before fitting.
    pub fn vocabulary(&self) -> Option<&Vocabulary> {
        self.counts.vocabulary()
    }

    /// The fitted idf per column; `None` before fitting or without `use_idf`.
    pub fn idf(&self) -> Option<&[f64]> {
        self.idf.as_deref()
    }

    /// Learns the vocabulary and idf of `docs`.
    pub fn fit<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<&mut Self> {
        self.fit_transform(docs)?;
        Ok(self)
    }

    /// Learns the vocabulary and idf, and returns the TF-IDF matrix of `docs`.
    pub fn fit_transform<S: AsRef<str> + Sync>(&mut self, docs: &[S]) -> Result<CsrMatrix> {
        let counts = self.counts.fit_transform(docs)?;
        self.idf = self.use_idf.then(|| {
            let mut df = vec![0u64; counts.n_cols()];
            for &j in counts.indices() {
                df[j as usize] += 1;
            }
            let s = if self.smooth_idf { 1.0 } else { 0.0 };
            let n = counts.n_rows() as f64 + s;
            df.iter()
                .map(|&d| (n / (d as f64 + s)).ln() + 1.0)
                .collect()
        });
        Ok(self.weigh(counts))
    }

    /// The TF-IDF matrix of `docs` with the fitted vocabulary and idf; unknown terms are ignored.
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<CsrMatrix> {
        Ok(self.weigh(self.counts.transform(docs)?))
    }

    fn weigh(&self, mut x: CsrMatrix) -> CsrMatrix {
        let (indptr, indices, data) = x.parts_mut();
        let idf = self.idf.as_deref();
        let (sublinear, norm) = (self.sublinear_tf, self.norm);
        let mut rows: Vec<&mut [f32]> = Vec::with_capacity(indptr.len() - 1);
        let mut rest = data;
        for w in indptr.windows(2) {
            let (r, t) = rest.split_at_mut(w[1] - w[0]);
            rows.push(r);
            rest = t;
        }
        let weight = |c: f32, j: u32| {
            let mut t = f64::from(c);
            if sublinear {
                t = t.ln() + 1.0;
            }
            if let Some(idf) = idf {
                t *= idf[j as usize];
            }
            t
        };
        rows.into_par_iter()
            .zip(indptr.par_windows(2))
            .with_min_len(256)
            .for_each(|(vals, w)| {
                let cols = &indices[w[0]..w[1]];
                let s = match norm {
                    Some(Norm::L2) => vals
                        .iter()
                        .zip(cols)
                        .map(|(&c, &j)| {
                            let t = weight(c, j);
                            t * t
                        })
                        .sum::<f64>()
                        .sqrt(),
                    Some(Norm::L1) => vals
                        .iter()
                        .zip(cols)
                        .map(|(&c, &j)| weight(c, j).abs())
                        .sum::<f64>(),
                    None => 1.0,
                };
                let s = if s == 0.0 { 1.0 } else { s };
                for (o, &j) in vals.iter_mut().zip(cols) {
                    *o = (weight(*o, j) / s) as f32;
                }
            });
        x
    }
}
