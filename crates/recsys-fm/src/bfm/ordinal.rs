//! The ordered probit (Albert & Chib 1993; myFM's `MyFMOrderedProbit`): ratings as ordered
//! classes. A latent `z = ŷ + ε`, `ε ~ N(0, 1)`, falls between two cutpoints
//! `c_{k−1} < z ≤ c_k` for class `k`; the chain draws the latent values from their truncated
//! normals (the FM then fits them with unit noise) and the cutpoints by Metropolis steps on
//! the likelihood with the latent values integrated out (Metropolis-within-Gibbs, as myFM
//! does after Albert & Chib 2001), one cutpoint at a time: the proposal is a normal at the
//! cutpoint's conditional mode (Newton steps; the conditional is log-concave), 1.5× as wide as
//! its curvature gives, so the cutpoints follow the predictions' scale at once rather than by
//! a random walk. The first cutpoint stays at 0 (the global bias carries the location). A prediction is the expected rating,
//! `Σ_k level_k P(k | ŷ)`, averaged over the kept samples.

use rand::RngExt;
use rayon::prelude::*;

use super::state::Sampler;
use crate::error::FmError;
use crate::probit;
use crate::random::{normal, stream_rng};

/// Cases per chunk of the parallel passes (fixed, so the draws do not depend on threads).
const CHUNK: usize = 4096;

/// Newton steps toward a cutpoint's conditional mode.
const NEWTON_STEPS: usize = 4;

/// Width of the cutpoint proposal relative to the conditional's curvature.
const INFLATE: f64 = 1.5;

/// The stream of iteration `it`'s chunk `c` of latent draws, and (chunk `2²⁰ − 1`) of its
/// cutpoint draws: disjoint from the sweeps' own streams, which are the iteration numbers.
fn latent_stream(it: usize, c: usize) -> u64 {
    (1u64 << 62) | ((it as u64) << 20) | c as u64
}

/// The ordered probit's part of the chain.
#[derive(Debug, Clone)]
pub(crate) struct OrdinalChain {
    /// The rating value of every class, ascending.
    pub levels: Vec<f64>,
    /// The class of every case.
    class: Vec<u16>,
    /// The cases of every class.
    by_class: Vec<Vec<u32>>,
    /// The cutpoints `c_0 = 0 < c_1 < … < c_{K−2}`.
    pub cuts: Vec<f64>,
}

impl OrdinalChain {
    /// Classes from the distinct training ratings `y`, cutpoints from their cumulative shares
    /// (`Φ⁻¹` of each, shifted so the first is 0). At least two distinct ratings, at most
    /// 1,000, are needed.
    pub fn new(y: &[f64]) -> Result<Self, FmError> {
        let mut levels = y.to_vec();
        levels.sort_by(f64::total_cmp);
        levels.dedup();
        if levels.len() < 2 || levels.len() > 1000 {
            return Err(<FmError as recsys_core::WrapsCore>::param(
                "ordinal",
                format!(
                    "needs 2 to 1000 distinct ratings, the training data has {}",
                    levels.len()
                ),
            ));
        }
        let class: Vec<u16> = y
            .iter()
            .map(|v| levels.partition_point(|l| l < v) as u16)
            .collect();
        let mut by_class = vec![Vec::new(); levels.len()];
        for (n, &c) in class.iter().enumerate() {
            by_class[c as usize].push(n as u32);
        }
        let n = y.len() as f64;
        let mut cum = 0.0;
        let mut cuts = Vec::with_capacity(levels.len() - 1);
        for cases in &by_class[..levels.len() - 1] {
            cum += cases.len() as f64;
            cuts.push(probit::inv_cdf((cum / n).clamp(1e-6, 1.0 - 1e-6)));
        }
        let c0 = cuts[0];
        cuts.iter_mut().for_each(|c| *c -= c0);
        for k in 1..cuts.len() {
            if cuts[k] <= cuts[k - 1] {
                cuts[k] = cuts[k - 1] + 1e-3;
            }
        }
        Ok(Self {
            levels,
            class,
            by_class,
            cuts,
        })
    }

    /// The bounds of class `k`'s latent interval.
    fn bounds(cuts: &[f64], k: usize) -> (f64, f64) {
        let lo = if k == 0 {
            f64::NEG_INFINITY
        } else {
            cuts[k - 1]
        };
        let hi = cuts.get(k).copied().unwrap_or(f64::INFINITY);
        (lo, hi)
    }

    /// Latent values of a chain's start: the middle of each class's interval (a unit beyond
    /// the outer cutpoints).
    pub fn initial_latent(&self) -> Vec<f64> {
        self.class
            .iter()
            .map(|&k| match Self::bounds(&self.cuts, k as usize) {
                (lo, hi) if lo.is_finite() && hi.is_finite() => 0.5 * (lo + hi),
                (lo, _) if lo.is_finite() => lo + 0.5,
                (_, hi) => hi - 0.5,
            })
            .collect()
    }

    /// One step of the chain's ordinal part at iteration `it`: the cutpoints given the
    /// predictions `ŷ = e + z`, then every latent `z` given its class and `ŷ`; leaves the
    /// sampler's targets `y = z` and residuals `e = ŷ − z`.
    pub fn step(&mut self, s: &mut Sampler, seed: u64, it: usize) {
        let f: Vec<f64> = s.e.iter().zip(&s.y).map(|(e, z)| e + z).collect();
        let mut rng = stream_rng(seed, latent_stream(it, (1 << 20) - 1));
        for k in 1..self.cuts.len() {
            // independence proposal at the conditional mode (Newton), its curvature's normal
            // widened by INFLATE
            let sides = self.sides(&f, k);
            let (mode, var, p_now) = self.conditional_mode(&f, k, &sides);
            let sd = (var * INFLATE * INFLATE).sqrt();
            let prop = mode + sd * normal(&mut rng);
            let hi = self.cuts.get(k + 1).copied().unwrap_or(f64::INFINITY);
            if prop <= self.cuts[k - 1] || prop >= hi {
                continue;
            }
            let ln_q = |c: f64| -0.5 * ((c - mode) / sd).powi(2);
            let d =
                self.ln_lik_change(&f, k, prop, &sides, &p_now) + ln_q(self.cuts[k]) - ln_q(prop);
            let u: f64 = rng.random::<f64>();
            if u.max(f64::MIN_POSITIVE).ln() < d {
                self.cuts[k] = prop;
            }
        }
        let cuts = &self.cuts;
        let class = &self.class;
        let z: Vec<f64> = f
            .par_chunks(CHUNK)
            .enumerate()
            .flat_map_iter(|(c, fc)| {
                let mut rng = stream_rng(seed, latent_stream(it, c));
                let base = c * CHUNK;
                fc.iter()
                    .enumerate()
                    .map(|(m, &fn_)| {
                        let (lo, hi) = Self::bounds(cuts, class[base + m] as usize);
                        fn_ + probit::truncated(&mut rng, lo - fn_, hi - fn_)
                    })
                    .collect::<Vec<f64>>()
            })
            .collect();
        s.e = f.iter().zip(&z).map(|(f, z)| f - z).collect();
        s.y = z;
    }

    /// The tails of the bounds that stay put while cutpoint `k` moves, per case in
    /// `by_class` order: `[lower tails of class k (at c_{k−1}), upper tails of class k + 1 (at
    /// c_{k+1})]`. Read once, they spare one `erfc` of two in every Newton step and every
    /// likelihood change of that cutpoint.
    fn sides(&self, f: &[f64], k: usize) -> [Vec<f64>; 2] {
        let (lo, _) = Self::bounds(&self.cuts, k);
        let (_, hi) = Self::bounds(&self.cuts, k + 1);
        let tails = |cases: &[u32], tail: &(dyn Fn(f64) -> f64 + Sync)| -> Vec<f64> {
            cases.par_iter().map(|&n| tail(f[n as usize])).collect()
        };
        [
            tails(&self.by_class[k], &|fn_| probit::lower_tail(lo - fn_)),
            tails(&self.by_class[k + 1], &|fn_| probit::upper_tail(hi - fn_)),
        ]
    }

    /// The mode of cutpoint `k`'s conditional given the predictions `f` (the other cutpoints
    /// fixed; the conditional is log-concave) by Newton steps from its current value, kept
    /// between its neighbours, the inverse of the curvature there, and the classes' interval
    /// probabilities at the current value (the first step's, for [`OrdinalChain::ln_lik_change`]).
    fn conditional_mode(
        &self,
        f: &[f64],
        k: usize,
        sides: &[Vec<f64>; 2],
    ) -> (f64, f64, [Vec<f64>; 2]) {
        let lo = self.cuts[k - 1];
        let hi = self.cuts.get(k + 1).copied().unwrap_or(f64::INFINITY);
        let mut c = self.cuts[k];
        let mut var = 1e-4;
        // the probabilities of the first step (kept) and of the later ones, per case
        let buffer = || sides.each_ref().map(|t| vec![0.0; t.len()]);
        let (mut p_now, mut p_step) = (buffer(), buffer());
        for step in 0..NEWTON_STEPS {
            let p = if step == 0 { &mut p_now } else { &mut p_step };
            let (g, h) = self.derivatives(f, k, c, sides, p);
            if !(h < 0.0 && g.is_finite()) {
                break;
            }
            var = -1.0 / h;
            let mut next = c - g / h;
            // stay strictly inside the neighbours
            if next <= lo {
                next = 0.5 * (c + lo);
            }
            if next >= hi {
                next = 0.5 * (c + hi);
            }
            let done = (next - c).abs() < 1e-9;
            c = next;
            if done {
                break;
            }
        }
        (c, var, p_now)
    }

    /// First and second derivative in cutpoint `k` (at value `c`) of the log-likelihood of
    /// classes `k` (upper bound `c`) and `k + 1` (lower bound `c`), summed over fixed chunks in
    /// order; each case's interval probability (floored) goes to `p`.
    fn derivatives(
        &self,
        f: &[f64],
        k: usize,
        c: f64,
        sides: &[Vec<f64>; 2],
        p: &mut [Vec<f64>; 2],
    ) -> (f64, f64) {
        let lo = self.cuts[k - 1];
        let hi = self.cuts.get(k + 1).copied().unwrap_or(f64::INFINITY);
        // both classes' chunks in one parallel pass (side 0's first), each class summed apart
        let [p0, p1] = p;
        let side0 = self.by_class[k]
            .par_chunks(CHUNK)
            .zip(sides[0].par_chunks(CHUNK))
            .zip(p0.par_chunks_mut(CHUNK))
            .map(|chunk| (0, chunk));
        let side1 = self.by_class[k + 1]
            .par_chunks(CHUNK)
            .zip(sides[1].par_chunks(CHUNK))
            .zip(p1.par_chunks_mut(CHUNK))
            .map(|chunk| (1, chunk));
        let parts: Vec<(f64, f64)> = side0
            .chain(side1)
            .map(|(side, ((ns, ts), ps))| {
                let upper = side == 0;
                let (mut g, mut h) = (0.0, 0.0);
                for ((&n, &t), p_n) in ns.iter().zip(ts).zip(ps) {
                    let fn_ = f[n as usize];
                    let x = c - fn_;
                    let p = if upper {
                        probit::interval_given_lower(lo - fn_, t, x)
                    } else {
                        probit::interval_given_upper(x, hi - fn_, t)
                    }
                    .max(f64::MIN_POSITIVE);
                    *p_n = p;
                    let d = probit::pdf(x);
                    let r = d / p;
                    if upper {
                        g += r;
                        h += -x * r - r * r;
                    } else {
                        g -= r;
                        h += x * r - r * r;
                    }
                }
                (g, h)
            })
            .collect();
        let n0 = self.by_class[k].len().div_ceil(CHUNK);
        let sum = |ps: &[(f64, f64)]| ps.iter().fold((0.0, 0.0), |(a, b), (g, h)| (a + g, b + h));
        let (a, b) = (sum(&parts[..n0]), sum(&parts[n0..]));
        (a.0 + b.0, a.1 + b.1)
    }

    /// The log-likelihood change of moving cutpoint `k` to `prop` (classes `k` and `k + 1`
    /// are the only ones it bounds), summed over fixed chunks in order, from the fixed bounds'
    /// tails `sides` and the interval probabilities at the current value `p_now`.
    fn ln_lik_change(
        &self,
        f: &[f64],
        k: usize,
        prop: f64,
        sides: &[Vec<f64>; 2],
        p_now: &[Vec<f64>; 2],
    ) -> f64 {
        let lo = self.cuts[k - 1];
        let hi = self.cuts.get(k + 1).copied().unwrap_or(f64::INFINITY);
        // both classes' chunks in one parallel pass (side 0's first), each class summed apart
        let chunks = |side: usize| {
            self.by_class[k + side]
                .par_chunks(CHUNK)
                .zip(sides[side].par_chunks(CHUNK))
                .zip(p_now[side].par_chunks(CHUNK))
                .map(move |chunk| (side, chunk))
        };
        let parts: Vec<f64> = chunks(0)
            .chain(chunks(1))
            .map(|(side, ((ns, ts), ps))| {
                ns.iter()
                    .zip(ts)
                    .zip(ps)
                    .map(|((&n, &t), &p)| {
                        let fn_ = f[n as usize];
                        let moved = if side == 0 {
                            probit::interval_given_lower(lo - fn_, t, prop - fn_)
                        } else {
                            probit::interval_given_upper(prop - fn_, hi - fn_, t)
                        };
                        moved.max(f64::MIN_POSITIVE).ln() - p.ln()
                    })
                    .sum::<f64>()
            })
            .collect();
        let n0 = self.by_class[k].len().div_ceil(CHUNK);
        [&parts[..n0], &parts[n0..]]
            .iter()
            .map(|side| side.iter().sum::<f64>())
            .sum()
    }
}

/// The expected rating under one sample: `Σ_k level_k P(k | f)` with
/// `P(class ≥ k) = Φ(f − c_{k−1})`, i.e. `level_0 + Σ_{k≥1} (level_k − level_{k−1}) Φ(f − c_{k−1})`.
pub(crate) fn expected(levels: &[f64], cuts: &[f64], f: f64) -> f64 {
    let mut e = levels[0];
    for k in 1..levels.len() {
        e += (levels[k] - levels[k - 1]) * probit::cdf(f - cuts[k - 1]);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// Three classes worked by hand: cutpoints 0 and 1, f = 0.5.
    #[test]
    fn expected_by_hand() {
        let (levels, cuts) = ([1.0, 2.0, 5.0], [0.0, 1.0]);
        let p1 = probit::cdf(-0.5); // class 0
        let p2 = probit::cdf(0.5) - probit::cdf(-0.5); // class 1
        let p3 = 1.0 - probit::cdf(0.5); // class 2
        assert_relative_eq!(
            expected(&levels, &cuts, 0.5),
            1.0 * p1 + 2.0 * p2 + 5.0 * p3,
            epsilon = 1e-12
        );
    }

    #[test]
    fn classes_and_start() {
        let y = [3.0, 1.0, 5.0, 3.0, 1.0, 3.0];
        let c = OrdinalChain::new(&y).unwrap();
        assert_eq!(c.levels, vec![1.0, 3.0, 5.0]);
        assert_eq!(c.class, vec![1, 0, 2, 1, 0, 1]);
        assert_eq!(c.cuts[0], 0.0);
        // shares 2/6 and 5/6: the second cutpoint sits Φ⁻¹(5/6) − Φ⁻¹(1/3) above the first
        assert_relative_eq!(
            c.cuts[1],
            probit::inv_cdf(5.0 / 6.0) - probit::inv_cdf(1.0 / 3.0),
            epsilon = 1e-12
        );
        let z = c.initial_latent();
        assert!(z[1] < 0.0 && z[0] > 0.0 && z[0] < c.cuts[1] && z[2] > c.cuts[1]);
        assert!(OrdinalChain::new(&[4.0, 4.0]).is_err());
    }
}
