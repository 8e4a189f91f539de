//! The initial factors of the SGD models: seeded normal draws, either numpy's legacy stream in
//! Surprise's order ([`InitStream::Numpy`]) or independently seeded blocks drawn in parallel
//! ([`init_factors`]).

use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

/// A `rows × k` matrix of independent N(mean, std²) draws from `rng` (Marsaglia's polar
/// method), row-major.
pub fn normal_matrix(
    rows: usize,
    k: usize,
    mean: f32,
    std: f32,
    rng: &mut Xoshiro256PlusPlus,
) -> Array2<f32> {
    let mut m = Array2::zeros((rows, k));
    if let Some(s) = m.as_slice_mut() {
        fill_normal(s, mean, std, rng);
    }
    m
}

/// Fills `out` with independent N(mean, std²) draws from `rng` (Marsaglia's polar method).
fn fill_normal(out: &mut [f32], mean: f32, std: f32, rng: &mut Xoshiro256PlusPlus) {
    let mut at = 0;
    while at < out.len() {
        let x: f64 = 2.0 * rng.random::<f64>() - 1.0;
        let y: f64 = 2.0 * rng.random::<f64>() - 1.0;
        let s = x * x + y * y;
        if s >= 1.0 || s == 0.0 {
            continue;
        }
        let m = (-2.0 * s.ln() / s).sqrt();
        out[at] = mean + std * (x * m) as f32;
        if let Some(v) = out.get_mut(at + 1) {
            *v = mean + std * (y * m) as f32;
        }
        at += 2;
    }
}

/// Rows per independently seeded block of [`init_factors`].
const INIT_BLOCK_ROWS: usize = 128;

/// The initial factors of an SGD model: user factors `p` (`users × k`), item factors `q`
/// (`items × k`) and, when `implicit`, SVD++'s `y` (`items × k`, else `0 × k`), each drawn from
/// N(mean, std²).
///
/// Every block of 128 rows of each matrix has its own stream derived from `seed`, the matrix and
/// the block, and the blocks are drawn in parallel: the result is the same for any number of
/// threads.
pub fn init_factors(
    users: usize,
    items: usize,
    k: usize,
    mean: f32,
    std: f32,
    seed: u64,
    implicit: bool,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    use rayon::prelude::*;
    let fill = |rows: usize, matrix: u64| {
        let mut m = Array2::zeros((rows, k));
        if let Some(s) = m.as_slice_mut()
            && k > 0
        {
            s.par_chunks_mut(INIT_BLOCK_ROWS * k)
                .enumerate()
                .for_each(|(block, out)| {
                    let stream = (matrix << 32) ^ block as u64;
                    let mut r = rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
                    fill_normal(out, mean, std, &mut r);
                });
        }
        m
    };
    let p = fill(users, 1);
    let q = fill(items, 2);
    let y = if implicit {
        fill(items, 3)
    } else {
        Array2::zeros((0, k))
    };
    (p, q, y)
}

/// How SVD and SVD++ draw their initial factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitStream {
    /// Surprise's draws (default): numpy's legacy `RandomState(seed).normal`
    /// ([`crate::numpy::RandomState`]), first `p` for the users with training ratings in index
    /// order, then `q` (and SVD++'s `y`) for the items with training ratings. Where the indices
    /// are in order of first appearance in the training file, as
    /// `recsys_data::movielens::read_split_files` makes them, these are exactly the numbers
    /// Surprise starts from with `random_state=seed`. Sequential.
    #[default]
    Numpy,
    /// [`init_factors`]: blocks of 128 rows with their own seeded streams, drawn in parallel
    /// (faster on millions of rows; not Surprise's numbers).
    Parallel,
}

/// Where SVD's and SVD++'s user factors start (a hyperparameter, `SvdParams::user_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStart {
    /// Drawn from N(`init_mean`, `init_std`²) like the items' (default; Surprise's start).
    #[default]
    Drawn,
    /// Zero. With [`InitStream::Numpy`] no draws are made for the users, so the items' draws
    /// do not depend on the number of users: a refit with added users starts its items where
    /// the first fit did. A user folded in by the SGD fold-in starts from zero too, so with
    /// this start a retrained new user and a folded-in one begin at the same point, and only
    /// the items' movement in the refit separates them.
    Zero,
}

/// The initial factors with numpy's legacy generator in Surprise's order (see
/// [`InitStream::Numpy`]): `user_active[u]` / `item_active[i]` say which rows get draws (the
/// users and items with training ratings); the other rows are zero. Returns `p`, `q` and, when
/// `implicit`, `y` (else `0 × width`), in rows `width >= k` wide (the columns past `k` zero).
#[allow(clippy::too_many_arguments)]
pub(crate) fn numpy_factors(
    user_active: &[bool],
    item_active: &[bool],
    k: usize,
    width: usize,
    mean: f32,
    std: f32,
    seed: u64,
    implicit: bool,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    use rayon::prelude::*;
    let width = width.max(k);
    let rows = |active: &[bool]| Array2::<f32>::zeros((active.len(), width));
    let (mut p, mut q) = (rows(user_active), rows(item_active));
    let mut y = if implicit {
        rows(item_active)
    } else {
        Array2::zeros((0, width))
    };
    // the rows that get draws, in numpy's order: p's active rows, then q's, then y's
    let mut dest: Vec<&mut [f32]> = Vec::new();
    for (m, active) in [
        (&mut p, user_active),
        (&mut q, item_active),
        (&mut y, item_active),
    ] {
        if let Some(s) = m.as_slice_mut() {
            dest.extend(
                s.chunks_mut(width.max(1))
                    .zip(active)
                    .filter(|(_, a)| **a)
                    .map(|(row, _)| &mut row[..k]),
            );
        }
    }
    // The uniforms are sequential (one MT19937 stream); the logarithms and square roots of the
    // polar method are not: each chunk of pairs is drawn, then transformed in parallel.
    const CHUNK: usize = 1 << 13;
    let mut r = crate::numpy::RandomState::new(seed);
    let (mean, std) = (f64::from(mean), f64::from(std));
    let total = dest.len() * k;
    let mut pairs = Vec::with_capacity(CHUNK);
    let mut vals = vec![0.0f32; 2 * CHUNK];
    let (mut done, mut row, mut col) = (0usize, 0usize, 0usize);
    while done < total {
        let n = (total - done).div_ceil(2).min(CHUNK);
        pairs.clear();
        pairs.extend((0..n).map(|_| r.polar_pair()));
        vals[..2 * n]
            .par_chunks_mut(2)
            .zip(pairs.par_iter())
            .with_min_len(512)
            .for_each(|(o, &pair)| {
                let (g1, g2) = crate::numpy::polar_normals(pair);
                o[0] = (mean + std * g1) as f32;
                o[1] = (mean + std * g2) as f32;
            });
        let take = (2 * n).min(total - done);
        for &v in &vals[..take] {
            dest[row][col] = v;
            col += 1;
            if col == k {
                col = 0;
                row += 1;
            }
        }
        done += take;
    }
    (p, q, y)
}

/// A seeded generator.
pub fn rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_draws_have_the_right_moments() {
        let m = normal_matrix(200, 50, 0.5, 0.1, &mut rng(3));
        let n = m.len() as f64;
        let mean = m.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        let var = m
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / n;
        assert!((mean - 0.5).abs() < 0.005, "{mean}");
        assert!((var.sqrt() - 0.1).abs() < 0.005, "{}", var.sqrt());
        assert_eq!(m, normal_matrix(200, 50, 0.5, 0.1, &mut rng(3)));
    }
}
