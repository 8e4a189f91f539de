//! One epoch of BPR on strata, so that several threads update disjoint rows and the result
//! depends on the seed and the block count only.
//!
//! The users are cut into `b` contiguous blocks of about equal interaction counts. Each epoch
//! the items are shuffled (a new permutation from the epoch's generator) and cut into `b`
//! blocks of equal size; the epoch then runs `b` rounds, round `r` pairing user block `j` with
//! item block `(j + r) mod b`, the `b` pairs of a round in parallel: no two touch the same user
//! or item row. A pair samples its own interactions (users of its user block, items of its item
//! block) uniformly with replacement (BPR) or each once in a shuffled order (WARP), as many
//! times as it holds. BPR draws each negative within its item block: uniformly, or as the item
//! of a uniformly drawn interaction of that block (popularity-drawn). WARP's uniform negatives
//! come from the whole catalogue, as LightFM's do (unless `block_negatives`): one inside the pair's item block is read and
//! stepped live; one outside is read from a copy of every item row taken when the round began,
//! and its step is recorded and applied when the round ends, pair by pair in order. Every pair
//! has its own generator `(seed, epoch, pair)`, so the order the threads run in changes
//! nothing. With `b = 1` this is the sequential sampler over all items.

use rand::RngExt;
use rand::seq::SliceRandom;
use rayon::prelude::*;

use super::RankLoss;
use super::kernel::bpr_step_on;
use super::seen::Seen;
use super::warp::{apply_deferred_on, row_score_on, warp_step_on};
use crate::random::stream_rng;
use recsys_core::simd::prefetch;

/// How many of a WARP step's candidate negatives have their rows prefetched before the first
/// is scored.
const PREFETCH_CANDIDATES: usize = 10;

/// How many steps ahead BPR draws its triples, prefetching their rows.
const BPR_AHEAD: usize = 8;

/// What every pair of an epoch shares.
pub(super) struct Epoch<'a> {
    /// The training pairs (verify negatives).
    pub seen: &'a Seen<'a>,
    /// Each interaction's user and item.
    pub user_of: &'a [u32],
    /// See `user_of`.
    pub item_of: &'a [u32],
    /// The first user of each user block, then the user count.
    pub user_cuts: &'a [usize],
    /// Parameters per row: factors + 1 (the item bias column; the user's is a constant 1).
    pub k1: usize,
    /// Values per row: `k1`, or `2·k1` with WARP's adagrad accumulators after the parameters.
    pub row: usize,
    /// The loss, and WARP's negatives tried per positive.
    pub loss: RankLoss,
    /// See `loss`.
    pub max_sampled: usize,
    /// Learning rate and regularization.
    pub lr: f32,
    /// See `lr`.
    pub reg: f32,
    /// Draw negatives uniformly (else popularity-drawn).
    pub uniform: bool,
    /// WARP's uniform negatives from the whole catalogue (else within the item block).
    pub catalog: bool,
    /// Skip negatives the user has.
    pub verify: bool,
    /// The seed.
    pub seed: u64,
    /// The vector instructions the BPR and WARP steps may use.
    pub simd: recsys_core::simd::Simd,
}

/// Cuts `0..counts.len()` into `b` contiguous blocks of about equal `counts` sums: the first
/// index of each block, then `counts.len()`.
pub(super) fn balanced_cuts(counts: &[u32], b: usize) -> Vec<usize> {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    let (n, b64) = (counts.len(), b as u64);
    let mut cuts = vec![0usize];
    let mut acc = 0u64;
    for (i, &c) in counts.iter().enumerate() {
        while cuts.len() < b && acc * b64 >= total * cuts.len() as u64 && i > 0 {
            cuts.push(i);
        }
        acc += u64::from(c);
    }
    while cuts.len() < b {
        cuts.push(n);
    }
    cuts.push(n);
    cuts
}

/// Runs epoch `epoch` over `users` and `items` (row-major, `k1` per row) and returns the summed
/// loss `Σ ln(1 + e^{−x_uij})` and the number of triples used.
///
/// `scratch` holds the buffers the epochs reuse (the items in permuted order and the rounds'
/// snapshots), so that each epoch does not fault in fresh pages.
pub(super) fn run_epoch(
    e: &Epoch<'_>,
    epoch: usize,
    users: &mut [f32],
    items: &mut [f32],
    scratch: &mut EpochScratch,
) -> (f64, usize) {
    let b = e.user_cuts.len() - 1;
    let (ni, row) = (items.len() / e.row, e.row);
    let streams = (b * b) as u64 + 1;
    // the epoch's item permutation and blocks
    let mut order: Vec<u32> = (0..ni as u32).collect();
    order.shuffle(&mut stream_rng(e.seed, epoch as u64 * streams));
    let mut pos = vec![0u32; ni];
    for (p, &i) in order.iter().enumerate() {
        pos[i as usize] = p as u32;
    }
    let item_cut = |blk: usize| blk * ni / b;
    let item_cuts: Vec<usize> = (0..=b).map(item_cut).collect();
    // each item's and each user's block, looked up once per item and user
    let item_block: Vec<u32> = pos
        .iter()
        .map(|&p| (item_cuts.partition_point(|&c| c <= p as usize) - 1) as u32)
        .collect();
    let user_block = block_of_rows(e.user_cuts);
    // the interactions of each pair, and each item block's interactions' items (popularity)
    let mut pair: Vec<Vec<u32>> = vec![Vec::new(); b * b];
    let mut pool: Vec<Vec<u32>> = vec![Vec::new(); b];
    for (x, (&u, &i)) in e.user_of.iter().zip(e.item_of).enumerate() {
        let ib = item_block[i as usize] as usize;
        pair[user_block[u as usize] as usize * b + ib].push(x as u32);
        pool[ib].push(i);
    }
    // items in permuted order, so each item block is one contiguous slice
    let perm = &mut scratch.perm;
    // every row is overwritten below
    perm.resize(items.len(), 0.0);
    perm.par_chunks_mut(row)
        .zip(order.par_iter())
        .for_each(|(to, &i)| to.copy_from_slice(&items[i as usize * row..(i as usize + 1) * row]));
    let mut totals = vec![(0.0f64, 0usize); b * b];
    {
        let mut user_blocks = split_rows(users, e.user_cuts, row);
        let mut item_blocks = split_rows(perm, &item_cuts, row);
        // WARP's catalogue-wide negatives outside a pair's block read this round's copy
        // (BPR keeps its negatives in the block: from the whole catalogue it ranked ml-100k
        // worse, 0.6670 against 0.6744 HR@10, and fitted ratings-small 2.5× slower)
        let catalog = e.catalog && b > 1;
        for r in 0..b {
            // the parameters alone (the accumulators stay in the live rows)
            let snap = &mut scratch.snap;
            snap.clear();
            if catalog {
                snap.resize(ni * e.k1, 0.0);
                let k1 = e.k1;
                split_rows(snap, &item_cuts, k1)
                    .into_par_iter()
                    .zip(item_blocks.par_iter())
                    .for_each(|(to, from)| {
                        to.par_chunks_mut(k1)
                            .zip(from.par_chunks(row))
                            .for_each(|(t, f)| t.copy_from_slice(&f[..k1]));
                    });
            }
            let snap = &snap[..];
            let mut rotated: Vec<&mut [f32]> = item_blocks.iter_mut().map(|s| &mut **s).collect();
            rotated.rotate_left(r);
            let results: Vec<(usize, Done)> = user_blocks
                .par_iter_mut()
                .zip(rotated.into_par_iter())
                .enumerate()
                .map(|(ub, (us, is))| {
                    let ib = (ub + r) % b;
                    let job = Pair {
                        samples: &pair[ub * b + ib],
                        pool: &pool[ib],
                        u0: e.user_cuts[ub],
                        p0: item_cuts[ib],
                        p1: item_cuts[ib + 1],
                        order: &order,
                        pos: &pos,
                        snap,
                    };
                    let stream = epoch as u64 * streams + 1 + (ub * b + ib) as u64;
                    (ub * b + ib, job.run(e, stream, us, is))
                })
                .collect();
            // the deferred steps of the round: each item block's in pair order, then in the
            // order they were taken; the blocks in parallel (no row is in two blocks)
            let mut per_block: Vec<Vec<(usize, &[f32])>> = vec![Vec::new(); b];
            for (at, done) in &results {
                totals[*at] = (done.loss, done.used);
                for (&qp, g) in done.deferred.iter().zip(done.grads.chunks_exact(e.k1)) {
                    let qp = qp as usize;
                    let blk = item_cuts.partition_point(|&c| c <= qp) - 1;
                    per_block[blk].push((qp - item_cuts[blk], g));
                }
            }
            item_blocks
                .par_iter_mut()
                .zip(per_block.par_iter())
                .for_each(|(rows, steps)| {
                    for &(at, g) in steps {
                        apply_deferred_on(e.simd, &mut rows[at * row..(at + 1) * row], g, e.lr);
                    }
                });
        }
    }
    items
        .par_chunks_mut(row)
        .zip(pos.par_iter())
        .for_each(|(to, &p)| to.copy_from_slice(&perm[p as usize * row..(p as usize + 1) * row]));
    totals
        .iter()
        .fold((0.0, 0), |(l, n), &(a, c)| (l + a, n + c))
}

/// The buffers [`run_epoch`] reuses from one epoch to the next.
#[derive(Default)]
pub(super) struct EpochScratch {
    /// The item rows in the epoch's permuted order.
    perm: Vec<f32>,
    /// A round's copy of every item's parameters (WARP's catalogue-wide negatives).
    snap: Vec<f32>,
}

/// The block of each row `0..cuts[last]` under the block starts `cuts` (then the row count).
fn block_of_rows(cuts: &[usize]) -> Vec<u32> {
    let mut of = Vec::with_capacity(cuts.last().copied().unwrap_or(0));
    for (blk, w) in cuts.windows(2).enumerate() {
        of.resize(w[1], blk as u32);
    }
    of
}

/// `m` (rows of `k` values) split at the row `cuts` into disjoint mutable blocks.
fn split_rows<'a>(mut m: &'a mut [f32], cuts: &[usize], k: usize) -> Vec<&'a mut [f32]> {
    let mut out = Vec::with_capacity(cuts.len().saturating_sub(1));
    for w in cuts.windows(2) {
        let (head, tail) = std::mem::take(&mut m).split_at_mut((w[1] - w[0]) * k);
        out.push(head);
        m = tail;
    }
    out
}

/// One (user block, item block) pair of a round.
struct Pair<'a> {
    /// Its interactions (indices into `user_of` / `item_of`).
    samples: &'a [u32],
    /// The items of its item block's interactions (popularity-drawn negatives).
    pool: &'a [u32],
    /// The block's first user.
    u0: usize,
    /// The item block's positions in the permutation: `p0..p1`.
    p0: usize,
    /// See `p0`.
    p1: usize,
    /// The permutation: position → item.
    order: &'a [u32],
    /// Item → position.
    pos: &'a [u32],
    /// Every item's parameters (`k1` values, no accumulators) in permuted order as the round
    /// began (WARP's catalogue-wide negatives; empty otherwise).
    snap: &'a [f32],
}

/// What a pair's run leaves: its loss and steps, and the deferred steps of negatives outside
/// its block (their positions and `k1` gradient values each).
#[derive(Default)]
struct Done {
    loss: f64,
    used: usize,
    deferred: Vec<u32>,
    grads: Vec<f32>,
}

impl Pair<'_> {
    /// `samples.len()` triples on the block's rows `users` and `items` (in permuted order).
    fn run(&self, e: &Epoch<'_>, stream: u64, users: &mut [f32], items: &mut [f32]) -> Done {
        let mut done = Done::default();
        if self.samples.is_empty() || self.p1 <= self.p0 {
            return done;
        }
        let mut rng = stream_rng(e.seed, stream);
        match e.loss {
            RankLoss::Bpr => (done.loss, done.used) = self.run_bpr(e, &mut rng, users, items),
            RankLoss::Warp => self.run_warp(e, &mut rng, users, items, &mut done),
        }
        done
    }

    /// BPR's triples: interactions drawn uniformly with replacement (Cornac's and
    /// `implicit`'s), each with one negative. Returns the summed loss and the steps taken.
    ///
    /// Every step draws its interaction, then its negative, whatever happens to it, so the
    /// draws are made [`BPR_AHEAD`] steps early from the same generator, in the same order, and
    /// the rows and bitset word they will touch prefetched: the same triples, with the memory
    /// waits overlapped.
    fn run_bpr(
        &self,
        e: &Epoch<'_>,
        rng: &mut impl RngExt,
        users: &mut [f32],
        items: &mut [f32],
    ) -> (f64, usize) {
        let (row, k1) = (e.row, e.k1);
        let n = self.samples.len();
        // each interaction's user, item and the item's row in the block, gathered once
        let local: Vec<[u32; 3]> = self
            .samples
            .iter()
            .map(|&x| {
                let (u, p) = (e.user_of[x as usize], e.item_of[x as usize]);
                [u, p, self.pos[p as usize] - self.p0 as u32]
            })
            .collect();
        // a drawn step: the interaction's user, item and row, the negative and its row
        let mut draw = || {
            let [u, p, pp] = local[rng.random_range(0..n)];
            let q = self.negative(e, rng);
            [u, p, pp, q, self.pos[q as usize] - self.p0 as u32]
        };
        // asks for what a drawn step will touch
        let ask = |[u, _, pp, q, qp]: [u32; 5], users: &[f32], items: &[f32]| {
            let ul = u as usize - self.u0;
            prefetch(&users[ul * row..ul * row + k1]);
            prefetch(&items[pp as usize * row..pp as usize * row + k1]);
            prefetch(&items[qp as usize * row..qp as usize * row + k1]);
            if e.verify {
                e.seen.prefetch(u, q);
            }
        };
        let mut ring: Vec<[u32; 5]> = Vec::with_capacity(BPR_AHEAD);
        for _ in 0..BPR_AHEAD.min(n) {
            let step = draw();
            ask(step, users, items);
            ring.push(step);
        }
        let mut used = 0usize;
        // BPR's loss −Σ ln σ as a running product of the likelihoods, its log taken only when
        // it nears f64's range (each σ ≥ f32's smallest value): one multiply per step
        let (mut likelihood, mut log_sum) = (1.0f64, 0.0f64);
        for t in 0..n {
            let [u, p, pp, q, qp] = ring[t % BPR_AHEAD];
            if t + BPR_AHEAD < n {
                let next = draw();
                ask(next, users, items);
                ring[t % BPR_AHEAD] = next;
            }
            if q == p || (e.verify && e.seen.contains(u, q)) {
                continue;
            }
            let ul = u as usize - self.u0;
            let xrow = &mut users[ul * row..(ul + 1) * row];
            let (pr, nr) = two_rows(items, pp as usize, qp as usize, row);
            let s = bpr_step_on(
                e.simd,
                &mut xrow[..k1],
                &mut pr[..k1],
                &mut nr[..k1],
                e.lr,
                e.reg,
            );
            likelihood *= f64::from(s);
            if likelihood < 1e-200 {
                log_sum += likelihood.ln();
                likelihood = 1.0;
            }
            used += 1;
        }
        (-log_sum - likelihood.ln(), used)
    }

    /// WARP's epoch: each interaction once, in a shuffled order (LightFM's), negatives tried
    /// until one violates the margin.
    fn run_warp(
        &self,
        e: &Epoch<'_>,
        rng: &mut (impl RngExt + Clone),
        users: &mut [f32],
        items: &mut [f32],
        done: &mut Done,
    ) {
        let (row, k1) = (e.row, e.k1);
        // an outside negative's parameters, then unit accumulators (its own step is discarded:
        // only its gradient is kept)
        let mut scratch = vec![1f32; row];
        // a live negative's gradient (already applied; not kept)
        let mut g_live = vec![0f32; k1];
        let mut loss = 0.0f64;
        let mut used = 0usize;
        let n_items = self.pos.len();
        // the rank weight `ln ⌊(n − 1) / tries⌋` (at least ln 1) by the tries it took
        let rank_weight: Vec<f32> = (1..=e.max_sampled)
            .map(|tries| (((n_items - 1) / tries).max(1) as f32).ln())
            .collect();
        // the interactions' user and item gathered first, then shuffled: the same permutation
        // as shuffling the interactions, read in order
        let pair = |&x: &u32| (e.user_of[x as usize], e.item_of[x as usize]);
        let mut visit: Vec<(u32, u32)> = self.samples.iter().map(pair).collect();
        visit.shuffle(rng);
        for &(u, p) in &visit {
            let ul = u as usize - self.u0;
            let pp = self.pos[p as usize] as usize - self.p0;
            let xrow = &mut users[ul * row..(ul + 1) * row];
            // the candidates are random rows: ask for the first few before scoring any (a
            // copy of the generator draws them; the chain is unchanged)
            let mut ahead = rng.clone();
            for _ in 0..e.max_sampled.min(PREFETCH_CANDIDATES) {
                let (q, at) = self.candidate(e, &mut ahead);
                prefetch(self.candidate_row(items, at, row, k1));
                if e.verify {
                    e.seen.prefetch(u, q);
                }
            }
            let s_pos = row_score_on(e.simd, xrow, &items[pp * row..(pp + 1) * row], k1);
            for tries in 1..=e.max_sampled {
                let (q, at) = self.candidate(e, rng);
                if q == p {
                    continue;
                }
                let inside = (self.p0..self.p1).contains(&at);
                let q_row = self.candidate_row(items, at, row, k1);
                let s_neg = row_score_on(e.simd, xrow, q_row, k1);
                if s_neg <= s_pos - 1.0 || (e.verify && e.seen.contains(u, q)) {
                    continue;
                }
                let weight = rank_weight[tries - 1];
                if inside {
                    let (pr, nr) = two_rows(items, pp, at - self.p0, row);
                    warp_step_on(e.simd, xrow, pr, nr, k1, e.lr, weight, e.reg, &mut g_live);
                } else {
                    scratch[..k1].copy_from_slice(q_row);
                    scratch[k1..].fill(1.0);
                    let pr = &mut items[pp * row..(pp + 1) * row];
                    let start = done.grads.len();
                    done.grads.resize(start + k1, 0.0);
                    let g = &mut done.grads[start..];
                    warp_step_on(e.simd, xrow, pr, &mut scratch, k1, e.lr, weight, e.reg, g);
                    done.deferred.push(at as u32);
                }
                loss += f64::from(weight * (1.0 - s_pos + s_neg));
                used += 1;
                break;
            }
        }
        done.loss = loss;
        done.used = used;
    }

    /// A WARP step's next candidate negative and its position in the epoch's item order:
    /// within the item block when the round has no snapshot of every item, else uniformly over
    /// every item (a uniform position, so no lookup of it).
    #[inline]
    fn candidate(&self, e: &Epoch<'_>, rng: &mut impl RngExt) -> (u32, usize) {
        if self.snap.is_empty() {
            let q = self.negative(e, rng);
            (q, self.pos[q as usize] as usize)
        } else {
            let at = rng.random_range(0..self.pos.len());
            (self.order[at], at)
        }
    }

    /// The parameters the candidate at position `at` is scored with: every candidate is
    /// scored as the round began, from one compact read-only copy that both threads share
    /// (the block's own rows without one).
    #[inline]
    fn candidate_row<'s>(
        &'s self,
        items: &'s [f32],
        at: usize,
        row: usize,
        k1: usize,
    ) -> &'s [f32] {
        if self.snap.is_empty() {
            &items[(at - self.p0) * row..(at - self.p0) * row + k1]
        } else {
            &self.snap[at * k1..(at + 1) * k1]
        }
    }

    /// A negative drawn within the item block: uniformly, or popularity-drawn.
    fn negative(&self, e: &Epoch<'_>, rng: &mut impl RngExt) -> u32 {
        if e.uniform {
            self.order[rng.random_range(self.p0..self.p1)]
        } else {
            self.pool[rng.random_range(0..self.pool.len())]
        }
    }
}

/// Rows `a` and `b` (distinct) of the row-major matrix `m` with rows of `k` entries.
fn two_rows(m: &mut [f32], a: usize, b: usize, k: usize) -> (&mut [f32], &mut [f32]) {
    if a < b {
        let (lo, hi) = m.split_at_mut(b * k);
        (&mut lo[a * k..(a + 1) * k], &mut hi[..k])
    } else {
        let (lo, hi) = m.split_at_mut(a * k);
        (&mut hi[..k], &mut lo[b * k..(b + 1) * k])
    }
}
