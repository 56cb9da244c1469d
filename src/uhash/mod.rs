//! Universal hashes over GF(2^128): GHASH (NIST SP 800-38D §6.3–6.4) and
//! POLYVAL (RFC 8452 §3), with the portable carry-less multiply they share
//! and a CLMUL path chosen at run time.
//!
//! ## One chain, two bit orders
//!
//! RFC 8452 Appendix A relates the two hashes:
//! `GHASH(H, X_1..X_n) = ByteReverse(POLYVAL(mulX_POLYVAL(ByteReverse(H)), ByteReverse(X_1)..))`
//! and
//! `POLYVAL(H, X_1..X_n) = ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)), ByteReverse(X_1)..))`.
//! A GHASH block read as a big-endian `u128` is the same integer as its
//! byte reversal read little-endian, which is how POLYVAL reads a block.
//! So both hashes keep their state as one `u128` in that shared form and
//! run one chain: the portable path multiplies in GHASH's order
//! (`SoftKey::gf_mul`), the CLMUL path (`crate::backend`) in POLYVAL's
//! order, each with the key converted by `mulX` as above; GHASH feeds the
//! chain its blocks big-endian, POLYVAL little-endian.
//!
//! ## Paths ([`HashBackend`])
//!
//! | path | when |
//! |---|---|
//! | [`HashBackend::Vpclmul512`] | x86-64 with VPCLMULQDQ + AVX-512 F/VL/BW, OS saves ZMM state: 4 blocks per instruction, 16 blocks per reduction |
//! | [`HashBackend::Vpclmul256`] | x86-64 with VPCLMULQDQ + AVX2, OS saves YMM state: 2 blocks per instruction, 16 blocks per reduction |
//! | [`HashBackend::Pclmul`] | x86-64 with PCLMULQDQ + SSSE3: 16 blocks per reduction |
//! | [`HashBackend::Portable`] | anything else, or forced with [`crate::backend::force_portable`] |
//!
//! The path is chosen once, at key setup. The CLMUL paths need the `aes`
//! feature (the `backend` module that holds the crate's `unsafe`); without
//! it every key is portable.
//!
//! ## The portable multiply
//!
//! The portable multiply uses no tables: a 64×64-bit carry-less product is
//! built from ordinary integer multiplications of operands whose bits are
//! spread out with "holes" (only every fifth bit kept), so the carries of
//! the integer additions fall into the holes and are masked away. No secret
//! value chooses a branch or a memory index; the code is constant time as
//! long as the CPU's 64×64→128-bit integer multiply is (true of current
//! x86-64 and AArch64 cores; some small embedded cores exit multiplies
//! early).
//!
//! A 128×128-bit product is three 64×64 products (Karatsuba).

mod ghash;
mod polyval;

pub use ghash::Ghash;
pub use polyval::Polyval;

use core::fmt;

use zeroize::Zeroize;

#[cfg(all(feature = "aes", target_arch = "x86_64"))]
use crate::backend::clmul::{self, PolyvalKey, Width};
use crate::error::{Error, Result};

/// The CPU path a GHASH or POLYVAL key runs on.
///
/// ```
/// use blockmodes::uhash::{self, Ghash, HashBackend};
///
/// let h = [0x42; 16];
/// let fast = Ghash::new(&h);
/// assert_eq!(fast.backend(), uhash::default_backend());
/// let mut soft = Ghash::new_with_backend(&h, HashBackend::Portable)?;
/// let mut fast = fast;
/// fast.update_padded(b"the same hash on every path");
/// soft.update_padded(b"the same hash on every path");
/// assert_eq!(fast.finalize(), soft.finalize());
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashBackend {
    /// VPCLMULQDQ on 512-bit registers with AVX-512 (x86-64).
    Vpclmul512,
    /// VPCLMULQDQ on 256-bit registers (x86-64).
    Vpclmul256,
    /// PCLMULQDQ on 128-bit registers (x86-64).
    Pclmul,
    /// Portable constant-time code (see the module notes).
    Portable,
}

impl HashBackend {
    /// Every path, fastest first.
    pub const ALL: [HashBackend; 4] = [
        HashBackend::Vpclmul512,
        HashBackend::Vpclmul256,
        HashBackend::Pclmul,
        HashBackend::Portable,
    ];

    /// Short name: `"vpclmul512"`, `"vpclmul256"`, `"pclmul"` or
    /// `"portable"`.
    pub fn name(self) -> &'static str {
        match self {
            HashBackend::Vpclmul512 => "vpclmul512",
            HashBackend::Vpclmul256 => "vpclmul256",
            HashBackend::Pclmul => "pclmul",
            HashBackend::Portable => "portable",
        }
    }

    /// Whether this CPU (and build) can run the path;
    /// [`HashBackend::Portable`] always can. Ignores
    /// [`force_portable`](crate::backend::force_portable).
    pub fn is_supported(self) -> bool {
        match self {
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Vpclmul512 => clmul::supported(Width::Z512),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Vpclmul256 => clmul::supported(Width::Y256),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Pclmul => clmul::supported(Width::X128),
            HashBackend::Portable => true,
            #[cfg(not(all(feature = "aes", target_arch = "x86_64")))]
            _ => false,
        }
    }
}

impl fmt::Display for HashBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The path a GHASH or POLYVAL key set up now with `new` gets: the fastest
/// the CPU has, or [`HashBackend::Portable`] while
/// [`force_portable`](crate::backend::force_portable) is on.
pub fn default_backend() -> HashBackend {
    #[cfg(all(feature = "aes", target_arch = "x86_64"))]
    match clmul::best() {
        Some(Width::Z512) => return HashBackend::Vpclmul512,
        Some(Width::Y256) => return HashBackend::Vpclmul256,
        Some(Width::X128) => return HashBackend::Pclmul,
        None => {}
    }
    HashBackend::Portable
}

/// `x · a` in POLYVAL's order (RFC 8452 §3 `mulX_POLYVAL`): bit `i` of the
/// little-endian integer is `x^i`; reduce by
/// `x^128 = x^127 + x^126 + x^121 + 1`.
fn mulx_polyval(a: u128) -> u128 {
    let carry = 0u128.wrapping_sub(a >> 127);
    (a << 1) ^ (carry & ((0xc2 << 120) | 1))
}

/// `x · a` in GHASH's order (RFC 8452 Appendix A `mulX_GHASH`): bit `i` of
/// the big-endian integer is `x^(127 - i)`; reduce by
/// `x^128 = x^7 + x^2 + x + 1`.
fn mulx_ghash(a: u128) -> u128 {
    let carry = 0u128.wrapping_sub(a & 1);
    (a >> 1) ^ (carry & (0xe1 << 120))
}

/// The key of one chain on its path.
// The CLMUL key (sixteen powers and their Karatsuba halves, 512 bytes) is
// much larger than the portable one; boxing it would need `alloc`, and a
// key is one per GCM instance plus one clone per message.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum ChainKey {
    /// `H` in GHASH's order.
    Soft(SoftKey),
    /// `H` in POLYVAL's order, with its powers.
    #[cfg(all(feature = "aes", target_arch = "x86_64"))]
    Clmul(PolyvalKey),
}

/// The state `Y` shared by GHASH and POLYVAL (see the module notes) and the
/// key that advances it. Zeroized on drop.
#[derive(Clone)]
pub(crate) struct Chain {
    key: ChainKey,
    y: u128,
}

impl Chain {
    /// A chain at `Y = 0` keyed with `h_ghash` (the key in GHASH's order,
    /// used by the portable path) or `h_polyval` (the same key in POLYVAL's
    /// order, used by CLMUL).
    fn new(h_ghash: u128, h_polyval: u128, backend: HashBackend) -> Result<Self> {
        let key = match backend {
            HashBackend::Portable => ChainKey::Soft(SoftKey::new(h_ghash)),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Vpclmul512 => ChainKey::Clmul(
                PolyvalKey::new(h_polyval, Width::Z512).ok_or(Error::InvalidParameter)?,
            ),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Vpclmul256 => ChainKey::Clmul(
                PolyvalKey::new(h_polyval, Width::Y256).ok_or(Error::InvalidParameter)?,
            ),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            HashBackend::Pclmul => ChainKey::Clmul(
                PolyvalKey::new(h_polyval, Width::X128).ok_or(Error::InvalidParameter)?,
            ),
            #[cfg(not(all(feature = "aes", target_arch = "x86_64")))]
            _ => {
                let _ = h_polyval;
                return Err(Error::InvalidParameter);
            }
        };
        Ok(Chain { key, y: 0 })
    }

    /// A chain on [`default_backend`].
    fn new_default(h_ghash: u128, h_polyval: u128) -> Self {
        let mut chain = Chain::zero_key();
        chain.rekey(h_ghash, h_polyval);
        chain
    }

    /// A chain on [`default_backend`] keyed with `H = 0` (every power of
    /// it is zero), for [`rekey`](Self::rekey). Nothing but the path is
    /// computed, so the caller's binding is set with a `memset`; AES-GCM-SIV
    /// keys POLYVAL per message, and building a keyed 512-byte CLMUL key
    /// in a function and returning it cost a `memcpy` (or more, through an
    /// `Option` or the enum) each time.
    #[inline]
    fn zero_key() -> Self {
        #[cfg(all(feature = "aes", target_arch = "x86_64"))]
        if let Some(k) = clmul::Kernel::best() {
            return Chain {
                key: ChainKey::Clmul(PolyvalKey::zeroed(k)),
                y: 0,
            };
        }
        Chain {
            key: ChainKey::Soft(SoftKey::new(0)),
            y: 0,
        }
    }

    /// Key the chain with `h_ghash` / `h_polyval` (as in
    /// [`new`](Self::new)), on the path it is on, and reset it to `Y = 0`;
    /// the CLMUL powers are computed in place.
    #[inline]
    fn rekey(&mut self, h_ghash: u128, h_polyval: u128) {
        self.y = 0;
        match &mut self.key {
            ChainKey::Soft(k) => *k = SoftKey::new(h_ghash),
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            ChainKey::Clmul(k) => k.set(h_polyval),
        }
        let _ = h_polyval;
    }

    fn backend(&self) -> HashBackend {
        match &self.key {
            ChainKey::Soft(_) => HashBackend::Portable,
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            ChainKey::Clmul(k) => match k.width() {
                Width::Z512 => HashBackend::Vpclmul512,
                Width::Y256 => HashBackend::Vpclmul256,
                Width::X128 => HashBackend::Pclmul,
            },
        }
    }

    /// `Y = (Y ^ X_i) · H` for each block, read big-endian (GHASH, `BE`)
    /// or little-endian (POLYVAL).
    #[inline]
    fn update<const BE: bool>(&mut self, blocks: &[[u8; 16]]) {
        // Empty AAD or messages (common with AES-GCM-SIV) skip the kernel
        // call; the length is public.
        if blocks.is_empty() {
            return;
        }
        match &self.key {
            ChainKey::Soft(k) => {
                let mut y = self.y;
                for b in blocks {
                    let x = if BE {
                        u128::from_be_bytes(*b)
                    } else {
                        u128::from_le_bytes(*b)
                    };
                    y = k.gf_mul(y ^ x);
                }
                self.y = y;
            }
            #[cfg(all(feature = "aes", target_arch = "x86_64"))]
            ChainKey::Clmul(k) => self.y = k.update::<BE>(self.y, blocks),
        }
    }

    /// [`update`](Self::update), with a final partial block zero-padded.
    fn update_padded<const BE: bool>(&mut self, data: &[u8]) {
        let (blocks, tail) = data.as_chunks::<16>();
        self.update::<BE>(blocks);
        if !tail.is_empty() {
            let mut last = [0u8; 16];
            last[..tail.len()].copy_from_slice(tail);
            self.update::<BE>(&[last]);
            crate::wipe::wipe(&mut last);
        }
    }
}

impl Drop for Chain {
    fn drop(&mut self) {
        self.y.zeroize();
    }
}

/// Every fifth bit of a 64-bit word, starting at bit `start`.
const fn spaced64(start: u32) -> u64 {
    let mut m = 0u64;
    let mut i = start;
    while i < 64 {
        m |= 1 << i;
        i += 5;
    }
    m
}

/// Every fifth bit of a 128-bit word, starting at bit `start`.
const fn spaced128(start: u32) -> u128 {
    let mut m = 0u128;
    let mut i = start;
    while i < 128 {
        m |= 1 << i;
        i += 5;
    }
    m
}

/// The five bit classes (bit index mod 5) of a 64-bit operand.
const M64: [u64; 5] = [
    spaced64(0),
    spaced64(1),
    spaced64(2),
    spaced64(3),
    spaced64(4),
];

/// The same classes over a 128-bit product.
const M128: [u128; 5] = [
    spaced128(0),
    spaced128(1),
    spaced128(2),
    spaced128(3),
    spaced128(4),
];

/// A 64-bit operand split into its five bit classes.
type Split = [u64; 5];

#[inline(always)]
fn split(x: u64) -> Split {
    [x & M64[0], x & M64[1], x & M64[2], x & M64[3], x & M64[4]]
}

/// Carry-less 64×64 → 128-bit product of two split operands.
///
/// `x[i] * y[j]` (an integer product) has its true bits at the positions
/// `≡ i + j (mod 5)`. Each such position sums at most 13 one-bit partial
/// products (a class holds at most 13 bits), which fits in 5 bits, so the
/// count never carries into the next position of the same class: the
/// parity of the count — the carry-less result — is the bit at that
/// position. XOR the products of each class together and keep the class's
/// own positions.
#[inline(always)]
fn clmul64(x: &Split, y: &Split) -> u128 {
    let m = |a: u64, b: u64| u128::from(a) * u128::from(b);
    let z0 = m(x[0], y[0]) ^ m(x[1], y[4]) ^ m(x[2], y[3]) ^ m(x[3], y[2]) ^ m(x[4], y[1]);
    let z1 = m(x[0], y[1]) ^ m(x[1], y[0]) ^ m(x[2], y[4]) ^ m(x[3], y[3]) ^ m(x[4], y[2]);
    let z2 = m(x[0], y[2]) ^ m(x[1], y[1]) ^ m(x[2], y[0]) ^ m(x[3], y[4]) ^ m(x[4], y[3]);
    let z3 = m(x[0], y[3]) ^ m(x[1], y[2]) ^ m(x[2], y[1]) ^ m(x[3], y[0]) ^ m(x[4], y[4]);
    let z4 = m(x[0], y[4]) ^ m(x[1], y[3]) ^ m(x[2], y[2]) ^ m(x[3], y[1]) ^ m(x[4], y[0]);
    (z0 & M128[0]) | (z1 & M128[1]) | (z2 & M128[2]) | (z3 & M128[3]) | (z4 & M128[4])
}

/// A fixed 128-bit multiplicand (a hash key), split once so each product
/// only splits the other operand: the classes of its low half, its high
/// half and their XOR (the Karatsuba middle term).
#[derive(Clone)]
pub(crate) struct SoftKey {
    lo: Split,
    hi: Split,
    mid: Split,
}

impl SoftKey {
    pub(crate) fn new(h: u128) -> Self {
        let (lo, hi) = (h as u64, (h >> 64) as u64);
        SoftKey {
            lo: split(lo),
            hi: split(hi),
            mid: split(lo ^ hi),
        }
    }

    /// The carry-less 256-bit product `x · h` as `(high, low)` halves.
    #[inline(always)]
    pub(crate) fn clmul(&self, x: u128) -> (u128, u128) {
        let (x0, x1) = (x as u64, (x >> 64) as u64);
        let lo = clmul64(&split(x0), &self.lo);
        let hi = clmul64(&split(x1), &self.hi);
        let mid = clmul64(&split(x0 ^ x1), &self.mid) ^ lo ^ hi;
        (hi ^ (mid >> 64), lo ^ (mid << 64))
    }

    /// `a · H` in GCM's bit order (SP 800-38D §6.3), `H` and `a` read as
    /// big-endian integers.
    ///
    /// Reading a block as a big-endian `u128` puts `x^i` at bit `127 − i`:
    /// the bit order is reversed. A carry-less product of two reversed
    /// operands is the reversed product shifted right by one bit, so the
    /// 256-bit product is shifted left by one and then reduced with shifts
    /// toward the low bits (multiplying by `x^k` is `>> k` in this order).
    #[inline(always)]
    pub(crate) fn gf_mul(&self, a: u128) -> u128 {
        let (p_hi, p_lo) = self.clmul(a);
        // Shift the 255-bit product left by one: now the high half holds
        // x^0..x^127 of the product and the low half x^128..x^255, both in
        // the reversed order.
        let hi = (p_hi << 1) | (p_lo >> 127);
        let lo = p_lo << 1;
        // x^128 = x^7 + x^2 + x + 1. First fold the bits of lo·(x^7+x^2+x)
        // that land at x^128 and above (at most 7 bits) back into lo, then
        // fold lo·(1 + x + x^2 + x^7), which no longer overflows.
        let lo = lo ^ (lo << 127) ^ (lo << 126) ^ (lo << 121);
        hi ^ lo ^ (lo >> 1) ^ (lo >> 2) ^ (lo >> 7)
    }
}

impl Drop for SoftKey {
    fn drop(&mut self) {
        self.lo.zeroize();
        self.hi.zeroize();
        self.mid.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bit-serial carry-less product, the obvious way.
    fn clmul_ref(a: u128, b: u128) -> (u128, u128) {
        let (mut hi, mut lo) = (0u128, 0u128);
        for i in 0..128 {
            if (b >> i) & 1 == 1 {
                lo ^= a << i;
                if i > 0 {
                    hi ^= a >> (128 - i);
                }
            }
        }
        (hi, lo)
    }

    #[test]
    fn clmul_matches_bit_serial() {
        let mut s = 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210u128;
        let mut next = || {
            // xorshift128-ish on a u128, good enough for test inputs
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let edge = [
            0,
            1,
            u128::MAX,
            1 << 127,
            u128::from(u64::MAX),
            u128::MAX << 64,
        ];
        for &a in &edge {
            for &b in &edge {
                assert_eq!(SoftKey::new(b).clmul(a), clmul_ref(a, b));
            }
        }
        for _ in 0..2000 {
            let (a, b) = (next(), next());
            assert_eq!(SoftKey::new(b).clmul(a), clmul_ref(a, b));
        }
    }
}
