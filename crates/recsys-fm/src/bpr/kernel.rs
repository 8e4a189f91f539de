//! One BPR step (Rendle et al. 2009) as `implicit`'s `bpr_update` takes it: the user's factors
//! with a constant 1 in the last column, the items' last column their bias.

recsys_core::simd_dispatch! { avx2;
    /// [`bpr_step`] on the widest vectors `simd` allows (the step is element by element and its
    /// dot product in 8 fixed lanes, so every width gives the same bits).
    pub(crate) fn bpr_step_on(x: &mut [f32], p: &mut [f32], n: &mut [f32], lr: f32, reg: f32)
        -> f32 = bpr_step;
}

/// The step on user `x` (its last entry, the bias column, is not updated), positive item `p`
/// and negative item `n`, all of length `k + 1`. Returns `σ(x·(p − n))` before the step, the
/// likelihood of the triple (its loss is `−ln` of it).
#[inline(always)]
pub(crate) fn bpr_step(x: &mut [f32], p: &mut [f32], n: &mut [f32], lr: f32, reg: f32) -> f32 {
    let k = x.len() - 1;
    let score = diff_dot(x, p, n);
    let e = score.exp();
    let z = 1.0 / (1.0 + e);
    // zipped equal-length slices: no bounds checks, so the loop vectorizes (element by
    // element the same arithmetic as a scalar loop)
    let (xf, pf, nf) = (&mut x[..k], &mut p[..k], &mut n[..k]);
    for ((xj, pj), nj) in xf.iter_mut().zip(pf.iter_mut()).zip(nf.iter_mut()) {
        let t = *xj;
        *xj += lr * (z * (*pj - *nj) - reg * t);
        *pj += lr * (z * t - reg * *pj);
        *nj += lr * (-z * t - reg * *nj);
    }
    p[k] += lr * (z - reg * p[k]);
    n[k] += lr * (-z - reg * n[k]);
    // σ(score) = e·z, exact also when z is near 1; e overflows only where σ is 1
    if e.is_finite() { e * z } else { 1.0 }
}

/// `x·(p − n)` over the shortest of the three, summed in 8 interleaved lanes (so the compiler
/// can keep them in one vector register), the lanes then added in order: the same value on
/// every machine.
#[inline(always)]
fn diff_dot(x: &[f32], p: &[f32], n: &[f32]) -> f32 {
    let len = x.len().min(p.len()).min(n.len());
    let (x, p, n) = (&x[..len], &p[..len], &n[..len]);
    let mut lanes = [0.0f32; 8];
    let chunks = len / 8 * 8;
    for ((xc, pc), nc) in x[..chunks]
        .chunks_exact(8)
        .zip(p[..chunks].chunks_exact(8))
        .zip(n[..chunks].chunks_exact(8))
    {
        for l in 0..8 {
            lanes[l] += xc[l] * (pc[l] - nc[l]);
        }
    }
    let mut tail = 0.0f32;
    for j in chunks..len {
        tail += x[j] * (p[j] - n[j]);
    }
    lanes.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use recsys_core::simd::Simd;

    #[test]
    fn every_vector_width_steps_to_the_same_bits() {
        // 65 entries (64 factors and the bias): eight full lanes and a tail
        let row = |a: f32| {
            (0..65)
                .map(|j| ((j as f32 * a).sin()) * 0.3)
                .collect::<Vec<f32>>()
        };
        let (x0, p0, n0) = (row(0.7), row(1.3), row(-0.4));
        let (mut x1, mut p1, mut n1) = (x0.clone(), p0.clone(), n0.clone());
        let s1 = bpr_step_on(Simd::Baseline, &mut x1, &mut p1, &mut n1, 0.05, 0.01);
        let (mut x2, mut p2, mut n2) = (x0, p0, n0);
        let s2 = bpr_step_on(Simd::detect(), &mut x2, &mut p2, &mut n2, 0.05, 0.01);
        assert_eq!(s1.to_bits(), s2.to_bits());
        for (a, b) in [(&x1, &x2), (&p1, &p2), (&n1, &n2)] {
            let bits = |v: &[f32]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(a), bits(b));
        }
        assert!(
            x1.iter().zip(&row(0.7)).any(|(a, b)| a != b),
            "the step moved nothing"
        );
    }

    #[test]
    fn one_step_by_hand() {
        let (mut x, mut p, mut n) = (vec![0.5, 1.0], vec![0.2, 0.1], vec![-0.4, 0.3]);
        let s = bpr_step(&mut x, &mut p, &mut n, 0.1, 0.01);
        // score = 0.5·0.6 + 1·(−0.2) = 0.1; z = 1/(1+e^0.1); the likelihood σ(0.1)
        assert_relative_eq!(s, 1.0 / (1.0 + (-0.1f32).exp()), epsilon = 1e-6);
        let z = 1.0 / (1.0 + 0.1f32.exp());
        assert_relative_eq!(x[0], 0.5 + 0.1 * (z * 0.6 - 0.01 * 0.5), epsilon = 1e-6);
        assert_relative_eq!(p[0], 0.2 + 0.1 * (z * 0.5 - 0.01 * 0.2), epsilon = 1e-6);
        assert_relative_eq!(n[0], -0.4 + 0.1 * (-z * 0.5 + 0.01 * 0.4), epsilon = 1e-6);
        assert_relative_eq!(p[1], 0.1 + 0.1 * (z - 0.01 * 0.1), epsilon = 1e-6);
        assert_relative_eq!(n[1], 0.3 + 0.1 * (-z - 0.01 * 0.3), epsilon = 1e-6);
        assert_eq!(x[1], 1.0);
    }
}
