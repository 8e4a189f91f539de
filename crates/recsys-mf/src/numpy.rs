//! numpy's legacy `RandomState` (MT19937 and its polar-method `normal`), bit for bit.
//!
//! Surprise draws its initial factors with `numpy.random.RandomState(random_state).normal`. With
//! this generator, [`crate::SvdParams`]' default initialization draws the same numbers from the
//! same seed, so a fit can start from exactly the factors Surprise starts from.
//!
//! ```
//! use recsys_mf::numpy::RandomState;
//! // numpy: RandomState(0).normal(0, 1, 2) == [1.76405235, 0.40015721]
//! let mut r = RandomState::new(0);
//! assert!((r.normal(0.0, 1.0) - 1.764_052_345_967_664).abs() < 1e-15);
//! assert!((r.normal(0.0, 1.0) - 0.400_157_208_367_223_2).abs() < 1e-15);
//! ```

const N: usize = 624;
const M: usize = 397;

/// MT19937 with numpy's legacy seeding and normal draws.
#[derive(Clone)]
pub struct RandomState {
    key: [u32; N],
    pos: usize,
    gauss: Option<f64>,
}

impl std::fmt::Debug for RandomState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RandomState")
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}

impl RandomState {
    /// `numpy.random.RandomState(seed)` for `seed < 2^32`; a larger seed seeds as
    /// `RandomState([seed & 0xffffffff, seed >> 32])` (numpy's array seeding).
    pub fn new(seed: u64) -> Self {
        match u32::try_from(seed) {
            Ok(s) => Self::from_u32(s),
            Err(_) => Self::from_array(&[seed as u32, (seed >> 32) as u32]),
        }
    }

    fn from_u32(seed: u32) -> Self {
        let mut key = [0u32; N];
        key[0] = seed;
        for i in 1..N {
            let prev = key[i - 1];
            key[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Self {
            key,
            pos: N,
            gauss: None,
        }
    }

    fn from_array(init: &[u32]) -> Self {
        let mut s = Self::from_u32(19_650_218);
        let mt = &mut s.key;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(init.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(init[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= init.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        s
    }

    fn refill(&mut self) {
        #[inline(always)]
        fn twist(a: u32, b: u32, c: u32) -> u32 {
            let y = (a & 0x8000_0000) | (b & 0x7fff_ffff);
            c ^ (y >> 1) ^ ((y & 1).wrapping_neg() & 0x9908_b0df)
        }
        let mt = &mut self.key;
        // mt[k] for k < N - M reads mt[k + M], not yet rewritten
        for k in 0..N - M {
            mt[k] = twist(mt[k], mt[k + 1], mt[k + M]);
        }
        // mt[k] for k >= N - M reads mt[k + M - N], already rewritten
        for k in N - M..N - 1 {
            mt[k] = twist(mt[k], mt[k + 1], mt[k + M - N]);
        }
        mt[N - 1] = twist(mt[N - 1], mt[0], mt[M - 1]);
        self.pos = 0;
    }

    /// The next 32-bit output (`genrand_int32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.refill();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A uniform double in [0, 1) with 53 random bits (`random_sample`).
    pub fn next_f64(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// One N(0, 1) draw by numpy's legacy polar method (pairs, the second value cached).
    pub fn standard_normal(&mut self) -> f64 {
        if let Some(g) = self.gauss.take() {
            return g;
        }
        let pair = self.polar_pair();
        let (first, second) = polar_normals(pair);
        self.gauss = Some(second);
        first
    }

    /// The sequential half of one polar-method pair: uniform points drawn until one falls
    /// inside the unit circle, as `(x1, x2, x1² + x2²)`. [`polar_normals`] turns it into the
    /// pair's two normal draws (the expensive half, which needs no generator state).
    pub fn polar_pair(&mut self) -> (f64, f64, f64) {
        loop {
            let x1 = 2.0 * self.next_f64() - 1.0;
            let x2 = 2.0 * self.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                return (x1, x2, r2);
            }
        }
    }

    /// `normal(loc, scale)`: `loc + scale · standard_normal()`.
    pub fn normal(&mut self, loc: f64, scale: f64) -> f64 {
        loc + scale * self.standard_normal()
    }
}

/// The two N(0, 1) draws of a [`RandomState::polar_pair`], in numpy's order.
pub fn polar_normals((x1, x2, r2): (f64, f64, f64)) -> (f64, f64) {
    let f = (-2.0 * r2.ln() / r2).sqrt();
    (f * x2, f * x1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy() {
        // numpy 1.26: RandomState(0).randint(0, 2**32, 3, dtype=np.uint64)
        let mut r = RandomState::new(0);
        assert_eq!(
            [r.next_u32(), r.next_u32(), r.next_u32()],
            [2_357_136_044, 2_546_248_239, 3_071_714_933]
        );
        // RandomState(0).normal(0, 0.1, 5)
        let mut r = RandomState::new(0);
        let want = [0.17640523, 0.04001572, 0.0978738, 0.22408932, 0.1867558];
        for w in want {
            assert!((r.normal(0.0, 0.1) - w).abs() < 5e-9);
        }
        // past the first refill: RandomState(0).normal(0, 0.1, 2001)[-3:]
        let mut r = RandomState::new(0);
        let tail: Vec<f64> = (0..2001).map(|_| r.normal(0.0, 0.1)).skip(1998).collect();
        for (g, w) in tail.iter().zip([-0.11419014, -0.13109704, -0.15329211]) {
            assert!((g - w).abs() < 5e-9, "{g} {w}");
        }
        // array seeding: RandomState(np.array([5, 1], dtype=np.uint32)).normal(0, 1, 3)
        let mut r = RandomState::new(5 + (1 << 32));
        for w in [-0.48928741, -0.77095173, -0.1618316] {
            assert!((r.normal(0.0, 1.0) - w).abs() < 5e-8);
        }
    }
}
