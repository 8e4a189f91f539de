//! Predictions of a [`Knn`]: the `k` most similar neighbours with a positive similarity that
//! rated the pair's item (user-based) or that the user rated (item-based), averaged with
//! Surprise's rules, fall-backs and clipping (`knns.py`, `AlgoBase.predict`).

use std::cell::RefCell;
use std::cmp::Ordering;

use recsys_core::RatingPredictor;

use super::model::Knn;
use super::params::{Centring, Estimator};

/// One prediction with Surprise's details.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The predicted rating, clipped to the training ratings' range.
    pub rating: f64,
    /// The neighbours averaged (those among the `k` most similar with a positive similarity).
    pub actual_k: usize,
    /// Whether Surprise would report `was_impossible` (and fall back to the global mean):
    /// `knn-basic` with an unknown user or item or fewer than `min_k` neighbours, `knn-means`
    /// with an unknown user or item; never for `knn-baseline`.
    pub was_impossible: bool,
}

thread_local! {
    /// Candidate neighbours of one prediction: (similarity, position in the `y`'s list).
    static CANDIDATES: RefCell<Vec<(f32, u32)>> = const { RefCell::new(Vec::new()) };
}

/// Most similar first; equal similarities in list order (the stable order of Python's
/// `heapq.nlargest`).
fn by_similarity(a: &(f32, u32), b: &(f32, u32)) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

impl<E: Estimator> Knn<E> {
    /// The prediction for dense `user` and `item`, as Surprise's `predict` gives it:
    ///
    /// - the neighbours are the `x'` (users when user-based, items when item-based) with a
    ///   rating for the pair's `y` (its item, or its user); the `k` most similar are kept and
    ///   those with a similarity `> 0` averaged (`actual_k` of them), ties in ascending index;
    /// - `knn-basic`: `Σ sim · r / Σ sim`; with an unknown user or item (no training ratings)
    ///   or `actual_k < max(min_k, 1)`, the global mean;
    /// - `knn-means`: `μ_x + Σ sim · (r − μ_x') / Σ sim`; `μ_x` alone when
    ///   `actual_k < min_k`; the global mean for an unknown user or item;
    /// - `knn-baseline`: `b_ui + Σ sim · (r − b_x'y) / Σ sim`, `b_ui = μ + b_u + b_i` (an
    ///   unknown user or item has no bias and no neighbours); `b_ui` alone when
    ///   `actual_k < min_k`;
    /// - clipped to the lowest and highest training rating.
    ///
    /// Surprise breaks ties between equal similarities by the order in which the training file
    /// listed the ratings; here by ascending dense index: the same when the file lists each
    /// user's ratings in the order of the items' first appearance (true of the sorted ml-100k
    /// `u*.base` files for item-based models).
    pub fn estimate(&self, user: u32, item: u32) -> Estimate {
        let user_known = self.knows(true, user);
        let item_known = self.knows(false, item);
        let (x, y) = if self.params.user_based {
            (user as usize, item as usize)
        } else {
            (item as usize, user as usize)
        };
        let (xs, rs) = self.yr.get(y);
        let bias = |v: &[f64], i: u32| v.get(i as usize).copied().unwrap_or(0.0);
        let biases = self.biases.as_ref();
        self.estimate_query(&Query {
            row: self.sims_row(x),
            xs,
            rs,
            user_known,
            item_known,
            x_mean: self.x_means.get(x).copied().unwrap_or(0.0),
            user_bias: biases.map_or(0.0, |b| bias(&b.user, user)),
            item_bias: biases.map_or(0.0, |b| bias(&b.item, item)),
        })
    }

    /// Row `x` of the similarity matrix (empty outside the index space).
    pub(crate) fn sims_row(&self, x: usize) -> &[f32] {
        self.sims
            .get(x * self.n_x..(x + 1) * self.n_x)
            .unwrap_or(&[])
    }

    /// The prediction [`Knn::estimate`] describes, from what it reads of the pair: a training
    /// pair's or a folded-in user's.
    pub(crate) fn estimate_query(&self, q: &Query<'_>) -> Estimate {
        let (user_known, item_known) = (q.user_known, q.item_known);
        let (est, actual_k, impossible) = match E::CENTRING {
            Centring::None => {
                if !(user_known && item_known) {
                    (self.mean, 0, true)
                } else {
                    let (num, den, k) = self.aggregate(q, |_, r| r);
                    if k < self.params.min_k.max(1) {
                        (self.mean, k, true)
                    } else {
                        (num / den, k, false)
                    }
                }
            }
            Centring::Means => {
                if !(user_known && item_known) {
                    (self.mean, 0, true)
                } else {
                    let means = &self.x_means;
                    let (num, den, k) =
                        self.aggregate(q, |x2, r| r - means.get(x2).copied().unwrap_or(0.0));
                    (self.centred(q.x_mean, num, den, k), k, false)
                }
            }
            Centring::Baseline => {
                let b = self.biases.as_ref();
                let mut est = self.mean;
                if user_known {
                    est += q.user_bias;
                }
                if item_known {
                    est += q.item_bias;
                }
                if !(user_known && item_known) {
                    (est, 0, false)
                } else {
                    let (bx, by) = match b {
                        Some(b) if self.params.user_based => (&b.user, q.item_bias),
                        Some(b) => (&b.item, q.user_bias),
                        None => return self.clipped(est, 0, false),
                    };
                    let mean = self.mean;
                    let (num, den, k) = self.aggregate(q, |x2, r| {
                        r - (mean + bx.get(x2).copied().unwrap_or(0.0) + by)
                    });
                    (self.centred(est, num, den, k), k, false)
                }
            }
        };
        self.clipped(est, actual_k, impossible)
    }

    /// `base + num / den`, or `base` when there are fewer than `min_k` neighbours or none.
    fn centred(&self, base: f64, num: f64, den: f64, k: usize) -> f64 {
        if k == 0 || k < self.params.min_k {
            base
        } else {
            base + num / den
        }
    }

    fn clipped(&self, est: f64, actual_k: usize, was_impossible: bool) -> Estimate {
        let (lo, hi) = self.range;
        Estimate {
            rating: est.min(f64::from(hi)).max(f64::from(lo)),
            actual_k,
            was_impossible,
        }
    }

    /// Whether dense `user` (`users`) or `item` has training ratings.
    fn knows(&self, users: bool, index: u32) -> bool {
        let i = index as usize;
        if users == self.params.user_based {
            self.x_known.get(i).copied().unwrap_or(false)
        } else {
            self.yr.has(i)
        }
    }

    /// `(Σ sim · value(x', r), Σ sim, actual_k)` over the `k` most similar neighbours `x'` in
    /// `q`'s list (the `x'` with a rating `r` for its `y`), counting those with a positive
    /// similarity. The sums run in a fixed order (not Surprise's most-similar-first: the results
    /// differ by rounding only).
    fn aggregate(&self, q: &Query<'_>, value: impl Fn(usize, f64) -> f64) -> (f64, f64, usize) {
        let (row, xs, rs) = (q.row, q.xs, q.rs);
        CANDIDATES.with(|c| {
            let mut c = c.borrow_mut();
            c.clear();
            c.extend(xs.iter().enumerate().filter_map(|(pos, &x2)| {
                let s = row.get(x2 as usize).copied().unwrap_or(0.0);
                (s > 0.0).then_some((s, pos as u32))
            }));
            let k = self.params.k;
            if c.len() > k {
                c.select_nth_unstable_by(k - 1, by_similarity);
                c.truncate(k);
            }
            let (mut num, mut den) = (0.0f64, 0.0f64);
            for &(s, pos) in c.iter() {
                let s = f64::from(s);
                let p = pos as usize;
                den += s;
                num += s * value(xs[p] as usize, f64::from(rs[p]));
            }
            (num, den, c.len())
        })
    }
}

/// What one prediction reads: its `x`'s similarities, its `y`'s list of `x'` and ratings, and
/// the user's and item's part (`x` and `y` are the user and the item, or the item and the user
/// when item-based). A training pair reads the model; a folded-in user brings their own part.
pub(crate) struct Query<'a> {
    /// `x`'s similarity to every `x'` (a row of the similarity matrix).
    pub(crate) row: &'a [f32],
    /// The `x'` with a rating for `y`, ascending.
    pub(crate) xs: &'a [u32],
    /// Their ratings.
    pub(crate) rs: &'a [f32],
    /// Whether the user has ratings.
    pub(crate) user_known: bool,
    /// Whether the item has training ratings.
    pub(crate) item_known: bool,
    /// `x`'s mean rating (`knn-means`).
    pub(crate) x_mean: f64,
    /// The user's baseline bias `b_u` (0 without baselines).
    pub(crate) user_bias: f64,
    /// The item's baseline bias `b_i` (0 without baselines).
    pub(crate) item_bias: f64,
}

impl<E: Estimator> RatingPredictor for Knn<E> {
    /// [`Knn::estimate`]'s rating.
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.estimate(user, item).rating as f32
    }
}
