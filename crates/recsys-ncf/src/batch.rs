//! Seeded, shuffled mini-batches over a pointwise training set.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_xoshiro::Xoshiro256PlusPlus;
use recsys_core::{CoreError, Result};

/// One mini-batch, borrowed from the iterator's buffers.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    /// User indices.
    pub users: &'a [u32],
    /// Item indices.
    pub items: &'a [u32],
    /// Labels (1 positive, 0 negative).
    pub labels: &'a [f32],
}

/// A seeded shuffle of a training set, cut into batches; buffers are reused between batches.
#[derive(Debug)]
pub struct Batches<'a> {
    users: &'a [u32],
    items: &'a [u32],
    labels: &'a [f32],
    order: Vec<u32>,
    pos: usize,
    size: usize,
    buf_u: Vec<u32>,
    buf_i: Vec<u32>,
    buf_l: Vec<f32>,
}

impl<'a> Batches<'a> {
    /// Batches of `size` over aligned `users`, `items`, `labels`, shuffled by `seed`.
    pub fn new(
        users: &'a [u32],
        items: &'a [u32],
        labels: &'a [f32],
        size: usize,
        seed: u64,
    ) -> Result<Self> {
        if size == 0 {
            return Err(CoreError::param("batch size", "must be at least 1"));
        }
        if users.len() != items.len() || users.len() != labels.len() {
            return Err(CoreError::param(
                "training set",
                format!(
                    "{} users, {} items, {} labels differ in length",
                    users.len(),
                    items.len(),
                    labels.len()
                ),
            ));
        }
        let n = u32::try_from(users.len())
            .map_err(|_| CoreError::param("training set", "more than u32::MAX rows"))?;
        let mut order: Vec<u32> = (0..n).collect();
        order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
        Ok(Self {
            users,
            items,
            labels,
            order,
            pos: 0,
            size,
            buf_u: Vec::with_capacity(size),
            buf_i: Vec::with_capacity(size),
            buf_l: Vec::with_capacity(size),
        })
    }

    /// Number of batches in total.
    pub fn len(&self) -> usize {
        self.order.len().div_ceil(self.size)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The next batch, or `None` at the end.
    pub fn next_batch(&mut self) -> Option<Batch<'_>> {
        if self.pos >= self.order.len() {
            return None;
        }
        let end = (self.pos + self.size).min(self.order.len());
        self.buf_u.clear();
        self.buf_i.clear();
        self.buf_l.clear();
        for &k in &self.order[self.pos..end] {
            let k = k as usize;
            self.buf_u.push(self.users[k]);
            self.buf_i.push(self.items[k]);
            self.buf_l.push(self.labels[k]);
        }
        self.pos = end;
        Some(Batch {
            users: &self.buf_u,
            items: &self.buf_i,
            labels: &self.buf_l,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_row_once_and_is_seeded() {
        let n = 1003u32;
        let users: Vec<u32> = (0..n).collect();
        let items: Vec<u32> = (0..n).map(|k| k * 2).collect();
        let labels: Vec<f32> = (0..n).map(|k| (k % 2) as f32).collect();
        let run = |seed| {
            let mut b = Batches::new(&users, &items, &labels, 64, seed).unwrap();
            assert_eq!(b.len(), 16);
            let mut rows = Vec::new();
            while let Some(x) = b.next_batch() {
                for k in 0..x.users.len() {
                    assert_eq!(x.items[k], x.users[k] * 2); // rows stay aligned
                    assert_eq!(x.labels[k], (x.users[k] % 2) as f32);
                    rows.push(x.users[k]);
                }
            }
            rows
        };
        let a = run(1);
        assert_eq!(a, run(1));
        assert_ne!(a, run(2));
        let mut s = a.clone();
        s.sort_unstable();
        assert_eq!(s, users);
        assert!(Batches::new(&users, &items, &labels, 0, 1).is_err());
        assert!(Batches::new(&users, &items[1..], &labels, 8, 1).is_err());
    }
}
