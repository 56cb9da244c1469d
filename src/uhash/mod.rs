//! Universal hashes over GF(2^128): GHASH (NIST SP 800-38D §6.3–6.4), and
//! the portable carry-less multiply they share.
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

pub use ghash::Ghash;

use zeroize::Zeroize;

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
