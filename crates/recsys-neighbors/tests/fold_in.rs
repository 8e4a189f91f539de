//! Folding users into the item-based top-N models: a training user folded in from their own
//! training row gets exactly their fitted scores; bad histories are errors.

use recsys_core::traits::{Fit, Model, history_of};
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};
use recsys_neighbors::topn::{EaseParams, ItemKnnParams, Rp3BetaParams, SlimParams};

/// 50 users × 30 items, ~30% of the cells, ratings 1..5.
fn data() -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut x: u64 = 0x1234_5678_9abc_def1;
    for u in 0..50u64 {
        for i in 0..30u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x % 10 < 3 {
                b.push(u, i, 1.0 + ((x >> 9) % 5) as f32, None).unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// Every training user folded in from their row scores every item as fitted, bit for bit.
fn folds_in_exactly(name: &str, model: &dyn Model, train: &Interactions) {
    let f = model
        .as_fold_in()
        .unwrap_or_else(|| panic!("{name} folds in"));
    let s = model.as_scorer().unwrap();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let (mut a, mut b) = (vec![0.0; items.len()], vec![0.0; items.len()]);
    for u in 0..train.n_users() as u32 {
        let h = history_of(train, u);
        let user = f.fold_in(&h).unwrap();
        f.score_folded(&user, &items, &mut a);
        s.score(u, &items, &mut b);
        assert_eq!(a, b, "{name}, user {u}");
    }
    for bad in [
        vec![(30, 1.0)],
        vec![(1, f32::NAN)],
        vec![(2, 1.0), (2, 1.0)],
    ] {
        let e = f.fold_in(&bad).unwrap_err();
        assert!(e.to_string().contains("history"), "{name}: {e}");
    }
    let empty = f.fold_in(&[]).unwrap();
    f.score_folded(&empty, &items, &mut a);
    assert!(
        a.iter().all(|&v| v == 0.0 || v == f32::NEG_INFINITY),
        "{name}"
    );
}

#[test]
fn item_models_fold_in_training_users_exactly() {
    let train = data();
    let knn = ItemKnnParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("item-knn", &knn, &train);
    let rated = ItemKnnParams {
        use_ratings: true,
        ..ItemKnnParams::default()
    }
    .fit(&train)
    .unwrap()
    .into_model();
    folds_in_exactly("item-knn use_ratings", &rated, &train);
    assert!(rated.as_fold_in().unwrap().fold_in(&[(1, -2.0)]).is_err());
    let rp3 = Rp3BetaParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("rp3beta", &rp3, &train);
    let slim = SlimParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("slim", &slim, &train);
    let ease = EaseParams::default().fit(&train).unwrap().into_model();
    folds_in_exactly("ease", &ease, &train);
}
