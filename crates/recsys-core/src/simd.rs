//! [`Simd`]: the widest vector instructions the model crates' kernels (SVD and ALS in
//! `recsys-mf`, the Bayesian FM's draws in `recsys-fm`) may use on this processor, detected
//! once per fit. `RECSYS_SIMD=off` (portable loops only) or `RECSYS_SIMD=avx2` (no AVX-512)
//! caps them, to test or compare the kernels.

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
