//! GHASH (NIST SP 800-38D §6.3 multiplication in GF(2^128), §6.4 the
//! GHASH function): `Y_i = (Y_{i-1} ^ X_i) · H`, `Y_0 = 0`, over the field
//! defined by `x^128 + x^7 + x^2 + x + 1` in GCM's reflected bit order
//! (the leftmost bit of a block is the coefficient of `x^0`).
//!
//! Reading a block as a big-endian `u128` puts `x^i` at bit `127 − i`: the
//! bit order is reversed. A carry-less product of two reversed operands is
//! the reversed product shifted right by one bit, so the 256-bit product is
//! shifted left by one and then reduced with shifts toward the low bits
//! (multiplying by `x^k` is `>> k` in this order). No bit reversal needed.

use zeroize::Zeroize;

use super::SoftKey;

/// The GHASH universal hash keyed with `H` (SP 800-38D §6.4), portable and
/// constant time (see the [module notes](crate::uhash)).
///
/// Blocks go in through [`update_blocks`](Self::update_blocks), the one hot
/// entry point, or [`update_padded`](Self::update_padded), which zero-pads a
/// final partial block as GCM does for the AAD and the ciphertext.
/// `H` and the running state are zeroized on drop.
///
/// ```
/// use blockmodes::uhash::Ghash;
///
/// // With H = 0 every product is 0.
/// let mut g = Ghash::new(&[0; 16]);
/// g.update_padded(b"anything");
/// assert_eq!(g.finalize(), [0; 16]);
///
/// // One block X with H = x^0 (the block 80 00 .. 00): Y_1 = X · 1 = X.
/// let mut one = [0u8; 16];
/// one[0] = 0x80;
/// let mut g = Ghash::new(&one);
/// g.update_blocks(&[[7; 16]]);
/// assert_eq!(g.finalize(), [7; 16]);
/// ```
#[derive(Clone)]
pub struct Ghash {
    key: SoftKey,
    y: u128,
}

impl Ghash {
    /// GHASH keyed with the hash subkey `h` (for GCM, `H = E_K(0^128)`).
    pub fn new(h: &[u8; 16]) -> Self {
        Ghash {
            key: SoftKey::new(u128::from_be_bytes(*h)),
            y: 0,
        }
    }

    /// Absorb whole 16-byte blocks: `Y = (Y ^ X_i) · H` for each.
    #[inline]
    pub fn update_blocks(&mut self, blocks: &[[u8; 16]]) {
        let mut y = self.y;
        for b in blocks {
            y = self.mul_h(y ^ u128::from_be_bytes(*b));
        }
        self.y = y;
    }

    /// Absorb `data`, padding a final partial block with zero bytes
    /// (`X || 0^v` in SP 800-38D §7.1).
    pub fn update_padded(&mut self, data: &[u8]) {
        let (blocks, tail) = data.as_chunks::<16>();
        self.update_blocks(blocks);
        if !tail.is_empty() {
            let mut last = [0u8; 16];
            last[..tail.len()].copy_from_slice(tail);
            self.update_blocks(&[last]);
            last.zeroize();
        }
    }

    /// The current hash value `Y_m`. The state is kept, so more blocks may
    /// follow.
    pub fn finalize(&self) -> [u8; 16] {
        self.y.to_be_bytes()
    }

    /// Back to `Y_0 = 0`, keeping `H`.
    pub fn reset(&mut self) {
        self.y = 0;
    }

    /// `a · H` in GCM's bit order.
    #[inline(always)]
    fn mul_h(&self, a: u128) -> u128 {
        let (p_hi, p_lo) = self.key.clmul(a);
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

impl Drop for Ghash {
    fn drop(&mut self) {
        self.y.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SP 800-38D §6.3 Algorithm 1, bit by bit.
    fn mul_ref(x: u128, y: u128) -> u128 {
        const R: u128 = 0xe1 << 120;
        let (mut z, mut v) = (0u128, y);
        for i in 0..128 {
            if (x >> (127 - i)) & 1 == 1 {
                z ^= v;
            }
            v = if v & 1 == 1 { (v >> 1) ^ R } else { v >> 1 };
        }
        z
    }

    #[test]
    fn mul_matches_algorithm_1() {
        let mut s = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834u128;
        for _ in 0..2000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let a = s;
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let h = s;
            let g = Ghash::new(&h.to_be_bytes());
            assert_eq!(g.mul_h(a), mul_ref(a, h));
        }
        for &(a, h) in &[(u128::MAX, u128::MAX), (1, 1), (1 << 127, 1), (1, 1 << 127)] {
            assert_eq!(Ghash::new(&h.to_be_bytes()).mul_h(a), mul_ref(a, h));
        }
    }
}
