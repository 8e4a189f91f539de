//! The standard normal distribution as the ordered probit needs it: the density, the CDF `Φ`
//! and its upper tail, the inverse CDF, the log-probability of an interval, and draws from a
//! normal truncated to an interval — each accurate in the tails, where a rating far from the model's
//! prediction puts its latent value.

use rand::RngExt;
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::random::normal;

/// `φ(x)`, the standard normal density.
pub(crate) fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// `Φ(x)`, the standard normal CDF.
pub(crate) fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// `1 − Φ(x) = Φ(−x)`, without cancellation for large `x`.
pub(crate) fn sf(x: f64) -> f64 {
    0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
}

/// `P(a < Z ≤ b)` for a standard normal `Z` and `a ≤ b` (either may be infinite), computed on
/// the side of zero where both tails are small (the chain reads it through
/// [`interval_given_lower`] and [`interval_given_upper`]).
#[cfg(test)]
pub(crate) fn interval(a: f64, b: f64) -> f64 {
    interval_given_lower(a, lower_tail(a), b)
}

/// The tail of a lower bound `a` that [`interval`]`(a, ·)` reads: `1 − Φ(a)` for `a ≥ 0`, else
/// `Φ(a)`. A bound that stays put while the other moves is read once.
pub(crate) fn lower_tail(a: f64) -> f64 {
    if a >= 0.0 { sf(a) } else { cdf(a) }
}

/// The tail of an upper bound `b` that [`interval`]`(·, b)` reads: `Φ(b)` for `b ≤ 0`, else
/// `1 − Φ(b)`.
pub(crate) fn upper_tail(b: f64) -> f64 {
    if b <= 0.0 { cdf(b) } else { sf(b) }
}

/// [`interval`]`(a, b)` given `ta = `[`lower_tail`]`(a)`: the same operations, so the same value.
pub(crate) fn interval_given_lower(a: f64, ta: f64, b: f64) -> f64 {
    if a >= 0.0 {
        ta - sf(b)
    } else if b <= 0.0 {
        cdf(b) - ta
    } else {
        1.0 - sf(b) - ta
    }
}

/// [`interval`]`(a, b)` given `tb = `[`upper_tail`]`(b)`: the same operations, so the same value
/// (for `a ≥ 0` the interval reads `1 − Φ(b)`, and `b ≥ a`).
pub(crate) fn interval_given_upper(a: f64, b: f64, tb: f64) -> f64 {
    if a >= 0.0 {
        sf(a) - tb
    } else if b <= 0.0 {
        tb - cdf(a)
    } else {
        1.0 - tb - cdf(a)
    }
}

/// `Φ⁻¹(p)` for `p` in (0, 1): Acklam's rational approximation refined by one Halley step on
/// `erfc` (relative error near machine precision). `p` outside (0, 1) gives ±∞.
pub(crate) fn inv_cdf(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let low = 0.02425;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let x = if p < low {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    };
    // one Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2)
    let e = cdf(x) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// A draw of `Z ~ N(0, 1)` conditioned on `a < Z ≤ b` (`a < b`; either may be infinite).
/// Inverse-CDF sampling on the side of zero where the interval's tail probabilities are
/// accurate; where the interval's mass underflows, Robert's (1995) exponential proposal for
/// the tail beyond the nearer bound.
pub(crate) fn truncated(rng: &mut Xoshiro256PlusPlus, a: f64, b: f64) -> f64 {
    if a >= 0.0 {
        // upper tail: in terms of the survival function, both small
        let (sa, sb) = (sf(a), sf(b));
        if sa - sb > 1e-300 && sa > 0.0 {
            let u: f64 = rng.random::<f64>();
            let p = sb + u * (sa - sb);
            return (-inv_cdf(p)).clamp(a, b);
        }
        return tail_beyond(rng, a, b);
    }
    if b <= 0.0 {
        return -truncated(rng, -b, -a);
    }
    // the interval holds zero: plain inverse CDF, or rejection when it is wide
    let (ca, cb) = (cdf(a), cdf(b));
    if cb - ca > 0.3 {
        loop {
            let z = normal(rng);
            if z > a && z <= b {
                return z;
            }
        }
    }
    let u: f64 = rng.random::<f64>();
    inv_cdf(ca + u * (cb - ca)).clamp(a, b)
}

/// `Z` beyond `a > 0` (and at most `b`) by Robert's exponential rejection sampler.
fn tail_beyond(rng: &mut Xoshiro256PlusPlus, a: f64, b: f64) -> f64 {
    let lambda = 0.5 * (a + (a * a + 4.0).sqrt());
    for _ in 0..10_000 {
        let u: f64 = rng.random::<f64>();
        let z = a - (1.0 - u).max(f64::MIN_POSITIVE).ln() / lambda;
        if z > b {
            continue;
        }
        let v: f64 = rng.random::<f64>();
        if v <= (-(z - lambda) * (z - lambda) / 2.0).exp() {
            return z;
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::stream_rng;
    use approx::assert_relative_eq;

    #[test]
    fn known_values() {
        assert_relative_eq!(cdf(0.0), 0.5, epsilon = 1e-15);
        assert_relative_eq!(cdf(1.959_963_984_540_054), 0.975, epsilon = 1e-12);
        assert_relative_eq!(sf(8.0), 6.220_960_574_271_785e-16, max_relative = 1e-10);
        for p in [1e-12, 1e-5, 0.01, 0.2, 0.5, 0.7, 0.99, 1.0 - 1e-9] {
            assert_relative_eq!(cdf(inv_cdf(p)), p, max_relative = 1e-12);
        }
        assert_relative_eq!(inv_cdf(0.975), 1.959_963_984_540_054, epsilon = 1e-12);
        assert_relative_eq!(interval(7.0, 8.0), sf(7.0) - sf(8.0), max_relative = 1e-12);
        assert!(interval(7.0, 8.0) > 1e-12);
        assert_relative_eq!(interval(-1.0, 1.0), 0.682_689_492_137_086, epsilon = 1e-12);
    }

    /// A bound's tail read once gives the interval to the bit, on every side of zero.
    #[test]
    fn interval_given_a_tail() {
        let edges = [
            f64::NEG_INFINITY,
            -9.0,
            -1.5,
            -0.0,
            0.0,
            0.3,
            2.0,
            8.5,
            f64::INFINITY,
        ];
        for &a in &edges {
            for &b in edges.iter().filter(|&&b| b >= a) {
                let p = interval(a, b);
                assert_eq!(
                    interval_given_lower(a, lower_tail(a), b).to_bits(),
                    p.to_bits()
                );
                assert_eq!(
                    interval_given_upper(a, b, upper_tail(b)).to_bits(),
                    p.to_bits()
                );
            }
        }
    }

    /// Means of truncated normals against their closed form `(φ(a) − φ(b)) / (Φ(b) − Φ(a))`.
    #[test]
    fn truncated_moments() {
        let mut rng = stream_rng(11, 0);
        for (a, b) in [
            (0.0, f64::INFINITY),
            (-1.0, 0.5),
            (2.5, 3.0),
            (6.0, f64::INFINITY),
            (f64::NEG_INFINITY, -4.0),
            (-0.2, 0.1),
        ] {
            let fa = if a.is_finite() { pdf(a) } else { 0.0 };
            let fb = if b.is_finite() { pdf(b) } else { 0.0 };
            let mean = (fa - fb) / interval(a, b);
            let n = 100_000;
            let mut s = 0.0;
            for _ in 0..n {
                let z = truncated(&mut rng, a, b);
                assert!(z >= a && z <= b, "{z} outside ({a}, {b}]");
                s += z;
            }
            assert_relative_eq!(s / n as f64, mean, epsilon = 0.01);
        }
    }
}
