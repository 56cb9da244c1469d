//! GCM — Galois/Counter Mode (NIST SP 800-38D): §7.1 authenticated
//! encryption, §7.2 authenticated decryption, §5.2.1.1 length limits,
//! §5.2.1.2 and Appendix C tag lengths.
//!
//! `H = E_K(0^128)`; `J_0 = IV || 0^31 || 1` for a 96-bit IV, otherwise
//! `J_0 = GHASH_H(IV || 0^(s+64) || [len(IV)]_64)`;
//! `C = GCTR_K(inc32(J_0), P)`;
//! `S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64)`;
//! `T = MSB_t(GCTR_K(J_0, S))`.
//!
//! The whole blocks of the message go through the cipher's
//! [`Kernels::gcm_xor_hash`]: the keystream with the `inc32` counter (the
//! last 32 bits, big-endian, modulo 2^32) and GHASH over the ciphertext in
//! one pass — by default CTR and GHASH over chunks of a few KiB, each
//! hashed while it is still in cache; the crate's AES on VAES + VPCLMULQDQ
//! runs both in one stitched loop. Decryption hashes and decrypts in that
//! same pass, then checks the tag through the shared
//! [open path](crate::aead); a failed check zeroes the whole buffer, so
//! unverified plaintext never reaches the caller.

use cipher::{Block, KeyInit, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{Aead, MAX_TAG_LEN, Tag, verify};
use crate::block;
use crate::error::{Error, Result};
use crate::kernels::{Ctr32, Kernels};
use crate::uhash::Ghash;
use crate::wipe::wipe;

/// Longest plaintext (and ciphertext) in bytes: `len(P) ≤ 2^39 − 256` bits
/// (SP 800-38D §5.2.1.1), i.e. `2^36 − 32` bytes, so that the 32-bit
/// counter never comes back to `J_0`.
pub const MAX_PLAINTEXT_LEN: u64 = (1 << 36) - 32;

/// Longest AAD in bytes: `len(A) ≤ 2^64 − 1` bits (SP 800-38D §5.2.1.1).
pub const MAX_AAD_LEN: u64 = (1 << 61) - 1;

/// Longest IV in bytes: `len(IV) ≤ 2^64 − 1` bits (SP 800-38D §5.2.1.1).
/// The shortest is one byte (the spec allows 1 bit; this API works in
/// bytes). 12 bytes (96 bits) is the recommended length and the fast path.
pub const MAX_IV_LEN: u64 = (1 << 61) - 1;

/// The tag lengths in bytes SP 800-38D §5.2.1.2 allows: 128, 120, 112, 104
/// and 96 bits, and, for applications that meet Appendix C, 64 and 32 bits.
pub const TAG_LENS: [usize; 7] = [16, 15, 14, 13, 12, 8, 4];

/// Bytes of message per CTR and GHASH step in [`xor_hash`]: small enough
/// to stay in L1 between the two passes, large enough to fill the cipher's
/// parallel lanes many times over. A multiple of the block size.
const CHUNK: usize = 4096;

/// The generic [`Kernels::gcm_xor_hash`]: over the whole blocks of `data`,
/// in chunks of [`CHUNK`] bytes, `data_j ^= E(CB_j)` (GCTR, SP 800-38D
/// §6.5, `CB_j` = `counter` after `j` steps of `inc32`) and GHASH over the
/// ciphertext — each chunk encrypted then hashed, or (`decrypt`) hashed
/// then decrypted. A partial tail is left untouched.
pub(crate) fn xor_hash<C: Kernels<BlockSize = U16>>(
    cipher: &C,
    counter: &Block<C>,
    ghash: &mut Ghash,
    data: &mut [u8],
    decrypt: bool,
) {
    let whole = data.len() / 16 * 16;
    let mut cb = *counter;
    let mut w = [0u8; 4];
    w.copy_from_slice(&cb[12..]);
    let mut ctr = u32::from_be_bytes(w);
    for chunk in data[..whole].chunks_mut(CHUNK) {
        cb[12..].copy_from_slice(&ctr.to_be_bytes());
        let (blocks, _) = chunk.as_chunks::<16>();
        if decrypt {
            ghash.update_blocks(blocks);
            cipher.ctr32_xor(&cb, Ctr32::BeLast, chunk);
        } else {
            cipher.ctr32_xor(&cb, Ctr32::BeLast, chunk);
            ghash.update_blocks(chunk.as_chunks::<16>().0);
        }
        ctr = ctr.wrapping_add((chunk.len() / 16) as u32);
    }
    cb.zeroize();
    ctr.zeroize();
    w.zeroize();
}

/// GCM over a block cipher with 128-bit blocks (AES, Camellia, …), with a
/// tag length fixed at construction (16 bytes unless
/// [`with_tag_len`](Self::with_tag_len) says otherwise).
///
/// Nonces may be any length from 1 byte; 12 bytes is the fast and
/// recommended case. A nonce must never repeat under one key: a repeat
/// reveals the XOR of the two plaintexts and lets an attacker forge tags.
///
/// ## Short tags
///
/// 8- and 4-byte tags are allowed only as SP 800-38D Appendix C describes.
/// With a `t`-bit tag each forgery attempt succeeds with probability about
/// `2^-t` (more for long messages), and each success teaches the attacker
/// about `H`, making the next forgery easier. So for 64- and 32-bit tags the
/// appendix (Tables 8 and 9) bounds both the combined length of ciphertext
/// and AAD in one message and the number of times the decryption function
/// may be invoked under one key; the bounds get tighter as messages get
/// longer, and are tight indeed for 32-bit tags. This type cannot count
/// invocations across calls: staying inside those bounds, and re-keying
/// before they are used up, is the caller's job. Prefer 12 bytes or more.
///
/// ```
/// use blockmodes::{aes::Aes256, Aead, Gcm};
///
/// let gcm = Gcm::<Aes256>::new_from_slice(&[7; 32])?;
/// let nonce = [0u8; 12];
/// let mut buf = *b"attack at dawn";
/// let tag = gcm.encrypt_in_place_detached(&nonce, b"v1", &mut buf)?;
/// gcm.decrypt_in_place_detached(&nonce, b"v1", &mut buf, &tag)?;
/// assert_eq!(&buf, b"attack at dawn");
///
/// // A wrong tag: Err, and the buffer is zeroed.
/// let mut forged = tag.to_vec();
/// forged[0] ^= 1;
/// let mut buf2 = *b"attack at dawn";
/// gcm.encrypt_in_place_detached(&nonce, b"v1", &mut buf2)?;
/// assert!(gcm.decrypt_in_place_detached(&nonce, b"v1", &mut buf2, &forged).is_err());
/// assert_eq!(buf2, [0; 14]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Gcm<C> {
    cipher: C,
    /// GHASH keyed with `H`, at `Y_0 = 0`; cloned for each message.
    ghash: Ghash,
    tag_len: usize,
}

/// The counter blocks `prefix || [ctr]_32` of one message.
struct Counter {
    prefix: [u8; 12],
    ctr: u32,
}

impl Counter {
    fn new(j0: &[u8; 16]) -> Self {
        let (prefix, ctr) = j0.split_at(12);
        let mut p = [0u8; 12];
        p.copy_from_slice(prefix);
        let mut c = [0u8; 4];
        c.copy_from_slice(ctr);
        Counter {
            prefix: p,
            ctr: u32::from_be_bytes(c),
        }
    }

    /// `data ^= E(CB) || E(inc32(CB)) || …` over the whole blocks of
    /// `data` through the cipher's CTR kernel; the counter advances past
    /// them (modulo 2^32).
    fn xor<C: Kernels<BlockSize = U16>>(&mut self, cipher: &C, data: &mut [u8]) {
        let mut cb = Block::<C>::default();
        cb[..12].copy_from_slice(&self.prefix);
        cb[12..].copy_from_slice(&self.ctr.to_be_bytes());
        cipher.ctr32_xor(&cb, Ctr32::BeLast, data);
        self.ctr = self.ctr.wrapping_add((data.len() / 16) as u32);
        wipe(&mut cb);
    }

    /// GCTR and GHASH over the whole blocks of `data` through the cipher's
    /// [`Kernels::gcm_xor_hash`]; the counter advances past them.
    fn xor_hash<C: Kernels<BlockSize = U16>>(
        &mut self,
        cipher: &C,
        ghash: &mut Ghash,
        data: &mut [u8],
        decrypt: bool,
    ) {
        let mut cb = Block::<C>::default();
        cb[..12].copy_from_slice(&self.prefix);
        cb[12..].copy_from_slice(&self.ctr.to_be_bytes());
        cipher.gcm_xor_hash(&cb, ghash, data, decrypt);
        self.ctr = self.ctr.wrapping_add((data.len() / 16) as u32);
        wipe(&mut cb);
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        wipe(&mut self.prefix);
        self.ctr.zeroize();
    }
}

impl<C: Kernels<BlockSize = U16>> Gcm<C> {
    /// GCM with a keyed cipher and 16-byte tags.
    pub fn new(cipher: C) -> Self {
        let mut h = Block::<C>::default();
        cipher.encrypt_block(&mut h);
        let mut hb = [0u8; 16];
        hb.copy_from_slice(&h);
        let ghash = Ghash::new(&hb);
        h.zeroize();
        hb.zeroize();
        Gcm {
            cipher,
            ghash,
            tag_len: MAX_TAG_LEN,
        }
    }

    /// The same key with tags of `tag_len` bytes, one of [`TAG_LENS`]
    /// (`Err(InvalidParameter)` otherwise). See the type's notes on 8- and
    /// 4-byte tags.
    pub fn with_tag_len(mut self, tag_len: usize) -> Result<Self> {
        if !TAG_LENS.contains(&tag_len) {
            return Err(Error::InvalidParameter);
        }
        self.tag_len = tag_len;
        Ok(self)
    }

    /// `J_0` for `nonce` (§7.1 step 2). `Err(InvalidIvLength)` for an empty
    /// nonce or one longer than [`MAX_IV_LEN`].
    fn j0(&self, nonce: &[u8]) -> Result<[u8; 16]> {
        if nonce.is_empty() || nonce.len() as u64 > MAX_IV_LEN {
            return Err(Error::InvalidIvLength);
        }
        let mut j0 = [0u8; 16];
        if nonce.len() == 12 {
            j0[..12].copy_from_slice(nonce);
            j0[15] = 1;
        } else {
            let mut g = self.ghash.clone();
            g.update_padded(nonce);
            let mut len = [0u8; 16];
            len[8..].copy_from_slice(&(nonce.len() as u64 * 8).to_be_bytes());
            g.update_blocks(&[len]);
            j0 = g.finalize();
        }
        Ok(j0)
    }

    /// Check the §5.2.1.1 limits on the AAD and message lengths.
    fn check_lengths(aad: &[u8], msg: &[u8]) -> Result<()> {
        if aad.len() as u64 > MAX_AAD_LEN || msg.len() as u64 > MAX_PLAINTEXT_LEN {
            return Err(Error::LimitExceeded);
        }
        Ok(())
    }

    /// `data ^= GCTR` keystream from `ctr` on, for any length, with `g`
    /// absorbing the ciphertext zero-padded (the output of encryption, the
    /// input of decryption); `ctr` advances by one per (partial) block.
    fn xor_hash(&self, ctr: &mut Counter, g: &mut Ghash, data: &mut [u8], decrypt: bool) {
        let whole = data.len() / 16 * 16;
        let (body, tail) = data.split_at_mut(whole);
        ctr.xor_hash(&self.cipher, g, body, decrypt);
        if !tail.is_empty() {
            let mut ks = Block::<C>::default();
            ctr.xor(&self.cipher, &mut ks);
            if decrypt {
                g.update_padded(tail);
            }
            block::xor(tail, &ks);
            if !decrypt {
                g.update_padded(tail);
            }
            wipe(&mut ks);
        }
    }

    /// `T = MSB_t(E(J_0) ^ S)` where `S` is `g` after the length block.
    fn tag(&self, j0: &[u8; 16], mut g: Ghash, aad_len: usize, msg_len: usize) -> Tag {
        let mut len = [0u8; 16];
        len[..8].copy_from_slice(&(aad_len as u64 * 8).to_be_bytes());
        len[8..].copy_from_slice(&(msg_len as u64 * 8).to_be_bytes());
        g.update_blocks(&[len]);
        let mut s = g.finalize();
        let mut ek = Block::<C>::default();
        ek.copy_from_slice(j0);
        self.cipher.encrypt_block(&mut ek);
        block::xor(&mut s, &ek);
        let tag = Tag::truncate(&s, self.tag_len);
        wipe(&mut s);
        wipe(&mut ek);
        tag
    }

    fn open(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
        Self::check_lengths(aad, buf)?;
        let mut j0 = self.j0(nonce)?;
        let mut ctr = Counter::new(&j0);
        ctr.ctr = ctr.ctr.wrapping_add(1);
        let mut g = self.ghash.clone();
        g.update_padded(aad);
        self.xor_hash(&mut ctr, &mut g, buf, true);
        let expected = self.tag(&j0, g, aad.len(), buf.len());
        wipe(&mut j0);
        // Zeroes `buf` (the unverified plaintext) if the tag is wrong.
        verify(expected, tag, buf)
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Gcm<C> {
    /// GCM keyed with `key` (`Err(InvalidKeyLength)` if the cipher does not
    /// take its length), with 16-byte tags.
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(cipher))
    }
}

impl<C: Kernels<BlockSize = U16>> Aead for Gcm<C> {
    fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// `Err(InvalidIvLength)` for an empty nonce, `Err(LimitExceeded)` past
    /// [`MAX_PLAINTEXT_LEN`] or [`MAX_AAD_LEN`]; nothing is written then.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag> {
        Self::check_lengths(aad, buf)?;
        let mut j0 = self.j0(nonce)?;
        let mut ctr = Counter::new(&j0);
        ctr.ctr = ctr.ctr.wrapping_add(1);
        let mut g = self.ghash.clone();
        g.update_padded(aad);
        self.xor_hash(&mut ctr, &mut g, buf, false);
        let tag = self.tag(&j0, g, aad.len(), buf.len());
        wipe(&mut j0);
        Ok(tag)
    }

    /// On any `Err` — `Decrypt` for a tag that does not verify or has the
    /// wrong length, `InvalidIvLength` / `LimitExceeded` as for encryption
    /// — `buf` is zeroed.
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<()> {
        let r = self.open(nonce, aad, buf, tag);
        if r.is_err() {
            buf.zeroize();
        }
        r
    }
}
