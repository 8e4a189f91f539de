//! [`ItemSampler`]: distinct items by popularity for one user at a time (an alias table with
//! rejection, then a Fenwick tree for heavy users).

use rand::{Rng, RngExt};

use super::alloc;
use crate::error::Result;

/// Draws distinct items for one user at a time from a fixed popularity distribution.
#[derive(Debug, Clone)]
pub(super) struct ItemSampler {
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
    pub(super) fn new(prob: Vec<f64>) -> Result<Self> {
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
    pub(super) fn sample(&mut self, u: u32, d: usize, rng: &mut impl Rng, out: &mut Vec<u32>) {
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
