//! The hypergeometric law of a sampled rank given the full rank.

/// Fills `row[r]` with `P(r | R = full)`: `r` of `m` draws without replacement from `n` items,
/// `full` of which are marked. Returns the support `(lo, hi)`.
pub(super) fn hypergeometric_row(
    n: usize,
    full: usize,
    m: usize,
    row: &mut [f64],
) -> (usize, usize) {
    row.iter_mut().for_each(|p| *p = 0.0);
    let lo = m.saturating_sub(n - full);
    let hi = m.min(full);
    // ln P(lo) = ln C(full, lo) + ln C(n − full, m − lo) − ln C(n, m)
    let ln_p = ln_choose(full, lo) + ln_choose(n - full, m - lo) - ln_choose(n, m);
    let mut p = ln_p.exp();
    row[lo] = p;
    for r in lo..hi {
        // P(r + 1) / P(r) = (full − r)(m − r) / ((r + 1)(n − full − m + r + 1)); r ≥ lo keeps
        // n − full + r + 1 above m
        p *= ((full - r) * (m - r)) as f64 / ((r + 1) * (n - full + r + 1 - m)) as f64;
        row[r + 1] = p;
    }
    (lo, hi)
}

/// `ln C(a, b)`.
fn ln_choose(a: usize, b: usize) -> f64 {
    let b = b.min(a - b);
    (0..b).map(|i| ((a - i) as f64 / (b - i) as f64).ln()).sum()
}
