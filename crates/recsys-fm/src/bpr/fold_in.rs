//! [`FoldIn`] for [`Bpr`] (`bpr` and `fm-warp`): the fit's SGD replayed on one user, with
//! every item fixed.
//!
//! The user starts from zero factors (the prior user, whose ranking is the item biases) and
//! takes [`BprParams::iterations`](super::BprParams::iterations) epochs; each epoch visits the
//! history's items once, in a seeded shuffled order, with the fit's step:
//! - BPR: one negative per positive, `x += lr·(σ(−x·(y_p − y_n))·(y_p − y_n) − reg·x)`;
//! - WARP: negatives tried until one scores above the positive's score minus 1 (at most
//!   `max_sampled`), the hinge step weighted by `ln ⌊(n_items − 1) / tries⌋`, with the user's
//!   own adagrad accumulators starting at 1.
//!
//! Negatives are drawn uniformly over the items not in the history (the fit's popularity-drawn
//! negatives, `uniform_negatives = false`, need the training counts the model does not keep),
//! by [`FoldInSampler`]: a history folds in to the same bits every time, whatever its order. Every item of the history is a positive: the
//! values only need to be finite.

use recsys_core::traits::{FoldIn, FoldedUser};
use recsys_core::{CandidateScorer, Result};

use super::kernel::bpr_step;
use super::warp::{row_score, warp_step};
use super::{Bpr, RankLoss};
use crate::dot::dot8;
use crate::fold_in_sampler::{FoldInSampler, fold_in_positives};

impl FoldIn for Bpr {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> Result<FoldedUser> {
        fold_in_positives(history, self.n_items(), |seen| self.fold_in_factors(seen))
    }

    /// `x·y_i` with the folded factors `x` (the last entry 1, so the item bias counts); items
    /// outside the index space get `-inf`.
    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match self.item_factor(i) {
                Some(y) if user.state.len() == y.len() => dot8(&user.state, y),
                _ => f32::NEG_INFINITY,
            };
        }
    }
}

impl Bpr {
    /// The folded user's factors (`factors + 1` values, the last 1) for the positives `seen`
    /// (ascending, distinct, inside the index space), as the module documents.
    fn fold_in_factors(&self, seen: &[u32]) -> Vec<f32> {
        let (k1, n) = (self.params.factors + 1, self.n_items());
        let mut x = vec![0.0f32; k1];
        x[k1 - 1] = 1.0;
        let Some(mut draws) = FoldInSampler::new(self.params.seed, seen, n) else {
            return x;
        };
        let item = |i: u32| &self.items[i as usize * k1..(i as usize + 1) * k1];
        let (lr, reg) = (self.params.learning_rate, self.params.regularization);
        match self.params.loss {
            RankLoss::Bpr => {
                // the items' steps land on copies and are dropped: the items stay fixed
                let (mut p, mut q) = (vec![0.0f32; k1], vec![0.0f32; k1]);
                for _ in 0..self.params.iterations {
                    for pos in draws.epoch() {
                        let neg = draws.negative();
                        p.copy_from_slice(item(pos));
                        q.copy_from_slice(item(neg));
                        bpr_step(&mut x, &mut p, &mut q, lr, reg);
                    }
                }
                x
            }
            RankLoss::Warp => {
                // rows of parameters, then accumulators: the user's start at 1; the items'
                // copies are filled before each use
                let mut xw = [&x[..], &vec![1.0; k1]].concat();
                let (mut p, mut q, mut g) = (vec![1.0; 2 * k1], vec![1.0; 2 * k1], vec![0.0; k1]);
                let tries_max = self.params.max_sampled;
                for _ in 0..self.params.iterations {
                    for pos in draws.epoch() {
                        p[..k1].copy_from_slice(item(pos));
                        p[k1..].fill(1.0);
                        let s_pos = row_score(&xw, &p, k1);
                        for tries in 1..=tries_max {
                            let neg = draws.negative();
                            q[..k1].copy_from_slice(item(neg));
                            if row_score(&xw, &q, k1) <= s_pos - 1.0 {
                                continue;
                            }
                            q[k1..].fill(1.0);
                            let weight = (((n - 1) / tries).max(1) as f32).ln();
                            warp_step(&mut xw, &mut p, &mut q, k1, lr, weight, reg, &mut g);
                            break;
                        }
                    }
                }
                xw.truncate(k1);
                xw
            }
        }
    }
}
