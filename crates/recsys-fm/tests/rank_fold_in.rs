//! Folding new users into the ranking models (`bpr`, `fm-warp`, `lightfm-warp`, `fm-bpr`): a
//! training user folded in from their own items ranks their group's items like the fitted
//! user, a history folds in to the same bits in any order and after a save and load, the empty
//! history ranks by the item biases, and bad histories are errors.

use recsys_core::persist::ModelReader;
use recsys_core::traits::{
    BoxError, Fit, FoldIn, Model, history_of, save_model, top_n_unmasked, unseen_scores,
};
use recsys_core::{CandidateScorer, Interactions};
use recsys_fm::registry::LOADERS;
use recsys_fm::{BprParams, RankFmParams};

/// Two groups of 60 users over 40 items (items 0..20 and 20..40), 8 of their group's each.
fn groups() -> Interactions {
    recsys_testkit::two_groups(60, 0x2545_F491_4F6C_DD1D, 1.0)
}

/// The four models, small, fitted on `train`.
fn models(train: &Interactions) -> Vec<(&'static str, Box<dyn Model>)> {
    let bpr = BprParams::cornac().factors(8).iterations(60).fit(train);
    let warp = BprParams::warp().factors(8).iterations(30).fit(train);
    let fm_warp = RankFmParams::warp().rank(8).epochs(30).fit(train);
    let fm_bpr = RankFmParams::bpr().rank(8).epochs(60).fit(train);
    vec![
        ("bpr", Box::new(bpr.unwrap().into_model())),
        ("fm-warp", Box::new(warp.unwrap().into_model())),
        ("lightfm-warp", Box::new(fm_warp.unwrap().into_model())),
        ("fm-bpr", Box::new(fm_bpr.unwrap().into_model())),
    ]
}

fn parts(m: &dyn Model) -> (&dyn FoldIn, &dyn CandidateScorer) {
    (m.as_fold_in().unwrap(), m.as_scorer().unwrap())
}

/// The share of the top 10 unseen items of each user that are of the user's group.
fn in_group(train: &Interactions, top: impl Fn(u32) -> Vec<(u32, f32)>) -> f64 {
    let hits: usize = (0..train.n_users() as u32)
        .map(|u| {
            let g = train.users().raw(u).unwrap() % 2;
            top(u)
                .iter()
                .filter(|(i, _)| train.items().raw(*i).unwrap() / 20 == g)
                .count()
        })
        .sum();
    hits as f64 / (10 * train.n_users()) as f64
}

#[test]
fn folded_users_prefer_their_group_like_fitted_users() {
    let train = groups();
    for (name, m) in models(&train) {
        let (f, s) = parts(m.as_ref());
        let folded = in_group(&train, |u| {
            f.recommend_folded(&f.fold_in(&history_of(&train, u)).unwrap(), 10)
        });
        let fitted = in_group(&train, |u| top_n_unmasked(&unseen_scores(s, u, &train), 10));
        println!("{name}: in-group share of the top 10, folded {folded:.3}, fitted {fitted:.3}");
        // each user has 12 unseen items of their group; item biases alone give about half
        assert!(
            folded >= 0.9,
            "{name}: folded users' in-group share {folded}"
        );
        assert!(folded >= fitted - 0.05, "{name}: {folded} against {fitted}");
    }
}

/// The loader of nested model files: these models have none.
fn no_nested_models(_: &ModelReader) -> Result<Box<dyn Model>, BoxError> {
    Err("no nested models here".into())
}

#[test]
fn a_history_folds_in_to_the_same_bits_in_any_order_and_after_a_save() {
    let train = groups();
    let dir = tempfile::tempdir().unwrap();
    for (name, m) in models(&train) {
        let (f, _) = parts(m.as_ref());
        let mut h = history_of(&train, 3);
        let a = f.fold_in(&h).unwrap();
        h.reverse();
        assert_eq!(a, f.fold_in(&h).unwrap(), "{name}");
        // another history, other factors
        assert_ne!(a.state, f.fold_in(&h[1..]).unwrap().state, "{name}");
        let path = dir.path().join(format!("{name}.rsm"));
        save_model(m.as_ref(), &path, train.users(), train.items()).unwrap();
        let r = ModelReader::load_any(&path).unwrap();
        let loader = LOADERS.iter().find(|l| l.kind == r.kind()).unwrap();
        let back = (loader.load)(&r, &no_nested_models).unwrap().model;
        assert_eq!(a, parts(back.as_ref()).0.fold_in(&h).unwrap(), "{name}");
    }
}

#[test]
fn the_empty_history_ranks_by_the_item_biases() {
    let train = groups();
    let items: Vec<u32> = (0..train.n_items() as u32).collect();
    for (name, m) in models(&train) {
        let (f, s) = parts(m.as_ref());
        let user = f.fold_in(&[]).unwrap();
        let (mut folded, mut bias) = (vec![0.0; items.len()], vec![0.0; items.len()]);
        f.score_folded(&user, &items, &mut folded);
        // a user outside the index space scores by the item bias alone
        s.score(train.n_users() as u32, &items, &mut bias);
        assert_eq!(folded, bias, "{name}");
    }
}

#[test]
fn bad_histories_are_errors() {
    let train = groups();
    let n = train.n_items() as u32;
    for (name, m) in models(&train) {
        let (f, _) = parts(m.as_ref());
        assert!(f.fold_in(&[(n, 1.0)]).is_err(), "{name}");
        assert!(f.fold_in(&[(0, f32::NAN)]).is_err(), "{name}");
        assert!(f.fold_in(&[(1, 1.0), (1, 1.0)]).is_err(), "{name}");
        // a history of every item leaves nothing to rank
        let all: Vec<(u32, f32)> = (0..n).map(|i| (i, 1.0)).collect();
        let user = f.fold_in(&all).unwrap();
        assert!(f.recommend_folded(&user, 5).is_empty(), "{name}");
        let mut out = [0.0];
        f.score_folded(&user, &[n], &mut out);
        assert_eq!(out[0], f32::NEG_INFINITY, "{name}");
    }
}
