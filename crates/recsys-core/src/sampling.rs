//! Negative sampling: items a user never interacted with, drawn uniformly and reproducibly.
//!
//! [`NegativeSampler`] merges the positives of one or more [`Interactions`] over one index space
//! (for evaluation candidates, pass train *and* test; for training negatives, train only, as He
//! et al. do, so that training does not look at the test set). It draws
//!
//! * one negative at a time ([`NegativeSampler::sample`], with replacement, for training): by
//!   rejection against the user's sorted positives (binary search) while they cover at most half
//!   the catalog, and by direct selection in the complement otherwise (or after 32 rejections),
//!   so a draw never loops forever and allocates nothing;
//! * `k` distinct negatives ([`NegativeSampler::sample_distinct`], for evaluation): Floyd's
//!   algorithm over the ranks of the complement, returned in ascending item order.
//!
//! A user with fewer non-interacted items than asked gets [`CoreError::TooFewNegatives`].
//! [`pointwise_epoch`] builds NCF's per-epoch pointwise training instances, reproducible from
//! `(seed, epoch)` whether or not it runs on several threads.
//!
//! ```
//! use recsys_core::{InteractionsBuilder, DuplicatePolicy, sampling::{NegativeSampler, seeded_rng}};
//! let mut b = InteractionsBuilder::new();
//! for (u, i) in [(1, 10), (1, 11), (2, 12), (2, 13)] {
//!     b.push(u, i, 1.0, None)?;
//! }
//! let m = b.build(DuplicatePolicy::KeepLast)?;
//! let s = NegativeSampler::new(&[&m])?;
//! let mut rng = seeded_rng(7);
//! let mut negs = Vec::new();
//! s.sample_distinct(0, 2, &mut rng, &mut negs)?;
//! assert_eq!(negs, vec![2, 3]); // user 0 rated items 0 and 1 of 4
//! # Ok::<(), recsys_core::CoreError>(())
//! ```

use rand::{Rng, RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::error::{CoreError, Result};
use crate::interactions::Interactions;
use crate::random::stream_rng;

/// The generator of this crate: [`Xoshiro256PlusPlus`] seeded from `seed`.
pub fn seeded_rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}

/// Rejections before a draw switches to selection in the complement.
const MAX_REJECTIONS: u32 = 32;
/// Above this many distinct negatives, sample from the materialized complement.
const FLOYD_MAX: usize = 1024;

/// Uniform negative sampler over the union of the positives of one or more matrices.
#[derive(Debug, Clone)]
pub struct NegativeSampler {
    n_items: u32,
    indptr: Vec<usize>,
    items: Vec<u32>,
}

impl NegativeSampler {
    /// A sampler excluding every (user, item) of `parts`, which must share one index space.
    ///
    /// Errors when `parts` is empty or mixes index spaces; [`CoreError::Empty`] when the index
    /// space has no items.
    pub fn new(parts: &[&Interactions]) -> Result<Self> {
        let Some(first) = parts.first() else {
            return Err(CoreError::param("parts", "need at least one matrix"));
        };
        if parts.iter().any(|p| !first.same_index_space(p)) {
            return Err(CoreError::param(
                "parts",
                "matrices of different index spaces",
            ));
        }
        if first.n_items() == 0 {
            return Err(CoreError::Empty("negative sampling: no items".into()));
        }
        let nnz = parts.iter().map(|p| p.nnz()).sum();
        let (mut indptr, mut items) = (
            Vec::with_capacity(first.n_users() + 1),
            Vec::with_capacity(nnz),
        );
        indptr.push(0);
        for u in 0..first.n_users() as u32 {
            let start = items.len();
            for p in parts {
                items.extend_from_slice(p.user_items(u));
            }
            if parts.len() > 1 {
                sort_dedup_from(&mut items, start);
            }
            indptr.push(items.len());
        }
        Ok(Self {
            n_items: first.n_items() as u32,
            indptr,
            items,
        })
    }

    /// The sampler that also excludes `items` (ascending or not) for every user: items that must
    /// never be drawn as negatives, such as the items without training ratings in a cold-start
    /// split. An item outside the index space is an error.
    pub fn without_items(self, items: &[u32]) -> Result<Self> {
        let mut extra = items.to_vec();
        extra.sort_unstable();
        extra.dedup();
        if extra.last().is_some_and(|&i| i >= self.n_items) {
            return Err(CoreError::param(
                "items",
                format!("an item outside the {} items", self.n_items),
            ));
        }
        let (mut indptr, mut merged) = (
            Vec::with_capacity(self.indptr.len()),
            Vec::with_capacity(self.items.len() + extra.len() * self.n_users()),
        );
        indptr.push(0);
        for u in 0..self.n_users() as u32 {
            let start = merged.len();
            merged.extend_from_slice(self.positives(u));
            merged.extend_from_slice(&extra);
            sort_dedup_from(&mut merged, start);
            indptr.push(merged.len());
        }
        Ok(Self {
            n_items: self.n_items,
            indptr,
            items: merged,
        })
    }

    /// Number of users in the index space.
    pub fn n_users(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of items in the index space (the sampling universe).
    pub fn n_items(&self) -> usize {
        self.n_items as usize
    }

    /// The items excluded for `user`, ascending (empty out of range).
    pub fn positives(&self, user: u32) -> &[u32] {
        let u = user as usize;
        match (self.indptr.get(u), self.indptr.get(u + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }

    /// How many items `user` never interacted with.
    pub fn n_negatives(&self, user: u32) -> usize {
        self.n_items() - self.positives(user).len()
    }

    /// `user`'s positives, after checking the user is in range and has `k` negatives.
    fn checked(&self, user: u32, k: usize) -> Result<&[u32]> {
        if user as usize >= self.n_users() {
            return Err(CoreError::param(
                "user",
                format!("{user} outside the {} users", self.n_users()),
            ));
        }
        let available = self.n_negatives(user);
        if available < k {
            return Err(CoreError::TooFewNegatives {
                user,
                available,
                requested: k,
            });
        }
        Ok(self.positives(user))
    }

    /// One uniform negative for a user with positives `pos` (at least one negative exists).
    #[inline]
    fn draw<R: Rng + ?Sized>(&self, pos: &[u32], rng: &mut R) -> u32 {
        if pos.len() * 2 <= self.n_items as usize {
            for _ in 0..MAX_REJECTIONS {
                let i = rng.random_range(0..self.n_items);
                if pos.binary_search(&i).is_err() {
                    return i;
                }
            }
        }
        nth_missing(pos, rng.random_range(0..self.n_items - pos.len() as u32))
    }

    /// One uniform negative for `user`.
    pub fn sample<R: Rng + ?Sized>(&self, user: u32, rng: &mut R) -> Result<u32> {
        let pos = self.checked(user, 1)?;
        Ok(self.draw(pos, rng))
    }

    /// Fills `out` with uniform negatives for `user`, drawn independently (with replacement).
    pub fn sample_into<R: Rng + ?Sized>(
        &self,
        user: u32,
        rng: &mut R,
        out: &mut [u32],
    ) -> Result<()> {
        let pos = self.checked(user, usize::from(!out.is_empty()))?;
        for o in out {
            *o = self.draw(pos, rng);
        }
        Ok(())
    }

    /// Replaces `out` with `k` distinct negatives for `user`, a uniform `k`-subset of the items
    /// the user never interacted with, in ascending order.
    pub fn sample_distinct<R: Rng + ?Sized>(
        &self,
        user: u32,
        k: usize,
        rng: &mut R,
        out: &mut Vec<u32>,
    ) -> Result<()> {
        let pos = self.checked(user, k)?;
        out.clear();
        let avail = (self.n_items as usize - pos.len()) as u32;
        if k > FLOYD_MAX {
            // Materialize the complement and take a partial shuffle.
            out.extend((0..avail).map(|r| nth_missing(pos, r)));
            for j in 0..k {
                let t = rng.random_range(j as u32..avail) as usize;
                out.swap(j, t);
            }
            out.truncate(k);
            out.sort_unstable();
            return Ok(());
        }
        // Floyd: a uniform k-subset of the ranks 0..avail, kept sorted in `out`.
        for j in avail - k as u32..avail {
            let t = rng.random_range(0..=j);
            match out.binary_search(&t) {
                Ok(_) => out.push(j), // j exceeds every rank chosen so far
                Err(at) => out.insert(at, t),
            }
        }
        for r in out.iter_mut() {
            *r = nth_missing(pos, *r);
        }
        Ok(())
    }
}

/// Sorts `v[start..]` and drops its repeated values: one user's merged exclusions.
fn sort_dedup_from(v: &mut Vec<u32>, start: usize) {
    v[start..].sort_unstable();
    let mut w = start;
    for r in start..v.len() {
        if r == start || v[r] != v[w - 1] {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
}

/// The `r`-th (0-based) `u32` not in the ascending slice `pos`: the `r`-th item a user with
/// the interactions `pos` has not seen (how negatives are drawn uniformly without a rejection
/// loop).
///
/// ```
/// use recsys_core::sampling::nth_missing;
/// let missing: Vec<u32> = (0..5).map(|r| nth_missing(&[1, 2, 5], r)).collect();
/// assert_eq!(missing, vec![0, 3, 4, 6, 7]);
/// ```
#[inline]
pub fn nth_missing(pos: &[u32], r: u32) -> u32 {
    // pos[j] - j (the count of missing values below pos[j]) is non-decreasing.
    let (mut lo, mut hi) = (0usize, pos.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pos[mid] - mid as u32 <= r {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    r + lo as u32
}

/// Pointwise training instances: `users[k]`, `items[k]`, `labels[k]` (1 positive, 0 negative).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PointwiseInstances {
    /// Dense user indices.
    pub users: Vec<u32>,
    /// Dense item indices.
    pub items: Vec<u32>,
    /// 1.0 for a positive, 0.0 for a sampled negative.
    pub labels: Vec<f32>,
}

impl PointwiseInstances {
    /// Number of instances.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }
}

/// Users per independently seeded block of [`pointwise_epoch`].
const USERS_PER_BLOCK: usize = 64;

/// One epoch of NCF pointwise instances: for each rating of `train` in [`Interactions::iter`]
/// order, the positive (label 1) followed by `n_neg` negatives (label 0) drawn with replacement
/// from `sampler` (build it from `train` alone to keep test data out of training).
///
/// Users are cut into blocks of 64, each drawing from its own generator seeded from
/// `(seed, epoch, block)`, so the result depends only on the inputs: `parallel` (rayon, current
/// pool) gives the same instances as the sequential run, whatever the thread count. Errors when
/// `train` is empty, `sampler` has another index space size or does not exclude every training
/// rating, or a user with training ratings has no negative to draw.
pub fn pointwise_epoch(
    train: &Interactions,
    sampler: &NegativeSampler,
    n_neg: usize,
    seed: u64,
    epoch: u64,
    parallel: bool,
) -> Result<PointwiseInstances> {
    if train.is_empty() {
        return Err(CoreError::Empty(
            "pointwise_epoch: no training ratings".into(),
        ));
    }
    if (sampler.n_users(), sampler.n_items()) != (train.n_users(), train.n_items()) {
        return Err(CoreError::param(
            "sampler",
            "built over another index space than `train`",
        ));
    }
    let stride = n_neg
        .checked_add(1)
        .and_then(|s| s.checked_mul(train.nnz()).map(|t| (s, t)));
    let Some((stride, total)) = stride else {
        return Err(CoreError::param("n_neg", format!("{n_neg} overflows")));
    };
    for u in 0..train.n_users() as u32 {
        let (rated, excluded) = (train.user_items(u), sampler.positives(u));
        if !rated.is_empty() && n_neg > 0 {
            sampler.checked(u, 1)?;
        }
        if rated.iter().any(|i| excluded.binary_search(i).is_err()) {
            return Err(CoreError::param(
                "sampler",
                format!("does not exclude the training items of user {u}"),
            ));
        }
    }
    let mut out = PointwiseInstances {
        users: vec![0; total],
        items: vec![0; total],
        labels: vec![0.0; total],
    };
    let ip = train.matrix().indptr();
    let n_users = train.n_users();
    let mut jobs = Vec::with_capacity(n_users.div_ceil(USERS_PER_BLOCK));
    let (mut us, mut is, mut ls) = (&mut out.users[..], &mut out.items[..], &mut out.labels[..]);
    for (b, a) in (0..n_users).step_by(USERS_PER_BLOCK).enumerate() {
        let z = (a + USERS_PER_BLOCK).min(n_users);
        let len = (ip.index(z) - ip.index(a)) * stride;
        let (u1, u2) = std::mem::take(&mut us).split_at_mut(len);
        let (i1, i2) = std::mem::take(&mut is).split_at_mut(len);
        let (l1, l2) = std::mem::take(&mut ls).split_at_mut(len);
        (us, is, ls) = (u2, i2, l2);
        jobs.push((b as u64, a as u32..z as u32, u1, i1, l1));
    }
    let fill = |(b, users, us, is, ls): (
        u64,
        std::ops::Range<u32>,
        &mut [u32],
        &mut [u32],
        &mut [f32],
    )| {
        let mut rng = stream_rng(seed, b, epoch);
        let mut k = 0;
        for u in users {
            let pos = sampler.positives(u);
            for &item in train.user_items(u) {
                us[k..k + stride].fill(u);
                is[k] = item;
                ls[k] = 1.0;
                for slot in &mut is[k + 1..k + stride] {
                    *slot = sampler.draw(pos, &mut rng);
                }
                k += stride;
            }
        }
    };
    if parallel {
        jobs.into_par_iter().for_each(fill);
    } else {
        jobs.into_iter().for_each(fill);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_items_never_draws_the_left_out_items() {
        let m = Interactions::from_pairs([(1, 0), (1, 1), (2, 2), (2, 3), (2, 4), (3, 5)]).unwrap();
        // items 4 and 5 (dense 4 and 5) left out for everyone; user 0 rated 0 and 1
        let s = NegativeSampler::new(&[&m])
            .unwrap()
            .without_items(&[5, 4, 4])
            .unwrap();
        assert_eq!(s.positives(0), [0, 1, 4, 5]);
        assert_eq!(s.positives(1), [2, 3, 4, 5]);
        assert_eq!(s.n_negatives(0), 2);
        let mut rng = seeded_rng(3);
        let mut out = [0u32; 200];
        s.sample_into(0, &mut rng, &mut out).unwrap();
        assert!(out.iter().all(|&i| i == 2 || i == 3), "{out:?}");
        assert!(out.contains(&2) && out.contains(&3));
        let e = NegativeSampler::new(&[&m]).unwrap().without_items(&[6]);
        assert!(e.is_err());
    }
}
