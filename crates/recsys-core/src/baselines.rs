//! Baseline estimates `b_ui = μ + b_u + b_i` fitted by alternating least squares (Koren 2010,
//! section 2.1): the bias sweep that the baseline predictor and the k-NN models with baselines
//! share, so that no model crate re-defines it.

use crate::interactions::Interactions;

/// Which biases an [`als_biases`] epoch updates first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SweepOrder {
    /// Item biases first, then user biases: Surprise's `baseline_als` (used by `BaselineOnly`,
    /// the k-NN models and the `pearson_baseline` similarity).
    ItemsFirst,
    /// User biases first, then item biases.
    UsersFirst,
}

/// Fitted biases: the global mean, one bias per user and one per item of the training data's
/// index space (0 for users and items without ratings).
#[derive(Debug, Clone, PartialEq)]
pub struct Biases {
    /// The global mean rating μ.
    pub mean: f64,
    /// User biases `b_u`.
    pub user: Vec<f64>,
    /// Item biases `b_i`.
    pub item: Vec<f64>,
}

impl Biases {
    /// The baseline estimate `μ + b_u + b_i`; an index out of range contributes a zero bias.
    pub fn estimate(&self, user: u32, item: u32) -> f64 {
        self.mean
            + self.user.get(user as usize).copied().unwrap_or(0.0)
            + self.item.get(item as usize).copied().unwrap_or(0.0)
    }
}

/// Fits the biases of `train` by `epochs` alternating sweeps: each sets every item bias to
/// `Σ_u (r_ui − μ − b_u) / (reg_item + |U_i|)` and every user bias to
/// `Σ_i (r_ui − μ − b_i) / (reg_user + |I_u|)`, in `order`, starting from zero biases. Sums run in
/// ascending index order, in `f64`; users and items without ratings keep a zero bias (also when their regularization is
/// 0). `None` when `train` has no ratings. The regularizations are
/// not checked here: callers validate their parameters (both should be finite and `>= 0`).
///
/// ```
/// use recsys_core::baselines::{SweepOrder, als_biases};
/// use recsys_core::{DuplicatePolicy, InteractionsBuilder};
///
/// // u1: i1 = 4, i2 = 2; u2: i1 = 5. μ = 11/3.
/// let mut b = InteractionsBuilder::new();
/// for (u, i, r) in [(1, 1, 4.0), (1, 2, 2.0), (2, 1, 5.0)] {
///     b.push(u, i, r, None)?;
/// }
/// let train = b.build(DuplicatePolicy::KeepLast)?;
/// let fit = als_biases(&train, 1.0, 2.0, 1, SweepOrder::ItemsFirst).unwrap();
/// let mu = 11.0 / 3.0;
/// // items first, with b_u = 0: b_i1 = ((4-μ)+(5-μ))/(2+2), b_i2 = (2-μ)/(2+1)
/// let (bi1, bi2) = ((4.0 - mu + 5.0 - mu) / 4.0, (2.0 - mu) / 3.0);
/// // then users: b_u1 = ((4-μ-b_i1)+(2-μ-b_i2))/(1+2), b_u2 = (5-μ-b_i1)/(1+1)
/// let bu1 = (4.0 - mu - bi1 + 2.0 - mu - bi2) / 3.0;
/// let bu2 = (5.0 - mu - bi1) / 2.0;
/// assert!((fit.mean - mu).abs() < 1e-12);
/// assert!((fit.item[0] - bi1).abs() < 1e-12 && (fit.item[1] - bi2).abs() < 1e-12);
/// assert!((fit.user[0] - bu1).abs() < 1e-12 && (fit.user[1] - bu2).abs() < 1e-12);
/// assert!((fit.estimate(1, 1) - (mu + bu2 + bi2)).abs() < 1e-12);
/// assert!(als_biases(&train.filter(|_| false), 1.0, 1.0, 1, SweepOrder::ItemsFirst).is_none());
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn als_biases(
    train: &Interactions,
    reg_user: f64,
    reg_item: f64,
    epochs: usize,
    order: SweepOrder,
) -> Option<Biases> {
    let mean = train.global_mean()?;
    let by_item = train.by_item();
    let mut user = vec![0.0f64; train.n_users()];
    let mut item = vec![0.0f64; train.n_items()];
    let users = |bu: &mut [f64], bi: &[f64]| {
        for (u, b) in bu.iter_mut().enumerate() {
            let row = train.row(u as u32);
            let s: f64 = row
                .items
                .iter()
                .zip(row.ratings)
                .map(|(&i, &r)| f64::from(r) - mean - bi[i as usize])
                .sum();
            *b = if row.is_empty() {
                0.0
            } else {
                s / (reg_user + row.len() as f64)
            };
        }
    };
    let items = |bi: &mut [f64], bu: &[f64]| {
        for (i, b) in bi.iter_mut().enumerate() {
            let (us, rs) = by_item.item(i as u32);
            let s: f64 = us
                .iter()
                .zip(rs)
                .map(|(&u, &r)| f64::from(r) - mean - bu[u as usize])
                .sum();
            *b = if us.is_empty() {
                0.0
            } else {
                s / (reg_item + us.len() as f64)
            };
        }
    };
    for _ in 0..epochs {
        match order {
            SweepOrder::ItemsFirst => {
                items(&mut item, &user);
                users(&mut user, &item);
            }
            SweepOrder::UsersFirst => {
                users(&mut user, &item);
                items(&mut item, &user);
            }
        }
    }
    Some(Biases { mean, user, item })
}
