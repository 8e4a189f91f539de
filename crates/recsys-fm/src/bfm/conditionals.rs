//! Checks of the sampler's conditionals against brute force: on a tiny problem with two blocks
//! (and again with a third, a case block) and several features per row, every draw of w₀, w
//! and V must equal `mean + z/√precision` with the mean and precision computed from the dense
//! feature vectors by evaluating the FM itself (the prediction is linear in any one weight:
//! `ŷ = g + h·θ`), and `z` the same standard normal draw.

use approx::assert_relative_eq;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::relation::Relation;
use super::state::{Priors, Sampler};
use crate::features::BlockBuilder;
use crate::random::{normal, stream_rng};

/// 4 users × 3 items, users with a one-hot group and a 2-feature side group, items with a
/// one-hot group and a normalized set group.
fn sampler() -> Sampler {
    build(false)
}

/// [`sampler`]'s cases three times over with a third block of 3 context rows (a one-hot group
/// and a valued feature), the cases' rows in runs, as a date's are, and coming back after
/// other rows.
fn sampler_with_cases() -> Sampler {
    build(true)
}

fn build(with_cases: bool) -> Sampler {
    let mut ub = BlockBuilder::new(4);
    let g = ub.group("user", 4).unwrap();
    ub.one_hot(g).unwrap();
    let side = ub.group("side", 2).unwrap();
    for u in 0..4 {
        ub.set(u, side, u % 2, 0.5 + u as f32 * 0.25).unwrap();
    }
    ub.set(3, side, 0, -1.5).unwrap();
    let mut ib = BlockBuilder::new(3);
    let g = ib.group("item", 3).unwrap();
    ib.one_hot(g).unwrap();
    let set = ib.group("set", 4).unwrap();
    ib.set_normalized(0, set, &[0, 1]).unwrap();
    ib.set_normalized(1, set, &[1, 2, 3]).unwrap();
    ib.set_normalized(2, set, &[3]).unwrap();
    let (ublock, iblock) = (ub.build().unwrap(), ib.build().unwrap());
    let cases = [
        (0, 0, 4.0),
        (0, 1, 2.0),
        (1, 0, 5.0),
        (1, 2, 3.0),
        (2, 1, 1.0),
        (3, 0, 4.0),
        (3, 2, 2.5),
        (3, 1, 3.5),
    ];
    // with a case block, the cases three times over: enough cases per pass chunk for a
    // context row to come back within a chunk after another row
    let cases: Vec<_> = cases
        .iter()
        .cycle()
        .take(cases.len() * if with_cases { 3 } else { 1 })
        .collect();
    let users = cases.iter().map(|c| c.0).collect();
    let items = cases.iter().map(|c| c.1).collect();
    let y = cases.iter().map(|c| c.2).collect();
    let mut group = ublock.feature_groups();
    group.extend(iblock.feature_groups().iter().map(|g| g + 2));
    let mut rel = vec![
        Relation::new(&ublock, 0, users),
        Relation::new(&iblock, ublock.n_features(), items),
    ];
    if with_cases {
        let mut cb = BlockBuilder::new(3);
        let g = cb.group("context", 3).unwrap();
        cb.one_hot(g).unwrap();
        let level = cb.group("level", 1).unwrap();
        cb.set(1, level, 0, 0.8).unwrap();
        cb.set(2, level, 0, -1.25).unwrap();
        let cblock = cb.build().unwrap();
        group.extend(cblock.feature_groups().iter().map(|g| g + 4));
        let offset = ublock.n_features() + iblock.n_features();
        let rows = vec![
            0, 2, 0, 1, 1, 2, 2, 0, 2, 0, 0, 1, 1, 2, 1, 2, 2, 2, 0, 1, 0, 1, 0, 0,
        ];
        rel.push(Relation::new(&cblock, offset, rows));
    }
    let priors = Priors {
        alpha_0: 1.0,
        beta_0: 1.0,
        gamma_0: 1.0,
        mu_0: 0.0,
        reg_0: 1.0,
    };
    let mut s = Sampler::new(rel, y, group, 3, 0.7, priors, &mut stream_rng(1, 0));
    // hyperparameters away from their initial values
    s.alpha = 1.7;
    let mut r = stream_rng(1, 1);
    for x in s.mu_w.iter_mut().chain(s.mu_v.iter_mut()) {
        *x = 0.3 * normal(&mut r);
    }
    for x in s.lambda_w.iter_mut().chain(s.lambda_v.iter_mut()) {
        *x = 0.5 + normal(&mut r).abs();
    }
    s
}

/// The dense feature vector of case `n`.
fn dense(s: &Sampler, n: usize) -> Vec<f64> {
    let mut x = vec![0.0; s.n_features];
    for rel in &s.rel {
        let (c, v) = rel.row(rel.case_row[n] as usize);
        for (&j, &v) in c.iter().zip(v) {
            x[rel.offset + j as usize] = v;
        }
    }
    x
}

/// The FM's prediction of case `n`, by its definition (all pairs j < j').
fn brute(s: &Sampler, n: usize) -> f64 {
    let x = dense(s, n);
    let mut p = s.w0;
    for j in 0..s.n_features {
        p += s.w[j] * x[j];
        for j2 in j + 1..s.n_features {
            let dot: f64 = (0..s.k)
                .map(|f| s.v[f * s.n_features + j] * s.v[f * s.n_features + j2])
                .sum();
            p += dot * x[j] * x[j2];
        }
    }
    p
}

/// Draws `θ` from its conditional by brute force: `set(s, t)` sets the parameter, prior
/// precision `lambda` and mean `mu`.
fn brute_draw(
    s: &mut Sampler,
    set: &dyn Fn(&mut Sampler, f64),
    lambda: f64,
    mu: f64,
    rng: &mut Xoshiro256PlusPlus,
) -> f64 {
    let n = s.y.len();
    set(s, 0.0);
    let g: Vec<f64> = (0..n).map(|c| brute(s, c)).collect();
    set(s, 1.0);
    let h: Vec<f64> = (0..n).map(|c| brute(s, c) - g[c]).collect();
    let prec = lambda + s.alpha * h.iter().map(|h| h * h).sum::<f64>();
    let lin = lambda * mu + s.alpha * (0..n).map(|c| h[c] * (s.y[c] - g[c])).sum::<f64>();
    let t = lin / prec + normal(rng) / prec.sqrt();
    set(s, t);
    t
}

fn assert_same(a: &Sampler, b: &Sampler) {
    for (x, y) in a.v.iter().zip(&b.v) {
        assert_relative_eq!(x, y, epsilon = 1e-10);
    }
    for (x, y) in a.w.iter().zip(&b.w) {
        assert_relative_eq!(x, y, epsilon = 1e-10);
    }
    assert_relative_eq!(a.w0, b.w0, epsilon = 1e-10);
    // the kernel's incrementally updated residuals equal the brute-force ones
    for n in 0..a.y.len() {
        assert_relative_eq!(a.e[n], brute(a, n) - a.y[n], epsilon = 1e-10);
    }
}

#[test]
fn w0_and_w_draws_match_the_closed_form() {
    w_draws_match(sampler());
    w_draws_match(sampler_with_cases());
}

fn w_draws_match(mut s: Sampler) {
    let mut reference = s.clone();
    let (mut r1, mut r2) = (stream_rng(9, 0), stream_rng(9, 0));
    s.update_w0(&mut r1);
    brute_draw(&mut reference, &|s, t| s.w0 = t, 1.0, 0.0, &mut r2);
    for b in 0..s.rel.len() {
        s.update_w_block(b, &mut r1);
        let (off, nf) = (reference.rel[b].offset, reference.rel[b].n_features);
        for j in off..off + nf {
            let g = reference.group[j] as usize;
            let (l, m) = (reference.lambda_w[g], reference.mu_w[g]);
            brute_draw(&mut reference, &|s, t| s.w[j] = t, l, m, &mut r2);
        }
    }
    reference.recompute_e();
    assert_same(&s, &reference);
}

#[test]
fn factor_draws_match_the_closed_form() {
    v_draws_match(sampler());
    v_draws_match(sampler_with_cases());
}

fn v_draws_match(mut s: Sampler) {
    let mut reference = s.clone();
    let (mut r1, mut r2) = (stream_rng(4, 2), stream_rng(4, 2));
    let (k, nf) = (s.k, s.n_features);
    s.update_v(&mut r1);
    for f in 0..k {
        for b in 0..reference.rel.len() {
            let (off, n) = (reference.rel[b].offset, reference.rel[b].n_features);
            for j in off..off + n {
                let g = reference.group[j] as usize;
                let (l, m) = (reference.lambda_v[g * k + f], reference.mu_v[g * k + f]);
                brute_draw(&mut reference, &|s, t| s.v[f * nf + j] = t, l, m, &mut r2);
            }
        }
    }
    reference.recompute_e();
    assert_same(&s, &reference);
}

#[test]
fn recomputed_residuals_match_the_definition() {
    for s in [sampler(), sampler_with_cases()] {
        for n in 0..s.y.len() {
            assert_relative_eq!(s.e[n], brute(&s, n) - s.y[n], epsilon = 1e-12);
        }
    }
}

#[test]
fn the_vector_and_portable_draws_are_the_same_to_the_bit() {
    use recsys_core::simd::Simd;
    let mut a = sampler();
    a.simd = Simd::Baseline;
    let mut b = a.clone();
    b.simd = Simd::detect();
    let (mut r1, mut r2) = (stream_rng(5, 1), stream_rng(5, 1));
    for _ in 0..3 {
        a.update_v(&mut r1);
        b.update_v(&mut r2);
    }
    for (x, y) in a.v.iter().zip(&b.v) {
        assert_eq!(x.to_bits(), y.to_bits());
    }
    for (x, y) in a.e.iter().zip(&b.e) {
        assert_eq!(x.to_bits(), y.to_bits());
    }
}
