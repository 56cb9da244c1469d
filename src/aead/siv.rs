//! SIV — Synthetic Initialization Vector authenticated encryption
//! (RFC 5297, AES-CMAC-SIV), over any block cipher with 128-bit blocks.
//!
//! - The key is `K1 || K2` (§2.6): `K1` keys S2V (CMAC), `K2` keys CTR;
//!   AES-SIV takes 256-, 384- or 512-bit keys.
//! - S2V (§2.4) over the associated-data components `S_1 … S_{n-1}` and the
//!   plaintext `S_n`: `D = CMAC(<zero>)`, `D = dbl(D) ^ CMAC(S_i)` for each
//!   component, then `T = S_n xorend D` if `len(S_n) >= 128` bits, else
//!   `T = dbl(D) ^ pad(S_n)`; `V = CMAC(T)`.
//! - Encryption (§2.6): `V = S2V(K1, AD_1, …, AD_n, P)`,
//!   `Q = V & 1^64 0^1 1^31 0^1 1^31` (§2.5: bits 63 and 31 cleared),
//!   `C = CTR(K2, Q, P)`, output `V || C`.
//! - Decryption (§2.7): `P = CTR(K2, Q, C)`, `T = S2V(K1, AD…, P)`, and `P`
//!   is released only if `T = V`. The plaintext is in the caller's buffer
//!   while `T` is computed; on a mismatch the shared verify path
//!   (`aead::verify`) zeroes it before returning `Err(Decrypt)`.
//!
//! A nonce, when used (§3), is simply the last associated-data component.

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

use cipher::{Array, Block, BlockSizeUser, KeyInit, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{self, Tag, ctr};
use crate::block;
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::mac::cmac::{self, Core, State};

/// The most associated-data components one message may have (RFC 5297
/// §2.6 and §7: S2V takes at most 127 strings, the plaintext being the
/// last).
pub const MAX_AD_COMPONENTS: usize = 126;

/// Length of the synthetic IV `V` that leads the output, in bytes.
pub const IV_LEN: usize = 16;

/// AES-SIV and its kin: deterministic (nonce-misuse-resistant)
/// authenticated encryption over the block cipher `C` (128-bit blocks),
/// keyed with `K1 || K2`, two keys of `C`.
///
/// The output is `V || C` as in RFC 5297: the 16-byte synthetic IV, then
/// a ciphertext as long as the plaintext. Associated data is a vector of
/// components (each authenticated separately, so `["ab", "c"]` differs
/// from `["a", "bc"]` and from `["abc"]`); to use a nonce, pass it as the
/// last component.
///
/// ```
/// use blockmodes::{aes::Aes128, aead::Siv};
///
/// let siv = Siv::<Aes128>::new_from_slice(&[7; 32])?; // AES-SIV-256
/// let sealed = siv.encrypt(&[b"header", b"nonce"], b"secret")?;
/// assert_eq!(sealed.len(), 16 + 6);
/// assert_eq!(siv.decrypt(&[b"header", b"nonce"], &sealed)?, b"secret");
/// assert!(siv.decrypt(&[b"header"], &sealed).is_err());
/// // Deterministic: the same inputs give the same output.
/// assert_eq!(siv.encrypt(&[b"header", b"nonce"], b"secret")?, sealed);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Siv<C: BlockSizeUser> {
    mac: Core<C>,
    ctr: C,
    /// `CMAC_K1(<zero>)`, the start of every S2V.
    d0: Block<C>,
}

impl<C: BlockSizeUser> Drop for Siv<C> {
    fn drop(&mut self) {
        self.d0.zeroize();
    }
}

impl<C: Kernels<BlockSize = U16>> Siv<C> {
    /// SIV with `K1` (S2V) and `K2` (CTR) already keyed.
    pub fn new(k1: C, k2: C) -> Self {
        let mac = Core::new(k1);
        let d0 = mac.mac_parts(&[&[0u8; 16]]);
        Siv { mac, ctr: k2, d0 }
    }

    /// S2V over `ad` and `s_n` (§2.4); the caller has checked
    /// `ad.len() <= MAX_AD_COMPONENTS`.
    fn s2v(&self, ad: &[&[u8]], s_n: &[u8]) -> Block<C> {
        self.s2v_finish(self.s2v_ad(ad), State::new(), s_n)
    }

    /// S2V's `D` after the associated-data components:
    /// `D = CMAC(<zero>)`, then `D = dbl(D) ^ CMAC(S_i)` for each.
    fn s2v_ad(&self, ad: &[&[u8]]) -> Block<C> {
        let mut d = self.d0;
        for s in ad {
            cmac::dbl(&mut d);
            let mut m = self.mac.mac_parts(&[s]);
            block::xor(&mut d, &m);
            m.zeroize();
        }
        d
    }

    /// S2V's last steps (§2.4) from `D` = `d`: `V = CMAC(T)` with
    /// `T = S_n xorend D` or `dbl(D) ^ pad(S_n)`. `st` holds the CMAC chain
    /// over whole blocks of `S_n` already absorbed (a fresh state if none)
    /// and `rest` is the remainder of `S_n`; when blocks were absorbed, the
    /// caller leaves at least the last 16 bytes in `rest`, so the branch
    /// on `rest.len()` (a public length) picks the same case as on
    /// `len(S_n)`.
    fn s2v_finish(&self, mut d: Block<C>, mut st: State<U16>, rest: &[u8]) -> Block<C> {
        let mut t = Block::<C>::default();
        if let Some(split) = rest.len().checked_sub(IV_LEN) {
            // T = S_n xorend D
            let (head, end) = rest.split_at(split);
            self.mac.update(&mut st, head);
            t.copy_from_slice(end);
        } else {
            // T = dbl(D) ^ pad(S_n), pad(X) = X || 10^j
            cmac::dbl(&mut d);
            for (i, b) in t.iter_mut().enumerate() {
                *b = match rest.get(i) {
                    Some(&x) => x,
                    None if i == rest.len() => 0x80,
                    None => 0,
                };
            }
        }
        block::xor(&mut t, &d);
        self.mac.update(&mut st, &t);
        t.zeroize();
        d.zeroize();
        self.mac.finish(&mut st)
    }

    /// `buf ^= CTR(K2, Q, ·)`. `Q`'s bit 31 is clear, so its low 32 bits
    /// cannot wrap within `2^31` blocks and the CTR kernel runs then (a
    /// public length test; `V` itself is never looked at).
    fn ctr(&self, v: &[u8; 16], buf: &mut [u8]) {
        let mut q = Self::q(v);
        if ((buf.len() / 16) as u64) <= 1 << 31 {
            ctr::ctr128_xor_no_wrap(&self.ctr, q, buf);
        } else {
            ctr::ctr128_xor(&self.ctr, q, buf);
        }
        q.zeroize();
    }

    /// `Q = V & 1^64 0^1 1^31 0^1 1^31` (§2.5), as the counter integer.
    fn q(v: &[u8; 16]) -> u128 {
        u128::from_be_bytes(*v) & !((1u128 << 63) | (1u128 << 31))
    }

    /// `P = CTR(K2, Q, C)` in place and `T = S2V(K1, AD…, P)` (§2.7 before
    /// the compare). Every whole block of `S_n = P` but those within its
    /// last 16 bytes goes through the cipher's stitched
    /// [`Kernels::ctr128_cbc_mac_keyed`] (the keystream under `K2` beside
    /// the CMAC chain under `K1`, from a zero chaining value as CMAC
    /// starts); the last 16 to 31 bytes are decrypted from counter
    /// `Q + blocks` and finish S2V (`xorend`, §2.4) as in
    /// [`s2v`](Self::s2v). Shorter messages take the plain path. The split
    /// is on the (public) length only.
    fn open(&self, ad: &[&[u8]], v: &[u8; 16], buf: &mut [u8]) -> Block<C> {
        let d = self.s2v_ad(ad);
        let blocks = buf.len().saturating_sub(IV_LEN) / 16;
        if blocks == 0 {
            self.ctr(v, buf);
            return self.s2v_finish(d, State::new(), buf);
        }
        let mut q = Self::q(v);
        let (body, rest) = buf.split_at_mut(16 * blocks);
        let mut cb = Block::<C>::from(q.to_be_bytes());
        let mut x = Block::<C>::default();
        self.ctr
            .ctr128_cbc_mac_keyed(&cb, self.mac.cipher(), &mut x, body);
        cb.zeroize();
        q = q.wrapping_add(blocks as u128);
        ctr::ctr128_xor(&self.ctr, q, rest);
        q.zeroize();
        self.s2v_finish(d, State::resume(x), rest)
    }

    /// Encrypt `buf` in place; returns `V`. `Err(LimitExceeded)` (nothing
    /// written) for more than [`MAX_AD_COMPONENTS`] components.
    pub fn encrypt_in_place_detached(&self, ad: &[&[u8]], buf: &mut [u8]) -> Result<Tag> {
        if ad.len() > MAX_AD_COMPONENTS {
            return Err(Error::LimitExceeded);
        }
        let mut v: Array<u8, U16> = self.s2v(ad, buf);
        self.ctr(&v.0, buf);
        let tag = Tag::truncate(&v.0, IV_LEN);
        v.zeroize();
        Ok(tag)
    }

    /// Decrypt `buf` in place under the synthetic IV `v` and check it;
    /// on any `Err` (`Decrypt`, or `LimitExceeded` for too many
    /// components) `buf` is zeroed.
    pub fn decrypt_in_place_detached(&self, ad: &[&[u8]], buf: &mut [u8], v: &[u8]) -> Result<()> {
        if ad.len() > MAX_AD_COMPONENTS {
            buf.zeroize();
            return Err(Error::LimitExceeded);
        }
        let Ok(v16) = <[u8; IV_LEN]>::try_from(v) else {
            buf.zeroize();
            return Err(Error::Decrypt);
        };
        let mut t: Array<u8, U16> = self.open(ad, &v16, buf);
        let expected = Tag::truncate(&t.0, IV_LEN);
        t.zeroize();
        aead::verify(expected, v, buf)
    }

    /// `V || C` for `plaintext`.
    #[cfg(feature = "alloc")]
    pub fn encrypt(&self, ad: &[&[u8]], plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(IV_LEN + plaintext.len());
        out.extend_from_slice(&[0; IV_LEN]);
        out.extend_from_slice(plaintext);
        let (v, ct) = out.split_at_mut(IV_LEN);
        let tag = self.encrypt_in_place_detached(ad, ct)?;
        v.copy_from_slice(&tag);
        Ok(out)
    }

    /// The plaintext of `V || C`, or `Err(Decrypt)` if it does not verify
    /// (including input shorter than `V`).
    #[cfg(feature = "alloc")]
    pub fn decrypt(&self, ad: &[&[u8]], sealed: &[u8]) -> Result<Vec<u8>> {
        let (v, ct) = sealed.split_at_checked(IV_LEN).ok_or(Error::Decrypt)?;
        let mut out = ct.to_vec();
        self.decrypt_in_place_detached(ad, &mut out, v)?;
        Ok(out)
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Siv<C> {
    /// SIV keyed with `key = K1 || K2`, twice a key of `C` (32, 48 or 64
    /// bytes for AES-128/192/256); `Err(InvalidKeyLength)` otherwise.
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        if !key.len().is_multiple_of(2) {
            return Err(Error::InvalidKeyLength);
        }
        let (k1, k2) = key.split_at(key.len() / 2);
        let k1 = C::new_from_slice(k1).map_err(|_| Error::InvalidKeyLength)?;
        let k2 = C::new_from_slice(k2).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(k1, k2))
    }
}

impl<C: BlockSizeUser> core::fmt::Debug for Siv<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Siv").finish_non_exhaustive()
    }
}
