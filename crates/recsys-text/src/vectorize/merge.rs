//! From counted chunks to one result: the merged sorted vocabulary, and the CSR matrix of
//! counts with chunk-local term ranks mapped to columns.

use rayon::prelude::*;

use super::chunk::Chunk;
use super::vocabulary::Vocabulary;
use crate::csr::CsrMatrix;

/// Merges the chunks' sorted terms: every distinct term once, in sorted order, and per chunk
/// the global rank of each of its ranks.
pub(super) fn merge_terms(chunks: &[Chunk]) -> (Vocabulary, Vec<Vec<u32>>) {
    let bytes = chunks.iter().map(|c| c.terms.text_len()).max().unwrap_or(0);
    let mut all = Vocabulary::with_capacity(bytes, 0);
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
        all.push(t);
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

/// Per chunk, the column in `vocab` of each of its ranks (`u32::MAX`: not in `vocab`).
pub(super) fn columns_in(vocab: &Vocabulary, chunks: &[Chunk]) -> Vec<Vec<u32>> {
    chunks
        .iter()
        .map(|c| {
            (0..c.n_terms())
                .map(|r| vocab.get(c.sorted_term(r)).map_or(u32::MAX, |j| j as u32))
                .collect()
        })
        .collect()
}

/// The CSR matrix of counted chunks, local ids mapped to columns by `cols` (one table per chunk;
/// `u32::MAX` drops a term).
pub(super) fn to_matrix(n_cols: usize, chunks: &[Chunk], cols: &[Vec<u32>]) -> CsrMatrix {
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
