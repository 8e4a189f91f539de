//! Incremental updates of the item-based top-N models: after new ratings (a new user, more
//! ratings of a known user, a new item), a changed user scores exactly as their fold-in, every
//! other user exactly as before, and the new item stays unknown until a refit.

use recsys_core::traits::{Fit, FoldIn, PartialFit, history_of};
use recsys_core::{CandidateScorer, Interactions};
use recsys_neighbors::topn::{EaseParams, ItemKnnParams, Rp3BetaParams, SlimParams};

/// 40 users × 25 items, ~30% of the cells, ratings 1..5.
fn data() -> Interactions {
    recsys_testkit::random_ratings(40, 25, 0x0dd_ba11_cafe_f00d)
}

/// A new user (raw 900) with five ratings, two more ratings for raw user 4, and a new item
/// (raw 700) rated by raw users 1 and 900.
fn new_ratings() -> Vec<(u64, u64, f32, Option<u32>)> {
    let mut v: Vec<(u64, u64, f32, Option<u32>)> =
        (0..5).map(|i| (900, i * 4, 4.0, None)).collect();
    v.extend([(4, 23, 5.0, None), (4, 24, 2.0, None)]);
    v.extend([(1, 700, 5.0, None), (900, 700, 3.0, None)]);
    v
}

/// Fits `fit`, updates it with [`new_ratings`] and checks the three properties.
fn updates_exactly<M>(name: &str, fit: impl Fn(&Interactions) -> M)
where
    M: PartialFit + FoldIn + CandidateScorer + Clone,
{
    let train = data();
    let before = fit(&train);
    let g = train.with_ratings(&new_ratings()).unwrap();
    let mut after = before.clone();
    after.partial_fit(&g.data, &g.users).unwrap();
    assert_eq!(after.n_items(), g.data.n_items(), "{name}");
    let old_items: Vec<u32> = (0..train.n_items() as u32).collect();
    let all_items: Vec<u32> = (0..g.data.n_items() as u32).collect();
    let (mut a, mut b) = (vec![0.0; all_items.len()], vec![0.0; all_items.len()]);
    let changed: Vec<u32> = g.users.clone();
    assert!(changed.contains(&g.data.user_index(900).unwrap()), "{name}");
    assert!(changed.contains(&g.data.user_index(4).unwrap()), "{name}");
    for u in 0..g.data.n_users() as u32 {
        after.score(u, &all_items, &mut a);
        if changed.contains(&u) {
            let folded = after.fold_in(&history_of(&g.data, u)).unwrap();
            after.score_folded(&folded, &all_items, &mut b);
            assert_eq!(a, b, "{name}: changed user {u} scores as their fold-in");
        } else {
            let n = old_items.len();
            before.score(u, &old_items, &mut b[..n]);
            assert_eq!(a[..n], b[..n], "{name}: user {u} is untouched");
        }
        let new_item = g.data.item_index(700).unwrap() as usize;
        assert_eq!(
            a[new_item],
            f32::NEG_INFINITY,
            "{name}: the new item is unknown"
        );
    }
    // the changed known user's new ratings count: their scores moved
    let u4 = g.data.user_index(4).unwrap();
    before.score(u4, &old_items, &mut b[..old_items.len()]);
    after.score(u4, &old_items, &mut a[..old_items.len()]);
    assert_ne!(a[..old_items.len()], b[..old_items.len()], "{name}");
    // a shrunk index space or a user outside the data is an error
    let mut m = after.clone();
    assert!(m.partial_fit(&train, &[]).is_err(), "{name}");
    assert!(m.partial_fit(&g.data, &[10_000]).is_err(), "{name}");
}

#[test]
fn item_knn_updates_exactly() {
    updates_exactly("item-knn", |t| {
        ItemKnnParams::default().with_k(10).fit(t).unwrap()
    });
}

#[test]
fn rp3beta_updates_exactly() {
    updates_exactly("rp3beta", |t| Rp3BetaParams::default().fit(t).unwrap());
}

#[test]
fn slim_updates_exactly() {
    updates_exactly("slim", |t| SlimParams::default().fit(t).unwrap());
}

#[test]
fn ease_updates_exactly() {
    updates_exactly("ease", |t| EaseParams::default().fit(t).unwrap());
}
