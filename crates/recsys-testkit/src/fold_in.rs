//! The checks of a model that folds users in: a training user folded in from their own row
//! scores as fitted, and bad histories are errors.

use recsys_core::Interactions;
use recsys_core::traits::{FoldIn, Model, history_of};

/// Every training user of `train` folded in from their row scores every item as the fitted
/// `model` scores them, bit for bit; and [`bad_histories_are_errors`]. `name` names the model in
/// failures.
pub fn folds_in_exactly(name: &str, model: &dyn Model, train: &Interactions) {
    let f = model
        .as_fold_in()
        .unwrap_or_else(|| panic!("{name} folds in"));
    let s = model.as_scorer().expect("scores");
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    let (mut a, mut b) = (vec![0.0; items.len()], vec![0.0; items.len()]);
    for u in 0..train.n_users() as u32 {
        let user = f.fold_in(&history_of(train, u)).expect("folds in");
        f.score_folded(&user, &items, &mut a);
        s.score(u, &items, &mut b);
        assert_eq!(a, b, "{name}, user {u}");
    }
    bad_histories_are_errors(name, f);
}

/// A history with an item out of range, a NaN value, or an item twice (with the same or with
/// different values) is an error whose message names the history.
pub fn bad_histories_are_errors(name: &str, f: &dyn FoldIn) {
    let n = f.fold_in_items() as u32;
    for bad in [
        vec![(n, 1.0)],
        vec![(1, f32::NAN)],
        vec![(2, 1.0), (2, 1.0)],
        vec![(2, 3.0), (2, 4.0)],
    ] {
        let e = f
            .fold_in(&bad)
            .err()
            .unwrap_or_else(|| panic!("{name}: {bad:?} is refused"));
        assert!(e.to_string().contains("history"), "{name}: {e}");
    }
}
