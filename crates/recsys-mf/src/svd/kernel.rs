//! One epoch compiled for the widest vectors the processor has: the same code
//! (`epoch::epoch`), wider vectors.

use super::epoch::{Buffers, Factors, Pass, epoch};
use crate::simd::Simd;

/// One epoch with the kernel `simd` allows (AVX-512 only for rows of whole 16-float vectors).
pub(super) fn run_epoch(
    pass: Pass<'_>,
    f: &mut Factors<'_>,
    b: &mut Buffers<'_>,
    simd: Simd,
) -> f64 {
    #[cfg(target_arch = "x86_64")]
    match simd {
        // SAFETY: `Simd::detect` returns these only when the processor has the features.
        Simd::Avx512 if pass.c.k.is_multiple_of(16) => {
            return unsafe { epoch_avx512(pass, f, b) };
        }
        Simd::Avx512 | Simd::Avx2 => return unsafe { epoch_avx2(pass, f, b) },
        Simd::Baseline => {}
    }
    let _ = simd;
    epoch::<false, false>(pass, f, b)
}

/// Defines `$name`, `epoch` with `WIDE` and `FMA` as given, compiled with the processor
/// features `$features` enabled: callers must check that the processor has them.
macro_rules! compiled_epoch {
    ($($name:ident: $features:literal => <$wide:literal, $fma:literal>;)*) => {$(
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = $features)]
        fn $name(pass: Pass<'_>, f: &mut Factors<'_>, b: &mut Buffers<'_>) -> f64 {
            epoch::<$wide, $fma>(pass, f, b)
        }
    )*};
}

compiled_epoch! {
    epoch_avx512: "avx512f,avx2,fma" => <true, true>;
    epoch_avx2: "avx2,fma" => <false, true>;
}
