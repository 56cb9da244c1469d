//! POLYVAL (RFC 8452 §3): `S_0 = 0`, `S_j = dot(S_{j-1} ^ X_j, H)` with
//! `dot(a, b) = a · b · x^-128` in `GF(2^128)` modulo
//! `x^128 + x^127 + x^126 + x^121 + 1`, blocks read little-endian (bit `i`
//! of the block as a little-endian integer is the coefficient of `x^i`).
//!
//! The portable path runs GHASH's multiply through RFC 8452 Appendix A,
//! `POLYVAL(H, X_1..X_n) = ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)), ByteReverse(X_1)..))`;
//! the CLMUL path multiplies in POLYVAL's own order (see
//! [`crate::uhash`]).

use super::{Chain, HashBackend, mulx_ghash};
use crate::error::Result;

/// The POLYVAL universal hash keyed with `H` (RFC 8452 §3), on the fastest
/// path this CPU has (see [`HashBackend`]). The portable path is constant
/// time; `H` (and its powers) and the state are zeroized on drop.
///
/// ```
/// use blockmodes::uhash::Polyval;
///
/// // RFC 8452 Appendix A.
/// let h = 0x25629347589242761d31f826ba4b757b_u128.to_be_bytes();
/// let x1 = 0x4f4f95668c83dfb6401762bb2d01a262_u128.to_be_bytes();
/// let x2 = 0xd1a24ddd2721d006bbe45f20d3c9f362_u128.to_be_bytes();
/// let mut p = Polyval::new(&h);
/// p.update_blocks(&[x1, x2]);
/// assert_eq!(p.finalize(), 0xf7a3b47b846119fae5b7866cf5e5b77e_u128.to_be_bytes());
/// ```
#[derive(Clone)]
pub struct Polyval(Chain);

impl Polyval {
    /// POLYVAL keyed with `h`, on [`default_backend`](super::default_backend).
    pub fn new(h: &[u8; 16]) -> Self {
        let h = u128::from_le_bytes(*h);
        Polyval(Chain::new_default(mulx_ghash(h), h))
    }

    /// POLYVAL on an explicit path; `Err(InvalidParameter)` if this CPU
    /// cannot run it (see [`HashBackend::is_supported`]).
    pub fn new_with_backend(h: &[u8; 16], backend: HashBackend) -> Result<Self> {
        let h = u128::from_le_bytes(*h);
        Chain::new(mulx_ghash(h), h, backend).map(Polyval)
    }

    /// POLYVAL on [`default_backend`](super::default_backend) keyed with
    /// `H = 0`, the same as `Polyval::new(&[0; 16])` without computing
    /// anything: the value to [`rekey`](Self::rekey) in place. AES-GCM-SIV
    /// keys one per message (RFC 8452 §4), and `new` returning the 512-byte
    /// CLMUL key by value costs a copy of it per message.
    #[inline]
    pub(crate) fn zero_key() -> Self {
        Polyval(Chain::zero_key())
    }

    /// Key with `h` on the same path, in place, and start over from
    /// `S_0 = 0`.
    #[inline]
    pub(crate) fn rekey(&mut self, h: &[u8; 16]) {
        let h = u128::from_le_bytes(*h);
        self.0.rekey(mulx_ghash(h), h);
    }

    /// The path this key runs on.
    pub fn backend(&self) -> HashBackend {
        self.0.backend()
    }

    /// Absorb whole 16-byte blocks: `S = dot(S ^ X_j, H)` for each.
    #[inline]
    pub fn update_blocks(&mut self, blocks: &[[u8; 16]]) {
        self.0.update::<false>(blocks);
    }

    /// Absorb `data`, padding a final partial block with zero bytes (as
    /// AES-GCM-SIV pads the AAD and the plaintext, RFC 8452 §4).
    pub fn update_padded(&mut self, data: &[u8]) {
        self.0.update_padded::<false>(data);
    }

    /// The current value `S_n`. The state is kept, so more blocks may
    /// follow.
    pub fn finalize(&self) -> [u8; 16] {
        self.0.y.to_le_bytes()
    }

    /// Back to `S_0 = 0`, keeping `H`.
    pub fn reset(&mut self) {
        self.0.y = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::{HashBackend, mulx_ghash, mulx_polyval};
    use super::Polyval;

    /// `rekey` (what AES-GCM-SIV does per message) on a used instance
    /// matches a fresh key on every path, and `zero_key` is `new` with
    /// `H = 0`.
    #[test]
    fn rekey_matches_new() {
        let data: [u8; 16 * 37 + 5] = core::array::from_fn(|i| (i * 7 + 3) as u8);
        let (h1, h2) = ([0x5a; 16], core::array::from_fn(|i| i as u8 ^ 0xc3));
        for path in HashBackend::ALL {
            let Ok(mut p) = Polyval::new_with_backend(&h1, path) else {
                continue;
            };
            p.update_padded(&data[..40]);
            p.rekey(&h2);
            p.update_padded(&data);
            let Ok(mut q) = Polyval::new_with_backend(&h2, path) else {
                continue;
            };
            q.update_padded(&data);
            assert_eq!(p.finalize(), q.finalize(), "{path}");
            assert_eq!(p.backend(), path);
        }
        let mut z = Polyval::zero_key();
        let mut n = Polyval::new(&[0; 16]);
        z.update_padded(&data);
        n.update_padded(&data);
        assert_eq!(z.finalize(), n.finalize());
        assert_eq!(z.backend(), n.backend());
        z.rekey(&h2);
        z.update_padded(&data);
        let mut q = Polyval::new(&h2);
        q.update_padded(&data);
        assert_eq!(z.finalize(), q.finalize());
    }

    fn le(s: &str) -> u128 {
        u128::from_str_radix(s, 16)
            .map(u128::swap_bytes)
            .unwrap_or(0)
    }

    /// RFC 8452 Appendix A: mulX_POLYVAL of `9c98c04d…ba652d8`.
    #[test]
    fn mulx_polyval_rfc8452() {
        assert_eq!(
            mulx_polyval(le("9c98c04df9387ded828175a92ba652d8")),
            le("3931819bf271fada0503eb52574ca572")
        );
    }

    /// `x · 1 = x`, and `x · x^127 = x^128` reduced by each field's
    /// polynomial, in each bit order.
    #[test]
    fn mulx_carry() {
        assert_eq!(mulx_polyval(1 << 127), (0xc2 << 120) | 1);
        assert_eq!(mulx_polyval(1), 2);
        assert_eq!(mulx_ghash(1), 0xe1 << 120);
        assert_eq!(mulx_ghash(1 << 127), 1 << 126);
    }
}
