//! The similarity kernels: the dense `n × n` similarity matrix of users (or items) over their
//! common ratings, with Surprise's formulas (`similarities.pyx`).
//!
//! Row `x` is accumulated on its own: for every `y` that `x` rated, every `x'` that also rated
//! `y` adds to `x'`'s sums in a dense accumulator of one entry per `x'`. Rows run in parallel with
//! rayon, each row's sums in a fixed order, so the matrix is the same for any thread count. Each
//! row is computed whole rather than mirrored from the upper triangle (twice the sums, but no
//! serial transpose of the `n²` matrix): the matrix is still symmetric bit for bit, since a
//! pair's sums run over the same common ratings in the same order from either side and every
//! formula is symmetric. The diagonal is 1, as in Surprise.

use rayon::prelude::*;
use recsys_core::WrapsCore;

use super::lists::Lists;
use super::params::Similarity;
use crate::error::NeighborsError;

/// `$body` with `$m` bound to the kernel of the [`Similarity`] `$measure` (a generic function
/// called on each kernel type, so every measure's loop is compiled for it).
macro_rules! with_measure {
    ($measure:expr, $shrinkage:expr, |$m:ident| $body:expr) => {
        match $measure {
            Similarity::Cosine => {
                let $m = &Cosine;
                $body
            }
            Similarity::Msd => {
                let $m = &Msd;
                $body
            }
            Similarity::Pearson => {
                let $m = &Pearson;
                $body
            }
            Similarity::PearsonBaseline => {
                let $m = &PearsonBaseline {
                    shrinkage: $shrinkage,
                };
                $body
            }
        }
    };
}

/// The largest similarity matrix a fit allocates (4 GiB of `f32`: about 32,000 users or items).
pub const MAX_SIMILARITY_BYTES: u64 = 4 << 30;

/// What the kernels need: the ratings grouped by `x` and by `y`, each with one value per entry
/// (the rating, or its residual for `pearson_baseline`).
pub(crate) struct Grouped<'a> {
    /// `x`'s `y`s.
    pub xr: &'a Lists,
    /// The value of each entry of `xr`.
    pub x_values: &'a [f64],
    /// `y`'s `x`s.
    pub yr: &'a Lists,
    /// The value of each entry of `yr`.
    pub y_values: &'a [f64],
}

/// One similarity measure: the sums it keeps per pair and its formula.
trait Measure: Sync {
    /// The sums over the common ratings of a pair.
    type Acc: Copy + Default + Send;
    /// Adds a common rating: `vi` of the row's `x`, `vj` of the other.
    fn add(acc: &mut Self::Acc, vi: f64, vj: f64);
    /// The similarity from `n >= 1` common ratings.
    fn sim(&self, n: u32, acc: &Self::Acc) -> f64;
}

/// `Σ vi vj / √(Σ vi² Σ vj²)`.
struct Cosine;
/// `1 / (Σ (vi − vj)² / n + 1)`.
struct Msd;
/// `(n Σ vi vj − Σ vi Σ vj) / √((n Σ vi² − (Σ vi)²)(n Σ vj² − (Σ vj)²))`.
struct Pearson;
/// The cosine of the residuals, shrunk by `(n − 1) / (n − 1 + shrinkage)`.
struct PearsonBaseline {
    shrinkage: f64,
}

impl Measure for Cosine {
    type Acc = [f64; 3];
    #[inline(always)]
    fn add(a: &mut [f64; 3], vi: f64, vj: f64) {
        a[0] += vi * vj;
        a[1] += vi * vi;
        a[2] += vj * vj;
    }
    fn sim(&self, _n: u32, a: &[f64; 3]) -> f64 {
        a[0] / (a[1] * a[2]).sqrt()
    }
}

impl Measure for Msd {
    type Acc = f64;
    #[inline(always)]
    fn add(a: &mut f64, vi: f64, vj: f64) {
        *a += (vi - vj) * (vi - vj);
    }
    fn sim(&self, n: u32, a: &f64) -> f64 {
        1.0 / (a / f64::from(n) + 1.0)
    }
}

/// The cosine's sums and `(Σ vi, Σ vj)`.
impl Measure for Pearson {
    type Acc = (<Cosine as Measure>::Acc, [f64; 2]);
    #[inline(always)]
    fn add(a: &mut Self::Acc, vi: f64, vj: f64) {
        Cosine::add(&mut a.0, vi, vj);
        a.1[0] += vi;
        a.1[1] += vj;
    }
    fn sim(&self, n: u32, a: &Self::Acc) -> f64 {
        let ([xy, xx, yy], [x, y]) = *a;
        let n = f64::from(n);
        let num = n * xy - x * y;
        let den = ((n * xx - x * x) * (n * yy - y * y)).sqrt();
        // all-equal common ratings on either side: the correlation is undefined, Surprise says 0
        if den == 0.0 { 0.0 } else { num / den }
    }
}

/// The cosine's sums, over the residuals.
impl Measure for PearsonBaseline {
    type Acc = <Cosine as Measure>::Acc;
    #[inline(always)]
    fn add(a: &mut Self::Acc, vi: f64, vj: f64) {
        Cosine::add(a, vi, vj);
    }
    fn sim(&self, n: u32, a: &Self::Acc) -> f64 {
        let m = f64::from(n - 1);
        Cosine.sim(n, a) * (m / (m + self.shrinkage))
    }
}

/// Checks that an `n × n` matrix of `f32` stays under [`MAX_SIMILARITY_BYTES`].
pub(crate) fn check_size(n: usize, user_based: bool) -> Result<(), NeighborsError> {
    let bytes = (n as u64).saturating_mul(n as u64).saturating_mul(4);
    if bytes <= MAX_SIMILARITY_BYTES {
        return Ok(());
    }
    if user_based {
        Err(NeighborsError::param(
            "user_based",
            format!(
                "{n} users need a dense {n}×{n} similarity matrix of {bytes} bytes, over the limit of {MAX_SIMILARITY_BYTES} bytes; try item-based"
            ),
        ))
    } else {
        Err(NeighborsError::TooLarge {
            items: n,
            bytes,
            limit: MAX_SIMILARITY_BYTES,
        })
    }
}

/// The row-major `n × n` similarities of the `n = g.xr.groups()` users (items) under `measure`:
/// 0 for pairs with fewer than `min_support` common ratings (fewer than `max(2, min_support)`
/// for `pearson_baseline`, and always for pairs with none), 1 on the diagonal. Where Surprise
/// would divide by zero (cosine or `pearson_baseline` with all-zero values) the similarity is 0,
/// and so is any non-finite result: never NaN.
pub(crate) fn similarities(
    g: &Grouped<'_>,
    measure: Similarity,
    min_support: usize,
    shrinkage: f64,
) -> Vec<f32> {
    let min = support(measure, min_support);
    with_measure!(measure, shrinkage, |m| matrix(g, m, min))
}

/// The common ratings a pair needs under `measure`: `min_support`, at least 1 (2 for
/// `pearson_baseline`).
fn support(measure: Similarity, min_support: usize) -> u32 {
    let min = u32::try_from(min_support.max(1)).unwrap_or(u32::MAX);
    match measure {
        Similarity::PearsonBaseline => min.max(2),
        _ => min,
    }
}

/// One `x`'s ratings as a similarity row reads them: its `y`s (ascending) with their values,
/// and its index among the `x`s when it is one of them (its diagonal).
pub(crate) struct OneX<'a> {
    /// The `y`s `x` rated, ascending.
    pub ys: &'a [u32],
    /// The value of each (the rating, or its residual for `pearson_baseline`).
    pub values: &'a [f64],
    /// `x`'s own index: its entries in the `y`s' lists are skipped and its similarity is 1.
    pub own: Option<usize>,
}

/// The similarities of one `x` (a row of [`similarities`], or a folded-in user's or item's
/// ratings) to all `n` `x'` of `yr`, whose entries have the values `y_value(entry, y)`: the
/// same sums in the same order as [`similarities`] computes a row with, so `x`'s own row comes
/// out bit for bit.
pub(crate) fn similarity_row(
    x: &OneX<'_>,
    yr: &Lists,
    y_value: impl Fn(usize, u32) -> f64,
    n: usize,
    measure: Similarity,
    min_support: usize,
    shrinkage: f64,
) -> Vec<f32> {
    let min = support(measure, min_support);
    with_measure!(measure, shrinkage, |m| {
        let mut out = vec![0.0f32; n];
        let mut acc = vec![(0u32, Default::default()); n];
        let to = Against {
            yr,
            y_value: &y_value,
            m,
            min_support: min,
        };
        row_of(x, &to, &mut acc, &mut Vec::new(), &mut out);
        out
    })
}

/// What one `x` is compared against: the lists `yr` of the `x'`, whose entries have the values
/// `y_value(entry, y)`, under the measure `m` with at least `min_support` common `y`.
struct Against<'a, M, F> {
    yr: &'a Lists,
    y_value: F,
    m: &'a M,
    min_support: u32,
}

/// Rows per rayon task: small enough to balance uneven rows.
const ROWS_PER_TASK: usize = 8;

fn matrix<M: Measure>(g: &Grouped<'_>, m: &M, min_support: u32) -> Vec<f32> {
    let n = g.xr.groups();
    let mut sims = vec![0.0f32; n * n];
    if n == 0 {
        return sims;
    }
    sims.par_chunks_mut(n * ROWS_PER_TASK)
        .enumerate()
        .for_each_init(
            || (vec![(0u32, M::Acc::default()); n], Vec::<u32>::new()),
            |(acc, touched), (block, rows)| {
                for (r, out) in rows.chunks_mut(n).enumerate() {
                    upper_row(
                        g,
                        m,
                        min_support,
                        block * ROWS_PER_TASK + r,
                        acc,
                        touched,
                        out,
                    );
                }
            },
        );
    sims
}

/// Row `xi`'s similarities to every other `xj`, written into `out` (`out[xi]` = 1); `acc` and
/// `touched` are scratch, left cleared.
fn upper_row<M: Measure>(
    g: &Grouped<'_>,
    m: &M,
    min_support: u32,
    xi: usize,
    acc: &mut [(u32, M::Acc)],
    touched: &mut Vec<u32>,
    out: &mut [f32],
) {
    let xr = g.xr.range(xi);
    let x = OneX {
        ys: &g.xr.idx()[xr.clone()],
        values: &g.x_values[xr],
        own: Some(xi),
    };
    let to = Against {
        yr: g.yr,
        y_value: |e: usize, _: u32| g.y_values[e],
        m,
        min_support,
    };
    row_of(&x, &to, acc, touched, out);
}

/// `x`'s similarities to every `xj` of `yr` written into `out` (`out[own]` = 1, the others left
/// as they are where there is no similarity); `acc` and `touched` are scratch, left cleared.
#[inline]
fn row_of<M: Measure, F: Fn(usize, u32) -> f64>(
    x: &OneX<'_>,
    to: &Against<'_, M, F>,
    acc: &mut [(u32, M::Acc)],
    touched: &mut Vec<u32>,
    out: &mut [f32],
) {
    if let Some(o) = x.own.and_then(|o| out.get_mut(o)) {
        *o = 1.0;
    }
    for (&y, &vi) in x.ys.iter().zip(x.values) {
        let range = to.yr.range(y as usize);
        let xs = &to.yr.idx()[range.clone()];
        for (e, &xj) in range.zip(xs) {
            let Some(slot) = acc.get_mut(xj as usize) else {
                continue;
            };
            if slot.0 == 0 {
                touched.push(xj);
            }
            slot.0 += 1;
            M::add(&mut slot.1, vi, (to.y_value)(e, y));
        }
    }
    for &xj in touched.iter() {
        let e = &mut acc[xj as usize];
        if Some(xj as usize) == x.own {
            *e = (0, M::Acc::default());
            continue;
        }
        if e.0 >= to.min_support {
            let s = to.m.sim(e.0, &e.1);
            out[xj as usize] = if s.is_finite() { s as f32 } else { 0.0 };
        }
        *e = (0, M::Acc::default());
    }
    touched.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder};

    /// Users × items of the matrix `rows` (0 = unrated), item-based (x = items).
    fn items_of(rows: &[&[f32]]) -> (Lists, Lists) {
        let mut b = InteractionsBuilder::new();
        for (u, row) in rows.iter().enumerate() {
            for (i, &r) in row.iter().enumerate() {
                if r > 0.0 {
                    b.push(u as u64, i as u64, r, None).unwrap();
                }
            }
        }
        let m = b.build(DuplicatePolicy::KeepLast).unwrap();
        (Lists::by_item(&m), Lists::by_user(&m))
    }

    fn sims(rows: &[&[f32]], s: Similarity, min_support: usize, shrink: f64) -> Vec<f32> {
        let (xr, yr) = items_of(rows);
        let xv: Vec<f64> = xr.val().iter().map(|&r| f64::from(r)).collect();
        let yv: Vec<f64> = yr.val().iter().map(|&r| f64::from(r)).collect();
        let g = Grouped {
            xr: &xr,
            x_values: &xv,
            yr: &yr,
            y_values: &yv,
        };
        similarities(&g, s, min_support, shrink)
    }

    // users × items; item 0 = [4, 2, 5, -], item 1 = [2, 2, 4, 1], item 2 = [-, 3, 3, 3]
    const R: [&[f32]; 4] = [
        &[4.0, 2.0],
        &[2.0, 2.0, 3.0],
        &[5.0, 4.0, 3.0],
        &[0.0, 1.0, 3.0],
    ];

    #[test]
    fn cosine_msd_pearson_by_hand() {
        let n = 3;
        let c = sims(&R, Similarity::Cosine, 1, 0.0);
        // items 0 and 1 share users 0, 1, 2: (4·2 + 2·2 + 5·4) / √(16+4+25)·√(4+4+16)
        let c01 = 32.0 / (45.0f64.sqrt() * 24.0f64.sqrt());
        assert_relative_eq!(c[1], c01 as f32, epsilon = 1e-7);
        assert_relative_eq!(c[n], c01 as f32, epsilon = 1e-7);
        // items 0 and 2 share users 1, 2: (2·3 + 5·3) / √(4+25)·√(9+9)
        assert_relative_eq!(c[2], (21.0 / (29.0f64.sqrt() * 18.0f64.sqrt())) as f32);
        assert_eq!((c[0], c[n + 1], c[2 * n + 2]), (1.0, 1.0, 1.0));

        let m = sims(&R, Similarity::Msd, 1, 0.0);
        // items 0, 1: squared differences 4, 0, 1 over 3 users
        assert_relative_eq!(m[1], (1.0 / (5.0 / 3.0 + 1.0)) as f32);
        // items 1, 2 share users 1, 2, 3: 1, 1, 4
        assert_relative_eq!(m[n + 2], (1.0 / (2.0 + 1.0)) as f32);

        let p = sims(&R, Similarity::Pearson, 1, 0.0);
        // items 0, 1 over users 0..3: x = [4, 2, 5] (mean 11/3), y = [2, 2, 4] (mean 8/3)
        let (dx, dy) = (
            [1.0 / 3.0, -5.0 / 3.0, 4.0 / 3.0],
            [-2.0 / 3.0, -2.0 / 3.0, 4.0 / 3.0],
        );
        let num: f64 = dx.iter().zip(&dy).map(|(a, b)| a * b).sum();
        let den =
            (dx.iter().map(|a| a * a).sum::<f64>() * dy.iter().map(|a| a * a).sum::<f64>()).sqrt();
        assert_relative_eq!(p[1], (num / den) as f32, epsilon = 1e-6);
        // item 2's common ratings with anyone are all 3: undefined, so 0
        assert_eq!((p[2], p[n + 2], p[2 * n]), (0.0, 0.0, 0.0));
        assert!(p.iter().chain(&c).chain(&m).all(|s| s.is_finite()));
    }

    #[test]
    fn support_and_shrinkage() {
        // with min_support 3, items 0 and 2 (2 common users) get 0
        let c = sims(&R, Similarity::Cosine, 3, 0.0);
        assert_eq!(c[2], 0.0);
        assert!(c[1] > 0.0);
        // pearson_baseline on raw values (zero baselines) is the cosine shrunk by (n-1)/(n-1+s)
        let c1 = sims(&R, Similarity::Cosine, 1, 0.0);
        let pb = sims(&R, Similarity::PearsonBaseline, 1, 10.0);
        assert_relative_eq!(pb[1], c1[1] * (2.0 / 12.0), epsilon = 1e-7);
        assert_relative_eq!(pb[2], c1[2] * (1.0 / 11.0), epsilon = 1e-7);
        // one common rating is never enough for pearson_baseline
        let one: [&[f32]; 2] = [&[4.0, 2.0], &[0.0, 0.0]];
        assert_eq!(sims(&one, Similarity::PearsonBaseline, 1, 0.0)[1], 0.0);
    }

    #[test]
    fn symmetric_and_the_same_on_any_thread_count() {
        let rows: Vec<Vec<f32>> = (0..40)
            .map(|u| {
                (0..30)
                    .map(|i| ((u * 7 + i * 13) % 6) as f32 * 0.5)
                    .collect()
            })
            .collect();
        let refs: Vec<&[f32]> = rows.iter().map(Vec::as_slice).collect();
        for s in [
            Similarity::Cosine,
            Similarity::Msd,
            Similarity::Pearson,
            Similarity::PearsonBaseline,
        ] {
            let one = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .unwrap()
                .install(|| sims(&refs, s, 1, 100.0));
            let four = rayon::ThreadPoolBuilder::new()
                .num_threads(4)
                .build()
                .unwrap()
                .install(|| sims(&refs, s, 1, 100.0));
            assert_eq!(one, four);
            let n = 30;
            for i in 0..n {
                for j in 0..n {
                    assert_eq!(one[i * n + j].to_bits(), one[j * n + i].to_bits());
                }
            }
        }
    }

    #[test]
    fn too_large_is_a_typed_error() {
        assert!(check_size(1000, false).is_ok());
        assert!(matches!(
            check_size(40_000, false),
            Err(NeighborsError::TooLarge { items: 40_000, .. })
        ));
        assert!(check_size(40_000, true).is_err());
    }
}
