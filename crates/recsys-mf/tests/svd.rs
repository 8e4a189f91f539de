//! SVD and SVD++: equivalence with Surprise's per-rating algorithm, hand-checked steps,
//! parameter checks, determinism.

use approx::assert_relative_eq;
use recsys_core::traits::Fit;
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor};
use recsys_mf::factors::init_factors;
use recsys_mf::{
    InitStream, MfError, SvdParams, SvdPpParams, UserStart, VisitOrder, initial_factors,
};
use recsys_testkit::XorShift;

#[path = "support/data.rs"]
mod data;

use data::ratings;

fn small(seed: u64) -> Interactions {
    // 12 users × 9 items, ~60% dense, ratings 1..5
    let mut b = InteractionsBuilder::new();
    let mut rng = XorShift(seed.wrapping_mul(2654435761).wrapping_add(1));
    for u in 0..12u64 {
        for i in 0..9u64 {
            let x = rng.next_u64();
            if x % 10 < 6 {
                b.push(u, i, 1.0 + (x % 5) as f32, Some((u * 9 + i) as u32))
                    .unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

/// Surprise's SVDpp.fit, literally: the implicit term recomputed for every rating and every y_j
/// updated after every rating (O(|R(u)|·|N(u)|·k)), in f64, from the same initial factors.
fn surprise_svdpp(m: &Interactions, p: &SvdPpParams) -> Vec<Vec<f64>> {
    let k = p.sgd.factors;
    let cast = |a: ndarray::Array2<f32>| -> Vec<Vec<f64>> {
        a.rows()
            .into_iter()
            .map(|row| row.iter().map(|&x| f64::from(x)).collect())
            .collect()
    };
    let (p0, q0, y0) = initial_factors(&p.sgd, m, true);
    let (mut pu, mut qi, mut yj) = (cast(p0), cast(q0), cast(y0));
    let (mut bu, mut bi) = (vec![0.0; m.n_users()], vec![0.0; m.n_items()]);
    let mu = m.global_mean().unwrap();
    let (lr, reg) = (f64::from(p.sgd.lr), f64::from(p.sgd.reg));
    let counts = m.item_counts();
    for _ in 0..p.sgd.epochs {
        for u in 0..m.n_users() {
            let row = m.row(u as u32);
            let iu: Vec<usize> = row.items.iter().map(|&j| j as usize).collect();
            let sqrt_iu = (iu.len() as f64).sqrt();
            // the visiting order: item index, or most rated item first (ties by index)
            let mut visit: Vec<(usize, f32)> = iu
                .iter()
                .copied()
                .zip(row.ratings.iter().copied())
                .collect();
            if p.sgd.visit_order == VisitOrder::PopularFirst {
                visit.sort_by_key(|&(i, _)| (std::cmp::Reverse(counts[i]), i));
            }
            for (i, rating) in visit {
                let mut u_impl = vec![0.0; k];
                for &j in &iu {
                    for f in 0..k {
                        u_impl[f] += yj[j][f] / sqrt_iu;
                    }
                }
                let mut est = mu + bu[u] + bi[i];
                for f in 0..k {
                    est += qi[i][f] * (pu[u][f] + u_impl[f]);
                }
                let err = f64::from(rating) - est;
                bu[u] += lr * (err - reg * bu[u]);
                bi[i] += lr * (err - reg * bi[i]);
                for f in 0..k {
                    let (puf, qif) = (pu[u][f], qi[i][f]);
                    pu[u][f] += lr * (err * qif - reg * puf);
                    qi[i][f] += lr * (err * (puf + u_impl[f]) - reg * qif);
                    for &j in &iu {
                        yj[j][f] += lr * (err * qif / sqrt_iu - reg * yj[j][f]);
                    }
                }
            }
        }
    }
    // predictions for every (user, item)
    (0..m.n_users())
        .map(|u| {
            let iu = m.row(u as u32).items;
            let mut pz = pu[u].clone();
            for &j in iu {
                for f in 0..k {
                    pz[f] += yj[j as usize][f] / (iu.len() as f64).sqrt();
                }
            }
            (0..m.n_items())
                .map(|i| mu + bu[u] + bi[i] + (0..k).map(|f| qi[i][f] * pz[f]).sum::<f64>())
                .collect()
        })
        .collect()
}

#[test]
fn svdpp_equals_surprises_per_rating_algorithm() {
    for init in [InitStream::Numpy, InitStream::Parallel] {
        for visit in [VisitOrder::PopularFirst, VisitOrder::Index] {
            svdpp_equals_reference(init, visit);
        }
    }
}

fn svdpp_equals_reference(init: InitStream, visit: VisitOrder) {
    let m = small(3);
    let p = SvdPpParams::default()
        .factors(4)
        .epochs(5)
        .clip(false)
        .seed(11)
        .init_stream(init)
        .visit_order(visit);
    let ours = p.fit(&m).unwrap();
    let reference = surprise_svdpp(&m, &p);
    let mut max_diff = 0.0f64;
    for u in 0..m.n_users() as u32 {
        for i in 0..m.n_items() as u32 {
            let d = (f64::from(ours.predict(u, i)) - reference[u as usize][i as usize]).abs();
            max_diff = max_diff.max(d);
        }
    }
    // f32 against f64 over 5 epochs: agreement to float precision, not just "close"
    assert!(
        max_diff < 2e-4,
        "{init:?} {visit:?}: max prediction difference {max_diff}"
    );
}

/// The default initialization draws numpy's `RandomState(seed).normal(0, 0.1)` stream, users'
/// rows first, then items', skipping rows without training ratings.
#[test]
fn numpy_init_is_surprises_stream() {
    // user 7 and item 9 only in a rating that is filtered out below
    let all = ratings(&[(1, 1), (1, 2), (2, 2), (7, 9), (3, 1)].map(|(u, i)| (u, i, 3.0)));
    let m = all.filter(|e| all.users().raw(e.user) != Some(7));
    let prm = SvdParams::default().factors(2);
    let (p, q, _) = initial_factors(&prm, &m, false);
    let (pu, qi) = (p.shape().to_vec(), q.shape().to_vec());
    assert_eq!((pu, qi), (vec![4, 2], vec![3, 2]));
    // numpy 1.26: RandomState(0).normal(0, 0.1, 10)
    let want = [
        0.17640523,
        0.04001572,
        0.0978738,
        0.22408932,
        0.1867558,
        -0.09772779,
        0.09500884,
        -0.01513572,
        -0.01032189,
        0.04105985,
    ];
    // users 1, 2, (7: no ratings, zero), 3; then items 1, 2, (9: zero)
    let rows = [p.row(0), p.row(1), p.row(3), q.row(0), q.row(1)];
    let got: Vec<f32> = rows.iter().flat_map(|r| r.iter().copied()).collect();
    for (g, w) in got.iter().zip(want) {
        assert_relative_eq!(f64::from(*g), w, epsilon = 1e-7);
    }
    assert!(p.row(2).iter().chain(q.row(2).iter()).all(|&x| x == 0.0));
}

/// `UserStart::Zero`: the users start at zero, and with numpy's stream the items take its first
/// draws, so adding a user leaves the items' start as it was; with the parallel stream the items
/// are the drawn start's.
#[test]
fn zero_user_start_draws_only_the_items() {
    let base = [(1, 1), (1, 2), (2, 2), (3, 1)].map(|(u, i)| (u, i, 3.0));
    let mut more = base.to_vec();
    more.push((8, 2, 4.0));
    let (m, grown) = (ratings(&base), ratings(&more));
    let zero = SvdParams::default().factors(2).user_start(UserStart::Zero);
    // numpy 1.26: RandomState(0).normal(0, 0.1, 4), items 1 and 2
    let want = [0.17640523, 0.04001572, 0.0978738, 0.22408932];
    for data in [&m, &grown] {
        let (p, q, _) = initial_factors(&zero, data, false);
        assert!(p.iter().all(|&x| x == 0.0));
        for (g, w) in q.iter().zip(want) {
            assert_relative_eq!(f64::from(*g), w, epsilon = 1e-7);
        }
    }
    let parallel = |start| {
        let prm = SvdParams::default()
            .factors(2)
            .init_stream(InitStream::Parallel)
            .user_start(start);
        initial_factors(&prm, &m, true)
    };
    let ((p0, q0, y0), (p1, q1, y1)) = (parallel(UserStart::Zero), parallel(UserStart::Drawn));
    assert!(p0.iter().all(|&x| x == 0.0) && p1.iter().any(|&x| x != 0.0));
    assert_eq!((q0, y0), (q1, y1));
}

/// Parameters written before `user_start` existed read as Surprise's drawn start.
#[test]
fn params_without_user_start_read_as_drawn() {
    let mut v = serde_json::to_value(SvdParams::default().user_start(UserStart::Zero)).unwrap();
    assert_eq!(v["user_start"], "zero");
    v.as_object_mut().unwrap().remove("user_start");
    let back: SvdParams = serde_json::from_value(v).unwrap();
    assert_eq!(back, SvdParams::default());
}

#[test]
fn one_svd_step_by_hand() {
    // one rating, one factor, one epoch: r = 4, μ = 4 → err = −q·p
    let m = ratings(&[(1, 1, 4.0)]);
    let prm = SvdParams::default()
        .factors(1)
        .epochs(1)
        .clip(false)
        .seed(5)
        .threads(1)
        .init_stream(InitStream::Parallel);
    let (pi, qi, _) = init_factors(1, 1, 1, 0.0, 0.1, 5, false);
    let (p0, q0) = (f64::from(pi[[0, 0]]), f64::from(qi[[0, 0]]));
    let (lr, reg) = (0.005, 0.02);
    // the model computes err = r − (μ + p·q) in f32, where 4 − (4 + x) loses x's low bits
    let err = f64::from(4.0f32 - (4.0f32 + pi[[0, 0]] * qi[[0, 0]]));
    let (bu, bi) = (lr * err, lr * err);
    let p1 = p0 + lr * (err * q0 - reg * p0);
    let q1 = q0 + lr * (err * p0 - reg * q0);
    let model = prm.fit(&m).unwrap();
    assert_relative_eq!(f64::from(model.user_bias[0]), bu, epsilon = 1e-9);
    assert_relative_eq!(f64::from(model.item_bias[0]), bi, epsilon = 1e-9);
    assert_relative_eq!(
        f64::from(model.predict(0, 0)),
        4.0 + bu + bi + p1 * q1,
        epsilon = 1e-6
    );
    assert_relative_eq!(model.curve[0].loss, err.abs(), epsilon = 1e-9);
}

#[test]
fn unbiased_svd_has_no_mean() {
    let m = small(1);
    let model = SvdParams::default()
        .biased(false)
        .clip(false)
        .factors(3)
        .fit(&m)
        .unwrap();
    assert_eq!(model.mean, 0.0);
    assert!(model.user_bias.iter().all(|&b| b == 0.0));
}

/// The model without its learning curve (which holds wall-clock seconds).
fn params_only(mut m: recsys_mf::FactorModel) -> recsys_mf::FactorModel {
    m.curve.clear();
    m
}

#[test]
fn training_error_falls_and_threads_stay_within_noise() {
    let m = small(7);
    let one = SvdParams::default()
        .factors(8)
        .epochs(30)
        .threads(1)
        .fit(&m)
        .unwrap();
    let losses: Vec<f64> = one.curve.iter().map(|r| r.loss).collect();
    assert!(losses.last().unwrap() < &losses[0]);
    let two = SvdParams::default()
        .factors(8)
        .epochs(30)
        .threads(2)
        .fit(&m)
        .unwrap();
    let again = SvdParams::default()
        .factors(8)
        .epochs(30)
        .threads(2)
        .fit(&m)
        .unwrap();
    assert_eq!(params_only(two.clone()), params_only(again));
    let gap = (two.curve.last().unwrap().loss - one.curve.last().unwrap().loss).abs();
    assert!(gap < 0.05, "DSGD training RMSE differs by {gap}");
}

#[test]
fn deterministic_and_seeded() {
    let m = small(2);
    let a = params_only(SvdPpParams::default().seed(1).fit(&m).unwrap());
    assert_eq!(
        a,
        params_only(SvdPpParams::default().seed(1).fit(&m).unwrap())
    );
    assert_ne!(
        a,
        params_only(SvdPpParams::default().seed(2).fit(&m).unwrap())
    );
}

#[test]
fn bad_parameters_and_data_are_errors() {
    let m = small(4);
    for p in [
        SvdParams::default().factors(0),
        SvdParams::default().epochs(0),
        SvdParams::default().lr(-0.1),
        SvdParams::default().lr(f32::NAN),
        SvdParams::default().reg(-1.0),
        SvdParams::default().init_std(f32::INFINITY),
    ] {
        assert!(
            matches!(
                p.fit(&m),
                Err(MfError::Core(
                    recsys_core::CoreError::InvalidParameter { .. }
                ))
            ),
            "{p:?}"
        );
    }
    assert!(matches!(
        SvdPpParams::default().fit(&ratings(&[])),
        Err(MfError::Core(recsys_core::CoreError::Empty(_)))
    ));
}

#[test]
fn unknown_indices_fall_back_and_similar_items() {
    let m = small(5);
    let model = SvdParams::default().factors(4).fit(&m).unwrap();
    let p = model.predict(999, 999);
    assert!(p.is_finite() && (1.0..=5.0).contains(&p));
    let sim = model.similar_items(0, 3).unwrap();
    assert_eq!(sim.len(), 3);
    assert!(
        sim.iter()
            .all(|(i, s)| *i != 0 && (-1.0..=1.0 + 1e-6).contains(s))
    );
    assert!(sim.windows(2).all(|w| w[0].1 >= w[1].1));
    assert!(model.similar_items(999, 3).is_err());
}
