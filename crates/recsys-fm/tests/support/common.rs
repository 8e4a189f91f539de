//! Test data and checks several of this crate's test files share (each includes this file as a
//! module; not every file uses every item).
#![allow(dead_code)]

use approx::assert_relative_eq;
use recsys_core::traits::{FoldIn, history_of};
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor};
use recsys_fm::Bfm;

/// 40 users × 30 items in two communities (even/odd ids), about 2/3 of each user's community
/// items interacted with.
pub fn two_communities() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..40u64 {
        for i in 0..30u64 {
            if u % 2 == i % 2 && (u * 5 + i * 7) % 3 != 0 {
                b.push(u, i, 1.0, None).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// No interactions at all.
pub fn empty() -> Interactions {
    InteractionsBuilder::new()
        .build(DuplicatePolicy::KeepLast)
        .unwrap()
}

/// Root mean squared error of `m` on the ratings of `train`.
pub fn train_rmse(m: &impl RatingPredictor, train: &Interactions) -> f32 {
    let se: f32 = train
        .iter()
        .map(|x| (m.predict(x.user, x.item) - x.rating).powi(2))
        .sum();
    (se / train.nnz() as f32).sqrt()
}

/// Folding in user 4's history scores every item as `predict_features` scores the user's
/// implicit-set row (the user block: one-hot over `train`'s users, then the implicit items).
pub fn fold_in_is_the_implicit_row(m: &Bfm, train: &Interactions) {
    let h = history_of(train, 4);
    let user = m.fold_in(&h).unwrap();
    let n_users = train.n_users() as u32;
    let cols: Vec<u32> = h.iter().map(|&(i, _)| n_users + i).collect();
    let xs = vec![1.0 / (h.len() as f32).sqrt(); h.len()];
    for item in 0..train.n_items() as u32 {
        let mut s = [0.0f32];
        m.score_folded(&user, &[item], &mut s);
        let direct = m
            .predict_features((&cols, &xs), m.features().item.row(item as usize))
            .unwrap();
        assert_relative_eq!(s[0], direct, epsilon = 1e-4);
    }
}
