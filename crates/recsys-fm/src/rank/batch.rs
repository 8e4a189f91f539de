//! One epoch of the ranking FM in batches, so that two threads share the work and the result
//! depends on the seed and the batch size only.
//!
//! An epoch visits every training interaction once, in a shuffled order (generator
//! `(seed, epoch·(nnz + 1))`), cut into batches of `batch` interactions. Within a batch:
//! 1. *search*, in parallel: each interaction `x` draws its negatives from its own generator
//!    `(seed, epoch·(nnz + 1) + 1 + x)` and computes its step (the user's representation, the
//!    difference of the two items' representations, the loss weight) against the parameters as
//!    they were at the batch's start;
//! 2. *apply*: the steps' adagrad updates in interaction order, the user features' side and the
//!    item features' side in parallel (no parameter belongs to both, and each parameter's
//!    updates depend only on the steps and its own state).
//!
//! No thread ever reads a parameter another thread writes, so the model does not depend on the
//! number of threads. With `batch = 1` this is LightFM's sequential loop.

use rand::RngExt;
use rand::seq::SliceRandom;
use rayon::prelude::*;
use recsys_core::Interactions;

use super::RankFmLoss;
use super::kernel::{adagrad, represent};
use crate::dot::dot8 as dot;
use crate::features::UserItemFeatures;
use crate::random::stream_rng;

/// LightFM's cap on WARP's loss weight.
pub(super) const MAX_LOSS: f32 = 10.0;

/// The trained parameters and their adagrad accumulators (starting at 1).
pub(super) struct State {
    /// User features' embeddings, `rank` per feature.
    pub user_emb: Vec<f32>,
    /// Their accumulators.
    pub user_acc: Vec<f32>,
    /// Item features' embeddings, `rank` per feature.
    pub item_emb: Vec<f32>,
    /// Their accumulators.
    pub item_acc: Vec<f32>,
    /// Item features' biases.
    pub item_bias: Vec<f32>,
    /// Their accumulators.
    pub bias_acc: Vec<f32>,
}

/// What every batch of a fit shares.
pub(super) struct Job<'a> {
    /// The training data (its `contains` rejects negatives the user has).
    pub train: &'a Interactions,
    /// The feature rows.
    pub features: &'a UserItemFeatures,
    /// Each interaction's user and item.
    pub user_of: &'a [u32],
    /// See `user_of`.
    pub item_of: &'a [u32],
    /// Embedding dimension.
    pub k: usize,
    /// The loss and WARP's negatives tried per positive.
    pub loss: RankFmLoss,
    /// See `loss`.
    pub max_sampled: usize,
    /// Learning rate.
    pub lr: f32,
    /// L2 weights of the item and user sides.
    pub item_alpha: f32,
    /// See `item_alpha`.
    pub user_alpha: f32,
    /// Interactions per batch.
    pub batch: usize,
    /// The seed.
    pub seed: u64,
}

/// One interaction's step: the loss weight (0: no update), the negative, the loss.
#[derive(Clone, Copy, Default)]
struct Step {
    user: u32,
    pos: u32,
    neg: u32,
    weight: f32,
    loss: f32,
}

/// Runs epoch `epoch` and returns the summed loss over the interactions.
pub(super) fn run_epoch(job: &Job<'_>, epoch: usize, s: &mut State) -> f64 {
    let (nnz, k) = (job.user_of.len(), job.k);
    let streams = nnz as u64 + 1;
    let mut order: Vec<u32> = (0..nnz as u32).collect();
    order.shuffle(&mut stream_rng(job.seed, epoch as u64 * streams));
    let mut steps = vec![Step::default(); job.batch];
    // per step: the user's representation, then q_neg − q_pos
    let mut grads = vec![0f32; job.batch * 2 * k];
    let mut total = 0.0f64;
    for chunk in order.chunks(job.batch) {
        let n = chunk.len();
        {
            let st: &State = s;
            steps[..n]
                .par_iter_mut()
                .zip(grads[..n * 2 * k].par_chunks_mut(2 * k))
                .zip(chunk.par_iter())
                .with_min_len(8)
                .for_each_init(
                    || vec![0f32; 2 * k],
                    |scratch, ((step, g), &x)| {
                        let stream = epoch as u64 * streams + 1 + u64::from(x);
                        *step = search(job, st, x as usize, stream, g, scratch);
                    },
                );
        }
        total += steps[..n].iter().map(|t| f64::from(t.loss)).sum::<f64>();
        apply(job, &steps[..n], &grads[..n * 2 * k], s);
    }
    total
}

/// The step of interaction `x`: writes `x_u` and `q_neg − q_pos` into `g`.
fn search(
    job: &Job<'_>,
    s: &State,
    x: usize,
    stream: u64,
    g: &mut [f32],
    scratch: &mut [f32],
) -> Step {
    let (k, f) = (job.k, job.features);
    let (u, i) = (job.user_of[x], job.item_of[x]);
    let mut step = Step {
        user: u,
        pos: i,
        ..Step::default()
    };
    let (xu, dq) = g.split_at_mut(k);
    let (qp, qn) = scratch.split_at_mut(k);
    represent(&f.user, u as usize, &s.user_emb, None, k, xu);
    let bp = represent(&f.item, i as usize, &s.item_emb, Some(&s.item_bias), k, qp);
    let sp = dot(xu, qp) + bp;
    let ni = f.item.n_rows();
    let mut rng = stream_rng(job.seed, stream);
    let tries = match job.loss {
        RankFmLoss::Warp => job.max_sampled,
        RankFmLoss::Bpr => 1,
    };
    for t in 1..=tries {
        let j = rng.random_range(0..ni as u32);
        let bn = represent(&f.item, j as usize, &s.item_emb, Some(&s.item_bias), k, qn);
        let sn = dot(xu, qn) + bn;
        let (weight, loss) = match job.loss {
            RankFmLoss::Warp => {
                if sn <= sp - 1.0 || job.train.contains(u, j) {
                    continue;
                }
                let rank = ((ni - 1) / t) as f32;
                let w = rank.max(1.0).ln().min(MAX_LOSS);
                (w, w * (1.0 - sp + sn))
            }
            RankFmLoss::Bpr => {
                if job.train.contains(u, j) {
                    break;
                }
                let z = sp - sn;
                // weight 1 − σ(z) = σ(−z); loss ln(1 + e^{−z})
                (1.0 / (1.0 + z.exp()), (-z).exp().ln_1p())
            }
        };
        for ((d, a), b) in dq.iter_mut().zip(&*qn).zip(&*qp) {
            *d = a - b;
        }
        step.neg = j;
        step.weight = weight;
        step.loss = loss;
        break;
    }
    step
}

/// Applies the steps in order: user features move along `weight·(q_neg − q_pos)`, the positive
/// item's features along `−weight·x_u` (biases `−weight`), the negative's along `+weight·x_u`
/// (biases `+weight`), each scaled by the feature's value.
fn apply(job: &Job<'_>, steps: &[Step], grads: &[f32], s: &mut State) {
    let (k, f, lr) = (job.k, job.features, job.lr);
    let State {
        user_emb,
        user_acc,
        item_emb,
        item_acc,
        item_bias,
        bias_acc,
    } = s;
    let users = || {
        for (t, g) in steps.iter().zip(grads.chunks_exact(2 * k)) {
            if t.weight == 0.0 {
                continue;
            }
            let (cols, vals) = f.user.row(t.user as usize);
            for (&c, &v) in cols.iter().zip(vals) {
                let c = c as usize;
                let (p, a) = (
                    &mut user_emb[c * k..(c + 1) * k],
                    &mut user_acc[c * k..(c + 1) * k],
                );
                adagrad(p, a, &g[k..], t.weight * v, lr, job.user_alpha);
            }
        }
    };
    let items = || {
        for (t, g) in steps.iter().zip(grads.chunks_exact(2 * k)) {
            if t.weight == 0.0 {
                continue;
            }
            for (item, sign) in [(t.pos, -1.0f32), (t.neg, 1.0)] {
                let (cols, vals) = f.item.row(item as usize);
                for (&c, &v) in cols.iter().zip(vals) {
                    let c = c as usize;
                    let w = sign * t.weight * v;
                    let (p, a) = (
                        &mut item_emb[c * k..(c + 1) * k],
                        &mut item_acc[c * k..(c + 1) * k],
                    );
                    adagrad(p, a, &g[..k], w, lr, job.item_alpha);
                    adagrad(
                        std::slice::from_mut(&mut item_bias[c]),
                        std::slice::from_mut(&mut bias_acc[c]),
                        &[1.0],
                        w,
                        lr,
                        job.item_alpha,
                    );
                }
            }
        }
    };
    rayon::join(users, items);
}
