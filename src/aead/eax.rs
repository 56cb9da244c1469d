//! EAX — Bellare, Rogaway and Wagner, "The EAX Mode of Operation"
//! (FSE 2004), Figure 3, over any block cipher with 128-bit blocks:
//!
//! ```text
//! N' = OMAC^0_K(N)    H' = OMAC^1_K(H)    C = CTR^{N'}_K(M)
//! C' = OMAC^2_K(C)    Tag = first τ bytes of N' ^ C' ^ H'
//! ```
//!
//! where `OMAC^t_K(X) = CMAC_K([t]_128 || X)` (the tweak as a whole
//! leading block) and `CTR^{N'}` runs the counter from `N'` as one 128-bit
//! big-endian integer. The nonce `N` and header `H` may have any length;
//! the tag `τ` is 1 to 16 bytes.
//!
//! `C` and `OMAC^2_K(C)` are computed in one pass over the message (the
//! cipher's stitched CBC-MAC + CTR kernel, [`Kernels::ctr128_cbc_mac`]), for
//! encryption and decryption alike: decryption recomputes the tag while it
//! decrypts, and on a mismatch the shared verify path zeroes the plaintext
//! before returning `Err(Decrypt)`, so no unverified plaintext is released.

use cipher::{Array, BlockSizeUser, KeyInit, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{self, Aead, MAX_TAG_LEN, Tag};
use crate::block;
use crate::error::{Error, Result};
use crate::kernels::{Kernels, MacInput};
use crate::mac::cmac::{Core, State};

/// EAX over the block cipher `C` (128-bit blocks), with tags of 1 to 16
/// bytes (16 unless [`with_tag_len`](Self::with_tag_len) says otherwise)
/// and nonces of any length. The ciphertext is as long as the plaintext;
/// [`Aead::encrypt`] writes `ciphertext || tag`.
///
/// ```
/// use blockmodes::{aes::Aes128, aead::Eax, Aead};
///
/// let eax = Eax::<Aes128>::new_from_slice(&[0x42; 16])?;
/// let sealed = eax.encrypt(b"any nonce length", b"header", b"secret")?;
/// assert_eq!(sealed.len(), 6 + 16);
/// assert_eq!(eax.decrypt(b"any nonce length", b"header", &sealed)?, b"secret");
/// assert!(eax.decrypt(b"another nonce", b"header", &sealed).is_err());
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Eax<C: BlockSizeUser> {
    omac: Core<C>,
    tag_len: usize,
}

impl<C: Kernels<BlockSize = U16>> Eax<C> {
    /// EAX with a keyed cipher and 16-byte tags.
    pub fn new(cipher: C) -> Self {
        Eax {
            omac: Core::new(cipher),
            tag_len: MAX_TAG_LEN,
        }
    }

    /// The same key with `tag_len`-byte tags, 1 to 16
    /// (`Err(InvalidParameter)` otherwise).
    pub fn with_tag_len(mut self, tag_len: usize) -> Result<Self> {
        if !(1..=MAX_TAG_LEN).contains(&tag_len) {
            return Err(Error::InvalidParameter);
        }
        self.tag_len = tag_len;
        Ok(self)
    }

    /// `OMAC^t_K(x)`.
    fn omac(&self, t: u8, x: &[u8]) -> Array<u8, U16> {
        let mut prefix = [0u8; 16];
        prefix[15] = t;
        self.omac.mac_parts(&[&prefix, x])
    }

    /// `buf ^= CTR^{N'}_K` in place and `C' = OMAC^2_K(C)`, the ciphertext
    /// `C` being `buf` after the xor when encrypting
    /// ([`MacInput::Output`]) and before it when decrypting
    /// ([`MacInput::Input`]); one stitched pass (`Core::ctr_update`).
    fn ctr_omac2(&self, n: &Array<u8, U16>, mac_input: MacInput, buf: &mut [u8]) -> Array<u8, U16> {
        let mut prefix = [0u8; 16];
        prefix[15] = 2;
        let mut st = State::new();
        self.omac.update(&mut st, &prefix);
        self.omac
            .ctr_update(&mut st, u128::from_be_bytes(n.0), mac_input, buf);
        self.omac.finish(&mut st)
    }

    /// `N' ^ H' ^ C'` truncated to the tag length; `n` is `N'`, `c` is
    /// `C'`.
    fn tag(&self, n: &Array<u8, U16>, header: &[u8], c: &Array<u8, U16>) -> Tag {
        let mut t = self.omac(1, header);
        block::xor(&mut t, n);
        block::xor(&mut t, c);
        let tag = Tag::truncate(&t.0, self.tag_len);
        t.zeroize();
        tag
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Eax<C> {
    /// EAX keyed with `key` (`Err(InvalidKeyLength)` if the cipher does not
    /// take its length).
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(cipher))
    }
}

impl<C: Kernels<BlockSize = U16>> Aead for Eax<C> {
    fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// Any nonce and header length; never fails.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag> {
        let mut n = self.omac(0, nonce);
        let mut c = self.ctr_omac2(&n, MacInput::Output, buf);
        let tag = self.tag(&n, aad, &c);
        n.zeroize();
        c.zeroize();
        Ok(tag)
    }

    /// Decrypts while recomputing the tag over the ciphertext, then
    /// compares; on `Err(Decrypt)` (wrong tag or tag length) `buf` is
    /// zeroed.
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<()> {
        let mut n = self.omac(0, nonce);
        let mut c = self.ctr_omac2(&n, MacInput::Input, buf);
        let expected = self.tag(&n, aad, &c);
        n.zeroize();
        c.zeroize();
        aead::verify(expected, tag, buf)
    }
}

impl<C: BlockSizeUser> core::fmt::Debug for Eax<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Eax")
            .field("tag_len", &self.tag_len)
            .finish_non_exhaustive()
    }
}
