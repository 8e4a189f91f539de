//! Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008), each user's and
//! item's system solved by a few conjugate-gradient steps (Takács, Pilászy & Tikk 2011), as the
//! `implicit` library's `least_squares_cg` does.
//!
//! Every rating of the training [`Interactions`] is an interaction: preference `p = 1` with
//! confidence `c` (see [`Confidence`]); every other (user, item) cell has `p = 0` and `c = 1`.
//! The model minimizes
//!
//! ```text
//! Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
//! ```
//!
//! alternating between users (items fixed) and items (users fixed). For a user, the exact
//! minimizer solves `(YᵀY + λI + Σ_{i∈I_u} (c_ui − 1) y_i y_iᵀ) x_u = Σ_{i∈I_u} c_ui y_i`; `YᵀY`
//! is computed once per half-iteration and each user runs [`AlsParams::cg_steps`] CG steps
//! warm-started from its previous factors, at O(k² + |I_u|·k) per step, never forming the k×k
//! matrix of the user.
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, CandidateScorer, traits::Fit};
//! use recsys_mf::AlsParams;
//! let mut b = InteractionsBuilder::new();
//! // users 1 and 2 like items 10 and 11; user 3 likes items 12 and 13
//! for (u, i) in [(1, 10), (1, 11), (2, 10), (2, 11), (3, 12), (3, 13), (4, 10)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let train = b.build(DuplicatePolicy::KeepLast)?;
//! let model = AlsParams::default().with_factors(4).with_regularization(0.1).fit(&train)?;
//! // user 4 (index 3) has item 10 only: item 11 (co-liked with 10) beats item 12
//! let mut s = [0.0; 2];
//! model.score(3, &[1, 2], &mut s);
//! assert!(s[0] > s[1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Determinism.** Initialization is seeded ([`AlsParams::seed`]). Each row's solve depends only
//! on the data and the other side's factors, and the Gram matrices are summed in fixed blocks in
//! a fixed order, so a fit is **bit-identical for any number of threads** on the same machine.
//! Kernels use AVX2+FMA when the CPU has them (detected at run time) and plain SIMD-friendly
//! loops otherwise: machines that differ in these features agree to float rounding only (on
//! ratings-small with [`AlsParams::tuned`], the two kernels' 6 million user–item scores differed
//! by at most 3e-4 of the largest score).

use std::time::Instant;

use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;
use recsys_core::traits::{EpochRecord, Fit, Model, top_n};
use recsys_core::{CandidateScorer, Interactions, RawId, Recommender};

use crate::MfError;

/// Scale of the uniform initialization: factors start in `[0, 0.01)`, as in `implicit`.
const INIT_SCALE: f32 = 0.01;
/// CG stops early once the squared residual norm falls below this (as in `implicit`).
const CG_EPS: f32 = 1e-20;
/// Rows per block of a Gram matrix: blocks are summed in order, whatever the thread count.
const GRAM_BLOCK: usize = 256;

/// How an observed interaction's value `v` (1, or the rating with [`AlsParams::use_ratings`])
/// becomes its confidence `c`. Unobserved cells always have confidence 1 and preference 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Confidence {
    /// `c = α·v`: what the `implicit` library (0.7) does, since it multiplies the interaction
    /// matrix by `alpha`. With binary data, `α = 1` weighs observed and unobserved cells alike.
    /// The default, so that `alpha` means the same as in `implicit`.
    #[default]
    Scaled,
    /// `c = 1 + α·v`: Hu, Koren & Volinsky (2008). `OnePlusAlpha` with `α` equals `Scaled` with
    /// `1 + α` on binary data.
    OnePlusAlpha,
}

impl Confidence {
    /// The confidence of an observed interaction of value `v` under weight `alpha`.
    pub fn of(self, alpha: f32, v: f32) -> f32 {
        match self {
            Confidence::Scaled => alpha * v,
            Confidence::OnePlusAlpha => 1.0 + alpha * v,
        }
    }

    /// Short name for reports: `alpha*v` or `1+alpha*v`.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::Scaled => "alpha*v",
            Confidence::OnePlusAlpha => "1+alpha*v",
        }
    }
}

/// Hyperparameters of [`Als`], with checked, builder-style setters.
///
/// [`AlsParams::default`] has `implicit`'s settings as the peers ran them: 64 factors, 15
/// iterations, regularization 0.01, 3 CG steps, `alpha` 1 with [`Confidence::Scaled`] (so
/// `alpha` means what it does in `implicit`), binary values, seed 0, rayon's global thread pool.
/// [`AlsParams::tuned`] changes `alpha` to 8 and the regularization to 40, chosen on validation
/// splits carved from training data (never on test data); it is the registry's `als`.
///
/// ```
/// use recsys_mf::{AlsParams, Confidence};
/// let p = AlsParams::default().with_factors(32).with_alpha(5.0).with_confidence(Confidence::OnePlusAlpha);
/// assert_eq!((p.factors, p.alpha), (32, 5.0));
/// assert!(p.check().is_ok());
/// assert!(AlsParams::default().with_regularization(-1.0).check().is_err());
/// assert_eq!((AlsParams::tuned().alpha, AlsParams::tuned().regularization), (8.0, 40.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AlsParams {
    /// Latent factors k (default 64).
    pub factors: usize,
    /// ALS iterations, each a user half-step then an item half-step (default 15).
    pub iterations: usize,
    /// L2 regularization λ, added to the diagonal of every system, not scaled by the number of
    /// interactions, as in `implicit` (default 0.01; must be finite and >= 0).
    pub regularization: f64,
    /// Confidence weight α (default 1; finite and > 0). See [`Confidence`].
    pub alpha: f64,
    /// The confidence rule (default [`Confidence::Scaled`], which matches `implicit`).
    pub confidence: Confidence,
    /// Use each rating as the interaction's value `v` instead of 1 (default false). Ratings must
    /// then be positive.
    pub use_ratings: bool,
    /// Conjugate-gradient steps per row and half-step (default 3, as in `implicit`; >= 1).
    pub cg_steps: usize,
    /// Seed of the initialization (default 0).
    pub seed: u64,
    /// Worker threads; 0 (the default) uses rayon's global pool (one thread per core, or
    /// `RAYON_NUM_THREADS`). Results do not depend on it.
    pub threads: usize,
}

impl Default for AlsParams {
    fn default() -> Self {
        Self {
            factors: 64,
            iterations: 15,
            regularization: 0.01,
            alpha: 1.0,
            confidence: Confidence::Scaled,
            use_ratings: false,
            cg_steps: 3,
            seed: 0,
            threads: 0,
        }
    }
}

impl AlsParams {
    /// The defaults (see [`AlsParams`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The defaults with `alpha` 8 and regularization 40: the best mean HR@10 of a validation
    /// search on ratings-small, ml-100k and ml-latest-small (each user's latest *training*
    /// interaction ranked among 99 sampled negatives; test data never seen). On those data the
    /// peers' range (regularization ≤ 0.1, alpha 1–10) scored about 0.05 lower; the optimum is
    /// a broad ridge at regularization/alpha ≈ 4–5 (see `validation_search` in
    /// `tests/als.rs`).
    pub fn tuned() -> Self {
        Self::default().with_alpha(8.0).with_regularization(40.0)
    }

    /// Sets [`AlsParams::factors`].
    pub fn with_factors(mut self, factors: usize) -> Self {
        self.factors = factors;
        self
    }

    /// Sets [`AlsParams::iterations`].
    pub fn with_iterations(mut self, iterations: usize) -> Self {
        self.iterations = iterations;
        self
    }

    /// Sets [`AlsParams::regularization`].
    pub fn with_regularization(mut self, regularization: f64) -> Self {
        self.regularization = regularization;
        self
    }

    /// Sets [`AlsParams::alpha`].
    pub fn with_alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }

    /// Sets [`AlsParams::confidence`].
    pub fn with_confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = confidence;
        self
    }

    /// Sets [`AlsParams::use_ratings`].
    pub fn with_use_ratings(mut self, use_ratings: bool) -> Self {
        self.use_ratings = use_ratings;
        self
    }

    /// Sets [`AlsParams::cg_steps`].
    pub fn with_cg_steps(mut self, cg_steps: usize) -> Self {
        self.cg_steps = cg_steps;
        self
    }

    /// Sets [`AlsParams::seed`].
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets [`AlsParams::threads`].
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Checks the hyperparameters: [`MfError::InvalidParameter`] names the first bad one.
    pub fn check(&self) -> Result<(), MfError> {
        let bad = |name, reason: &str| {
            Err(MfError::InvalidParameter {
                name,
                reason: reason.to_string(),
            })
        };
        if self.factors == 0 {
            return bad("factors", "must be at least 1");
        }
        if self.iterations == 0 {
            return bad("iterations", "must be at least 1");
        }
        if !(self.regularization.is_finite() && self.regularization >= 0.0) {
            return bad("regularization", "must be finite and >= 0");
        }
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return bad("alpha", "must be finite and > 0");
        }
        if (self.alpha as f32).is_infinite() || (self.regularization as f32).is_infinite() {
            return bad("alpha", "alpha and regularization must fit in f32");
        }
        if self.cg_steps == 0 {
            return bad("cg_steps", "must be at least 1");
        }
        Ok(())
    }

    /// The hyperparameters as `(name, value)` pairs, for reports.
    pub fn describe(&self) -> Vec<(String, String)> {
        let threads = if self.threads == 0 {
            "rayon default".to_string()
        } else {
            self.threads.to_string()
        };
        vec![
            ("factors".into(), self.factors.to_string()),
            ("iterations".into(), self.iterations.to_string()),
            ("regularization".into(), self.regularization.to_string()),
            ("alpha".into(), self.alpha.to_string()),
            ("confidence".into(), self.confidence.name().into()),
            (
                "values".into(),
                if self.use_ratings {
                    "ratings"
                } else {
                    "binary"
                }
                .into(),
            ),
            ("cg_steps".into(), self.cg_steps.to_string()),
            ("seed".into(), self.seed.to_string()),
            ("threads".into(), threads),
        ]
    }

    fn conf(&self) -> Conf {
        Conf {
            rule: self.confidence,
            alpha: self.alpha as f32,
            use_ratings: self.use_ratings,
        }
    }
}

/// The confidence of one stored value, as the kernels use it.
#[derive(Debug, Clone, Copy)]
struct Conf {
    rule: Confidence,
    alpha: f32,
    use_ratings: bool,
}

impl Conf {
    #[inline(always)]
    fn of(self, rating: f32) -> f32 {
        let v = if self.use_ratings { rating } else { 1.0 };
        self.rule.of(self.alpha, v)
    }
}

/// A fitted implicit ALS model: user and item factors.
///
/// Users and items without training interactions have zero factors: every score of such a user
/// is 0, and such an item scores 0 for everyone. A score is `x_u·y_i`, a preference estimate,
/// not a rating.
#[derive(Debug, Clone)]
pub struct Als {
    user_factors: Array2<f32>,
    item_factors: Array2<f32>,
    item_norms: Vec<f32>,
    params: AlsParams,
    curve: Vec<EpochRecord>,
}

impl Fit for AlsParams {
    type Model = Als;
    type Error = MfError;

    /// Fits on `train` (every rating is an interaction). Errors: bad hyperparameters, empty
    /// data, non-positive ratings with `use_ratings`, a thread pool that cannot be built, or
    /// factors that overflowed to infinity or NaN (an extreme `alpha`).
    fn fit(&self, train: &Interactions) -> Result<Als, MfError> {
        self.check()?;
        if train.is_empty() {
            return Err(MfError::EmptyData);
        }
        if self.use_ratings
            && let Some(r) = train.matrix().data().iter().find(|&&r| r <= 0.0)
        {
            return Err(MfError::InvalidParameter {
                name: "use_ratings",
                reason: format!("ratings must be > 0 to serve as confidences, found {r}"),
            });
        }
        let simd = Simd::detect();
        let model = if self.threads == 0 {
            fit_impl(self, train, simd)
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .build()
                .map_err(|e| MfError::InvalidParameter {
                    name: "threads",
                    reason: format!("cannot build a pool of {} threads: {e}", self.threads),
                })?;
            pool.install(|| fit_impl(self, train, simd))
        };
        let finite = |m: &Array2<f32>| m.iter().all(|v| v.is_finite());
        if !(finite(&model.user_factors) && finite(&model.item_factors)) {
            return Err(MfError::InvalidParameter {
                name: "alpha",
                reason: "the factors overflowed: lower alpha or raise the regularization".into(),
            });
        }
        Ok(model)
    }
}

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
    }
}

/// The training loss after an iteration, not yet normalized:
/// `Σ_{u,i} c_ui (p_ui − x_u·y_i)² + λ(|X|² + |Y|²)`, from `Σ_{u,i} (x_u·y_i)² = ⟨XᵀX, YᵀY⟩`
/// plus, over observed cells, `c (1 − s)² − s²`: O(k² + nnz·k) given both Gram matrices.
#[allow(clippy::too_many_arguments)]
fn weighted_loss<'a>(
    x: &[f32],
    y: &[f32],
    gram_x: &[f32],
    gram_y: &[f32],
    k: usize,
    reg: f32,
    conf: Conf,
    simd: Simd,
    rows: &(dyn Fn(usize) -> (&'a [u32], &'a [f32]) + Sync),
) -> f64 {
    let all: f64 = gram_x
        .iter()
        .zip(gram_y)
        .map(|(&a, &b)| f64::from(a) * f64::from(b))
        .sum();
    let observed: Vec<f64> = x
        .par_chunks(k)
        .enumerate()
        .map(|(u, xu)| {
            let (items, ratings) = rows(u);
            simd.observed_loss(xu, y, items, ratings, conf)
        })
        .collect();
    let observed: f64 = observed.iter().sum();
    let trace = |g: &[f32]| (0..k).map(|d| f64::from(g[d * k + d])).sum::<f64>();
    all + observed + f64::from(reg) * (trace(gram_x) + trace(gram_y))
}

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
    let mut a = gram.to_vec();
    for d in 0..k {
        a[d * k + d] += reg;
    }
    let a = &a;
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
            simd.cg(&row, xu, scratch);
        });
}

/// One row's system `(A + Σ (c−1) y_i y_iᵀ) x = Σ c y_i`, `A = YᵀY + λI`.
struct Row<'a> {
    a: &'a [f32],
    y: &'a [f32],
    items: &'a [u32],
    ratings: &'a [f32],
    conf: Conf,
    steps: usize,
}

/// Per-thread buffers of the CG kernel.
#[derive(Debug, Default)]
struct Scratch {
    r: Vec<f32>,
    p: Vec<f32>,
    ap: Vec<f32>,
    /// One weight per interaction of the row.
    w: Vec<f32>,
}

/// Which kernels the CPU runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simd {
    /// Plain loops (SSE2 on x86-64; whatever the compiler vectorizes elsewhere).
    Plain,
    /// AVX2 and FMA, detected at run time.
    #[cfg(target_arch = "x86_64")]
    Avx2Fma,
}

impl Simd {
    fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return Simd::Avx2Fma;
        }
        Simd::Plain
    }

    fn cg(self, row: &Row<'_>, x: &mut [f32], scratch: &mut Scratch) {
        match self {
            Simd::Plain => cg_row::<false>(row, x, scratch),
            // SAFETY: the CPU has AVX2 and FMA (checked in `detect`).
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2Fma => unsafe { avx2::cg_row(row, x, scratch) },
        }
    }

    fn gram_block(self, rows: &[f32], k: usize, g: &mut [f32]) {
        match self {
            Simd::Plain => gram_block::<false>(rows, k, g),
            // SAFETY: the CPU has AVX2 and FMA (checked in `detect`).
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2Fma => unsafe { avx2::gram_block(rows, k, g) },
        }
    }

    fn observed_loss(
        self,
        xu: &[f32],
        y: &[f32],
        items: &[u32],
        ratings: &[f32],
        conf: Conf,
    ) -> f64 {
        match self {
            Simd::Plain => observed_loss::<false>(xu, y, items, ratings, conf),
            // SAFETY: the CPU has AVX2 and FMA (checked in `detect`).
            #[cfg(target_arch = "x86_64")]
            Simd::Avx2Fma => unsafe { avx2::observed_loss(xu, y, items, ratings, conf) },
        }
    }
}

/// The kernels compiled with AVX2 and FMA: callers must check that the CPU has them.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{Conf, Row, Scratch};

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn cg_row(row: &Row<'_>, x: &mut [f32], scratch: &mut Scratch) {
        super::cg_row::<true>(row, x, scratch)
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn gram_block(rows: &[f32], k: usize, g: &mut [f32]) {
        super::gram_block::<true>(rows, k, g)
    }

    #[target_feature(enable = "avx2,fma")]
    pub(super) fn observed_loss(
        xu: &[f32],
        y: &[f32],
        items: &[u32],
        ratings: &[f32],
        conf: Conf,
    ) -> f64 {
        super::observed_loss::<true>(xu, y, items, ratings, conf)
    }
}

/// `a·b + c`, fused when `F` (only inside functions compiled with FMA).
#[inline(always)]
fn madd<const F: bool>(a: f32, b: f32, c: f32) -> f32 {
    if F { a.mul_add(b, c) } else { a * b + c }
}

/// Lanes of the dot-product accumulators.
const LANES: usize = 8;

#[inline(always)]
fn dot<const F: bool>(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (ac, at) = a.as_chunks::<LANES>();
    let (bc, bt) = b.as_chunks::<LANES>();
    let mut acc = [0.0f32; LANES];
    for (x, y) in ac.iter().zip(bc) {
        for j in 0..LANES {
            acc[j] = madd::<F>(x[j], y[j], acc[j]);
        }
    }
    for (j, (x, y)) in at.iter().zip(bt).enumerate() {
        acc[j] = madd::<F>(*x, *y, acc[j]);
    }
    reduce(acc)
}

/// The dot product of the scoring path (plain kernels).
fn dot_plain(a: &[f32], b: &[f32]) -> f32 {
    dot::<false>(a, b)
}

/// `out = Σ_j a_j·u_j + Σ_e b_e·v_e`: two weighted sums of rows of length `out.len()`, given
/// as `(weight, row)` pairs. Columns go in blocks whose accumulators stay in registers over all
/// rows, so `out` is written once.
#[inline(always)]
fn weighted_rows<'r, const F: bool, I, J>(
    out: &mut [f32],
    first: impl Fn() -> I,
    second: impl Fn() -> J,
) where
    I: Iterator<Item = (f32, &'r [f32])>,
    J: Iterator<Item = (f32, &'r [f32])>,
{
    let k = out.len();
    let mut c = 0;
    while k - c >= 64 {
        rows_block::<F, 64, I, J>(out, c, first(), second());
        c += 64;
    }
    if k - c >= 32 {
        rows_block::<F, 32, I, J>(out, c, first(), second());
        c += 32;
    }
    if k - c >= 16 {
        rows_block::<F, 16, I, J>(out, c, first(), second());
        c += 16;
    }
    if k - c >= 8 {
        rows_block::<F, 8, I, J>(out, c, first(), second());
        c += 8;
    }
    for (col, o) in out.iter_mut().enumerate().skip(c) {
        let mut s = 0.0;
        for (w, row) in first().chain(second()) {
            s = madd::<F>(w, row[col], s);
        }
        *o = s;
    }
}

#[inline(always)]
fn rows_block<'r, const F: bool, const B: usize, I, J>(
    out: &mut [f32],
    c: usize,
    first: I,
    second: J,
) where
    I: Iterator<Item = (f32, &'r [f32])>,
    J: Iterator<Item = (f32, &'r [f32])>,
{
    let mut acc = [0.0f32; B];
    for (w, row) in first {
        let seg: &[f32; B] = row[c..c + B].try_into().unwrap_or_else(|_| unreachable!());
        for j in 0..B {
            acc[j] = madd::<F>(w, seg[j], acc[j]);
        }
    }
    for (w, row) in second {
        let seg: &[f32; B] = row[c..c + B].try_into().unwrap_or_else(|_| unreachable!());
        for j in 0..B {
            acc[j] = madd::<F>(w, seg[j], acc[j]);
        }
    }
    out[c..c + B].copy_from_slice(&acc);
}

/// `out[e] = y_{items[e]}·v` for the rows of the row-major `y` (row length `v.len()`).
#[inline(always)]
fn row_dots<const F: bool>(out: &mut [f32], items: &[u32], y: &[f32], v: &[f32]) {
    let k = v.len();
    let row = |i: u32| {
        let i = i as usize;
        &y[i * k..(i + 1) * k]
    };
    for (o, &i) in out.iter_mut().zip(items) {
        *o = dot::<F>(row(i), v);
    }
}

/// The sum of the lanes, pairwise.
#[inline(always)]
fn reduce(mut acc: [f32; LANES]) -> f32 {
    let mut w = LANES;
    while w > 1 {
        w /= 2;
        for j in 0..w {
            acc[j] += acc[j + w];
        }
    }
    acc[0]
}

/// `y += a·x`.
#[inline(always)]
fn axpy<const F: bool>(a: f32, x: &[f32], y: &mut [f32]) {
    for (yj, &xj) in y.iter_mut().zip(x) {
        *yj = madd::<F>(a, xj, *yj);
    }
}

/// `implicit`'s `least_squares_cg` for one row: CG warm-started from `x`.
#[inline(always)]
fn cg_row<const F: bool>(row: &Row<'_>, x: &mut [f32], s: &mut Scratch) {
    let k = x.len();
    let n = row.items.len();
    for v in [&mut s.r, &mut s.p, &mut s.ap] {
        v.clear();
        v.resize(k, 0.0);
    }
    s.w.clear();
    s.w.resize(n, 0.0);
    let (r, p, ap, w) = (&mut s.r[..], &mut s.p[..], &mut s.ap[..], &mut s.w[..]);
    let (a, y, items) = (row.a, row.y, row.items);
    let item = |i: u32| {
        let i = i as usize;
        &y[i * k..(i + 1) * k]
    };
    // r = b − A_u x = −A x + Σ (c − (c − 1)(y_i·x)) y_i
    row_dots::<F>(w, items, y, x);
    for (wi, &rating) in w.iter_mut().zip(row.ratings) {
        let c = row.conf.of(rating);
        *wi = c - (c - 1.0) * *wi;
    }
    {
        let x: &[f32] = x;
        let w: &[f32] = w;
        weighted_rows::<F, _, _>(
            r,
            || a.chunks_exact(k).zip(x).map(|(ar, &xj)| (-xj, ar)),
            || w.iter().zip(items).map(|(&wi, &i)| (wi, item(i))),
        );
    }
    p.copy_from_slice(r);
    let mut rs_old = dot::<F>(r, r);
    if rs_old < CG_EPS {
        return;
    }
    for _ in 0..row.steps {
        // Ap = A p + Σ (c − 1)(y_i·p) y_i
        row_dots::<F>(w, items, y, p);
        for (wi, &rating) in w.iter_mut().zip(row.ratings) {
            *wi *= row.conf.of(rating) - 1.0;
        }
        {
            let p: &[f32] = p;
            let w: &[f32] = w;
            weighted_rows::<F, _, _>(
                ap,
                || a.chunks_exact(k).zip(p).map(|(ar, &pj)| (pj, ar)),
                || w.iter().zip(items).map(|(&wi, &i)| (wi, item(i))),
            );
        }
        let p_ap = dot::<F>(p, ap);
        if !(p_ap.is_finite() && p_ap > 0.0) {
            break; // a singular direction (λ = 0 with too few data): keep what we have
        }
        let step = rs_old / p_ap;
        axpy::<F>(step, p, x);
        axpy::<F>(-step, ap, r);
        let rs_new = dot::<F>(r, r);
        if rs_new < CG_EPS {
            break;
        }
        let beta = rs_new / rs_old;
        for (pj, &rj) in p.iter_mut().zip(r.iter()) {
            *pj = madd::<F>(beta, *pj, rj);
        }
        rs_old = rs_new;
    }
}

/// Over one row's interactions: `Σ c (1 − s)² − s²`, `s = x_u·y_i`.
#[inline(always)]
fn observed_loss<const F: bool>(
    xu: &[f32],
    y: &[f32],
    items: &[u32],
    ratings: &[f32],
    conf: Conf,
) -> f64 {
    let k = xu.len();
    let mut s = 0.0f64;
    for (&i, &r) in items.iter().zip(ratings) {
        let i = i as usize;
        let d = f64::from(dot::<F>(xu, &y[i * k..(i + 1) * k]));
        let c = f64::from(conf.of(r));
        s += c * (1.0 - d) * (1.0 - d) - d * d;
    }
    s
}

/// Adds `Σ_rows r rᵀ` to the k×k `g`: row `a` of `g` gains `Σ_rows r_a·r`.
#[inline(always)]
fn gram_block<const F: bool>(rows: &[f32], k: usize, g: &mut [f32]) {
    let mut out = vec![0.0f32; k];
    for (a, grow) in g.chunks_exact_mut(k).enumerate() {
        weighted_rows::<F, _, _>(
            &mut out,
            || rows.chunks_exact(k).map(move |r| (r[a], r)),
            std::iter::empty,
        );
        for (gv, &o) in grow.iter_mut().zip(&out) {
            *gv += o;
        }
    }
}

/// `FᵀF` of the n×k row-major `f`: blocks of [`GRAM_BLOCK`] rows in parallel, summed in order.
fn gram(f: &[f32], k: usize, simd: Simd) -> Vec<f32> {
    let blocks: Vec<Vec<f32>> = f
        .par_chunks(GRAM_BLOCK * k)
        .map(|rows| {
            let mut g = vec![0.0f32; k * k];
            simd.gram_block(rows, k, &mut g);
            g
        })
        .collect();
    let mut g = vec![0.0f32; k * k];
    for b in &blocks {
        for (x, y) in g.iter_mut().zip(b) {
            *x += y;
        }
    }
    g
}

impl Als {
    /// A model from its factor matrices and hyperparameters (as [`Als::load`] restores it).
    /// Errors when the two matrices disagree on `k`, `k` differs from `params.factors`, or a
    /// factor is not finite.
    pub(crate) fn from_parts(
        user_factors: Array2<f32>,
        item_factors: Array2<f32>,
        params: AlsParams,
    ) -> Result<Self, MfError> {
        let k = params.factors;
        if user_factors.ncols() != k || item_factors.ncols() != k {
            return Err(MfError::InvalidParameter {
                name: "factors",
                reason: format!(
                    "factor matrices have {} and {} columns, the parameters say {k}",
                    user_factors.ncols(),
                    item_factors.ncols()
                ),
            });
        }
        if user_factors
            .iter()
            .chain(item_factors.iter())
            .any(|x| !x.is_finite())
        {
            return Err(MfError::InvalidParameter {
                name: "factors",
                reason: "a factor is not finite".into(),
            });
        }
        let item_norms = item_factors
            .rows()
            .into_iter()
            .map(|r| r.iter().map(|x| x * x).sum::<f32>().sqrt())
            .collect();
        Ok(Als {
            user_factors,
            item_factors,
            item_norms,
            params,
            curve: Vec::new(),
        })
    }

    /// Attaches a learning curve (as [`Als::load`] restores it).
    pub fn with_curve(mut self, curve: Vec<EpochRecord>) -> Self {
        self.curve = curve;
        self
    }

    /// The user factors, one row per dense user index (n_users × k).
    pub fn user_factors(&self) -> &Array2<f32> {
        &self.user_factors
    }

    /// The item factors, one row per dense item index (n_items × k).
    pub fn item_factors(&self) -> &Array2<f32> {
        &self.item_factors
    }

    /// The hyperparameters the model was fitted with.
    pub fn params(&self) -> &AlsParams {
        &self.params
    }

    /// Number of latent factors k.
    pub fn factors(&self) -> usize {
        self.params.factors
    }

    /// Number of users of the training index space.
    pub fn n_users(&self) -> usize {
        self.user_factors.nrows()
    }

    /// The learning curve: one record per iteration, `loss` the weighted squared loss of the
    /// module documentation (regularization included) divided by the total weight of all cells,
    /// `Σ_observed c + (n_users·n_items − nnz)`, as `implicit` reports it.
    pub fn curve(&self) -> &[EpochRecord] {
        &self.curve
    }

    /// User `user`'s factor row; `None` outside the index space.
    pub fn user_factor(&self, user: u32) -> Option<&[f32]> {
        self.row_of(&self.user_factors, user)
    }

    /// Item `item`'s factor row; `None` outside the index space.
    pub fn item_factor(&self, item: u32) -> Option<&[f32]> {
        self.row_of(&self.item_factors, item)
    }

    fn row_of<'a>(&self, m: &'a Array2<f32>, i: u32) -> Option<&'a [f32]> {
        let k = self.factors();
        let i = i as usize;
        let all = m.as_slice()?;
        all.get(i * k..(i + 1) * k)
    }

    /// Factors for a new or changed user from their interactions (`items` dense indices,
    /// `values` their ratings, used only with [`AlsParams::use_ratings`]) with the item factors
    /// fixed: the exact minimizer of the user's loss, by CG from zero with `k` steps (CG's
    /// finite termination), as `implicit`'s `recalculate_user` does by Cholesky.
    ///
    /// Errors: `items` and `values` of different lengths, an item outside the index space, or a
    /// non-positive value with `use_ratings`.
    pub fn fold_in_user(&self, items: &[u32], values: &[f32]) -> Result<Vec<f32>, MfError> {
        let bad = |reason: String| MfError::InvalidParameter {
            name: "items",
            reason,
        };
        if items.len() != values.len() {
            return Err(bad(format!(
                "{} items but {} values",
                items.len(),
                values.len()
            )));
        }
        if let Some(&i) = items.iter().find(|&&i| i as usize >= self.n_items()) {
            return Err(bad(format!(
                "item index {i} outside the model's {} items",
                self.n_items()
            )));
        }
        if self.params.use_ratings
            && let Some(v) = values.iter().find(|&&v| !(v > 0.0 && v.is_finite()))
        {
            return Err(bad(format!("value {v} is not a positive confidence")));
        }
        let k = self.factors();
        let mut x = vec![0.0f32; k];
        if items.is_empty() {
            return Ok(x);
        }
        let simd = Simd::detect();
        let y = self
            .item_factors
            .as_slice()
            .unwrap_or_else(|| unreachable!());
        let mut a = gram(y, k, simd);
        for d in 0..k {
            a[d * k + d] += self.params.regularization as f32;
        }
        let row = Row {
            a: &a,
            y,
            items,
            ratings: values,
            conf: self.params.conf(),
            steps: k.max(self.params.cg_steps),
        };
        simd.cg(&row, &mut x, &mut Scratch::default());
        Ok(x)
    }

    /// The `n` items most similar to `item` by cosine of the item factors, best first, `item`
    /// itself excluded; ties go to the lower index. Items without training interactions (zero
    /// factors) have cosine 0 with everything, and an `item` without interactions gets an empty
    /// list. An `item` outside the index space is [`MfError::InvalidParameter`].
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, MfError> {
        let q = self
            .item_factor(item)
            .ok_or_else(|| MfError::InvalidParameter {
                name: "item",
                reason: format!(
                    "item index {item} outside the model's {} items",
                    self.n_items()
                ),
            })?;
        let qn = self.item_norms[item as usize];
        if qn == 0.0 {
            return Ok(Vec::new());
        }
        let k = self.factors();
        let y = self
            .item_factors
            .as_slice()
            .unwrap_or_else(|| unreachable!());
        let mut scores: Vec<f32> = y
            .chunks_exact(k)
            .zip(&self.item_norms)
            .map(|(r, &rn)| {
                if rn == 0.0 {
                    0.0
                } else {
                    dot_plain(q, r) / (qn * rn)
                }
            })
            .collect();
        scores[item as usize] = f32::NEG_INFINITY;
        Ok(top_n(&scores, n)
            .into_iter()
            .filter(|&(_, s)| s > f32::NEG_INFINITY)
            .collect())
    }

    /// [`Als::similar_items`] by raw ids of `train` (the interactions the model was fitted on,
    /// or any over the same index space). An unknown raw id is
    /// [`recsys_data::DataError::UnknownId`] (inside [`MfError::Data`]).
    pub fn similar_items_raw(
        &self,
        train: &Interactions,
        item: RawId,
        n: usize,
    ) -> Result<Vec<(RawId, f32)>, MfError> {
        self.check_space(train)?;
        let i = train.item_index(item)?;
        Ok(self
            .similar_items(i, n)?
            .into_iter()
            .filter_map(|(j, s)| train.items().raw(j).map(|r| (r, s)))
            .collect())
    }

    /// The top `n` items for raw user `user` by raw ids, excluding the items they have in
    /// `train` (the interactions the model was fitted on, whose id maps are used). An unknown
    /// raw id is [`recsys_data::DataError::UnknownId`] (inside [`MfError::Data`]).
    pub fn recommend_raw(
        &self,
        train: &Interactions,
        user: RawId,
        n: usize,
    ) -> Result<Vec<(RawId, f32)>, MfError> {
        self.check_space(train)?;
        let u = train.user_index(user)?;
        Ok(self
            .recommend(u, n, train)
            .into_iter()
            .filter_map(|(j, s)| train.items().raw(j).map(|r| (r, s)))
            .collect())
    }

    fn check_space(&self, train: &Interactions) -> Result<(), MfError> {
        if train.n_users() != self.n_users() || train.n_items() != self.n_items() {
            return Err(MfError::InvalidParameter {
                name: "train",
                reason: format!(
                    "index space {}×{} differs from the model's {}×{}",
                    train.n_users(),
                    train.n_items(),
                    self.n_users(),
                    self.n_items()
                ),
            });
        }
        Ok(())
    }
}

impl CandidateScorer for Als {
    fn n_items(&self) -> usize {
        self.item_factors.nrows()
    }

    /// `x_u·y_i`; items outside the index space get `-inf`, and a user outside it scores 0 (a
    /// zero factor, like a user without training data).
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let xu = self.user_factor(user);
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match (self.item_factor(i), xu) {
                (None, _) => f32::NEG_INFINITY,
                (Some(_), None) => 0.0,
                (Some(yi), Some(xu)) => dot_plain(xu, yi),
            };
        }
    }
}

impl Recommender for Als {}

impl Model for Als {
    fn as_scorer(&self) -> Option<&dyn CandidateScorer> {
        Some(self)
    }

    fn learning_curve(&self) -> Vec<EpochRecord> {
        self.curve.clone()
    }

    fn as_save(&self) -> Option<&dyn recsys_core::traits::SaveModel> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// Solves the SPD system `a x = b` (n×n row-major) by Cholesky, in f64.
    fn cholesky_solve(a: &[f64], b: &[f64]) -> Vec<f64> {
        let n = b.len();
        let mut l = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..=i {
                let s: f64 = (0..j).map(|m| l[i * n + m] * l[j * n + m]).sum();
                l[i * n + j] = if i == j {
                    (a[i * n + i] - s).sqrt()
                } else {
                    (a[i * n + j] - s) / l[j * n + j]
                };
            }
        }
        let mut z = vec![0.0; n];
        for i in 0..n {
            let s: f64 = (0..i).map(|m| l[i * n + m] * z[m]).sum();
            z[i] = (b[i] - s) / l[i * n + i];
        }
        let mut x = vec![0.0; n];
        for i in (0..n).rev() {
            let s: f64 = (i + 1..n).map(|m| l[m * n + i] * x[m]).sum();
            x[i] = (z[i] - s) / l[i * n + i];
        }
        x
    }

    #[test]
    fn cholesky_by_hand() {
        // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]
        let x = cholesky_solve(&[4.0, 2.0, 2.0, 3.0], &[2.0, 1.0]);
        assert_relative_eq!(x[0], 0.5, epsilon = 1e-12);
        assert_relative_eq!(x[1], 0.0, epsilon = 1e-12);
    }

    #[test]
    fn kernels_agree_with_plain_sums() {
        let a: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..37).map(|i| (i as f32 * 0.11).cos()).collect();
        let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_relative_eq!(dot::<false>(&a, &b), want, epsilon = 1e-5);
        assert_relative_eq!(dot::<true>(&a, &b), want, epsilon = 1e-5);
        // gram of 2 rows of k = 2: [1, 2] and [3, 4] → [[10, 14], [14, 20]]
        for simd in [Simd::Plain, Simd::detect()] {
            assert_eq!(
                gram(&[1.0, 2.0, 3.0, 4.0], 2, simd),
                vec![10.0, 14.0, 14.0, 20.0]
            );
        }
    }

    #[test]
    fn cg_converges_to_the_direct_solve() {
        // k = 3, A = YᵀY + λI for 4 item rows; the user has items 0 and 2, c = α = 3.
        let k = 3;
        let y: Vec<f32> = vec![
            0.5, -0.2, 0.1, //
            0.3, 0.8, -0.4, //
            -0.6, 0.1, 0.7, //
            0.2, 0.2, 0.2,
        ];
        let reg = 0.1f32;
        for simd in [Simd::Plain, Simd::detect()] {
            let mut a = gram(&y, k, simd);
            for d in 0..k {
                a[d * k + d] += reg;
            }
            let conf = Conf {
                rule: Confidence::Scaled,
                alpha: 3.0,
                use_ratings: false,
            };
            let row = Row {
                a: &a,
                y: &y,
                items: &[0, 2],
                ratings: &[1.0, 1.0],
                conf,
                steps: 3,
            };
            let mut x = vec![0.01f32, 0.02, 0.03];
            simd.cg(&row, &mut x, &mut Scratch::default());
            // direct: (A + 2·Σ y yᵀ) x = 3·Σ y
            let mut m: Vec<f64> = a.iter().map(|&v| f64::from(v)).collect();
            let mut b = vec![0.0f64; k];
            for i in [0usize, 2] {
                let yi = &y[i * k..(i + 1) * k];
                for r in 0..k {
                    b[r] += 3.0 * f64::from(yi[r]);
                    for s in 0..k {
                        m[r * k + s] += 2.0 * f64::from(yi[r]) * f64::from(yi[s]);
                    }
                }
            }
            let want = cholesky_solve(&m, &b);
            for d in 0..k {
                assert_relative_eq!(f64::from(x[d]), want[d], epsilon = 1e-4);
            }
        }
    }

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
        let plain = fit_impl(&p, &m, Simd::Plain);
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

    #[test]
    fn confidence_rules() {
        assert_eq!(Confidence::Scaled.of(2.0, 1.0), 2.0);
        assert_eq!(Confidence::OnePlusAlpha.of(2.0, 1.0), 3.0);
        assert_eq!(Confidence::OnePlusAlpha.of(2.0, 4.0), 9.0);
    }
}
