//! The random draws of the samplers: one generator per `(seed, stream)` pair, so that a draw
//! depends on the seed and the iteration only (never on threads), and the normal and gamma
//! variates the Gibbs sampler needs.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

/// The generator of iteration (or stream) `stream` under `seed`: SplitMix64 of both.
pub(crate) fn stream_rng(seed: u64, stream: u64) -> Xoshiro256PlusPlus {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(stream.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Xoshiro256PlusPlus::seed_from_u64(z ^ (z >> 31))
}

/// A standard normal variate (Marsaglia's polar method; the second variate is dropped so that
/// every draw consumes the generator the same way wherever it is called from).
pub(crate) fn normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    polar_transform(polar_point(rng))
}

/// The accept-reject step of the polar method: a uniform point `x, y` of the unit disc (the
/// origin excluded), as `(x, x² + y²)`.
fn polar_point(rng: &mut Xoshiro256PlusPlus) -> (f64, f64) {
    loop {
        let x = 2.0 * rng.random::<f64>() - 1.0;
        let y = 2.0 * rng.random::<f64>() - 1.0;
        let s = x * x + y * y;
        if s > 0.0 && s < 1.0 {
            return (x, s);
        }
    }
}

/// The polar method's standard normal variate of an accepted point `(x, s)`.
#[inline]
fn polar_transform((x, s): (f64, f64)) -> f64 {
    x * (-2.0 * s.ln() / s).sqrt()
}

/// `n` standard normal variates: the same values, in the same order, as `n` calls of
/// [`normal`], leaving `rng` where they would. The accept-reject steps read the generator in
/// order; the transforms of the accepted pairs (a logarithm and a square root each) run on
/// rayon.
pub(crate) fn normals(rng: &mut Xoshiro256PlusPlus, n: usize) -> Vec<f64> {
    let points: Vec<(f64, f64)> = (0..n).map(|_| polar_point(rng)).collect();
    points
        .into_par_iter()
        .with_min_len(4096)
        .map(polar_transform)
        .collect()
}

/// A Gamma(`shape`, `scale`) variate (Marsaglia & Tsang 2000; shapes below 1 boosted by
/// `U^(1/shape)`). `shape` and `scale` must be positive and finite.
pub(crate) fn gamma(rng: &mut Xoshiro256PlusPlus, shape: f64, scale: f64) -> f64 {
    if shape < 1.0 {
        let u: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
        return gamma(rng, shape + 1.0, scale) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u: f64 = rng.random::<f64>();
        if u < 1.0 - 0.0331 * x * x * x * x
            || u.max(f64::MIN_POSITIVE).ln() < 0.5 * x * x + d * (1.0 - v + v.ln())
        {
            return d * v * scale;
        }
    }
}

/// A draw from the normal density proportional to `exp(-quad/2 · x² + lin · x)`: mean
/// `lin / quad`, precision `quad` (myFM's `sample_normal`).
pub(crate) fn normal_from_quadratic(rng: &mut Xoshiro256PlusPlus, quad: f64, lin: f64) -> f64 {
    scaled_normal(normal(rng), quad, lin)
}

/// [`normal_from_quadratic`] with its standard normal variate `z` drawn beforehand.
#[inline]
pub(crate) fn scaled_normal(z: f64, quad: f64, lin: f64) -> f64 {
    lin / quad + z / quad.sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_match() {
        let mut rng = stream_rng(3, 0);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let x = normal(&mut rng);
            s += x;
            s2 += x * x;
        }
        assert!((s / n as f64).abs() < 0.01);
        assert!((s2 / n as f64 - 1.0).abs() < 0.01);
        for (shape, scale) in [(0.5, 2.0), (3.0, 0.5), (50.0, 0.1)] {
            let (mut s, mut s2) = (0.0, 0.0);
            for _ in 0..n {
                let x = gamma(&mut rng, shape, scale);
                s += x;
                s2 += x * x;
            }
            let mean = s / n as f64;
            let var = s2 / n as f64 - mean * mean;
            assert!(
                (mean / (shape * scale) - 1.0).abs() < 0.02,
                "{shape} {mean}"
            );
            assert!(
                (var / (shape * scale * scale) - 1.0).abs() < 0.05,
                "{shape} {var}"
            );
        }
    }

    #[test]
    fn normals_in_bulk_are_the_single_draws() {
        let (mut a, mut b) = (stream_rng(7, 3), stream_rng(7, 3));
        let bulk = normals(&mut a, 10_000);
        for z in bulk {
            assert_eq!(z.to_bits(), normal(&mut b).to_bits());
        }
        // the generator is left where the single draws leave it
        assert_eq!(normal(&mut a).to_bits(), normal(&mut b).to_bits());
    }

    #[test]
    fn streams_differ_and_repeat() {
        let a = normal(&mut stream_rng(1, 5));
        assert_eq!(a, normal(&mut stream_rng(1, 5)));
        assert_ne!(a, normal(&mut stream_rng(1, 6)));
        assert_ne!(a, normal(&mut stream_rng(2, 5)));
    }
}
