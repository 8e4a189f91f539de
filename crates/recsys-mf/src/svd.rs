//! Biased SVD (Funk; Surprise's `SVD`) and SVD++ (Koren 2008; Surprise's `SVDpp`), fitted by
//! stochastic gradient descent with Surprise's semantics and defaults.
//!
//! **SVD++ in O((|R| + Σ|N(u)|)·k) per epoch, with Surprise's exact updates.** Surprise
//! recomputes a user's implicit term `z = |N(u)|^-½ Σ_{j∈N(u)} y_j` for every rating and updates
//! every `y_j, j ∈ N(u)` after every rating: O(Σ_u |R(u)|·|N(u)|·k) per epoch. But that update is
//! the same for every `j`: `y_j ← d·y_j + g` with `d = 1 − lr·reg` and `g = lr·e_ui·q_i·|N(u)|^-½`.
//! So, visiting ratings user by user (Surprise's own order), this crate keeps
//! - `z` up to date in O(k) per rating: `z ← d·z + lr·e_ui·q_i` (as `|N(u)|·|N(u)|^-1 = 1`);
//! - the accumulated shift `G ← d·G + g` in O(k) per rating;
//!
//! and applies `y_j ← dⁿ·y_j + G` once per user (`n = |R(u)|`): the same arithmetic as Surprise's,
//! in O((|R(u)| + |N(u)|)·k) per user instead of O(|R(u)|·|N(u)|·k).

use std::time::Instant;

use ndarray::Array2;
use rand::seq::SliceRandom;
use recsys_core::traits::{EpochRecord, Fit};
use recsys_core::{Interactions, RatingPredictor};

use crate::MfError;
use crate::factors::InitStream;
use crate::factors::{dot, init_factors, numpy_factors, rng, similar_by_cosine};

/// The order in which an SGD epoch visits each user's ratings (users come in index order, or
/// shuffled with [`SvdParams::shuffle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VisitOrder {
    /// From the user's most rated item to the least rated (ties by index), so each pass over a
    /// user ends on the items with the fewest other updates (default). On ml-100k's official
    /// folds it lowers the mean test RMSE against [`VisitOrder::Index`] on each of 10 seeds, by
    /// 0.0001–0.0004 for SVD and 0.0001–0.0006 for SVD++ (`docs/BENCHMARKS.md`).
    #[default]
    PopularFirst,
    /// Item index order, as the ratings are stored. With first-appearance indices of a file
    /// sorted by user and item, this differs from Surprise's file order.
    ///
    /// Either way the fit walks its own copy of the ratings (8 bytes per rating).
    Index,
}

/// Hyperparameters of [`SvdParams::fit`]; the defaults are Surprise's `SVD` defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct SvdParams {
    /// Latent factors (default 100).
    pub factors: usize,
    /// SGD epochs (default 20).
    pub epochs: usize,
    /// Learning rate of the factors (default 0.005).
    pub lr: f32,
    /// Regularization of the factors (default 0.02).
    pub reg: f32,
    /// Learning rate of the biases (default: `lr`).
    pub lr_bias: Option<f32>,
    /// Regularization of the biases (default: `reg`).
    pub reg_bias: Option<f32>,
    /// Mean of the initial factors (default 0).
    pub init_mean: f32,
    /// Standard deviation of the initial factors (default 0.1).
    pub init_std: f32,
    /// Use the global mean and biases (default true; false is Surprise's unbiased SVD, `r̂ = q_i·p_u`).
    pub biased: bool,
    /// Visit users in a new seeded random order each epoch (default false: index order, as Surprise).
    pub shuffle: bool,
    /// Clip predictions to the training ratings' range (default true, as Surprise).
    pub clip: bool,
    /// Seed of the initialization (and shuffling).
    pub seed: u64,
    /// The order of each user's ratings within an epoch (default [`VisitOrder::PopularFirst`]).
    pub visit_order: VisitOrder,
    /// The generator of the initial factors (default [`InitStream::Numpy`]: with the same seed,
    /// the same initial factors as Surprise's `random_state`).
    pub init_stream: InitStream,
    /// Threads for SVD's DSGD (0 = rayon's pool size; 1 = Surprise's exact sequential order).
    /// Results are deterministic for a fixed thread count and within noise of one thread. SVD++
    /// always runs on one thread.
    pub threads: usize,
}

impl SvdParams {
    fn threads_or_default(&self) -> usize {
        if self.threads == 0 {
            rayon::current_num_threads()
        } else {
            self.threads
        }
    }
}

impl Default for SvdParams {
    fn default() -> Self {
        Self {
            factors: 100,
            epochs: 20,
            lr: 0.005,
            reg: 0.02,
            lr_bias: None,
            reg_bias: None,
            init_mean: 0.0,
            init_std: 0.1,
            biased: true,
            shuffle: false,
            clip: true,
            seed: 0,
            init_stream: InitStream::Numpy,
            visit_order: VisitOrder::PopularFirst,
            threads: 0,
        }
    }
}

/// Hyperparameters of SVD++; the defaults are Surprise's `SVDpp` defaults (20 factors, 20
/// epochs, lr 0.007, reg 0.02, init N(0, 0.1)).
#[derive(Debug, Clone, PartialEq)]
pub struct SvdPpParams {
    /// The shared SGD settings (`biased` is always true for SVD++).
    pub sgd: SvdParams,
}

impl Default for SvdPpParams {
    fn default() -> Self {
        Self {
            sgd: SvdParams {
                factors: 20,
                lr: 0.007,
                ..SvdParams::default()
            },
        }
    }
}

macro_rules! setters {
    ($ty:ty, |$s:ident| $field:expr ; $($name:ident : $t:ty),* $(,)?) => {
        impl $ty {
            $(
                #[doc = concat!("Sets `", stringify!($name), "`.")]
                pub fn $name(mut self, v: $t) -> Self {
                    let $s = &mut self;
                    $field.$name = v;
                    self
                }
            )*
        }
    };
}
setters!(SvdParams, |s| s; factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32,
    biased: bool, shuffle: bool, clip: bool, seed: u64, init_stream: InitStream, visit_order: VisitOrder,
    threads: usize);
setters!(SvdPpParams, |s| s.sgd; factors: usize, epochs: usize, lr: f32, reg: f32, init_mean: f32, init_std: f32,
    shuffle: bool, clip: bool, seed: u64, init_stream: InitStream, visit_order: VisitOrder);

impl SvdParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        let bad =
            |name: &'static str, reason: String| Err(MfError::InvalidParameter { name, reason });
        if self.factors == 0 {
            return bad("factors", "must be at least 1".into());
        }
        if self.epochs == 0 {
            return bad("epochs", "must be at least 1".into());
        }
        for (name, v) in [("lr", Some(self.lr)), ("lr_bias", self.lr_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v > 0.0 && v < 1.0)
            {
                return bad(name, format!("{v} is not in (0, 1)"));
            }
        }
        for (name, v) in [("reg", Some(self.reg)), ("reg_bias", self.reg_bias)] {
            if let Some(v) = v
                && !(v.is_finite() && v >= 0.0)
            {
                return bad(name, format!("{v} is not finite and >= 0"));
            }
        }
        if !(self.init_mean.is_finite() && self.init_std.is_finite() && self.init_std >= 0.0) {
            return bad(
                "init_std",
                format!(
                    "N({}, {}) is not a valid initialization",
                    self.init_mean, self.init_std
                ),
            );
        }
        Ok(())
    }

    /// Fits, calling `on_epoch` after each epoch (training RMSE as the loss, seconds).
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        fit_sgd(self, train, false, on_epoch)
    }
}

impl SvdPpParams {
    /// Checks every hyperparameter.
    pub fn check(&self) -> Result<(), MfError> {
        self.sgd.check()
    }

    /// Fits, calling `on_epoch` after each epoch.
    pub fn fit_with(
        &self,
        train: &Interactions,
        on_epoch: &mut dyn FnMut(&EpochRecord),
    ) -> Result<FactorModel, MfError> {
        self.check()?;
        let sgd = SvdParams {
            biased: true,
            ..self.sgd.clone()
        };
        fit_sgd(&sgd, train, true, on_epoch)
    }
}

impl Fit for SvdParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

impl Fit for SvdPpParams {
    type Model = FactorModel;
    type Error = MfError;
    fn fit(&self, train: &Interactions) -> Result<FactorModel, MfError> {
        self.fit_with(train, &mut |_| {})
    }
}

/// A fitted SVD or SVD++ model: `r̂(u, i) = μ + b_u + b_i + q_i·p'_u`, where `p'_u` is `p_u` for
/// SVD and `p_u + |N(u)|^-½ Σ_{j∈N(u)} y_j` for SVD++.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorModel {
    /// `"svd"` or `"svdpp"`.
    pub kind: &'static str,
    /// Global mean (0 for unbiased SVD).
    pub mean: f32,
    /// User biases.
    pub user_bias: Vec<f32>,
    /// Item biases.
    pub item_bias: Vec<f32>,
    /// Effective user factors `p'_u` (users × k).
    pub user_factors: Array2<f32>,
    /// Item factors `q_i` (items × k).
    pub item_factors: Array2<f32>,
    /// SVD++'s implicit item factors `y_j` (items × k; empty for SVD).
    pub implicit_factors: Array2<f32>,
    /// Prediction range (clipping), if any.
    pub range: Option<(f32, f32)>,
    /// Training RMSE and seconds per epoch.
    pub curve: Vec<EpochRecord>,
}

impl FactorModel {
    /// The `n` items most similar to `item` by cosine of their factors.
    pub fn similar_items(&self, item: u32, n: usize) -> Result<Vec<(u32, f32)>, MfError> {
        similar_by_cosine(self.item_factors.view(), item, n)
    }
}

impl RatingPredictor for FactorModel {
    /// Users or items without training data get zero factors and biases: the prediction falls back
    /// to the global mean plus whichever bias is known.
    fn predict(&self, user: u32, item: u32) -> f32 {
        let (u, i) = (user as usize, item as usize);
        let mut p = self.mean
            + self.user_bias.get(u).copied().unwrap_or(0.0)
            + self.item_bias.get(i).copied().unwrap_or(0.0);
        if u < self.user_factors.nrows() && i < self.item_factors.nrows() {
            let (pu, qi) = (self.user_factors.row(u), self.item_factors.row(i));
            if let (Some(a), Some(b)) = (pu.as_slice(), qi.as_slice()) {
                p += dot(a, b);
            }
        }
        match self.range {
            Some((lo, hi)) => p.clamp(lo, hi),
            None => p,
        }
    }
}

/// The initial factors `p`, `q` and (when `implicit`, SVD++) `y` that a fit with `prm` on
/// `train` starts from, drawn as `prm.init_stream` says.
pub fn initial_factors(
    prm: &SvdParams,
    train: &Interactions,
    implicit: bool,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    initial_factors_width(prm, train, implicit, prm.factors)
}

/// [`initial_factors`] in rows `width >= factors` wide (the columns past `factors` zero).
fn initial_factors_width(
    prm: &SvdParams,
    train: &Interactions,
    implicit: bool,
    width: usize,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    let (nu, ni, k) = (train.n_users(), train.n_items(), prm.factors);
    match prm.init_stream {
        InitStream::Numpy => {
            let users: Vec<bool> = (0..nu as u32).map(|u| !train.row(u).is_empty()).collect();
            let items: Vec<bool> = train.item_counts().iter().map(|&c| c > 0).collect();
            numpy_factors(
                &users,
                &items,
                k,
                width,
                prm.init_mean,
                prm.init_std,
                prm.seed,
                implicit,
            )
        }
        InitStream::Parallel => {
            let (p, q, y) =
                init_factors(nu, ni, k, prm.init_mean, prm.init_std, prm.seed, implicit);
            (
                pad_columns(p, width),
                pad_columns(q, width),
                pad_columns(y, width),
            )
        }
    }
}

fn fit_sgd(
    prm: &SvdParams,
    train: &Interactions,
    plus_plus: bool,
    on_epoch: &mut dyn FnMut(&EpochRecord),
) -> Result<FactorModel, MfError> {
    let mean = match train.global_mean() {
        Some(m) if prm.biased => m as f32,
        Some(_) => 0.0,
        None => return Err(MfError::EmptyData),
    };
    let (nu, ni, k_out) = (train.n_users(), train.n_items(), prm.factors);
    // the numpy stream is sequential: draw it while another thread builds the fit's rows
    let ((p, q, y), (csr, perm)) = rayon::join(
        || initial_factors_width(prm, train, plus_plus, padded_width(k_out)),
        // the fit works in its own item order (see `Csr::by_popularity`); q and y rows follow it
        || Csr::by_popularity(train, prm.visit_order == VisitOrder::PopularFirst),
    );
    let (q, y) = (permute_rows(&q, &perm), permute_rows(&y, &perm));
    // rows padded with zeros to whole vector widths: no scalar tails in the kernels; zero
    // columns stay zero under every update and are sliced off at the end
    let k = padded_width(k_out);
    let (mut p, mut q, mut y) = (pad_columns(p, k), pad_columns(q, k), pad_columns(y, k));
    let mut rng = rng(prm.seed ^ 0x5EED_0F5A_FF1E);
    let mut bu = vec![0.0f32; nu];
    let mut bi = vec![0.0f32; ni];
    let (lr, reg) = (prm.lr, prm.reg);
    let (lr_b, reg_b) = (prm.lr_bias.unwrap_or(lr), prm.reg_bias.unwrap_or(reg));
    let mut order: Vec<u32> = (0..nu as u32).collect();
    let mut z = vec![0.0f32; k];
    let mut grad_y = vec![0.0f32; k];
    let mut pz = vec![0.0f32; k];
    let mut curve = Vec::with_capacity(prm.epochs);
    let (ps, qs) = (
        p.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
        q.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
    );
    let ys = y
        .as_slice_mut()
        .ok_or(MfError::Internal("factor matrix not contiguous"))?;
    let st = SgdConsts {
        k,
        mean,
        lr,
        reg,
        lr_b,
        reg_b,
        biased: prm.biased,
        plus_plus,
    };
    let simd = simd_available();
    // DSGD strata for SVD on several threads (SVD++ updates y_j across every item block)
    let threads = prm.threads_or_default();
    let blocks = if plus_plus || threads <= 1 {
        1
    } else {
        threads.min(nu).min(ni).max(1)
    };
    let user_cuts = balanced_cuts(&csr.user_counts(), blocks);
    let item_cuts = balanced_cuts(&csr.item_counts(ni), blocks);
    for epoch in 0..prm.epochs {
        let t = Instant::now();
        if prm.shuffle {
            order.shuffle(&mut rng);
        }
        let mut bufs = Buffers {
            z: &mut z,
            grad_y: &mut grad_y,
            pz: &mut pz,
        };
        let sse = if blocks > 1 {
            dsgd_epoch(
                &st, &csr, &order, &user_cuts, &item_cuts, ps, qs, &mut bu, &mut bi, simd,
            )
        } else {
            let mut fac = Factors {
                p: ps,
                q: qs,
                y: ys,
                bu: &mut bu,
                bi: &mut bi,
                u0: 0,
                i0: 0,
                i_end: ni as u32,
            };
            run_epoch(&st, &csr, &order, &mut fac, &mut bufs, simd)
        };
        let rec = EpochRecord {
            epoch: epoch + 1,
            loss: (sse / train.nnz() as f64).sqrt(),
            seconds: t.elapsed().as_secs_f64(),
            validation: Vec::new(),
        };
        on_epoch(&rec);
        curve.push(rec);
    }
    // effective user factors p'_u = p_u + |N(u)|^-½ Σ y_j
    if plus_plus {
        for u in 0..nu as u32 {
            let row = csr.row(u);
            if row.is_empty() {
                continue;
            }
            let norm = 1.0 / (row.len() as f32).sqrt();
            let pu = &mut ps[u as usize * k..(u as usize + 1) * k];
            for &j in row.items {
                let yj = &ys[j as usize * k..(j as usize + 1) * k];
                for f in 0..k {
                    pu[f] += yj[f] * norm;
                }
            }
        }
    }
    let range = if prm.clip {
        let d = train.matrix().data();
        Some((
            d.iter().copied().fold(f32::INFINITY, f32::min),
            d.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        ))
    } else {
        None
    };
    // users and items without training ratings keep zero factors (fallback to the biases)
    for u in 0..nu as u32 {
        if train.row(u).is_empty() {
            p.row_mut(u as usize).fill(0.0);
        }
    }
    drop(csr);
    // back to the data's item order
    let mut q = unpermute_rows(&q, &perm);
    let y = unpermute_rows(&y, &perm);
    let bi = unpermute(&bi, &perm);
    let counts = train.item_counts();
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            q.row_mut(i).fill(0.0);
        }
    }
    Ok(FactorModel {
        kind: if plus_plus { "svdpp" } else { "svd" },
        mean,
        user_bias: bu,
        item_bias: bi,
        user_factors: unpad_columns(p, k_out),
        item_factors: unpad_columns(q, k_out),
        implicit_factors: unpad_columns(y, k_out),
        range,
        curve,
    })
}

/// The training ratings as the SGD kernels walk them: compressed rows over the fit's own item
/// order.
struct Csr {
    indptr: Vec<usize>,
    items: Vec<u32>,
    ratings: Vec<f32>,
}

/// One user's ratings in [`Csr`], ascending by the fit's item index.
#[derive(Clone, Copy)]
struct CsrRow<'a> {
    items: &'a [u32],
    ratings: &'a [f32],
}

impl CsrRow<'_> {
    fn len(&self) -> usize {
        self.items.len()
    }
    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Csr {
    /// `train` with items renumbered from the most rated to the least rated (ties by index):
    /// each user's ratings are then visited from popular to rare items, which ends every pass
    /// over a user on the items with the fewest other updates. `perm[new] = old`. With
    /// `popular == false` the data's own order (identity).
    fn by_popularity(train: &Interactions, popular: bool) -> (Self, Vec<u32>) {
        let ni = train.n_items();
        let counts = train.item_counts();
        let mut perm: Vec<u32> = (0..ni as u32).collect();
        if popular {
            perm.sort_by_key(|&i| std::cmp::Reverse(counts[i as usize]));
        }
        let mut inv = vec![0u32; ni];
        for (new, &old) in perm.iter().enumerate() {
            inv[old as usize] = new as u32;
        }
        let nu = train.n_users();
        let mut indptr = Vec::with_capacity(nu + 1);
        let mut items = Vec::with_capacity(train.nnz());
        let mut ratings = Vec::with_capacity(train.nnz());
        let mut pairs: Vec<(u32, f32)> = Vec::new();
        indptr.push(0);
        for u in 0..nu as u32 {
            let row = train.row(u);
            pairs.clear();
            pairs.extend(
                row.items
                    .iter()
                    .zip(row.ratings)
                    .map(|(&i, &r)| (inv[i as usize], r)),
            );
            pairs.sort_unstable_by_key(|x| x.0);
            items.extend(pairs.iter().map(|x| x.0));
            ratings.extend(pairs.iter().map(|x| x.1));
            indptr.push(items.len());
        }
        (
            Self {
                indptr,
                items,
                ratings,
            },
            perm,
        )
    }

    fn row(&self, u: u32) -> CsrRow<'_> {
        let u = u as usize;
        match (self.indptr.get(u), self.indptr.get(u + 1)) {
            (Some(&a), Some(&b)) => CsrRow {
                items: &self.items[a..b],
                ratings: &self.ratings[a..b],
            },
            _ => CsrRow {
                items: &[],
                ratings: &[],
            },
        }
    }

    fn user_counts(&self) -> Vec<u32> {
        self.indptr
            .windows(2)
            .map(|w| (w[1] - w[0]) as u32)
            .collect()
    }

    fn item_counts(&self, ni: usize) -> Vec<u32> {
        let mut c = vec![0u32; ni];
        for &i in &self.items {
            c[i as usize] += 1;
        }
        c
    }
}

/// Rows of `a` in the fit's order: row `new` is `a`'s row `perm[new]` (`a` may have no rows).
fn permute_rows(a: &Array2<f32>, perm: &[u32]) -> Array2<f32> {
    if a.nrows() == 0 {
        return a.clone();
    }
    let idx: Vec<usize> = perm.iter().map(|&i| i as usize).collect();
    a.select(ndarray::Axis(0), &idx)
}

/// The inverse of [`permute_rows`].
fn unpermute_rows(a: &Array2<f32>, perm: &[u32]) -> Array2<f32> {
    let mut out = Array2::zeros(a.raw_dim());
    if a.nrows() == 0 {
        return out;
    }
    for (new, &old) in perm.iter().enumerate() {
        out.row_mut(old as usize).assign(&a.row(new));
    }
    out
}

/// `v` back in the data's order: `out[perm[new]] = v[new]`.
fn unpermute(v: &[f32], perm: &[u32]) -> Vec<f32> {
    let mut out = vec![0.0; v.len()];
    for (new, &old) in perm.iter().enumerate() {
        out[old as usize] = v[new];
    }
    out
}

/// Constants of one SGD epoch.
struct SgdConsts {
    k: usize,
    mean: f32,
    lr: f32,
    reg: f32,
    lr_b: f32,
    reg_b: f32,
    biased: bool,
    plus_plus: bool,
}

/// The parameters SGD updates: a block of users `u0..` and a block of items `i0..i_end` (the
/// whole index space for one thread).
struct Factors<'a> {
    p: &'a mut [f32],
    q: &'a mut [f32],
    y: &'a mut [f32],
    bu: &'a mut [f32],
    bi: &'a mut [f32],
    u0: u32,
    i0: u32,
    i_end: u32,
}

/// Scratch vectors of length k.
struct Buffers<'a> {
    z: &'a mut [f32],
    grad_y: &'a mut [f32],
    pz: &'a mut [f32],
}

/// The widest vector instructions the epoch may use here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simd {
    /// The target's baseline (SSE2 on x86-64).
    Baseline,
    /// AVX2 + FMA.
    Avx2,
    /// AVX-512F (+ AVX2, FMA).
    Avx512,
}

/// Detects the vector instructions (`RECSYS_SIMD=off|avx2` caps them, for testing).
fn simd_available() -> Simd {
    let cap = std::env::var("RECSYS_SIMD").unwrap_or_default();
    if cap == "off" {
        return Simd::Baseline;
    }
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        if has!("avx512f") && has!("avx2") && has!("fma") && cap != "avx2" {
            return Simd::Avx512;
        }
        if has!("avx2") && has!("fma") {
            return Simd::Avx2;
        }
    }
    Simd::Baseline
}

/// One epoch, compiled for the widest vectors the processor has (the same code, wider vectors).
fn run_epoch(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
    simd: Simd,
) -> f64 {
    #[cfg(target_arch = "x86_64")]
    match simd {
        // SAFETY: `simd_available` returns these only when the processor has the features.
        Simd::Avx512 if c.k.is_multiple_of(16) => {
            return unsafe { epoch_avx512(c, train, order, f, b) };
        }
        Simd::Avx512 | Simd::Avx2 => return unsafe { epoch_avx2(c, train, order, f, b) },
        Simd::Baseline => {}
    }
    let _ = simd;
    epoch_generic::<false, false>(c, train, order, f, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
fn epoch_avx512(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
) -> f64 {
    epoch_generic::<true, true>(c, train, order, f, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn epoch_avx2(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
) -> f64 {
    epoch_generic::<false, true>(c, train, order, f, b)
}

/// `a · b` for rows whose length is a multiple of 16, with two AVX-512 accumulators (the
/// auto-vectorized [`dot`] keeps one dependent chain and spills).
///
/// # Safety
/// The processor must have AVX-512F, and `a.len() == b.len()` must be a multiple of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[inline]
unsafe fn dot_avx512(a: &[f32], b: &[f32]) -> f32 {
    use std::arch::x86_64::*;
    debug_assert!(a.len() == b.len() && a.len().is_multiple_of(16));
    let n = a.len() / 16;
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let (mut s0, mut s1) = (_mm512_setzero_ps(), _mm512_setzero_ps());
    let mut c = 0;
    // SAFETY: every load reads 16 floats at an offset below `n * 16 <= len`.
    unsafe {
        while c + 1 < n {
            s0 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16)),
                _mm512_loadu_ps(pb.add(c * 16)),
                s0,
            );
            s1 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16 + 16)),
                _mm512_loadu_ps(pb.add(c * 16 + 16)),
                s1,
            );
            c += 2;
        }
        if c < n {
            s0 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16)),
                _mm512_loadu_ps(pb.add(c * 16)),
                s0,
            );
        }
    }
    _mm512_reduce_add_ps(_mm512_add_ps(s0, s1))
}

/// The dot product inside an epoch: the AVX-512 kernel when `WIDE` (only instantiated by
/// [`epoch_avx512`], for rows padded to 16 floats), else the portable one.
#[inline(always)]
fn row_dot<const WIDE: bool>(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if WIDE {
        // SAFETY: `WIDE` is set only from `epoch_avx512`, which runs only when the processor
        // has AVX-512F and the row width is a multiple of 16; both slices are rows of width k.
        return unsafe { dot_avx512(a, b) };
    }
    dot(a, b)
}

/// One SGD step of biased/unbiased SVD on the rating `r` of local user `lu` for local item
/// `li`; returns the error before the step.
#[inline(always)]
fn svd_step<const WIDE: bool, const FMA: bool>(
    c: &SgdConsts,
    f: &mut Factors<'_>,
    lu: usize,
    li: usize,
    r: f32,
) -> f32 {
    let pu = &mut f.p[lu * c.k..(lu + 1) * c.k];
    let qi = &mut f.q[li * c.k..(li + 1) * c.k];
    let dotv = row_dot::<WIDE>(qi, pu);
    let (bu_u, bi_i) = (f.bu[lu], f.bi[li]);
    let est = if c.biased {
        c.mean + bu_u + bi_i + dotv
    } else {
        dotv
    };
    let err = r - est;
    if c.biased {
        f.bu[lu] += c.lr_b * (err - c.reg_b * bu_u);
        f.bi[li] += c.lr_b * (err - c.reg_b * bi_i);
    }
    let (le, lreg) = (c.lr * err, c.lr * c.reg);
    let decay = 1.0 - lreg;
    if FMA {
        // (1 - lr·reg)·p + lr·err·q in one fused step per element
        for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
            let (p0, q0) = (*pf, *qf);
            *pf = le.mul_add(q0, decay * p0);
            *qf = le.mul_add(p0, decay * q0);
        }
    } else {
        for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
            let (p0, q0) = (*pf, *qf);
            *pf = p0 + le * q0 - lreg * p0;
            *qf = q0 + le * p0 - lreg * q0;
        }
    }
    err
}

/// One SVD epoch (no implicit part) that walks the users of `order` two at a time, alternating
/// their ratings: consecutive steps of one user form a dependent chain (each step's dot product
/// reads the `p_u` the step before wrote), and two interleaved chains let the processor overlap
/// them. Every rating is visited once per epoch, in an order fixed by `order`.
#[inline(always)]
fn epoch_svd_pairs<const WIDE: bool, const FMA: bool>(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    f: &mut Factors<'_>,
) -> f64 {
    let mut sse = 0.0f64;
    let segment = |u: u32, f: &Factors<'_>| {
        let row = train.row(u);
        let lo = row.items.partition_point(|&x| x < f.i0);
        let hi = row.items.partition_point(|&x| x < f.i_end);
        (&row.items[lo..hi], &row.ratings[lo..hi])
    };
    for group in order.chunks(INTERLEAVE) {
        let mut segs: [(&[u32], &[f32], usize); INTERLEAVE] = [(&[], &[], 0); INTERLEAVE];
        let mut longest = 0;
        for (slot, &u) in segs.iter_mut().zip(group) {
            let (items, ratings) = segment(u, f);
            longest = longest.max(items.len());
            *slot = (items, ratings, (u - f.u0) as usize);
        }
        for t in 0..longest {
            for &(items, ratings, lu) in &segs {
                // the next item rows are random accesses: ask for them now
                if let Some(&next) = items.get(t + PREFETCH_AHEAD) {
                    prefetch(
                        &f.q[((next - f.i0) as usize * c.k).min(f.q.len().saturating_sub(1))..],
                    );
                }
                if t < items.len() {
                    let e = svd_step::<WIDE, FMA>(c, f, lu, (items[t] - f.i0) as usize, ratings[t]);
                    sse += f64::from(e) * f64::from(e);
                }
            }
        }
    }
    sse
}

/// One SGD epoch over `order`'s users. `FMA` fuses each factor update into one multiply-add
/// (only from the kernels compiled with FMA; elsewhere `mul_add` would be a slow library call).
#[inline(always)]
fn epoch_generic<const WIDE: bool, const FMA: bool>(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
) -> f64 {
    if !c.plus_plus {
        return epoch_svd_pairs::<WIDE, FMA>(c, train, order, f);
    }
    let mut sse = 0.0f64;
    for &u in order {
        let row = train.row(u);
        if row.is_empty() {
            continue;
        }
        let lu = (u - f.u0) as usize;
        let pu = &mut f.p[lu * c.k..(lu + 1) * c.k];
        let n = row.len();
        let norm = if c.plus_plus {
            1.0 / (n as f32).sqrt()
        } else {
            0.0
        };
        let decay = 1.0 - c.lr * c.reg;
        if c.plus_plus {
            b.z.iter_mut().for_each(|v| *v = 0.0);
            for &j in row.items {
                let yj = &f.y[j as usize * c.k..(j as usize + 1) * c.k];
                b.z.iter_mut().zip(yj).for_each(|(a, b)| *a += b);
            }
            b.z.iter_mut().for_each(|v| *v *= norm);
            b.grad_y.iter_mut().for_each(|v| *v = 0.0);
        }
        // the segment of the row inside this block's items (rows are sorted by item)
        let lo = row.items.partition_point(|&x| x < f.i0);
        let hi = row.items.partition_point(|&x| x < f.i_end);
        let seg = &row.items[lo..hi];
        for (n_at, (&i, &r)) in seg.iter().zip(&row.ratings[lo..hi]).enumerate() {
            // the next rating's item row is a random access: ask for it now
            if let Some(&next) = seg.get(n_at + PREFETCH_AHEAD) {
                prefetch(&f.q[((next - f.i0) as usize * c.k).min(f.q.len().saturating_sub(1))..]);
            }
            let li = (i - f.i0) as usize;
            let qi = &mut f.q[li * c.k..(li + 1) * c.k];
            let dotv = if c.plus_plus {
                b.pz.iter_mut()
                    .zip(pu.iter().zip(b.z.iter()))
                    .for_each(|(o, (a, b))| *o = a + b);
                row_dot::<WIDE>(qi, b.pz)
            } else {
                row_dot::<WIDE>(qi, pu)
            };
            let (bu_u, bi_i) = (f.bu[lu], f.bi[li]);
            let est = if c.biased {
                c.mean + bu_u + bi_i + dotv
            } else {
                dotv
            };
            let err = r - est;
            sse += f64::from(err) * f64::from(err);
            if c.biased {
                f.bu[lu] += c.lr_b * (err - c.reg_b * bu_u);
                f.bi[li] += c.lr_b * (err - c.reg_b * bi_i);
            }
            let (le, lreg) = (c.lr * err, c.lr * c.reg);
            if c.plus_plus {
                let g = le * norm;
                let it = pu
                    .iter_mut()
                    .zip(qi.iter_mut())
                    .zip(b.z.iter_mut())
                    .zip(b.grad_y.iter_mut())
                    .zip(b.pz.iter());
                if FMA {
                    for ((((pf, qf), zf), gy), pzf) in it {
                        let (p0, q0) = (*pf, *qf);
                        *pf = le.mul_add(q0, decay * p0);
                        *qf = le.mul_add(*pzf, decay * q0);
                        *zf = le.mul_add(q0, decay * *zf);
                        *gy = g.mul_add(q0, decay * *gy);
                    }
                } else {
                    for ((((pf, qf), zf), gy), pzf) in it {
                        let (p0, q0) = (*pf, *qf);
                        *pf = p0 + le * q0 - lreg * p0;
                        *qf = q0 + le * pzf - lreg * q0;
                        *zf = decay * *zf + le * q0;
                        *gy = decay * *gy + g * q0;
                    }
                }
            } else if FMA {
                // (1 - lr·reg)·p + lr·err·q in one fused step per element
                for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
                    let (p0, q0) = (*pf, *qf);
                    *pf = le.mul_add(q0, decay * p0);
                    *qf = le.mul_add(p0, decay * q0);
                }
            } else {
                for (pf, qf) in pu.iter_mut().zip(qi.iter_mut()) {
                    let (p0, q0) = (*pf, *qf);
                    *pf = p0 + le * q0 - lreg * p0;
                    *qf = q0 + le * p0 - lreg * q0;
                }
            }
        }
        if c.plus_plus {
            // the n per-rating steps of every y_j at once: y_j ← dⁿ·y_j + G
            let dn = decay.powi(n as i32);
            for &j in row.items {
                let yj = &mut f.y[j as usize * c.k..(j as usize + 1) * c.k];
                yj.iter_mut()
                    .zip(b.grad_y.iter())
                    .for_each(|(y, g)| *y = dn * *y + g);
            }
        }
    }
    sse
}

/// Cuts `0..counts.len()` into `blocks` contiguous ranges holding about equal sums of `counts`;
/// returns the `blocks + 1` boundaries.
fn balanced_cuts(counts: &[u32], blocks: usize) -> Vec<u32> {
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
fn dsgd_epoch(
    c: &SgdConsts,
    train: &Csr,
    order: &[u32],
    user_cuts: &[u32],
    item_cuts: &[u32],
    p: &mut [f32],
    q: &mut [f32],
    bu: &mut [f32],
    bi: &mut [f32],
    simd: Simd,
) -> f64 {
    use rayon::prelude::*;
    let blocks = user_cuts.len() - 1;
    // users of each block, in the epoch's order
    let mut block_users: Vec<Vec<u32>> = vec![Vec::new(); blocks];
    for &u in order {
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
                let e = run_epoch(c, train, &block_users[b], &mut fac, &mut none, simd);
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

/// Hints the processor to fetch the start of `data` into cache (a no-op elsewhere).
#[inline(always)]
fn prefetch(data: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // each row is k floats; fetch its cache lines (up to 512 bytes)
        for line in data.chunks(16).take(8) {
            // SAFETY: prefetching a valid address has no observable effect besides caching.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast()) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = data;
}

/// How many users one SVD epoch interleaves (independent dependency chains in flight).
const INTERLEAVE: usize = 4;

/// How many ratings ahead the next item row is prefetched (measured best on ml-100k).
const PREFETCH_AHEAD: usize = 2;

/// The row width the kernels work on: `k` rounded up to 16 floats (one AVX-512 vector) when
/// `k >= 64`, else to 8 (one AVX2 vector).
fn padded_width(k: usize) -> usize {
    if k >= 64 {
        k.next_multiple_of(16)
    } else {
        k.next_multiple_of(8)
    }
}

/// `a` with zero columns appended up to width `k`.
fn pad_columns(a: Array2<f32>, k: usize) -> Array2<f32> {
    if a.ncols() == k {
        return a;
    }
    let mut out = Array2::zeros((a.nrows(), k));
    out.slice_mut(ndarray::s![.., ..a.ncols()]).assign(&a);
    out
}

/// The first `k` columns of `a`.
fn unpad_columns(a: Array2<f32>, k: usize) -> Array2<f32> {
    if a.ncols() == k {
        return a;
    }
    a.slice(ndarray::s![.., ..k]).to_owned()
}
