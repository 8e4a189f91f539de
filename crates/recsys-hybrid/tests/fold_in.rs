//! Folding users into the content models directly from their histories: a training user
//! folded in from their own row predicts and scores exactly as fitted, a new user's history
//! steers their ranking, and bad histories are typed errors.

mod common;

use std::sync::Arc;

use common::{ByItemId, item_content, ratings};
use recsys_core::traits::{FoldIn, FoldedUser, RatingModel, history_of};
use recsys_core::{Interactions, RatingPredictor};
use recsys_hybrid::{ContentKnnParams, ContentProfile, Hybrid};
use recsys_testkit::folds_in_exactly;

/// Two users over the hand-made catalog: user 1 loves space (5) and dislikes cooking (1).
fn train() -> Interactions {
    ratings(&[
        (1, 1, 5.0),
        (1, 4, 1.0),
        (2, 2, 3.0),
        (2, 3, 4.0),
        (2, 5, 2.0),
    ])
}

#[test]
fn content_models_fold_in_training_users_exactly() {
    let train = train();
    let items = item_content(&train);
    let knn = ContentKnnParams::default()
        .fit(&train, Arc::clone(&items))
        .unwrap();
    folds_in_exactly("content-knn", &knn.clone().into_model(), &train);
    let prof = ContentProfile::new(&train, items).unwrap();
    folds_in_exactly("content-profile", &prof.into_model(), &train);
    // the knn's predictions too, and its rating range
    let u1 = train.users().index(1).unwrap();
    let f = knn.fold_in(&history_of(&train, u1)).unwrap();
    let mut s = [0.0f32];
    for i in 0..train.n_items() as u32 {
        knn.score_folded(&f, &[i], &mut s);
        assert_eq!(s[0], knn.predict(u1, i));
    }
    assert!(knn.fold_in(&[(0, 9.0)]).is_err());
}

#[test]
fn a_new_users_history_steers_the_content_ranking() {
    let train = train();
    let items = item_content(&train);
    let idx = |raw: u64| train.items().index(raw).unwrap();
    let knn = ContentKnnParams::default()
        .fit(&train, Arc::clone(&items))
        .unwrap();
    let prof = ContentProfile::new(&train, items).unwrap();
    // a space fan and a cooking fan, each with two ratings
    let space = [(idx(1), 5.0), (idx(4), 1.0)];
    let cooking = [(idx(1), 1.0), (idx(4), 5.0)];
    let models: [(&str, &dyn FoldIn); 2] = [("content-knn", &knn), ("content-profile", &prof)];
    for (name, m) in models {
        let (a, b) = (m.fold_in(&space).unwrap(), m.fold_in(&cooking).unwrap());
        // movie 2 is about space, movie 5 about cooking
        let cands = [idx(2), idx(5)];
        let (mut sa, mut sb) = ([0.0f32; 2], [0.0f32; 2]);
        m.score_folded(&a, &cands, &mut sa);
        m.score_folded(&b, &cands, &mut sb);
        assert!(sa[0] > sa[1], "{name}: the space fan prefers space {sa:?}");
        assert!(
            sb[1] > sb[0],
            "{name}: the cooking fan prefers cooking {sb:?}"
        );
        // an empty history is allowed
        let empty = m.fold_in(&[]).unwrap();
        m.score_folded(&empty, &cands, &mut sa);
        assert!(sa.iter().all(|v| v.is_finite()), "{name}");
    }
}

/// [`ByItemId`] that folds in: every user, folded or not, predicts the raw item id.
struct FoldingById(ByItemId);

impl RatingPredictor for FoldingById {
    fn predict(&self, user: u32, item: u32) -> f32 {
        self.0.predict(user, item)
    }
}

impl FoldIn for FoldingById {
    fn fold_in_items(&self) -> usize {
        self.0.0.n_items()
    }
    fn fold_in(&self, history: &[(u32, f32)]) -> recsys_core::Result<FoldedUser> {
        let h = recsys_core::traits::checked_history(history, self.fold_in_items())?;
        Ok(FoldedUser {
            state: vec![],
            seen: h.into_iter().map(|(i, _)| i).collect(),
        })
    }
    fn score_folded(&self, _user: &FoldedUser, items: &[u32], out: &mut [f32]) {
        for (o, &i) in out.iter_mut().zip(items) {
            *o = self.predict(0, i);
        }
    }
}

#[test]
fn the_hybrid_folds_in_both_parts_and_blends_them_by_the_history_length() {
    let train = train();
    let items = item_content(&train);
    let knn = || {
        ContentKnnParams::default()
            .fit(&train, Arc::clone(&items))
            .unwrap()
    };
    let n = train.n_items();
    let cf = RatingModel::new(FoldingById(ByItemId(train.clone())), n).with_fold_in();
    let hybrid = Hybrid::new(Box::new(cf), knn(), &train, 2.0, 3.0).unwrap();
    folds_in_exactly("hybrid", &hybrid.into_model(), &train);
    // a collaborative model without a fold-in: the hybrid says so
    let plain = RatingModel::new(ByItemId(train.clone()), n);
    let hybrid = Hybrid::new(Box::new(plain), knn(), &train, 2.0, 3.0).unwrap();
    let e = hybrid.fold_in(&[(0, 4.0)]).unwrap_err();
    assert!(e.to_string().contains("does not fold in"), "{e}");
}
