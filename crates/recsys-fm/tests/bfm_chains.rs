//! Several chains in one Bayesian FM (`BfmParams::chains`): the model keeps every chain's
//! samples, so its prediction is the average of the single chains' predictions (chain `c` is
//! the chain of seed `seed + c`), for regression, the ordered probit and a date block; it saves
//! and loads bit for bit, and zero chains is a typed error.

use approx::assert_relative_eq;
use recsys_core::traits::Fit;
use recsys_core::{Interactions, RatingPredictor};
use recsys_fm::features::UserItemFeatures;
use recsys_fm::{Bfm, BfmParams};

#[path = "support/parity.rs"]
mod support;
use support::ratings;

/// Small chains without clipping, so that predictions are plain averages.
fn params() -> BfmParams {
    BfmParams::default()
        .rank(3)
        .n_iter(30)
        .burn_in(5)
        .implicit(true)
        .clip(false)
}

fn pairs(train: &Interactions) -> Vec<(u32, u32)> {
    (0..train.n_users() as u32)
        .flat_map(|u| (0..train.n_items() as u32).map(move |i| (u, i)))
        .collect()
}

/// The chains' model against the mean of the chains fitted one by one.
fn averages_its_chains(
    p: BfmParams,
    fit: impl Fn(&BfmParams) -> Bfm,
    at: impl Fn(&Bfm, u32, u32) -> f32,
) {
    let train = ratings();
    let both = fit(&p.clone().chains(2));
    let one = |seed| fit(&p.clone().seed(seed));
    let (a, b) = (one(7), one(8));
    assert_eq!(both.n_samples(), a.n_samples() + b.n_samples());
    assert_eq!(both.n_samples(), 2 * p.n_kept());
    for (u, i) in pairs(&train) {
        let mean = 0.5 * (at(&a, u, i) + at(&b, u, i));
        assert_relative_eq!(at(&both, u, i), mean, max_relative = 1e-4, epsilon = 1e-4);
    }
    // and the two chains are not one: their predictions differ somewhere
    assert!(
        pairs(&train)
            .iter()
            .any(|&(u, i)| (at(&a, u, i) - at(&b, u, i)).abs() > 1e-3)
    );
}

#[test]
fn regression_averages_its_chains() {
    let train = ratings();
    averages_its_chains(
        params().seed(7),
        |p| p.fit(&train).unwrap(),
        |m, u, i| m.predict(u, i),
    );
}

#[test]
fn the_ordered_probit_averages_its_chains() {
    let train = ratings();
    averages_its_chains(
        params().seed(7).ordinal(true),
        |p| p.fit(&train).unwrap(),
        |m, u, i| m.predict(u, i),
    );
}

#[test]
fn a_date_block_averages_its_chains() {
    let train = dated();
    let features = || UserItemFeatures::from_interactions(&train, false).unwrap();
    averages_its_chains(
        params().seed(7).implicit(false),
        |p| p.fit_dated(&train, features()).unwrap(),
        |m, u, i| m.predict_at(u, i, (u + i) % 3 * 86_400),
    );
}

/// `ratings()` with a day per rating (three days).
fn dated() -> Interactions {
    let plain = ratings();
    let mut b = recsys_core::InteractionsBuilder::new();
    for x in plain.iter() {
        let raw = |m: &recsys_core::IdMap, i| m.raw(i).unwrap();
        let (u, i) = (raw(plain.users(), x.user), raw(plain.items(), x.item));
        b.push(u, i, x.rating, Some((x.user + x.item) % 3 * 86_400))
            .unwrap();
    }
    b.build(recsys_core::DuplicatePolicy::KeepLast).unwrap()
}

#[test]
fn chains_save_and_load_and_zero_is_an_error() {
    let train = ratings();
    let m = params().ordinal(true).chains(3).fit(&train).unwrap();
    assert_eq!(m.params().chains, 3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chains.model");
    m.save(&path, train.users(), train.items()).unwrap();
    let saved = Bfm::load(&path).unwrap().model;
    assert_eq!(saved.n_samples(), m.n_samples());
    for (u, i) in pairs(&train) {
        assert_eq!(saved.predict(u, i).to_bits(), m.predict(u, i).to_bits());
    }
    let e = params().chains(0).fit(&train).unwrap_err().to_string();
    assert!(e.contains("chains"), "{e}");
}

/// The chains run side by side on the pool: the model is the same bit for bit on 1 thread
/// (one chain after the other) and on 3 (three at once).
#[test]
fn side_by_side_chains_do_not_depend_on_the_threads() {
    let train = ratings();
    let fit = |threads| {
        params()
            .ordinal(true)
            .chains(3)
            .threads(threads)
            .fit(&train)
            .unwrap()
    };
    let (one, three) = (fit(1), fit(3));
    for (u, i) in pairs(&train) {
        assert_eq!(one.predict(u, i).to_bits(), three.predict(u, i).to_bits());
    }
}
