//! [`Element`]: the Rust types a section holds, and their little-endian encoding.

use std::fmt;
use std::io::{self, Write};

use crate::format::Dtype;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for u32 {}
    impl Sealed for u64 {}
    impl Sealed for u8 {}
}

/// An element type a section can hold: `f32`, `f64`, `u32`, `u64`, or `u8` for [`Dtype::Bytes`].
pub trait Element: sealed::Sealed + Copy + Send + Sync + fmt::Debug + 'static {
    /// The dtype stored for this type.
    const DTYPE: Dtype;
    /// Decodes little-endian bytes (`bytes.len()` a multiple of the element size).
    #[doc(hidden)]
    fn decode(bytes: &[u8]) -> Vec<Self>;
    /// Appends the little-endian bytes of `items` to `out`.
    #[doc(hidden)]
    fn encode(items: &[Self], out: &mut Vec<u8>);
    /// Writes the little-endian bytes of `items` in chunks (bounded extra memory).
    #[doc(hidden)]
    fn write_le(items: &[Self], w: &mut dyn Write) -> io::Result<()> {
        const CHUNK: usize = 1 << 14;
        let mut buf = Vec::with_capacity(CHUNK * Self::DTYPE.size());
        for c in items.chunks(CHUNK) {
            buf.clear();
            Self::encode(c, &mut buf);
            w.write_all(&buf)?;
        }
        Ok(())
    }
}

macro_rules! element {
    ($t:ty, $d:expr, $n:literal) => {
        impl Element for $t {
            const DTYPE: Dtype = $d;
            fn decode(bytes: &[u8]) -> Vec<Self> {
                let (chunks, _) = bytes.as_chunks::<$n>();
                chunks.iter().map(|c| <$t>::from_le_bytes(*c)).collect()
            }
            fn encode(items: &[Self], out: &mut Vec<u8>) {
                out.reserve(items.len() * $n);
                for x in items {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    };
}
element!(f32, Dtype::F32, 4);
element!(f64, Dtype::F64, 8);
element!(u32, Dtype::U32, 4);
element!(u64, Dtype::U64, 8);

impl Element for u8 {
    const DTYPE: Dtype = Dtype::Bytes;
    fn decode(bytes: &[u8]) -> Vec<Self> {
        bytes.to_vec()
    }
    fn encode(items: &[Self], out: &mut Vec<u8>) {
        out.extend_from_slice(items);
    }
    fn write_le(items: &[Self], w: &mut dyn Write) -> io::Result<()> {
        w.write_all(items)
    }
}
