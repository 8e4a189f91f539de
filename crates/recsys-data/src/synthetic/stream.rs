//! [`Synthetic`]: the stream of generated ratings, user by user.

use rand::{Rng, RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::item_sampler::ItemSampler;
use super::shares::{allocate, permutation};
use super::{SyntheticConfig, SyntheticRating, TIME_END, TIME_START, alloc};
use crate::error::Result;

const MEAN: f32 = 3.5;
const USER_BIAS_SD: f32 = 0.4;
const ITEM_BIAS_SD: f32 = 0.4;
const INTERACTION_SD: f64 = 0.6;

/// The stream of [`SyntheticConfig::stream`]: an iterator of [`SyntheticRating`]s, user by
/// user.
#[derive(Debug, Clone)]
pub struct Synthetic {
    degrees: Vec<u32>,
    user_bias: Vec<f32>,
    user_factors: Vec<f32>,
    item_bias: Vec<f32>,
    item_factors: Vec<f32>,
    factors: usize,
    noise: f32,
    sampler: ItemSampler,
    pick_rng: Xoshiro256PlusPlus,
    value_rng: Xoshiro256PlusPlus,
    spare_normal: Option<f32>,
    next_user: usize,
    current: u32,
    current_items: Vec<u32>,
    pos: usize,
    t_start: f64,
    t_span: f64,
    remaining: u64,
}

impl Synthetic {
    /// Checks `cfg` and prepares the stream: activity shares, item popularity, factors.
    pub fn new(cfg: &SyntheticConfig) -> Result<Self> {
        cfg.check()?;
        let users = cfg.users as usize;
        let items = cfg.items as usize;
        let base = Xoshiro256PlusPlus::seed_from_u64(cfg.seed);
        let mut structure_rng = base.clone();
        let mut pick_rng = base.clone();
        pick_rng.jump();
        let mut value_rng = pick_rng.clone();
        value_rng.jump();

        // Activity: shares by rank, then ranks dealt to users at random.
        let shares = allocate(users, cfg.user_exponent, cfg.ratings, u64::from(cfg.items))?;
        let user_perm = permutation(users, &mut structure_rng)?;
        let mut degrees = alloc(users, 0u32, "users")?;
        for (rank, &u) in user_perm.iter().enumerate() {
            degrees[u as usize] = shares[rank];
        }
        drop(shares);
        drop(user_perm);

        // Popularity: Zipf weights by rank, ranks dealt to items at random.
        let item_perm = permutation(items, &mut structure_rng)?;
        let mut prob = alloc(items, 0.0f64, "items")?;
        for (rank, &i) in item_perm.iter().enumerate() {
            prob[i as usize] = ((rank + 1) as f64).powf(-cfg.item_exponent);
        }
        drop(item_perm);
        let sum: f64 = prob.iter().sum();
        prob.iter_mut().for_each(|p| *p /= sum);
        let sampler = ItemSampler::new(prob)?;

        let k = cfg.factors;
        let sd = if k > 0 {
            (INTERACTION_SD / (k as f64).sqrt()).sqrt() as f32
        } else {
            0.0
        };
        let mut normals = Normals::default();
        let mut draw = |n: usize, scale: f32, what| -> Result<Vec<f32>> {
            let mut v = alloc(n, 0.0f32, what)?;
            for x in &mut v {
                *x = scale * normals.next(&mut value_rng);
            }
            Ok(v)
        };
        let user_bias = draw(users, USER_BIAS_SD, "users")?;
        let item_bias = draw(items, ITEM_BIAS_SD, "items")?;
        let user_factors = draw(users * k, sd, "factors")?;
        let item_factors = draw(items * k, sd, "factors")?;

        Ok(Self {
            degrees,
            user_bias,
            user_factors,
            item_bias,
            item_factors,
            factors: k,
            noise: cfg.noise as f32,
            sampler,
            pick_rng,
            value_rng,
            spare_normal: None,
            next_user: 0,
            current: 0,
            current_items: Vec::new(),
            pos: 0,
            t_start: 0.0,
            t_span: 0.0,
            remaining: cfg.ratings,
        })
    }

    /// Ratings not yet streamed.
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    /// The number of ratings of each user, by dense position `raw id - 1`.
    pub fn user_degrees(&self) -> &[u32] {
        &self.degrees
    }

    fn normal(&mut self) -> f32 {
        let mut n = Normals {
            spare: self.spare_normal.take(),
        };
        let x = n.next(&mut self.value_rng);
        self.spare_normal = n.spare;
        x
    }

    fn rating(&mut self, u: u32, i: u32) -> SyntheticRating {
        let (uu, ii, k) = (u as usize, i as usize, self.factors);
        let p = &self.user_factors[uu * k..(uu + 1) * k];
        let q = &self.item_factors[ii * k..(ii + 1) * k];
        let dot: f32 = p.iter().zip(q).map(|(a, b)| a * b).sum();
        let mut score = MEAN + self.user_bias[uu] + self.item_bias[ii] + dot;
        if self.noise > 0.0 {
            score += self.noise * self.normal();
        }
        let rating = ((score * 2.0).round() / 2.0).clamp(0.5, 5.0);
        let t = self.t_start + self.value_rng.random::<f64>() * self.t_span;
        SyntheticRating {
            user: u64::from(u) + 1,
            item: u64::from(i) + 1,
            rating,
            timestamp: (t as u32).clamp(TIME_START, TIME_END - 1),
        }
    }
}

impl Iterator for Synthetic {
    type Item = SyntheticRating;

    fn next(&mut self) -> Option<SyntheticRating> {
        loop {
            if let Some(&i) = self.current_items.get(self.pos) {
                self.pos += 1;
                self.remaining -= 1;
                return Some(self.rating(self.current, i));
            }
            let u = (self.next_user..self.degrees.len()).find(|&u| self.degrees[u] > 0)?;
            self.next_user = u + 1;
            self.current = u as u32;
            self.pos = 0;
            self.sampler.sample(
                u as u32,
                self.degrees[u] as usize,
                &mut self.pick_rng,
                &mut self.current_items,
            );
            let span = f64::from(TIME_END - TIME_START);
            self.t_start = f64::from(TIME_START) + self.value_rng.random::<f64>() * span;
            let w: f64 = self.value_rng.random();
            self.t_span = (f64::from(TIME_END) - self.t_start) * w * w;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        (n, usize::try_from(self.remaining).ok())
    }
}

/// Standard normal draws (Box–Muller, both values used).
#[derive(Debug, Default)]
struct Normals {
    spare: Option<f32>,
}

impl Normals {
    fn next(&mut self, rng: &mut impl Rng) -> f32 {
        if let Some(x) = self.spare.take() {
            return x;
        }
        // 1 - U is in (0, 1]: the logarithm is finite.
        let u1 = 1.0 - rng.random::<f64>();
        let u2 = rng.random::<f64>();
        let r = (-2.0 * u1.ln()).sqrt();
        let (s, c) = (std::f64::consts::TAU * u2).sin_cos();
        self.spare = Some((r * s) as f32);
        (r * c) as f32
    }
}
