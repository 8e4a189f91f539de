//! [`Biases`]: the damped baseline `b_ui = μ + b_u + b_i` under [`ContentKnn`](super::ContentKnn),
//! optionally with each item's bias shrunk toward its content neighbours' mean bias.

use recsys_core::Interactions;
use recsys_core::WrapsCore;
use recsys_core::persist::{ModelReader, ModelWriter};

use super::item_content::ItemContent;
use super::persist::bad_file;
use crate::error::HybridError;

/// Damped baseline biases: `b_i = Σ(r − μ) / (λ_i + n_i)`, then
/// `b_u = Σ(r − μ − b_i) / (λ_u + n_u)` (Koren 2010, λ_i = 25, λ_u = 10).
#[derive(Debug, Clone)]
pub(super) struct Biases {
    /// The global mean `μ`.
    mean: f32,
    /// `b_u` by user index.
    user: Vec<f32>,
    /// `b_i` by item index.
    item: Vec<f32>,
    /// The lowest training rating.
    pub(super) lo: f32,
    /// The highest training rating.
    pub(super) hi: f32,
}

impl Biases {
    /// The biases of `train`, each shrunk toward 0.
    pub(super) fn fit(train: &Interactions) -> Result<Self, HybridError> {
        let mean = train
            .global_mean()
            .ok_or_else(|| HybridError::empty("no training ratings"))? as f32;
        let ni = train.n_items();
        let mut isum = vec![0.0f64; ni];
        let mut icnt = vec![0u32; ni];
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for e in train.iter() {
            isum[e.item as usize] += f64::from(e.rating - mean);
            icnt[e.item as usize] += 1;
            lo = lo.min(e.rating);
            hi = hi.max(e.rating);
        }
        let item: Vec<f32> = isum
            .iter()
            .zip(&icnt)
            .map(|(s, &n)| (s / (25.0 + f64::from(n))) as f32)
            .collect();
        let user = Self::user_biases(train, mean, &item);
        Ok(Self {
            mean,
            user,
            item,
            lo,
            hi,
        })
    }

    /// [`Biases::fit`], then the item biases refitted with the content neighbours' mean bias as
    /// their shrinkage target, then the user biases refitted on those.
    pub(super) fn fit_with_prior(
        train: &Interactions,
        content: &ItemContent,
        k: usize,
        shrink: f32,
    ) -> Result<Self, HybridError> {
        let mut b = Self::fit(train)?;
        let counts = train.item_counts();
        let prior: Vec<f32> = (0..train.n_items() as u32)
            .map(|i| {
                let (mut num, mut den) = (0.0f32, 0.0f32);
                for &(j, s) in content.neighbours(i).iter().take(k) {
                    if s > 0.0 && counts.get(j as usize).copied().unwrap_or(0) > 0 {
                        num += s * b.item[j as usize];
                        den += s;
                    }
                }
                if den > 0.0 { num / (den + shrink) } else { 0.0 }
            })
            .collect();
        let mut isum = vec![0.0f64; train.n_items()];
        for e in train.iter() {
            isum[e.item as usize] += f64::from(e.rating - b.mean);
        }
        b.item = isum
            .iter()
            .zip(&counts)
            .zip(&prior)
            .map(|((s, &n), &p)| ((s + 25.0 * f64::from(p)) / (25.0 + f64::from(n))) as f32)
            .collect();
        b.user = Self::user_biases(train, b.mean, &b.item);
        Ok(b)
    }

    fn user_biases(train: &Interactions, mean: f32, item: &[f32]) -> Vec<f32> {
        (0..train.n_users() as u32)
            .map(|u| {
                let r = train.row(u);
                damped_user_bias(mean, item, r.items, r.ratings)
            })
            .collect()
    }

    /// The bias a user with the ratings `ratings` of `items` (ascending) gets against these
    /// item biases: the fit's `Σ(r − μ − b_i) / (λ_u + n_u)`, the same arithmetic.
    pub(super) fn user_bias_of(&self, items: &[u32], ratings: &[f32]) -> f32 {
        damped_user_bias(self.mean, &self.item, items, ratings)
    }

    /// `b_u` of training user `u` (0 for an index without training data).
    pub(super) fn user_bias(&self, u: u32) -> f32 {
        self.user.get(u as usize).copied().unwrap_or(0.0)
    }

    /// The baseline `μ + bu + b_i` for a user bias `bu` (an item bias of 0 for an index without
    /// training data).
    pub(super) fn base_with(&self, bu: f32, i: u32) -> f32 {
        self.mean + bu + self.item.get(i as usize).copied().unwrap_or(0.0)
    }

    /// Adds the biases to a model file: the scalars as one `f32` section (bit-exact, unlike a
    /// JSON round trip), then the user and item biases.
    pub(super) fn write<'a>(&'a self, w: &mut ModelWriter<'a>) -> Result<(), HybridError> {
        w.section_f32("mean_lo_hi", &[3], vec![self.mean, self.lo, self.hi])?;
        w.vector_f32("user_bias", &self.user[..])?;
        w.vector_f32("item_bias", &self.item[..])?;
        Ok(())
    }

    /// Reads what [`Biases::write`] wrote for `n_users` × `n_items`.
    pub(super) fn read(
        r: &ModelReader,
        n_users: usize,
        n_items: usize,
    ) -> Result<Self, HybridError> {
        let s = r.f32_with_shape("mean_lo_hi", &[3])?;
        // predictions are clamped to [lo, hi]
        if !(s.iter().all(|x| x.is_finite()) && s[1] <= s[2]) {
            return Err(bad_file(
                r,
                format!("mean {}, rating range [{}, {}]", s[0], s[1], s[2]),
            ));
        }
        Ok(Self {
            mean: s[0],
            lo: s[1],
            hi: s[2],
            user: r.f32_with_shape("user_bias", &[n_users as u64])?,
            item: r.f32_with_shape("item_bias", &[n_items as u64])?,
        })
    }
}

/// `Σ(r − μ − b_i) / (λ_u + n_u)` (λ_u = 10) over the ratings `ratings` of `items`, summed in
/// `f64` in their order; an item outside `item` counts a bias of 0.
fn damped_user_bias(mean: f32, item: &[f32], items: &[u32], ratings: &[f32]) -> f32 {
    let s: f64 = items
        .iter()
        .zip(ratings)
        .map(|(&i, &x)| f64::from(x - mean - item.get(i as usize).copied().unwrap_or(0.0)))
        .sum();
    (s / (10.0 + items.len() as f64)) as f32
}
