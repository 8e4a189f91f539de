//! [`Simd`]: the widest vector instructions the model crates' kernels (SVD and ALS in
//! `recsys-mf`, the Bayesian FM's draws in `recsys-fm`) may use on this processor, detected
//! once per fit. `RECSYS_SIMD=off` (portable loops only) or `RECSYS_SIMD=avx2` (no AVX-512)
//! caps them, to test or compare the kernels. [`simd_dispatch!`](crate::simd_dispatch)
//! compiles a kernel for both widths and picks one by [`Simd`].

mod dispatch;

/// The widest vector instructions the kernels may use here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simd {
    /// The target's baseline (SSE2 on x86-64; whatever the compiler vectorizes elsewhere).
    Baseline,
    /// AVX2 + FMA.
    Avx2,
    /// AVX-512F (+ AVX2, FMA).
    Avx512,
}

impl Simd {
    /// The processor's vector instructions, capped by `RECSYS_SIMD` (`off` or `avx2`).
    pub fn detect() -> Simd {
        let cap = std::env::var("RECSYS_SIMD").unwrap_or_default();
        if cap == "off" {
            return Simd::Baseline;
        }
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx512f") && has!("avx2") && has!("fma") && cap != "avx2" {
                return Simd::Avx512;
            }
            if has!("avx2") && has!("fma") {
                return Simd::Avx2;
            }
        }
        Simd::Baseline
    }

    /// Whether AVX2 and FMA may be used (true for [`Simd::Avx2`] and [`Simd::Avx512`]).
    pub fn has_avx2_fma(self) -> bool {
        self != Simd::Baseline
    }
}

/// Hints the processor to fetch the start of `data` (up to 512 bytes, one hint per 64-byte
/// cache line) into its caches, ahead of a random read; a no-op on other architectures. The
/// model kernels call it for the rows they will read next (SVD's next item row, a WARP step's
/// candidate negatives and their bits in the training pairs' bitset).
///
/// ```
/// recsys_core::simd::prefetch(&[1.0f32; 40]);
/// recsys_core::simd::prefetch::<u64>(&[]);
/// ```
#[inline(always)]
pub fn prefetch<T>(data: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let bytes = std::mem::size_of_val(data).min(512);
        let base = data.as_ptr().cast::<i8>();
        for offset in (0..bytes).step_by(64) {
            // SAFETY: `base + offset` lies inside `data` (offset < its size in bytes), and a
            // prefetch hint has no observable effect besides caching.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(base.add(offset)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = data;
}
