//! The ALS kernels compiled for the processor: with AVX2 and FMA when
//! [`Simd`](crate::simd::Simd) allows them
//! (detected at run time, or capped by `RECSYS_SIMD`), the plain loops otherwise.

use super::cg::{self, Row, Scratch};
use super::params::Conf;
use super::{gram, loss};

recsys_core::simd_dispatch! { avx2_fma;
    /// `cg::cg_row` with the kernels `simd` allows.
    pub(super) fn cg_row(row: &Row<'_>, x: &mut [f32], scratch: &mut Scratch) = cg::cg_row;
    /// `gram::gram_block` with the kernels `simd` allows.
    pub(super) fn gram_block(rows: &[f32], k: usize, g: &mut [f32]) = gram::gram_block;
    /// `loss::observed_loss` with the kernels `simd` allows.
    pub(super) fn observed_loss(xu: &[f32], y: &[f32], items: &[u32], ratings: &[f32], conf: Conf)
        -> f64 = loss::observed_loss;
}

#[cfg(test)]
mod tests {
    use crate::als::gram::gram;
    use crate::als::kernel::dot;
    use crate::simd::Simd;
    use approx::assert_relative_eq;

    #[test]
    fn kernels_agree_with_plain_sums() {
        let a: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..37).map(|i| (i as f32 * 0.11).cos()).collect();
        let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_relative_eq!(dot::<false>(&a, &b), want, epsilon = 1e-5);
        assert_relative_eq!(dot::<true>(&a, &b), want, epsilon = 1e-5);
        // gram of 2 rows of k = 2: [1, 2] and [3, 4] → [[10, 14], [14, 20]]
        for simd in [Simd::Baseline, Simd::detect()] {
            assert_eq!(
                gram(&[1.0, 2.0, 3.0, 4.0], 2, simd),
                vec![10.0, 14.0, 14.0, 20.0]
            );
        }
    }
}
