//! Seeded synthetic ratings for scale tests: power-law user activity and item popularity,
//! ratings from a latent-factor model (so models have something to learn), no duplicate pairs,
//! exactly the number of ratings asked for.
//!
//! ```
//! use recsys_data::synthetic::SyntheticConfig;
//! let cfg = SyntheticConfig { users: 200, items: 100, ratings: 5_000, seed: 7, ..Default::default() };
//! let m = cfg.generate()?;
//! assert_eq!(m.nnz(), 5_000);
//! assert_eq!(m.n_users(), 200); // with at least one rating per user, every user has one
//! assert_eq!(m.duplicates_merged(), 0);
//! assert_eq!(cfg.generate()?.iter().collect::<Vec<_>>(), m.iter().collect::<Vec<_>>());
//! # Ok::<(), recsys_data::DataError>(())
//! ```
//!
//! # Model
//!
//! * **Who rates how much.** User `k` of the activity ranking (random with respect to ids) gets
//!   a share of the ratings proportional to `k^-user_exponent`, capped at `items` and at least
//!   one rating each when `ratings >= users`; shares are rounded so that they sum to `ratings`
//!   exactly.
//! * **What they rate.** Each user draws that many *distinct* items, item `j` of the
//!   popularity ranking (random with respect to ids) with probability proportional to
//!   `j^-item_exponent` (sampling without replacement: an alias table with rejection while the
//!   user's drawn items hold under half the popularity mass, a Fenwick tree after that). Items
//!   that are never drawn do not appear in the data.
//! * **The rating.** `3.5 + b_u + b_i + p_u·q_i + noise·ε`, rounded to the half star and
//!   clamped to `0.5..=5.0`, with biases `b ~ N(0, 0.4²)`, factor vectors of `factors`
//!   dimensions scaled so that `p_u·q_i` has standard deviation 0.6, and `ε ~ N(0, 1)`.
//! * **When.** Each user is active over a random window of 2001–2019; each rating's timestamp
//!   is uniform in it.
//!
//! Raw ids are `1..=users` and `1..=items`. Ratings stream user by user (in raw id order).
//! The `(user, item)` pairs depend only on `users`, `items`, `ratings`, the exponents and the
//! seed (separate random streams): changing `factors` or `noise` changes ratings, not who rated
//! what.
//!
//! # Cost
//!
//! Memory: about `users · (factors + 2) + items · (factors + 11)` 4-byte words for the
//! generator (a few more per user while it starts), plus the largest user's item list; the
//! [`InteractionsBuilder`] it fills holds 16 bytes per rating, and building [`Interactions`]
//! from it peaks at about 32 bytes per rating (entries and their sorted copy). Time: linear in `ratings` (expected `O(1)` per rating for light users, `O(log items)`
//! per rating for the heaviest ones), plus `O(users · 64)` to fit the activity shares.

use rand::{Rng, RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

use crate::error::{DataError, Result};
use recsys_core::ids::RawId;
use recsys_core::interactions::{DuplicatePolicy, Interaction, Interactions, InteractionsBuilder};

/// Earliest timestamp generated: 2001-01-01T00:00:00Z.
pub const TIME_START: u32 = 978_307_200;
/// Timestamps are before this: 2020-01-01T00:00:00Z.
pub const TIME_END: u32 = 1_577_836_800;
/// Largest accepted `factors`.
pub const MAX_FACTORS: usize = 256;
/// Largest accepted power-law exponent.
pub const MAX_EXPONENT: f64 = 5.0;
/// Largest accepted `noise` (standard deviation, in stars).
pub const MAX_NOISE: f64 = 10.0;

const MEAN: f32 = 3.5;
const USER_BIAS_SD: f32 = 0.4;
const ITEM_BIAS_SD: f32 = 0.4;
const INTERACTION_SD: f64 = 0.6;

/// What to generate. [`Default`] is MovieLens-1M-sized; [`SyntheticConfig::scaled`] keeps the
/// shape of MovieLens for any number of ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyntheticConfig {
    /// Users in the id space (`1..=users`); each gets at least one rating when
    /// `ratings >= users`.
    pub users: u32,
    /// Items in the id space (`1..=items`); rarely drawn items may get no rating.
    pub items: u32,
    /// Ratings generated, exactly; at most `users × items`.
    pub ratings: u64,
    /// Power-law exponent of user activity (0 = every user alike), `0..=5`.
    pub user_exponent: f64,
    /// Power-law (Zipf) exponent of item popularity (0 = uniform), `0..=5`.
    pub item_exponent: f64,
    /// Rank of the latent user–item interaction (0 = biases only), at most [`MAX_FACTORS`].
    pub factors: usize,
    /// Standard deviation of the Gaussian noise added to each rating before rounding, in stars.
    pub noise: f64,
    /// Seed of every random choice.
    pub seed: u64,
}

impl Default for SyntheticConfig {
    fn default() -> Self {
        Self {
            users: 6_040,
            items: 3_706,
            ratings: 1_000_000,
            user_exponent: 0.5,
            item_exponent: 0.8,
            factors: 8,
            noise: 0.5,
            seed: 0,
        }
    }
}

/// One generated rating, in raw ids.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticRating {
    /// Raw user id, `1..=users`.
    pub user: RawId,
    /// Raw item id, `1..=items`.
    pub item: RawId,
    /// A half-star rating in `0.5..=5.0`.
    pub rating: f32,
    /// Seconds since the Unix epoch, in `TIME_START..TIME_END`.
    pub timestamp: u32,
}

impl SyntheticConfig {
    /// The default shape scaled to `ratings`, like the MovieLens releases: `ratings / 150`
    /// users and `0.21 · ratings^0.7` items (1M ratings → 6,666 users and 3,330 items; 20M →
    /// 133,333 and 25,700), with at least 10 of each and room for `ratings` distinct pairs.
    pub fn scaled(ratings: u64) -> Self {
        let users = (ratings / 150).clamp(10, u64::from(u32::MAX - 1));
        let mut items = (0.21 * (ratings as f64).powf(0.7)).round().max(10.0) as u64;
        items = items
            .max(ratings.div_ceil(users).saturating_mul(2))
            .min(u64::from(u32::MAX - 1));
        Self {
            users: users as u32,
            items: items as u32,
            ratings,
            ..Self::default()
        }
    }

    /// Checks every field; errors name the field.
    pub fn validate(&self) -> Result<()> {
        let max_ids = u32::MAX - 1;
        if self.users == 0 || self.users > max_ids {
            return Err(DataError::param(
                "users",
                format!("{} is not in 1..={max_ids}", self.users),
            ));
        }
        if self.items == 0 || self.items > max_ids {
            return Err(DataError::param(
                "items",
                format!("{} is not in 1..={max_ids}", self.items),
            ));
        }
        let pairs = u64::from(self.users) * u64::from(self.items);
        if self.ratings == 0 || self.ratings > pairs {
            return Err(DataError::param(
                "ratings",
                format!(
                    "{} is not in 1..={pairs} (users × items distinct pairs)",
                    self.ratings
                ),
            ));
        }
        for (name, x) in [
            ("user_exponent", self.user_exponent),
            ("item_exponent", self.item_exponent),
        ] {
            if !(0.0..=MAX_EXPONENT).contains(&x) {
                return Err(DataError::param(
                    name,
                    format!("{x} is not in 0..={MAX_EXPONENT}"),
                ));
            }
        }
        if self.factors > MAX_FACTORS {
            return Err(DataError::param(
                "factors",
                format!("{} is more than {MAX_FACTORS}", self.factors),
            ));
        }
        if !(0.0..=MAX_NOISE).contains(&self.noise) {
            return Err(DataError::param(
                "noise",
                format!("{} is not in 0..={MAX_NOISE}", self.noise),
            ));
        }
        Ok(())
    }

    /// The ratings as a stream (see the [module docs](self)).
    pub fn stream(&self) -> Result<Synthetic> {
        Synthetic::new(self)
    }

    /// An [`InteractionsBuilder`] holding every rating (allocated once, 16 bytes per rating).
    pub fn builder(&self) -> Result<InteractionsBuilder> {
        let stream = self.stream()?;
        let n = usize::try_from(self.ratings)
            .map_err(|_| DataError::param("ratings", "too many for this platform"))?;
        // Fail with an error, not an abort, when the entries cannot be allocated.
        let mut probe: Vec<Interaction> = Vec::new();
        probe.try_reserve_exact(n).map_err(|_| {
            DataError::param(
                "ratings",
                format!(
                    "cannot allocate {} MB for {n} ratings",
                    n.saturating_mul(16) >> 20
                ),
            )
        })?;
        drop(probe);
        let mut b = InteractionsBuilder::with_capacity(n);
        for r in stream {
            b.push(r.user, r.item, r.rating, Some(r.timestamp))?;
        }
        Ok(b)
    }

    /// The ratings as [`Interactions`] (built with [`DuplicatePolicy::Error`]: there are no
    /// duplicates to merge).
    pub fn generate(&self) -> Result<Interactions> {
        Ok(self.builder()?.build(DuplicatePolicy::Error)?)
    }
}

/// A vector of `n` copies of `value`, or an error naming `what` when it cannot be allocated.
fn alloc<T: Clone>(n: usize, value: T, what: &'static str) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| DataError::param(what, format!("cannot allocate {n} entries")))?;
    v.resize(n, value);
    Ok(v)
}

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
    /// Validates `cfg` and prepares the stream: activity shares, item popularity, factors.
    pub fn new(cfg: &SyntheticConfig) -> Result<Self> {
        cfg.validate()?;
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

/// A random permutation of `0..n` (Fisher–Yates).
fn permutation(n: usize, rng: &mut impl Rng) -> Result<Vec<u32>> {
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
fn allocate(n: usize, exponent: f64, total: u64, cap: u64) -> Result<Vec<u32>> {
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

/// Draws distinct items for one user at a time from a fixed popularity distribution.
#[derive(Debug, Clone)]
struct ItemSampler {
    /// Normalized popularity.
    prob: Vec<f64>,
    /// Vose alias table: keep probability and alias per slot.
    keep: Vec<f64>,
    alias: Vec<u32>,
    /// Integer weights and their Fenwick tree (1-based), for sampling without replacement.
    weight: Vec<u64>,
    tree: Vec<u64>,
    total: u64,
    /// `stamp[i] == u`: user `u` already has item `i`.
    stamp: Vec<u32>,
}

impl ItemSampler {
    fn new(prob: Vec<f64>) -> Result<Self> {
        let n = prob.len();
        // Vose's alias method.
        let mut keep = alloc(n, 1.0f64, "items")?;
        let mut alias = alloc(n, 0u32, "items")?;
        let mut scaled: Vec<f64> = prob.iter().map(|&p| p * n as f64).collect();
        let (mut small, mut large): (Vec<u32>, Vec<u32>) =
            (0..n as u32).partition(|&i| scaled[i as usize] < 1.0);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            keep[s as usize] = scaled[s as usize];
            alias[s as usize] = l;
            scaled[l as usize] += scaled[s as usize] - 1.0;
            if scaled[l as usize] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        // Leftovers (rounding) keep themselves: `keep` is already 1.0 there.
        for i in small.into_iter().chain(large) {
            keep[i as usize] = 1.0;
        }
        drop(scaled);

        let weight: Vec<u64> = prob
            .iter()
            .map(|&p| ((p * (1u64 << 40) as f64) as u64).max(1))
            .collect();
        // Linear-time Fenwick construction: each node adds itself into its parent once.
        let mut tree = alloc(n + 1, 0u64, "items")?;
        tree[1..].copy_from_slice(&weight);
        for j in 1..=n {
            let parent = j + (j & j.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[j];
            }
        }
        let total = weight.iter().sum();
        let stamp = alloc(n, u32::MAX, "items")?;
        Ok(Self {
            prob,
            keep,
            alias,
            weight,
            tree,
            total,
            stamp,
        })
    }

    fn n(&self) -> usize {
        self.prob.len()
    }

    #[inline]
    fn alias_draw(&self, rng: &mut impl Rng) -> usize {
        let m = u128::from(rng.next_u64()) * self.n() as u128;
        let slot = (m >> 64) as usize;
        // The low half of the product is a uniform fraction independent of the slot.
        let frac = ((m as u64) >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        if frac < self.keep[slot] {
            slot
        } else {
            self.alias[slot] as usize
        }
    }

    fn tree_sub(&mut self, i: usize, w: u64) {
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] -= w;
            j += j & j.wrapping_neg();
        }
    }

    fn tree_add(&mut self, i: usize, w: u64) {
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] += w;
            j += j & j.wrapping_neg();
        }
    }

    /// The item whose cumulative weight interval holds `r` (`r <` the current total).
    fn tree_find(&self, mut r: u64) -> usize {
        let n = self.n();
        let mut pos = 0;
        let mut step = 1usize << (usize::BITS - 1 - n.leading_zeros());
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= r {
                pos = next;
                r -= self.tree[next];
            }
            step >>= 1;
        }
        pos
    }

    /// `d` distinct items for user `u` into `out` (`d <= n`).
    fn sample(&mut self, u: u32, d: usize, rng: &mut impl Rng, out: &mut Vec<u32>) {
        out.clear();
        let n = self.n();
        if d >= n {
            out.extend(0..n as u32);
            return;
        }
        // Rejection while under half the mass is taken: at most 2 draws per item expected.
        let mut mass = 0.0;
        while out.len() < d && mass < 0.5 {
            let i = self.alias_draw(rng);
            if self.stamp[i] != u {
                self.stamp[i] = u;
                mass += self.prob[i];
                out.push(i as u32);
            }
        }
        if out.len() < d {
            // Heavy user: draw the rest without replacement from the tree, then restore it.
            let mut left = self.total;
            for &i in out.iter() {
                let w = self.weight[i as usize];
                self.tree_sub(i as usize, w);
                left -= w;
            }
            while out.len() < d {
                let i = self.tree_find(rng.random_range(0..left));
                let w = self.weight[i];
                self.tree_sub(i, w);
                left -= w;
                self.stamp[i] = u;
                out.push(i as u32);
            }
            for &i in out.iter() {
                let w = self.weight[i as usize];
                self.tree_add(i as usize, w);
            }
        }
    }
}
