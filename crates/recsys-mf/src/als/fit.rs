//! Fitting [`Als`]: seeded initialization, then alternating half-steps, each row's system
//! solved by a few CG steps; and the registry spec of [`AlsParams`].

use recsys_core::WrapsCore;
use std::time::Instant;

use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use recsys_core::Interactions;
use recsys_core::traits::{EpochRecord, Fit};

use super::cg::{Row, Scratch};
use super::dispatch;
use super::gram::{gram, plus_diagonal};
use super::kernel::dot_plain;
use super::loss::weighted_loss;
use super::params::Conf;
use super::{Als, AlsParams};
use crate::error::MfError;
use crate::simd::Simd;
use recsys_core::model_spec;

/// Scale of the uniform initialization: factors start in `[0, 0.01)`, as in `implicit`.
const INIT_SCALE: f32 = 0.01;

impl Fit for AlsParams {
    type Model = Als;
    type Error = MfError;

    /// Fits on `train` (every rating is an interaction). Errors: bad hyperparameters, empty
    /// data, non-positive ratings with `use_ratings`, a thread pool that cannot be built, or
    /// factors that overflowed to infinity or NaN (an extreme `alpha`).
    fn fit(&self, train: &Interactions) -> Result<Als, MfError> {
        self.check()?;
        if train.is_empty() {
            return Err(MfError::empty("no training interactions to fit on"));
        }
        if self.use_ratings
            && let Some(r) = train.matrix().data().iter().find(|&&r| r <= 0.0)
        {
            return Err(MfError::param(
                "use_ratings",
                format!("ratings must be > 0 to serve as confidences, found {r}"),
            ));
        }
        let simd = Simd::detect();
        let model = if self.threads == 0 {
            fit_impl(self, train, simd)
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .build()
                .map_err(|e| {
                    let reason = format!("cannot build a pool of {} threads: {e}", self.threads);
                    MfError::param("threads", reason)
                })?;
            pool.install(|| fit_impl(self, train, simd))
        };
        let finite = |m: &Array2<f32>| m.iter().all(|v| v.is_finite());
        if !(finite(&model.user_factors) && finite(&model.item_factors)) {
            return Err(MfError::param(
                "alpha",
                "the factors overflowed: lower alpha or raise the regularization",
            ));
        }
        Ok(model)
    }
}

/// The fit with the checked `p` and the kernels `simd` allows.
fn fit_impl(p: &AlsParams, train: &Interactions, simd: Simd) -> Als {
    let k = p.factors;
    let (nu, ni) = (train.n_users(), train.n_items());
    let conf = p.conf();
    let reg = p.regularization as f32;

    let mut rng = Xoshiro256PlusPlus::seed_from_u64(p.seed);
    let mut x: Vec<f32> = (0..nu * k)
        .map(|_| rng.random::<f32>() * INIT_SCALE)
        .collect();
    let mut y: Vec<f32> = (0..ni * k)
        .map(|_| rng.random::<f32>() * INIT_SCALE)
        .collect();

    let by_item = train.by_item();
    let user_rows = |u: usize| {
        let r = train.row(u as u32);
        (r.items, r.ratings)
    };
    let item_rows = |i: usize| by_item.item(i as u32);

    // Σ over observed cells of c (for the loss's normalization), fixed by the data.
    let total_conf: f64 = train
        .matrix()
        .data()
        .iter()
        .map(|&r| f64::from(conf.of(r)))
        .sum();
    let cells = nu as f64 * ni as f64 - train.nnz() as f64 + total_conf;

    let mut curve = Vec::with_capacity(p.iterations);
    let mut gram_y = gram(&y, k, simd);
    for it in 0..p.iterations {
        let t = Instant::now();
        solve_half(
            &mut x, &y, &gram_y, k, reg, p.cg_steps, conf, simd, &user_rows,
        );
        let gram_x = gram(&x, k, simd);
        solve_half(
            &mut y, &x, &gram_x, k, reg, p.cg_steps, conf, simd, &item_rows,
        );
        gram_y = gram(&y, k, simd);
        let loss = weighted_loss(&x, &y, &gram_x, &gram_y, k, reg, conf, simd, &user_rows) / cells;
        curve.push(EpochRecord {
            epoch: it + 1,
            loss,
            seconds: t.elapsed().as_secs_f64(),
            validation: Vec::new(),
        });
    }

    let item_norms = y.chunks_exact(k).map(|r| dot_plain(r, r).sqrt()).collect();
    Als {
        user_factors: Array2::from_shape_vec((nu, k), x).unwrap_or_else(|_| unreachable!()),
        item_factors: Array2::from_shape_vec((ni, k), y).unwrap_or_else(|_| unreachable!()),
        item_norms,
        params: p.clone(),
        curve,
        fold_in_system: std::sync::OnceLock::new(),
    }
}

model_spec!(AlsParams, "als", |m, _train| m.into_model());

/// One half-step: every row of `x` (the side being solved) from the fixed factors `y`, whose
/// Gram matrix is `gram`. Rows without interactions get zero factors.
#[allow(clippy::too_many_arguments)]
fn solve_half<'a>(
    x: &mut [f32],
    y: &[f32],
    gram: &[f32],
    k: usize,
    reg: f32,
    cg_steps: usize,
    conf: Conf,
    simd: Simd,
    rows: &(dyn Fn(usize) -> (&'a [u32], &'a [f32]) + Sync),
) {
    let a = &plus_diagonal(gram.to_vec(), k, reg);
    x.par_chunks_mut(k)
        .enumerate()
        .for_each_init(Scratch::default, |scratch, (u, xu)| {
            let (items, ratings) = rows(u);
            if items.is_empty() {
                xu.fill(0.0);
                return;
            }
            let row = Row {
                a,
                y,
                items,
                ratings,
                conf,
                steps: cg_steps,
            };
            dispatch::cg_row(simd, &row, xu, scratch);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_simd_kernels_agree_to_rounding() {
        // 120 users × 200 items, ~2,400 interactions from a fixed generator
        let mut b = recsys_core::InteractionsBuilder::new();
        let mut z: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2_400 {
            z ^= z << 13;
            z ^= z >> 7;
            z ^= z << 17;
            b.push(z % 120, (z >> 24) % 200, 1.0, None).unwrap();
        }
        let m = b.build(recsys_core::DuplicatePolicy::KeepLast).unwrap();
        let p = AlsParams::tuned().with_factors(16);
        let plain = fit_impl(&p, &m, Simd::Baseline);
        let fast = fit_impl(&p, &m, Simd::detect());
        let scores = |a: &Als| a.user_factors.dot(&a.item_factors.t());
        let (s1, s2) = (scores(&plain), scores(&fast));
        let scale = s1.iter().fold(0.0f32, |acc, v| acc.max(v.abs()));
        let diff = s1
            .iter()
            .zip(&s2)
            .fold(0.0f32, |acc, (a, b)| acc.max((a - b).abs()));
        assert!(diff <= 1e-3 * scale, "max |Δscore| {diff} of {scale}");
    }
}
