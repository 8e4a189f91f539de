//! The vector operations of ALS's kernels, generic over `F`: fused multiply-adds when `F`
//! (only inside functions compiled with FMA, see `dispatch`), plain ones otherwise.

/// `a·b + c`, fused when `F` (only inside functions compiled with FMA).
#[inline(always)]
pub(super) fn madd<const F: bool>(a: f32, b: f32, c: f32) -> f32 {
    if F { a.mul_add(b, c) } else { a * b + c }
}

/// Lanes of the dot-product accumulators.
const LANES: usize = 8;

/// The dot product of `a` and `b` (of equal length) in eight lanes, reduced pairwise.
#[inline(always)]
pub(super) fn dot<const F: bool>(a: &[f32], b: &[f32]) -> f32 {
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
pub(super) fn dot_plain(a: &[f32], b: &[f32]) -> f32 {
    dot::<false>(a, b)
}

/// `out = Σ_j a_j·u_j + Σ_e b_e·v_e`: two weighted sums of rows of length `out.len()`, given
/// as `(weight, row)` pairs. Columns go in blocks whose accumulators stay in registers over all
/// rows, so `out` is written once.
#[inline(always)]
pub(super) fn weighted_rows<'r, const F: bool, I, J>(
    out: &mut [f32],
    first: impl Fn() -> I,
    second: impl Fn() -> J,
) where
    I: Iterator<Item = (f32, &'r [f32])>,
    J: Iterator<Item = (f32, &'r [f32])>,
{
    let mut c = 0;
    while rows_block::<F, 64, I, J>(out, &mut c, &first, &second) {}
    rows_block::<F, 32, I, J>(out, &mut c, &first, &second);
    rows_block::<F, 16, I, J>(out, &mut c, &first, &second);
    rows_block::<F, 8, I, J>(out, &mut c, &first, &second);
    for (col, o) in out.iter_mut().enumerate().skip(c) {
        let mut s = 0.0;
        for (w, row) in first().chain(second()) {
            s = madd::<F>(w, row[col], s);
        }
        *o = s;
    }
}

/// [`weighted_rows`] for the `B` columns of `out` from column `*c`, if that many are left:
/// moves `*c` past them and returns whether it did.
#[inline(always)]
fn rows_block<'r, const F: bool, const B: usize, I, J>(
    out: &mut [f32],
    c: &mut usize,
    first: &impl Fn() -> I,
    second: &impl Fn() -> J,
) -> bool
where
    I: Iterator<Item = (f32, &'r [f32])>,
    J: Iterator<Item = (f32, &'r [f32])>,
{
    let c0 = *c;
    if out.len() - c0 < B {
        return false;
    }
    let mut acc = [0.0f32; B];
    accumulate::<F, B>(&mut acc, c0, first());
    accumulate::<F, B>(&mut acc, c0, second());
    out[c0..c0 + B].copy_from_slice(&acc);
    *c = c0 + B;
    true
}

/// Adds `w·row[c..c + B]` to `acc` for every `(w, row)` of `rows`, in order.
#[inline(always)]
fn accumulate<'r, const F: bool, const B: usize>(
    acc: &mut [f32; B],
    c: usize,
    rows: impl Iterator<Item = (f32, &'r [f32])>,
) {
    for (w, row) in rows {
        let seg: &[f32; B] = row[c..c + B].try_into().unwrap_or_else(|_| unreachable!());
        for j in 0..B {
            acc[j] = madd::<F>(w, seg[j], acc[j]);
        }
    }
}

/// `out[e] = y_{items[e]}·v` for the rows of the row-major `y` (row length `v.len()`).
#[inline(always)]
pub(super) fn row_dots<const F: bool>(out: &mut [f32], items: &[u32], y: &[f32], v: &[f32]) {
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
pub(super) fn axpy<const F: bool>(a: f32, x: &[f32], y: &mut [f32]) {
    for (yj, &xj) in y.iter_mut().zip(x) {
        *yj = madd::<F>(a, xj, *yj);
    }
}
