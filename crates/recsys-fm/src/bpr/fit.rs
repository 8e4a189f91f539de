//! Fitting [`Bpr`]: `iterations` epochs of `nnz` SGD steps on triples sampled as `implicit`
//! samples them — a positive uniformly among the training interactions, a negative as the item
//! of another uniformly drawn interaction (so proportionally to popularity), skipped when the
//! user has it. One thread, each epoch its own generator `(seed, epoch)`: the model depends on
//! the seed only.

use std::time::Instant;

use rand::RngExt;
use recsys_core::traits::{EpochRecord, Fit};
use recsys_core::{Interactions, WrapsCore};

use super::kernel::bpr_step;
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
        // initial factors as implicit draws them: uniform in [−0.5, 0.5) / factors, zero for
        // users and items without interactions, the user's bias column 1
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
        }
        for (u, &c) in train.user_counts().iter().enumerate() {
            if c == 0 {
                users[u * k1..(u + 1) * k1].fill(0.0);
            }
            users[u * k1 + self.factors] = 1.0;
        }
        let user_of: Vec<u32> = train.iter().map(|x| x.user).collect();
        let item_of: Vec<u32> = train.iter().map(|x| x.item).collect();
        let n = user_of.len();
        let (lr, reg) = (self.learning_rate, self.regularization);
        let mut curve = Vec::with_capacity(self.iterations);
        for epoch in 0..self.iterations {
            let start = Instant::now();
            let mut rng = stream_rng(self.seed, epoch as u64);
            let (mut loss, mut used) = (0.0f64, 0usize);
            for _ in 0..n {
                let liked = rng.random_range(0..n);
                let disliked = if self.uniform_negatives {
                    rng.random_range(0..ni)
                } else {
                    rng.random_range(0..n)
                };
                let q = if self.uniform_negatives {
                    disliked as u32
                } else {
                    item_of[disliked]
                };
                let (u, p) = (user_of[liked], item_of[liked]);
                if self.verify_negative_samples && train.contains(u, q) {
                    continue;
                }
                if p == q {
                    continue;
                }
                let (u, p, q) = (u as usize, p as usize, q as usize);
                let x = &mut users[u * k1..(u + 1) * k1];
                let (pr, nr) = two_rows(&mut items, p, q, k1);
                let s = bpr_step(x, pr, nr, lr, reg);
                loss += softplus(-s as f64);
                used += 1;
            }
            curve.push(EpochRecord {
                epoch: epoch + 1,
                loss: loss / used.max(1) as f64,
                seconds: start.elapsed().as_secs_f64(),
                validation: Vec::new(),
            });
        }
        if users.iter().chain(&items).any(|v| !v.is_finite()) {
            return Err(FmError::param(
                "learning_rate",
                "the factors overflowed: lower the learning rate",
            ));
        }
        Bpr::from_parts(users, items, self.clone()).map(|m| m.with_curve(curve))
    }
}

/// `ln(1 + e^x)`, the BPR loss of a triple with score difference `−x`.
fn softplus(x: f64) -> f64 {
    if x > 30.0 { x } else { x.exp().ln_1p() }
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
