//! [`simd_dispatch!`](crate::simd_dispatch): kernels compiled twice, for the target's baseline
//! and for AVX2, and chosen at run time by [`Simd`](super::Simd).

/// Defines each `fn name(simd, args)`, which runs the kernel compiled with AVX2 where `simd`
/// allows it ([`Simd::has_avx2_fma`](crate::simd::Simd::has_avx2_fma)) and as the target's
/// baseline otherwise. The first token says how:
/// - `avx2_fma;`: the kernel is generic over a `const FMA: bool`; the AVX2 copy is
///   `kernel::<true>` compiled with AVX2 and FMA, the baseline `kernel::<false>` (ALS's
///   conjugate-gradient kernels: fused multiply-adds round differently, so the widths differ in
///   the last bits);
/// - `avx2;`: the same `kernel` compiled with AVX2 alone. Without FMA every value sees the same
///   operations in the same order at either width: both give the same bits (the FM crate's
///   ranking steps).
///
/// The AVX2 copy runs on the word of `simd` alone: pass a [`Simd::detect`](crate::simd::Simd::detect)
/// value (a hand-made `Simd::Avx2` on a processor without AVX2 would run instructions it lacks),
/// and keep the defined functions private to their crate, as every caller here does.
///
/// ```
/// /// `Σ a·b`, one value at a time.
/// fn dot(a: &[f32], b: &[f32]) -> f32 {
///     a.iter().zip(b).map(|(x, y)| x * y).sum()
/// }
/// recsys_core::simd_dispatch! { avx2;
///     /// [`dot`] on the widest vectors `simd` allows.
///     fn dot_on(a: &[f32], b: &[f32]) -> f32 = dot;
/// }
/// use recsys_core::simd::Simd;
/// let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
/// assert_eq!(dot_on(Simd::detect(), &a, &b), 32.0);
/// assert_eq!(dot_on(Simd::Baseline, &a, &b), 32.0);
/// ```
#[macro_export]
macro_rules! simd_dispatch {
    (avx2_fma; $($items:tt)*) => {
        $crate::simd_dispatch!(@each "avx2,fma", [::<true>], [::<false>]; $($items)*);
    };
    (avx2; $($items:tt)*) => {
        $crate::simd_dispatch!(@each "avx2", [], []; $($items)*);
    };
    (@each $features:literal, [$($on:tt)*], [$($off:tt)*];) => {};
    (@each $features:literal, [$($on:tt)*], [$($off:tt)*];
        $(#[$doc:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?
            = $($kernel:ident)::+;
        $($rest:tt)*
    ) => {
        $(#[$doc])*
        #[inline]
        #[allow(clippy::too_many_arguments)]
        $vis fn $name(simd: $crate::simd::Simd, $($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            if simd.has_avx2_fma() {
                #[target_feature(enable = $features)]
                #[allow(clippy::too_many_arguments)]
                fn avx2($($arg: $ty),*) $(-> $ret)? {
                    $($kernel)::+ $($on)* ($($arg),*)
                }
                // SAFETY: `Simd::detect` allows AVX2 and FMA only where the processor has them.
                return unsafe { avx2($($arg),*) };
            }
            let _ = simd;
            $($kernel)::+ $($off)* ($($arg),*)
        }
        $crate::simd_dispatch!(@each $features, [$($on)*], [$($off)*]; $($rest)*);
    };
}
