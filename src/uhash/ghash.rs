//! GHASH (NIST SP 800-38D §6.3 multiplication in GF(2^128), §6.4 the
//! GHASH function): `Y_i = (Y_{i-1} ^ X_i) · H`, `Y_0 = 0`, over the field
//! defined by `x^128 + x^7 + x^2 + x + 1` in GCM's reflected bit order
//! (the leftmost bit of a block is the coefficient of `x^0`).
//!
//! The multiply runs on the path chosen at key setup (see
//! [`HashBackend`]): portable, or CLMUL through POLYVAL (RFC 8452
//! Appendix A).

use super::{Chain, HashBackend, mulx_polyval};
use crate::error::Result;

/// The GHASH universal hash keyed with `H` (SP 800-38D §6.4), on the
/// fastest path this CPU has (see [`HashBackend`]); the portable path is
/// constant time (see the [module notes](crate::uhash)), and so are the
/// CLMUL instructions.
///
/// Blocks go in through [`update_blocks`](Self::update_blocks), the one hot
/// entry point, or [`update_padded`](Self::update_padded), which zero-pads a
/// final partial block as GCM does for the AAD and the ciphertext.
/// `H` (and its powers) and the running state are zeroized on drop.
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
/// println!("GHASH runs on {}", g.backend());
/// ```
#[derive(Clone)]
pub struct Ghash(Chain);

impl Ghash {
    /// GHASH keyed with the hash subkey `h` (for GCM, `H = E_K(0^128)`), on
    /// [`default_backend`](super::default_backend).
    pub fn new(h: &[u8; 16]) -> Self {
        let h = u128::from_be_bytes(*h);
        Ghash(Chain::new_default(h, mulx_polyval(h)))
    }

    /// GHASH on an explicit path; `Err(InvalidParameter)` if this CPU
    /// cannot run it (see [`HashBackend::is_supported`]).
    pub fn new_with_backend(h: &[u8; 16], backend: HashBackend) -> Result<Self> {
        let h = u128::from_be_bytes(*h);
        Chain::new(h, mulx_polyval(h), backend).map(Ghash)
    }

    /// The path this key runs on.
    pub fn backend(&self) -> HashBackend {
        self.0.backend()
    }

    /// Absorb whole 16-byte blocks: `Y = (Y ^ X_i) · H` for each.
    #[inline]
    pub fn update_blocks(&mut self, blocks: &[[u8; 16]]) {
        self.0.update::<true>(blocks);
    }

    /// Absorb `data`, padding a final partial block with zero bytes
    /// (`X || 0^v` in SP 800-38D §7.1).
    pub fn update_padded(&mut self, data: &[u8]) {
        self.0.update_padded::<true>(data);
    }

    /// The current hash value `Y_m`. The state is kept, so more blocks may
    /// follow.
    pub fn finalize(&self) -> [u8; 16] {
        self.0.y.to_be_bytes()
    }

    /// Back to `Y_0 = 0`, keeping `H`.
    pub fn reset(&mut self) {
        self.0.y = 0;
    }

    /// The CLMUL key and the running state (in the form the CLMUL kernels
    /// take, see [`crate::uhash`]) when this key is on a CLMUL path: for
    /// kernels that run GHASH inside another loop (GCM's
    /// [`Kernels::gcm_xor_hash`](crate::Kernels::gcm_xor_hash)).
    #[cfg(all(feature = "aes", target_arch = "x86_64"))]
    pub(crate) fn clmul_parts(
        &mut self,
    ) -> Option<(&crate::backend::clmul::PolyvalKey, &mut u128)> {
        match &self.0.key {
            super::ChainKey::Clmul(k) => Some((k, &mut self.0.y)),
            super::ChainKey::Soft(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::SoftKey;

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
            assert_eq!(SoftKey::new(h).gf_mul(a), mul_ref(a, h));
        }
        for &(a, h) in &[(u128::MAX, u128::MAX), (1, 1), (1 << 127, 1), (1, 1 << 127)] {
            assert_eq!(SoftKey::new(h).gf_mul(a), mul_ref(a, h));
        }
    }
}
