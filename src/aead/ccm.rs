//! CCM — Counter with CBC-MAC (NIST SP 800-38C; RFC 3610), over any block
//! cipher with 128-bit blocks.
//!
//! - Parameters (§A.1): a nonce of `n` = 7 to 13 bytes, which leaves
//!   `q = 15 − n` bytes for the payload length, so the payload is shorter
//!   than `2^(8q)` bytes; a tag of `t` ∈ {4, 6, …, 16} bytes.
//! - Formatting (§A.2): `B_0 = flags || N || [Plen]_q` with
//!   `flags = 64·Adata + 8·((t−2)/2) + (q−1)`; then, if there is associated
//!   data, its length encoded in 2 bytes (`a < 2^16 − 2^8`), `0xff 0xfe` +
//!   4 bytes (`a < 2^32`) or `0xff 0xff` + 8 bytes, followed by the data,
//!   zero-padded to a block; then the payload, zero-padded.
//! - Generation–encryption (§6.1): `T = MSB_t(Y_r)` of the CBC-MAC
//!   `Y_0 = E(B_0)`, `Y_i = E(B_i ^ Y_{i−1})`; counter blocks
//!   `Ctr_j = (q−1) || N || [j]_q`; `C = P ^ MSB_Plen(S_1 || S_2 || …)` and
//!   the tag `T ^ MSB_t(S_0)`, with `S_j = E(Ctr_j)`.
//! - Decryption–verification (§6.2): decrypt, recompute `T` over the
//!   plaintext, compare through the shared verify path, which zeroes the
//!   plaintext on a mismatch.
//!
//! `B_0` and the padded associated data end on a block boundary, so the
//! payload's whole blocks are MACed and encrypted in one pass, through the
//! cipher's stitched [`Kernels::ctr128_cbc_mac`] (the MAC over the input
//! when encrypting, over the output when decrypting).

use cipher::{Array, BlockSizeUser, KeyInit, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{
    self, Aead, MAX_TAG_LEN, Tag,
    ctr::{ctr128_cbc_mac, ctr128_xor},
};
use crate::block;
use crate::error::{Error, Result};
use crate::kernels::{Kernels, MacInput};
use crate::mac::cmac::cbc_mac;

/// Shortest nonce, in bytes (SP 800-38C §A.1: `n ∈ {7, …, 13}`).
pub const MIN_NONCE_LEN: usize = 7;
/// Longest nonce, in bytes (SP 800-38C §A.1).
pub const MAX_NONCE_LEN: usize = 13;
/// The tag lengths CCM allows, in bytes (SP 800-38C §A.1).
pub const TAG_LENS: [usize; 7] = [4, 6, 8, 10, 12, 14, 16];

/// CCM over the block cipher `C` (128-bit blocks), with a fixed tag
/// length (16 bytes unless [`with_tag_len`](Self::with_tag_len) says
/// otherwise) and nonces of 7 to 13 bytes; the nonce length `n` limits the
/// payload to less than `2^(8(15−n))` bytes (64 KiB for a 13-byte nonce).
/// [`Aead::encrypt`] writes `ciphertext || tag`, as SP 800-38C and
/// RFC 3610 do.
///
/// ```
/// use blockmodes::{aes::Aes128, aead::Ccm, Aead};
///
/// let ccm = Ccm::<Aes128>::new_from_slice(&[0x40; 16])?.with_tag_len(8)?;
/// let sealed = ccm.encrypt(&[0x10; 13], b"header", b"secret")?;
/// assert_eq!(sealed.len(), 6 + 8);
/// assert_eq!(ccm.decrypt(&[0x10; 13], b"header", &sealed)?, b"secret");
/// assert!(ccm.decrypt(&[0x10; 12], b"header", &sealed).is_err());
/// assert!(ccm.encrypt(&[0x10; 6], b"", b"").is_err()); // nonce too short
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Ccm<C> {
    cipher: C,
    tag_len: usize,
}

/// CBC-MAC over a byte stream that is zero-padded to a block wherever
/// [`pad`](Self::pad) is called (SP 800-38C §A.2).
struct PaddedMac<'a, C: BlockSizeUser> {
    cipher: &'a C,
    y: Array<u8, U16>,
    buf: [u8; 16],
    pos: usize,
}

impl<'a, C: Kernels<BlockSize = U16>> PaddedMac<'a, C> {
    fn new(cipher: &'a C) -> Self {
        PaddedMac {
            cipher,
            y: Array::default(),
            buf: [0; 16],
            pos: 0,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        if self.pos > 0 {
            let take = (16 - self.pos).min(data.len());
            let (head, rest) = data.split_at(take);
            if let Some(dst) = self.buf.get_mut(self.pos..self.pos + take) {
                dst.copy_from_slice(head);
            }
            self.pos += take;
            data = rest;
            if self.pos < 16 {
                return;
            }
            cbc_mac(self.cipher, &mut self.y, &self.buf);
            self.pos = 0;
        }
        let whole = data.len() - data.len() % 16;
        let (blocks, tail) = data.split_at(whole);
        cbc_mac(self.cipher, &mut self.y, blocks);
        if let Some(dst) = self.buf.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
        }
        self.pos = tail.len();
    }

    /// Zero-pad and absorb a partial block, if any.
    fn pad(&mut self) {
        if self.pos > 0 {
            for b in self.buf.iter_mut().skip(self.pos) {
                *b = 0;
            }
            cbc_mac(self.cipher, &mut self.y, &self.buf);
            self.pos = 0;
        }
    }

    fn finish(mut self) -> Array<u8, U16> {
        self.pad();
        self.buf.zeroize();
        let y = self.y;
        self.y.zeroize();
        y
    }
}

impl<C: Kernels<BlockSize = U16>> Ccm<C> {
    /// CCM with a keyed cipher and 16-byte tags.
    pub fn new(cipher: C) -> Self {
        Ccm {
            cipher,
            tag_len: MAX_TAG_LEN,
        }
    }

    /// The same key with `tag_len`-byte tags, one of [`TAG_LENS`]
    /// (`Err(InvalidParameter)` otherwise).
    pub fn with_tag_len(mut self, tag_len: usize) -> Result<Self> {
        if !TAG_LENS.contains(&tag_len) {
            return Err(Error::InvalidParameter);
        }
        self.tag_len = tag_len;
        Ok(self)
    }

    /// `q` for `nonce` and a check of the payload length against `2^(8q)`:
    /// `Err(InvalidIvLength)` for a nonce outside 7–13 bytes,
    /// `Err(LimitExceeded)` for a payload too long for its length field.
    fn q(nonce: &[u8], plen: usize) -> Result<usize> {
        if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&nonce.len()) {
            return Err(Error::InvalidIvLength);
        }
        let q = 15 - nonce.len();
        if (plen as u128) >> (8 * q) != 0 {
            return Err(Error::LimitExceeded);
        }
        Ok(q)
    }

    /// `Ctr_0 = (q−1) || N || 0^q` as a big-endian integer (§A.3).
    fn ctr0(nonce: &[u8], q: usize) -> u128 {
        let mut c = [0u8; 16];
        c[0] = (q - 1) as u8;
        c[1..16 - q].copy_from_slice(nonce);
        u128::from_be_bytes(c)
    }

    /// The CBC-MAC over `B_0` for a `plen`-byte payload and the formatted,
    /// zero-padded associated data (§6.1 steps 1–4, §A.2): it ends on a
    /// block boundary, where the payload starts.
    fn mac_head(&self, nonce: &[u8], q: usize, aad: &[u8], plen: usize) -> PaddedMac<'_, C> {
        let mut mac = PaddedMac::new(&self.cipher);
        let mut b0 = [0u8; 16];
        b0[0] = (u8::from(!aad.is_empty()) << 6)
            | (((self.tag_len as u8 - 2) / 2) << 3)
            | (q as u8 - 1);
        b0[1..16 - q].copy_from_slice(nonce);
        b0[16 - q..].copy_from_slice(&(plen as u64).to_be_bytes()[8 - q..]);
        mac.update(&b0);
        if !aad.is_empty() {
            let a = aad.len() as u64;
            let mut enc = [0u8; 10];
            let enc: &[u8] = if a < (1 << 16) - (1 << 8) {
                enc[..2].copy_from_slice(&(a as u16).to_be_bytes());
                &enc[..2]
            } else if a < 1 << 32 {
                enc[..2].copy_from_slice(&[0xff, 0xfe]);
                enc[2..6].copy_from_slice(&(a as u32).to_be_bytes());
                &enc[..6]
            } else {
                enc[..2].copy_from_slice(&[0xff, 0xff]);
                enc[2..].copy_from_slice(&a.to_be_bytes());
                &enc[..]
            };
            mac.update(enc);
            mac.update(aad);
            mac.pad();
        }
        mac
    }

    /// The payload in place: `buf ^= S_1 || S_2 || …` (§6.1 step 7,
    /// §6.2 step 3) with the CBC-MAC over the plaintext, which is `buf`
    /// before the xor when encrypting ([`MacInput::Input`]) and after it
    /// when decrypting ([`MacInput::Output`]). The whole blocks take the
    /// cipher's stitched MAC + CTR kernel; `mac` starts block-aligned
    /// (after [`mac_head`](Self::mac_head)).
    fn payload(&self, mac: &mut PaddedMac<'_, C>, ctr1: u128, mac_input: MacInput, buf: &mut [u8]) {
        let whole = buf.len() - buf.len() % 16;
        let (body, tail) = buf.split_at_mut(whole);
        ctr128_cbc_mac(&self.cipher, ctr1, &mut mac.y, mac_input, body);
        let ctr = ctr1.wrapping_add((whole / 16) as u128);
        match mac_input {
            MacInput::Input => {
                mac.update(tail);
                ctr128_xor(&self.cipher, ctr, tail);
            }
            MacInput::Output => {
                ctr128_xor(&self.cipher, ctr, tail);
                mac.update(tail);
            }
        }
    }

    /// `T ^ MSB_t(S_0)` from the MAC over the whole input (§6.1 steps 4, 8).
    fn tag(&self, mac: PaddedMac<'_, C>, nonce: &[u8], q: usize) -> Tag {
        let mut t = mac.finish();
        let mut s0 = Array::<u8, U16>::from(Self::ctr0(nonce, q).to_be_bytes());
        self.cipher.encrypt_block(&mut s0);
        block::xor(&mut t, &s0);
        let tag = Tag::truncate(&t.0, self.tag_len);
        t.zeroize();
        s0.zeroize();
        tag
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Ccm<C> {
    /// CCM keyed with `key` (`Err(InvalidKeyLength)` if the cipher does not
    /// take its length).
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(cipher))
    }
}

impl<C: Kernels<BlockSize = U16>> Aead for Ccm<C> {
    fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// `Err(InvalidIvLength)` for a nonce outside 7–13 bytes,
    /// `Err(LimitExceeded)` for a payload too long for the nonce's length
    /// field; nothing is written then.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag> {
        let q = Self::q(nonce, buf.len())?;
        let mut mac = self.mac_head(nonce, q, aad, buf.len());
        self.payload(&mut mac, Self::ctr0(nonce, q) + 1, MacInput::Input, buf);
        Ok(self.tag(mac, nonce, q))
    }

    /// Decrypts, recomputes the tag over the plaintext and compares; on any
    /// `Err` (`Decrypt`, or the parameter errors of encryption) `buf` is
    /// zeroed.
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<()> {
        let q = match Self::q(nonce, buf.len()) {
            Ok(q) => q,
            Err(e) => {
                buf.zeroize();
                return Err(e);
            }
        };
        let mut mac = self.mac_head(nonce, q, aad, buf.len());
        self.payload(&mut mac, Self::ctr0(nonce, q) + 1, MacInput::Output, buf);
        let expected = self.tag(mac, nonce, q);
        aead::verify(expected, tag, buf)
    }
}

impl<C> core::fmt::Debug for Ccm<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ccm")
            .field("tag_len", &self.tag_len)
            .finish_non_exhaustive()
    }
}
