//! Who rates how much: power-law activity shares that sum exactly, and random permutations
//! that deal the ranks to ids.

use rand::{Rng, RngExt};
use recsys_core::WrapsCore;

use super::alloc;
use crate::error::{DataError, Result};

/// A random permutation of `0..n` (Fisher–Yates).
pub(super) fn permutation(n: usize, rng: &mut impl Rng) -> Result<Vec<u32>> {
    let mut p = alloc(n, 0u32, "ids")?;
    for (k, x) in p.iter_mut().enumerate() {
        *x = k as u32;
    }
    for k in (1..n).rev() {
        let j = rng.random_range(0..=k);
        p.swap(k, j);
    }
    Ok(p)
}

/// Integer shares by rank `k` (0-based) proportional to `(k + 1)^-exponent`, each in
/// `lo..=cap` (`lo` = 1 when `total >= n`, else 0), summing to exactly `total`
/// (`total <= n · cap`).
pub(super) fn allocate(n: usize, exponent: f64, total: u64, cap: u64) -> Result<Vec<u32>> {
    let lo: u64 = u64::from(total >= n as u64);
    let mut w = alloc(n, 0.0f64, "users")?;
    for (k, x) in w.iter_mut().enumerate() {
        *x = ((k + 1) as f64).powf(-exponent);
    }
    let (lo_f, cap_f) = (lo as f64, cap as f64);
    let target = |c: f64, x: f64| (c * x).clamp(lo_f, cap_f);
    let sum_at = |c: f64| w.iter().map(|&x| target(c, x)).sum::<f64>();
    let goal = total as f64;
    // Bracket the scale, then bisect: the sum is continuous and non-decreasing in it.
    let mut hi = goal / w.iter().sum::<f64>();
    let mut guard = 0;
    while sum_at(hi) < goal && guard < 4000 {
        hi *= 2.0;
        guard += 1;
    }
    let mut lo_c = 0.0;
    for _ in 0..64 {
        let mid = 0.5 * (lo_c + hi);
        if sum_at(mid) >= goal {
            hi = mid;
        } else {
            lo_c = mid;
        }
    }
    let mut d: Vec<u64> = w.iter().map(|&x| target(hi, x).floor() as u64).collect();
    let mut sum: u64 = d.iter().sum();
    if sum < total {
        // Hand out what rounding down lost, largest fractional parts first.
        let mut order: Vec<u32> = (0..n as u32).collect();
        let frac = |k: u32| {
            let t = target(hi, w[k as usize]);
            t - t.floor()
        };
        order.sort_by(|&a, &b| frac(b).total_cmp(&frac(a)).then(a.cmp(&b)));
        while sum < total {
            let before = sum;
            for &k in &order {
                if sum == total {
                    break;
                }
                if d[k as usize] < cap {
                    d[k as usize] += 1;
                    sum += 1;
                }
            }
            if sum == before {
                return Err(DataError::param("ratings", "more than users × items"));
            }
        }
    }
    while sum > total {
        // Rounding overshot: take back from the least active.
        let before = sum;
        for x in d.iter_mut().rev() {
            if sum == total {
                break;
            }
            if *x > lo {
                *x -= 1;
                sum -= 1;
            }
        }
        if sum == before {
            return Err(DataError::param("ratings", "fewer than users"));
        }
    }
    // Each share is at most `cap`, an item count (u32).
    Ok(d.into_iter().map(|x| x as u32).collect())
}
