//! DSGD (Gemulla et al. 2011): SVD's epoch on several threads, over blocks of users and items
//! that touch disjoint factors.

use super::epoch::{Buffers, Factors, Pass};
use super::kernel::run_epoch;
use crate::simd::Simd;

/// Cuts `0..counts.len()` into `blocks` contiguous ranges holding about equal sums of `counts`;
/// returns the `blocks + 1` boundaries.
pub(super) fn balanced_cuts(counts: &[u32], blocks: usize) -> Vec<u32> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let mut cuts = vec![0u32];
    let mut acc = 0u64;
    for (i, &c) in counts.iter().enumerate() {
        acc += u64::from(c);
        let want = cuts.len() as u64 * total / blocks as u64;
        if cuts.len() < blocks && acc >= want && i + 1 < counts.len() {
            cuts.push(i as u32 + 1);
        }
    }
    while cuts.len() < blocks {
        cuts.push(counts.len() as u32);
    }
    cuts.push(counts.len() as u32);
    cuts
}

/// Splits `data` (rows of `k` values) at the row boundaries `cuts`.
fn split_rows<'a, T>(mut data: &'a mut [T], cuts: &[u32], k: usize) -> Vec<&'a mut [T]> {
    let mut out = Vec::with_capacity(cuts.len().saturating_sub(1));
    for w in cuts.windows(2) {
        let (a, rest) = data.split_at_mut((w[1] - w[0]) as usize * k);
        out.push(a);
        data = rest;
    }
    out
}

/// One DSGD epoch (Gemulla et al. 2011): users and items cut into `P` blocks; in stratum `s`
/// the `P` pairs (user block `b`, item block `(b + s) mod P`) touch disjoint factors and run in
/// parallel. Deterministic for a fixed number of blocks.
#[allow(clippy::too_many_arguments)]
pub(super) fn dsgd_epoch(
    pass: Pass<'_>,
    user_cuts: &[u32],
    item_cuts: &[u32],
    p: &mut [f32],
    q: &mut [f32],
    bu: &mut [f32],
    bi: &mut [f32],
    simd: Simd,
) -> f64 {
    use rayon::prelude::*;
    let c = pass.c;
    let blocks = user_cuts.len() - 1;
    // users of each block, in the epoch's order
    let mut block_users: Vec<Vec<u32>> = vec![Vec::new(); blocks];
    for &u in pass.order {
        let b = user_cuts.partition_point(|&x| x <= u) - 1;
        block_users[b.min(blocks - 1)].push(u);
    }
    let mut sse = 0.0;
    type Slot<'a> = Option<&'a mut [f32]>;
    let slots = |data, cuts, k| -> Vec<Slot<'_>> {
        split_rows(data, cuts, k).into_iter().map(Some).collect()
    };
    let mut p_blocks = slots(p, user_cuts, c.k);
    let mut bu_blocks = slots(bu, user_cuts, 1);
    let mut q_blocks = slots(q, item_cuts, c.k);
    let mut bi_blocks = slots(bi, item_cuts, 1);
    for s in 0..blocks {
        let tasks: Vec<_> = (0..blocks)
            .map(|b| {
                let ib = (b + s) % blocks;
                (
                    b,
                    ib,
                    p_blocks[b].take(),
                    bu_blocks[b].take(),
                    q_blocks[ib].take(),
                    bi_blocks[ib].take(),
                )
            })
            .collect();
        let results: Vec<_> = tasks
            .into_par_iter()
            .map(|(b, ib, pb, bub, qb, bib)| {
                let (Some(pb), Some(bub), Some(qb), Some(bib)) = (pb, bub, qb, bib) else {
                    return (b, ib, 0.0, None, None, None, None);
                };
                let mut fac = Factors {
                    p: pb,
                    q: qb,
                    y: &mut [],
                    bu: bub,
                    bi: bib,
                    u0: user_cuts[b],
                    i0: item_cuts[ib],
                    i_end: item_cuts[ib + 1],
                };
                let mut none = Buffers {
                    z: &mut [],
                    grad_y: &mut [],
                    pz: &mut [],
                };
                let order = &block_users[b];
                let e = run_epoch(Pass { order, ..pass }, &mut fac, &mut none, simd);
                let Factors { p, q, bu, bi, .. } = fac;
                (b, ib, e, Some(p), Some(bu), Some(q), Some(bi))
            })
            .collect();
        for (b, ib, e, pb, bub, qb, bib) in results {
            sse += e;
            p_blocks[b] = pb;
            bu_blocks[b] = bub;
            q_blocks[ib] = qb;
            bi_blocks[ib] = bib;
        }
    }
    sse
}
