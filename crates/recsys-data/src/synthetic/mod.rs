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

use recsys_core::WrapsCore;
use serde::{Deserialize, Serialize};

use crate::error::{DataError, Result};
use recsys_core::ids::RawId;
use recsys_core::interactions::{DuplicatePolicy, Interaction, Interactions, InteractionsBuilder};

mod item_sampler;
mod shares;
mod stream;

pub use stream::Synthetic;

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
    pub fn check(&self) -> Result<()> {
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
