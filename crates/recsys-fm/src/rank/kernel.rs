//! The arithmetic of the ranking FM: a row's representation (the weighted sum of its features'
//! embeddings), dot products, and one adagrad step on a feature's parameters.

use crate::features::FeatureBlock;

/// Writes row `r`'s representation `Σ v_f·E_f` (`E` rows of `k` values) into `out` and returns
/// `Σ v_f·b_f` when `bias` is given (else 0).
#[inline]
pub(crate) fn represent(
    block: &FeatureBlock,
    r: usize,
    emb: &[f32],
    bias: Option<&[f32]>,
    k: usize,
    out: &mut [f32],
) -> f32 {
    out.fill(0.0);
    let (cols, vals) = block.row(r);
    let mut b = 0.0f32;
    for (&f, &v) in cols.iter().zip(vals) {
        let f = f as usize;
        for (o, e) in out.iter_mut().zip(&emb[f * k..(f + 1) * k]) {
            *o += v * e;
        }
        if let Some(bias) = bias {
            b += v * bias[f];
        }
    }
    b
}

/// One adagrad step on parameters `p` with accumulators `acc` (LightFM's order): each parameter
/// moves by `lr·g / √G` with `g = v·d + α·p`, then `g²` is added to `G`.
#[inline]
pub(crate) fn adagrad(p: &mut [f32], acc: &mut [f32], d: &[f32], v: f32, lr: f32, alpha: f32) {
    for ((p, a), &d) in p.iter_mut().zip(acc.iter_mut()).zip(d) {
        let g = v * d + alpha * *p;
        *p -= lr * g / a.sqrt();
        *a += g * g;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dot::dot8 as dot;
    use crate::features::BlockBuilder;
    use approx::assert_relative_eq;

    #[test]
    fn representation_and_step_by_hand() {
        let mut b = BlockBuilder::new(1);
        let g = b.group("g", 2).unwrap();
        b.set(0, g, 0, 1.0).unwrap();
        b.set(0, g, 1, 0.5).unwrap();
        let block = b.build().unwrap();
        let emb = [1.0, 2.0, 4.0, -2.0];
        let mut out = [0.0; 2];
        let bias = represent(&block, 0, &emb, Some(&[0.5, 1.0]), 2, &mut out);
        assert_eq!(out, [3.0, 1.0]);
        assert_relative_eq!(bias, 1.0);
        assert_relative_eq!(dot(&out, &[2.0, -1.0]), 5.0);
        let (mut p, mut acc) = ([1.0f32], [4.0f32]);
        adagrad(&mut p, &mut acc, &[2.0], 0.5, 0.1, 0.0);
        // g = 1, step 0.1·1/2
        assert_relative_eq!(p[0], 0.95);
        assert_relative_eq!(acc[0], 5.0);
    }
}
