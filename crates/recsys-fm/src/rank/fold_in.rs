//! [`FoldIn`] for [`RankFm`] (`lightfm-warp`, `fm-bpr`, `fm-warp-content`): a new user as a
//! fresh user feature of value 1 (a new id), its embedding learned by the fit's steps with
//! every item fixed.
//!
//! The embedding starts at zero (the prior user, whose ranking is the item biases) with adagrad
//! accumulators at 1, and takes [`RankFmParams::epochs`](super::RankFmParams::epochs) epochs;
//! each epoch visits the history's items once, in a seeded shuffled order ([`FoldInSampler`]),
//! with the fit's step on the user's side: WARP tries negatives until one scores above the
//! positive's score minus 1 (at most `max_sampled`) and weighs the step by
//! `ln ⌊(n_items − 1) / tries⌋` (at most 10); BPR takes one negative and weighs it by
//! `σ(x_uj − x_ui)`. The step is adagrad on `weight·(q_neg − q_pos) + user_alpha·x`.
//! Negatives are drawn uniformly over the items not in the history. Every item of the history
//! is a positive: the values only need to be finite.

use recsys_core::traits::{FoldIn, FoldedUser};
use recsys_core::{CandidateScorer, Result};

use super::batch::MAX_LOSS;
use super::kernel::adagrad;
use super::{RankFm, RankFmLoss};
use crate::dot::dot8 as dot;
use crate::fold_in_sampler::{FoldInSampler, fold_in_positives};

impl FoldIn for RankFm {
    fn fold_in_items(&self) -> usize {
        self.n_items()
    }

    fn fold_in(&self, history: &[(u32, f32)]) -> Result<FoldedUser> {
        fold_in_positives(history, self.n_items(), |seen| self.fold_in_repr(seen))
    }

    /// `x·q_i + b_i` with the folded representation `x`; items outside the item rows get
    /// `-inf`.
    fn score_folded(&self, user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        let k = self.params.rank;
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match self.item_repr(i) {
                Some(q) if user.state.len() == k => dot(&user.state, &q[..k]) + q[k],
                _ => f32::NEG_INFINITY,
            };
        }
    }
}

impl RankFm {
    /// The folded user's representation (`rank` values) for the positives `seen` (ascending,
    /// distinct, inside the item rows), as the module documents.
    fn fold_in_repr(&self, seen: &[u32]) -> Vec<f32> {
        let (k, n) = (self.params.rank, self.n_items());
        let mut x = vec![0.0f32; k];
        let Some(mut draws) = FoldInSampler::new(self.params.seed, seen, n) else {
            return x;
        };
        let mut acc = vec![1.0f32; k];
        let mut d = vec![0.0f32; k];
        let score = |x: &[f32], i: u32| -> Option<(f32, &[f32])> {
            let q = self.item_repr(i)?;
            Some((dot(x, &q[..k]) + q[k], &q[..k]))
        };
        let tries = match self.params.loss {
            RankFmLoss::Warp => self.params.max_sampled,
            RankFmLoss::Bpr => 1,
        };
        for _ in 0..self.params.epochs {
            for pos in draws.epoch() {
                let Some((sp, qp)) = score(&x, pos) else {
                    continue;
                };
                for t in 1..=tries {
                    let Some((sn, qn)) = score(&x, draws.negative()) else {
                        continue;
                    };
                    let weight = match self.params.loss {
                        RankFmLoss::Warp if sn <= sp - 1.0 => continue,
                        RankFmLoss::Warp => ((((n - 1) / t) as f32).max(1.0)).ln().min(MAX_LOSS),
                        RankFmLoss::Bpr => 1.0 / (1.0 + (sp - sn).exp()),
                    };
                    for ((d, a), b) in d.iter_mut().zip(qn).zip(qp) {
                        *d = a - b;
                    }
                    adagrad(
                        &mut x,
                        &mut acc,
                        &d,
                        weight,
                        self.params.learning_rate,
                        self.params.user_alpha,
                    );
                    break;
                }
            }
        }
        x
    }
}
