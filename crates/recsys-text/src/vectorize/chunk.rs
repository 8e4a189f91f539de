//! Counting documents: each worker turns its contiguous chunk of documents into term ids,
//! counts them per document and sorts the chunk's distinct terms.

use rayon::prelude::*;

use super::terms::Terms;
use super::vocabulary::{Vocabulary, prefix};
use crate::error::{Result, TextError};
use crate::tokenize::{Analyzer, TermScratch};

/// The documents of one worker, counted: its distinct terms in sorted order and, per document,
/// its distinct terms (ranks in that order) with their counts.
pub(super) struct Chunk {
    /// The distinct terms, sorted.
    pub(super) terms: Vocabulary,
    /// [`prefix`] of each term.
    pub(super) pre: Vec<u64>,
    /// `indptr[d]..indptr[d + 1]` are document `d`'s entries in `ids` and `counts`.
    pub(super) indptr: Vec<usize>,
    /// Per entry: a term, as its rank in `terms`.
    pub(super) ids: Vec<u32>,
    /// Per entry: how often the document has the term.
    pub(super) counts: Vec<u32>,
}

impl Chunk {
    /// The `r`-th term in sorted order.
    pub(super) fn sorted_term(&self, r: usize) -> &str {
        self.terms.term_at(r)
    }

    /// Number of distinct terms.
    pub(super) fn n_terms(&self) -> usize {
        self.pre.len()
    }
}

/// Counts `docs` in parallel, in contiguous chunks (document order is kept).
pub(super) fn count_all<S: AsRef<str> + Sync>(
    analyzer: &Analyzer,
    docs: &[S],
) -> Result<Vec<Chunk>> {
    let parts = rayon::current_num_threads().max(1) * 2;
    let size = docs.len().div_ceil(parts).max(64);
    if docs.len() <= size {
        return Ok(vec![count_chunk(analyzer, docs)?]);
    }
    docs.par_chunks(size)
        .map(|c| count_chunk(analyzer, c))
        .collect()
}

fn count_chunk<S: AsRef<str>>(analyzer: &Analyzer, docs: &[S]) -> Result<Chunk> {
    // table sizes from the text length (TMDB 5000 overviews: a distinct word per ~40 bytes, a
    // distinct bigram per ~10)
    let bytes: usize = docs.iter().map(|d| d.as_ref().len()).sum();
    let mut reader = Reader::new(analyzer, bytes);
    let mut doc = Vec::new();
    let mut indptr = Vec::with_capacity(docs.len() + 1);
    let (mut ids, mut counts) = (Vec::new(), Vec::new());
    indptr.push(0);
    // per term: 1 + the last document (of this chunk) it was seen in, and its position in `ids`
    let (mut seen, mut slot): (Vec<usize>, Vec<usize>) = Default::default();
    for (dn, d) in docs.iter().enumerate() {
        doc.clear();
        reader.read(d.as_ref(), &mut doc)?;
        // distinct terms in order of first occurrence, with their counts
        if seen.len() < reader.terms.len() {
            seen.resize(reader.terms.len(), 0);
            slot.resize(reader.terms.len(), 0);
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
    let (terms, pre) = sort_terms(reader.terms, &mut ids);
    Ok(Chunk {
        terms,
        pre,
        indptr,
        ids,
        counts,
    })
}

/// Turns documents into term ids, interning their terms in `terms`.
struct Reader<'a> {
    analyzer: &'a Analyzer,
    terms: Terms,
    scratch: TermScratch,
    /// The ids of a document's words, stop words dropped.
    words: Vec<u32>,
    /// `grams[p]`: the id of the (n − 1)-gram starting at `p`, then of the n-gram.
    grams: Vec<u32>,
}

impl<'a> Reader<'a> {
    /// A reader for about `bytes` bytes of text.
    fn new(analyzer: &'a Analyzer, bytes: usize) -> Self {
        let mut terms = Terms::default();
        terms.words.reserve((bytes / 32).min(1 << 24));
        terms.pairs.reserve((bytes / 8).min(1 << 26));
        Self {
            analyzer,
            terms,
            scratch: TermScratch::default(),
            words: Vec::new(),
            grams: Vec::new(),
        }
    }

    /// Appends to `doc` the ids of the terms of `d`, in the analyzer's order.
    fn read(&mut self, d: &str, doc: &mut Vec<u32>) -> Result<()> {
        let analyzer = self.analyzer;
        let stop_words = analyzer.fast_stop_words();
        let is_stop = |w: &str| stop_words.is_some_and(|s| s.contains(w));
        let split = analyzer.fast_ngrams().and_then(|f| {
            analyzer
                .split_words(d, &mut self.scratch, true)
                .map(|w| (f, w))
        });
        let Some(((min, max), (text, spans))) = split else {
            for t in analyzer.tokens(d) {
                doc.push(
                    self.terms
                        .word(&t, |_| false)
                        .ok_or(TextError::TooManyTerms)?,
                );
            }
            return Ok(());
        };
        let (terms, words, grams) = (&mut self.terms, &mut self.words, &mut self.grams);
        words.clear();
        for &(a, b) in spans {
            let id = terms
                .word(&text[a..b], is_stop)
                .ok_or(TextError::TooManyTerms)?;
            if !terms.is_stop(id) {
                words.push(id);
            }
        }
        if min == 1 {
            doc.extend_from_slice(words);
        }
        grams.clear();
        grams.extend_from_slice(words);
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
        Ok(())
    }
}

/// The terms counted (the ids in `ids`; n-grams below min_n only served to build longer ones),
/// sorted, with their [`prefix`]es; `ids` are rewritten as ranks in that order.
fn sort_terms(terms: Terms, ids: &mut [u32]) -> (Vocabulary, Vec<u64>) {
    let (all, all_starts) = terms.materialize();
    drop(terms);
    let term = |id: u32| &all[all_starts[id as usize]..all_starts[id as usize + 1]];
    let mut used = vec![false; all_starts.len() - 1];
    for &id in ids.iter() {
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
    for id in ids.iter_mut() {
        *id = rank[*id as usize];
    }
    drop(rank);
    let mut vocab = Vocabulary::with_capacity(all.len(), sorted.len());
    for &(_, id) in &sorted {
        vocab.push(term(id));
    }
    (vocab, sorted.iter().map(|e| e.0).collect())
}
