//! The k-NN rating models on small data: answers computed by hand, fall-backs, bad input, save →
//! load round trips, determinism over thread counts, and proptest invariants (finite, in range).

use approx::assert_relative_eq;
use proptest::prelude::*;
use recsys_core::traits::Fit;
use recsys_core::{CoreError, Interactions, RatingPredictor};
use recsys_neighbors::NeighborsError;
use recsys_neighbors::rating::{
    Estimator, Knn, KnnBaseline, KnnBaselineParams, KnnBasic, KnnBasicParams, KnnMeans,
    KnnMeansParams, Similarity,
};

fn ratings(rows: &[(u64, u64, f32)]) -> Interactions {
    Interactions::from_ratings(rows.iter().copied()).unwrap()
}

/// u0: i0 = 5, i1 = 3, i2 = 4; u1: i0 = 3, i1 = 3; u2: i1 = 2, i2 = 1.
fn small() -> Interactions {
    ratings(&[
        (0, 0, 5.0),
        (0, 1, 3.0),
        (0, 2, 4.0),
        (1, 0, 3.0),
        (1, 1, 3.0),
        (2, 1, 2.0),
        (2, 2, 1.0),
    ])
}

const SIMS: [Similarity; 4] = [
    Similarity::Cosine,
    Similarity::Msd,
    Similarity::Pearson,
    Similarity::PearsonBaseline,
];

#[test]
fn item_based_means_by_hand() {
    let t = small();
    let p = KnnMeansParams::default()
        .item_based()
        .with_similarity(Similarity::Cosine);
    let m = p.clone().fit(&t).unwrap();
    // item means: i0 = 4, i1 = 8/3, i2 = 5/2
    // cos(i2, i0) over u0: 1; cos(i2, i1) over u0, u2: (4·3 + 1·2) / √(16+1)·√(9+4)
    let s = 14.0 / (17.0f64.sqrt() * 13.0f64.sqrt());
    assert_relative_eq!(m.similarity(2, 0), 1.0);
    assert_relative_eq!(m.similarity(2, 1), s as f32, epsilon = 1e-7);
    // u1 rated i0 = 3 (mean 4) and i1 = 3 (mean 8/3)
    let expect = 2.5 + (1.0 * (3.0 - 4.0) + s * (3.0 - 8.0 / 3.0)) / (1.0 + s);
    let e = m.estimate(1, 2);
    assert_relative_eq!(e.rating, expect, epsilon = 1e-6);
    assert_eq!((e.actual_k, e.was_impossible), (2, false));
    // k = 1 keeps the most similar, i0
    let e = p.clone().with_k(1).fit(&t).unwrap().estimate(1, 2);
    assert_relative_eq!(e.rating, 2.5 - 1.0, epsilon = 1e-6);
    assert_eq!(e.actual_k, 1);
    // min_k = 3 > the two neighbours: the item's mean
    let e = p.with_k(3).with_min_k(3).fit(&t).unwrap().estimate(1, 2);
    assert_relative_eq!(e.rating, 2.5, epsilon = 1e-12);
    assert_eq!((e.actual_k, e.was_impossible), (2, false));
}

#[test]
fn basic_falls_back_to_the_global_mean() {
    let t = small();
    let mean = t.global_mean().unwrap();
    let m = KnnBasicParams::default()
        .with_k(2)
        .with_min_k(2)
        .fit(&t)
        .unwrap();
    // user-based msd: u2's neighbours for i0 are u0 (msd over i1, i2: (1 + 9)/2 → 1/6) and u1
    // (over i1: 1 → 1/2)
    let e = m.estimate(2, 0);
    let expect = (5.0 / 6.0 + 3.0 / 2.0) / (1.0 / 6.0 + 1.0 / 2.0);
    assert_relative_eq!(e.rating, expect, epsilon = 1e-6);
    // unknown ids: the global mean
    for (u, i) in [(9, 0), (0, 9), (9, 9)] {
        let e = m.estimate(u, i);
        assert!(e.was_impossible);
        assert_relative_eq!(e.rating, mean, epsilon = 1e-12);
    }
    // fewer neighbours than min_k: the global mean
    let m = KnnBasicParams::default()
        .with_k(5)
        .with_min_k(5)
        .fit(&t)
        .unwrap();
    let e = m.estimate(2, 0);
    assert!(e.was_impossible && e.actual_k == 2);
    assert_relative_eq!(e.rating, mean, epsilon = 1e-12);
}

#[test]
fn baseline_adds_weighted_residuals_to_the_baseline() {
    let t = small();
    let m = KnnBaselineParams::default()
        .item_based()
        .with_similarity(Similarity::Msd)
        .fit(&t)
        .unwrap();
    let b = m.biases().unwrap();
    let (mu, bu, bi) = (b.mean, &b.user, &b.item);
    // (u2, i0) from u2's ratings i1 = 2 and i2 = 1
    let (s1, s2) = (f64::from(m.similarity(0, 1)), f64::from(m.similarity(0, 2)));
    // msd(i0, i1) over u0, u1: (4 + 0)/2 → 1/3; msd(i0, i2) over u0: 1 → 1/2
    assert_relative_eq!(s1, 1.0 / 3.0, epsilon = 1e-7);
    assert_relative_eq!(s2, 0.5, epsilon = 1e-7);
    let base = mu + bu[2] + bi[0];
    let expect =
        base + (s1 * (2.0 - (mu + bi[1] + bu[2])) + s2 * (1.0 - (mu + bi[2] + bu[2]))) / (s1 + s2);
    let (lo, hi) = m.range();
    assert_eq!((lo, hi), (1.0, 5.0));
    assert_relative_eq!(
        m.estimate(2, 0).rating,
        expect.clamp(1.0, 5.0),
        epsilon = 1e-6
    );
    // unknown user: μ + b_i; unknown item: μ + b_u; neither: μ; never impossible
    assert_relative_eq!(m.estimate(7, 0).rating, mu + bi[0], epsilon = 1e-12);
    assert_relative_eq!(m.estimate(2, 7).rating, mu + bu[2], epsilon = 1e-12);
    assert_relative_eq!(m.estimate(7, 7).rating, mu, epsilon = 1e-12);
    assert!(!m.estimate(7, 7).was_impossible);
}

#[test]
fn all_equal_ratings_give_zero_pearson_and_a_fallback() {
    // u0 rates everything 3: pearson with anyone is undefined → 0, so u0 has no neighbours
    let t = ratings(&[
        (0, 0, 3.0),
        (0, 1, 3.0),
        (0, 2, 3.0),
        (1, 0, 4.0),
        (1, 1, 2.0),
        (1, 3, 5.0),
        (2, 0, 1.0),
        (2, 1, 5.0),
        (2, 3, 2.0),
    ]);
    let m = KnnBasicParams::default()
        .with_similarity(Similarity::Pearson)
        .fit(&t)
        .unwrap();
    assert_eq!((m.similarity(0, 1), m.similarity(0, 2)), (0.0, 0.0));
    let e = m.estimate(0, 3);
    assert!(e.was_impossible && e.actual_k == 0);
    assert_relative_eq!(e.rating, t.global_mean().unwrap(), epsilon = 1e-12);
    // everyone's ratings equal: every model stays finite
    let flat = ratings(&[
        (0, 0, 2.0),
        (0, 1, 2.0),
        (1, 0, 2.0),
        (1, 1, 2.0),
        (2, 1, 2.0),
    ]);
    for s in SIMS {
        for ub in [true, false] {
            let m = KnnBaselineParams {
                user_based: ub,
                similarity: s,
                ..Default::default()
            }
            .fit(&flat)
            .unwrap();
            for u in 0..4 {
                for i in 0..3 {
                    assert_eq!(m.predict(u, i), 2.0, "{s:?} user_based={ub}");
                }
            }
        }
    }
}

#[test]
fn bad_parameters_and_empty_data_are_typed_errors() {
    let t = small();
    let err = KnnBasicParams::default().with_k(0).fit(&t).unwrap_err();
    assert!(matches!(
        err,
        NeighborsError::Core(CoreError::InvalidParameter { name: "k", .. })
    ));
    assert!(
        KnnMeansParams::default()
            .with_shrinkage(-1.0)
            .fit(&t)
            .is_err()
    );
    assert!(
        KnnBaselineParams::default()
            .with_reg_item(f64::NAN)
            .fit(&t)
            .is_err()
    );
    let empty = t.filter(|_| false);
    assert!(matches!(
        KnnBaselineParams::default().fit(&empty),
        Err(NeighborsError::Core(recsys_core::CoreError::Empty(_)))
    ));
}

#[test]
fn similar_items_and_users() {
    let t = small();
    let m = KnnBasicParams::default()
        .item_based()
        .with_similarity(Similarity::Msd)
        .fit(&t)
        .unwrap();
    // msd(i0, i1) = 1/3, msd(i0, i2) = 1/2
    let s = m.similar_items(0, 5).unwrap();
    assert_eq!(s.iter().map(|x| x.0).collect::<Vec<_>>(), [2, 1]);
    assert_relative_eq!(s[0].1, 0.5, epsilon = 1e-7);
    assert_eq!(m.similar_items(0, 1).unwrap().len(), 1);
    let raw = m.similar_items_raw(0, 5).unwrap();
    assert_eq!(raw.iter().map(|x| x.0).collect::<Vec<_>>(), [2, 1]);
    assert!(m.similar_items(3, 5).is_err());
    assert!(matches!(
        m.similar_items_raw(77, 5),
        Err(NeighborsError::Core(CoreError::UnknownId { .. }))
    ));
    assert!(m.similar_users(0, 5).is_err());
    let u = KnnBasicParams::default().fit(&t).unwrap();
    assert!(u.similar_items(0, 5).is_err());
    assert_eq!(u.similar_users(2, 5).unwrap()[0].0, 1);
}

/// Every prediction of `m` over the index space plus one unknown index each way, as bits.
fn bits<E: Estimator>(m: &Knn<E>, t: &Interactions) -> Vec<u32> {
    let mut out = Vec::new();
    for u in 0..=t.n_users() as u32 {
        for i in 0..=t.n_items() as u32 {
            out.push(m.predict(u, i).to_bits());
        }
    }
    out
}

fn medium() -> Interactions {
    let mut rows = Vec::new();
    for u in 0..60u64 {
        for i in 0..45u64 {
            if (u * 31 + i * 17) % 5 < 2 {
                rows.push((u, i, 1.0 + ((u * 7 + i * 3) % 9) as f32 * 0.5));
            }
        }
    }
    ratings(&rows)
}

#[test]
fn save_load_round_trips_bit_for_bit() {
    let t = medium();
    let d = tempfile::tempdir().unwrap();
    for ub in [true, false] {
        for s in SIMS {
            let p = d.path().join(format!("m-{ub}-{s:?}.rsm"));
            let m = KnnBaselineParams::default()
                .with_user_based(ub)
                .with_similarity(s)
                .fit(&t)
                .unwrap();
            m.save(&p, t.users(), t.items()).unwrap();
            let back = KnnBaseline::load(&p).unwrap();
            assert_eq!(bits(&back.model, &t), bits(&m, &t));
            assert_eq!(back.model.params(), m.params());
            assert_eq!(back.items.len(), t.n_items());
            // a baseline file is not a basic file
            assert!(KnnBasic::load(&p).is_err());

            let m = KnnBasicParams::default()
                .with_user_based(ub)
                .with_similarity(s)
                .fit(&t)
                .unwrap();
            m.save(&p, t.users(), t.items()).unwrap();
            assert_eq!(bits(&KnnBasic::load(&p).unwrap().model, &t), bits(&m, &t));

            let m = KnnMeansParams::default()
                .with_user_based(ub)
                .with_similarity(s)
                .fit(&t)
                .unwrap();
            m.save(&p, t.users(), t.items()).unwrap();
            assert_eq!(bits(&KnnMeans::load(&p).unwrap().model, &t), bits(&m, &t));
        }
    }
    // truncated files are errors, never panics
    let p = d.path().join("t.rsm");
    let m = KnnBaselineParams::item_pearson_baseline().fit(&t).unwrap();
    m.save(&p, t.users(), t.items()).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&p, &bytes[..cut]).unwrap();
        assert!(KnnBaseline::load(&p).is_err());
    }
    // id maps of other data are refused
    let other = small();
    assert!(m.save(&p, other.users(), other.items()).is_err());
}

#[test]
fn the_same_on_any_thread_count() {
    let t = medium();
    for s in SIMS {
        let fit = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    KnnBaselineParams::default()
                        .item_based()
                        .with_similarity(s)
                        .fit(&t)
                        .unwrap()
                })
        };
        assert_eq!(bits(&fit(1), &t), bits(&fit(3), &t));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any ratings, any model: predictions are finite and within the training ratings' range,
    /// similarities within [-1, 1] and symmetric.
    #[test]
    fn predictions_are_finite_and_in_range(
        cells in proptest::collection::vec((0u64..8, 0u64..7, 1u8..=10), 1..50),
        k in 1usize..6,
        min_k in 0usize..3,
        min_support in 0usize..3,
        shrinkage in 0.0f64..50.0,
        ub in any::<bool>(),
        s in 0usize..4,
    ) {
        let t = ratings(&cells.iter().map(|&(u, i, r)| (u, i, f32::from(r) * 0.5)).collect::<Vec<_>>());
        let (lo, hi) = {
            let d = t.matrix().data();
            (d.iter().copied().fold(f32::INFINITY, f32::min), d.iter().copied().fold(f32::NEG_INFINITY, f32::max))
        };
        let mk = |p: KnnBasicParams| p.with_k(k).with_min_k(min_k.min(k)).with_min_support(min_support)
            .with_shrinkage(shrinkage).with_user_based(ub).with_similarity(SIMS[s]);
        let basic = mk(KnnBasicParams::default()).fit(&t).unwrap();
        let p = mk(KnnBasicParams::default());
        let means = KnnMeansParams { user_based: p.user_based, similarity: p.similarity, k: p.k, min_k: p.min_k,
            min_support: p.min_support, shrinkage: p.shrinkage, ..Default::default() }.fit(&t).unwrap();
        let base = KnnBaselineParams { user_based: p.user_based, similarity: p.similarity, k: p.k, min_k: p.min_k,
            min_support: p.min_support, shrinkage: p.shrinkage, ..Default::default() }.fit(&t).unwrap();
        for u in 0..=t.n_users() as u32 {
            for i in 0..=t.n_items() as u32 {
                for r in [basic.predict(u, i), means.predict(u, i), base.predict(u, i)] {
                    prop_assert!(r.is_finite() && r >= lo && r <= hi, "{r} outside [{lo}, {hi}]");
                }
            }
        }
        let n = if ub { t.n_users() } else { t.n_items() } as u32;
        for a in 0..n {
            for b in 0..n {
                let v = basic.similarity(a, b);
                prop_assert!(v.is_finite() && (-1.0..=1.0).contains(&v));
                prop_assert_eq!(v.to_bits(), basic.similarity(b, a).to_bits());
            }
        }
    }
}
