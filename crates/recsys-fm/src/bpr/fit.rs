//! Fitting [`Bpr`]: `iterations` epochs of `nnz` SGD steps on triples — a positive uniformly
//! among the training interactions, a negative uniformly over the items (Cornac's, Rendle et
//! al.'s) or as the item of another uniformly drawn interaction (popularity-drawn, `implicit`'s),
//! skipped when the user has it — on [`BprParams::blocks`] strata in parallel (`strata.rs`):
//! the model depends on the seed and the block count, never on the threads.

use std::time::Instant;

use rand::RngExt;
use recsys_core::traits::{EpochRecord, Fit};
use recsys_core::{Interactions, WrapsCore};

use super::RankLoss;
use super::seen::Seen;
use super::strata::{Epoch, EpochScratch, balanced_cuts, run_epoch};
use super::{Bpr, BprParams};
use crate::error::FmError;
use crate::random::stream_rng;

impl Fit for BprParams {
    type Model = Bpr;
    type Error = FmError;

    fn fit(&self, train: &Interactions) -> Result<Bpr, FmError> {
        self.check()?;
        if train.is_empty() {
            return Err(FmError::empty("no training interactions to fit BPR on"));
        }
        let (nu, ni, k1) = (train.n_users(), train.n_items(), self.factors + 1);
        // initial factors as implicit and Cornac draw them: uniform in [−0.5, 0.5) / factors,
        // zero for users and items without interactions, the user's bias column 1
        let mut init = stream_rng(self.seed, u64::MAX);
        let mut draw = |n: usize| -> Vec<f32> {
            (0..n * k1)
                .map(|_| (init.random::<f32>() - 0.5) / self.factors as f32)
                .collect()
        };
        let mut items = draw(ni);
        let mut users = draw(nu);
        for (i, &c) in train.item_counts().iter().enumerate() {
            if c == 0 {
                items[i * k1..(i + 1) * k1].fill(0.0);
            }
            // BPR's item biases start at 0, as Cornac's do
            if self.loss == RankLoss::Bpr {
                items[i * k1 + self.factors] = 0.0;
            }
        }
        for (u, &c) in train.user_counts().iter().enumerate() {
            if c == 0 {
                users[u * k1..(u + 1) * k1].fill(0.0);
            }
            users[u * k1 + self.factors] = 1.0;
        }
        let user_of: Vec<u32> = train.iter().map(|x| x.user).collect();
        let item_of: Vec<u32> = train.iter().map(|x| x.item).collect();
        let user_cuts = balanced_cuts(&train.user_counts(), self.blocks.min(nu).max(1));
        // WARP's adagrad keeps a squared-gradient accumulator (starting at 1) per parameter,
        // after the row's parameters
        let row = match self.loss {
            RankLoss::Bpr => k1,
            RankLoss::Warp => 2 * k1,
        };
        let (mut users, mut items) = (widen(&users, k1, row), widen(&items, k1, row));
        let seen = Seen::new(train);
        let job = Epoch {
            seen: &seen,
            user_of: &user_of,
            item_of: &item_of,
            user_cuts: &user_cuts,
            k1,
            row,
            loss: self.loss,
            max_sampled: self.max_sampled,
            lr: self.learning_rate,
            reg: self.regularization,
            uniform: self.uniform_negatives,
            catalog: self.loss == RankLoss::Warp && self.uniform_negatives && !self.block_negatives,
            verify: self.verify_negative_samples,
            seed: self.seed,
            simd: recsys_core::simd::Simd::detect(),
        };
        let mut curve = Vec::with_capacity(self.iterations);
        let mut scratch = EpochScratch::default();
        for epoch in 0..self.iterations {
            let start = Instant::now();
            let (loss, used) = run_epoch(&job, epoch, &mut users, &mut items, &mut scratch);
            curve.push(EpochRecord {
                epoch: epoch + 1,
                loss: loss / used.max(1) as f64,
                seconds: start.elapsed().as_secs_f64(),
                validation: Vec::new(),
            });
        }
        let (users, items) = (narrow(&users, row, k1), narrow(&items, row, k1));
        if users.iter().chain(&items).any(|v| !v.is_finite()) {
            return Err(FmError::param(
                "learning_rate",
                "the factors overflowed: lower the learning rate",
            ));
        }
        Bpr::from_parts(users, items, self.clone()).map(|m| m.with_curve(curve))
    }
}

/// Rows of `k` values widened to `row` values, the new ones 1.
fn widen(m: &[f32], k: usize, row: usize) -> Vec<f32> {
    if row == k {
        return m.to_vec();
    }
    let mut out = vec![1.0f32; m.len() / k * row];
    for (o, r) in out.chunks_exact_mut(row).zip(m.chunks_exact(k)) {
        o[..k].copy_from_slice(r);
    }
    out
}

/// The first `k` values of each row of `row` values.
fn narrow(m: &[f32], row: usize, k: usize) -> Vec<f32> {
    m.chunks_exact(row)
        .flat_map(|r| r[..k].iter().copied())
        .collect()
}
