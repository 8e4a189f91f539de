//! The dot products of SVD: the portable one (eight lanes, written to auto-vectorize) and the
//! AVX-512 one of the widest epoch kernel.

/// The dot product of two equal-length slices (eight lanes, written to auto-vectorize).
#[inline(always)]
pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    let mut s = (acc[0] + acc[4]) + (acc[1] + acc[5]) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// `a · b` for rows whose length is a multiple of 16, with two AVX-512 accumulators (the
/// auto-vectorized [`dot`] keeps one dependent chain and spills).
///
/// # Safety
/// The processor must have AVX-512F, and `a.len() == b.len()` must be a multiple of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
#[inline]
unsafe fn dot_avx512(a: &[f32], b: &[f32]) -> f32 {
    use std::arch::x86_64::*;
    debug_assert!(a.len() == b.len() && a.len().is_multiple_of(16));
    let n = a.len() / 16;
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let (mut s0, mut s1) = (_mm512_setzero_ps(), _mm512_setzero_ps());
    let mut c = 0;
    // SAFETY: every load reads 16 floats at an offset below `n * 16 <= len`.
    unsafe {
        while c + 1 < n {
            s0 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16)),
                _mm512_loadu_ps(pb.add(c * 16)),
                s0,
            );
            s1 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16 + 16)),
                _mm512_loadu_ps(pb.add(c * 16 + 16)),
                s1,
            );
            c += 2;
        }
        if c < n {
            s0 = _mm512_fmadd_ps(
                _mm512_loadu_ps(pa.add(c * 16)),
                _mm512_loadu_ps(pb.add(c * 16)),
                s0,
            );
        }
    }
    _mm512_reduce_add_ps(_mm512_add_ps(s0, s1))
}

/// The dot product inside an epoch: the AVX-512 kernel when `WIDE` (only instantiated by
/// `epoch_avx512`, for rows padded to 16 floats), else the portable one.
#[inline(always)]
pub(super) fn row_dot<const WIDE: bool>(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if WIDE {
        // SAFETY: `WIDE` is set only from `epoch_avx512`, which runs only when the processor
        // has AVX-512F and the row width is a multiple of 16; both slices are rows of width k.
        return unsafe { dot_avx512(a, b) };
    }
    dot(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_by_hand() {
        let a: Vec<f32> = (0..19).map(|x| x as f32).collect();
        assert_eq!(dot(&a, &a), (0..19).map(|x| (x * x) as f32).sum::<f32>());
    }
}
