//! [`avx2_dispatch!`]: a kernel compiled twice, for the target's baseline and for AVX2, chosen
//! at run time by [`Simd`](recsys_core::simd::Simd). Without FMA every value sees the same
//! operations in the same order at either width, so both give the same bits; the ranking
//! models' steps (`bpr::kernel`, `bpr::warp`) use it.

/// Defines `$name`, which runs `$kernel` compiled with AVX2 where `simd` allows it (no FMA:
/// each value sees the same operations in the same order at any width, so the same bits).
macro_rules! avx2_dispatch {
    ($(#[$doc:meta])* $name:ident => $kernel:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)?) => {
        $(#[$doc])*
        #[inline]
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn $name(simd: recsys_core::simd::Simd, $($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            if simd.has_avx2_fma() {
                #[target_feature(enable = "avx2")]
                #[allow(clippy::too_many_arguments)]
                fn avx2($($arg: $ty),*) $(-> $ret)? {
                    $kernel($($arg),*)
                }
                // SAFETY: `has_avx2_fma` is true only where the processor has AVX2.
                return unsafe { avx2($($arg),*) };
            }
            let _ = simd;
            $kernel($($arg),*)
        }
    };
}

pub(crate) use avx2_dispatch;
