//! XXH64, the model files' checksum, written out here so that the container depends on no
//! hashing crate.

use crate::format::le;

/// XXH64, the 64-bit xxHash (Yann Collet's public-domain algorithm), written out here: the
/// model files' checksum. Streaming: [`Xxh64::update`] any number of times, then
/// [`Xxh64::finish`].
///
/// ```
/// use recsys_core::persist::Xxh64;
/// assert_eq!(Xxh64::hash(b"", 0), 0xEF46_DB37_51D8_E999);
/// let mut h = Xxh64::new(0);
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finish(), Xxh64::hash(b"abc", 0));
/// ```
#[derive(Debug, Clone)]
pub struct Xxh64 {
    seed: u64,
    v: [u64; 4],
    buf: [u8; 32],
    buf_len: usize,
    total: u64,
}

const P1: u64 = 0x9E37_79B1_85EB_CA87;
const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const P3: u64 = 0x1656_67B1_9E37_79F9;
const P4: u64 = 0x85EB_CA77_C2B2_AE63;
const P5: u64 = 0x27D4_EB2F_1656_67C5;

#[inline]
fn xxh_round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

#[inline]
fn xxh_merge(acc: u64, val: u64) -> u64 {
    (acc ^ xxh_round(0, val)).wrapping_mul(P1).wrapping_add(P4)
}

impl Xxh64 {
    /// A hasher with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            v: [
                seed.wrapping_add(P1).wrapping_add(P2),
                seed.wrapping_add(P2),
                seed,
                seed.wrapping_sub(P1),
            ],
            buf: [0; 32],
            buf_len: 0,
            total: 0,
        }
    }

    /// The hash of `data` with `seed`.
    pub fn hash(data: &[u8], seed: u64) -> u64 {
        let mut h = Self::new(seed);
        h.update(data);
        h.finish()
    }

    #[inline]
    fn stripe(&mut self, s: &[u8; 32]) {
        let (words, _) = s.as_chunks::<8>();
        for (v, w) in self.v.iter_mut().zip(words) {
            *v = xxh_round(*v, u64::from_le_bytes(*w));
        }
    }

    /// Adds `data`.
    pub fn update(&mut self, mut data: &[u8]) {
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buf_len > 0 {
            let fill = (32 - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + fill].copy_from_slice(&data[..fill]);
            self.buf_len += fill;
            data = &data[fill..];
            if self.buf_len < 32 {
                return;
            }
            let b = self.buf;
            self.stripe(&b);
            self.buf_len = 0;
        }
        let (stripes, rest) = data.as_chunks::<32>();
        for s in stripes {
            self.stripe(s);
        }
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    /// The hash of everything added.
    pub fn finish(&self) -> u64 {
        let mut h = if self.total >= 32 {
            let [a, b, c, d] = self.v;
            let mut h = a
                .rotate_left(1)
                .wrapping_add(b.rotate_left(7))
                .wrapping_add(c.rotate_left(12))
                .wrapping_add(d.rotate_left(18));
            for v in self.v {
                h = xxh_merge(h, v);
            }
            h
        } else {
            self.seed.wrapping_add(P5)
        };
        h = h.wrapping_add(self.total);
        let mut rest = &self.buf[..self.buf_len];
        while rest.len() >= 8 {
            let k = xxh_round(0, u64::from_le_bytes(le(rest)));
            h = (h ^ k).rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
            rest = &rest[8..];
        }
        if rest.len() >= 4 {
            let k = u64::from(u32::from_le_bytes(le(rest)));
            h = (h ^ k.wrapping_mul(P1))
                .rotate_left(23)
                .wrapping_mul(P2)
                .wrapping_add(P3);
            rest = &rest[4..];
        }
        for &b in rest {
            h = (h ^ u64::from(b).wrapping_mul(P5))
                .rotate_left(11)
                .wrapping_mul(P1);
        }
        h ^= h >> 33;
        h = h.wrapping_mul(P2);
        h ^= h >> 29;
        h = h.wrapping_mul(P3);
        h ^ (h >> 32)
    }
}
