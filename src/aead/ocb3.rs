//! OCB3 — the OCB authenticated-encryption algorithm (RFC 7253), over any
//! block cipher with 128-bit blocks.
//!
//! - Key-dependent values (§4.1): `L_* = ENCIPHER(K, zeros(128))`,
//!   `L_$ = double(L_*)`, `L_0 = double(L_$)`, `L_i = double(L_{i-1})`,
//!   with `double(S)` the multiplication by `x` in GF(2^128) (§2), done
//!   with a mask, not a branch. All 64 `L_i` a 64-bit block index can ask
//!   for are computed when the key is set up.
//! - Nonce-dependent values (§4.2): `Nonce = num2str(TAGLEN mod 128, 7) ||
//!   zeros(120 − bitlen(N)) || 1 || N`, `bottom` its last six bits,
//!   `Ktop = ENCIPHER(K, Nonce[1..122] || zeros(6))`,
//!   `Stretch = Ktop || (Ktop[1..64] xor Ktop[9..72])`,
//!   `Offset_0 = Stretch[1+bottom..128+bottom]`. `bottom` comes from the
//!   (public) nonce, so shifting by it is not a secret-dependent operation.
//! - HASH (§4.1): `Sum = xor_i ENCIPHER(K, A_i xor Offset_i)` with
//!   `Offset_i = Offset_{i-1} xor L_{ntz(i)}` from zero, and a final
//!   partial block `A_* || 1 || 0…` under `Offset_* = Offset_m xor L_*`.
//! - Encryption (§4.2): `C_i = Offset_i xor ENCIPHER(K, P_i xor Offset_i)`,
//!   `Checksum = xor_i P_i`; a partial last block is `P_* xor Pad` with
//!   `Pad = ENCIPHER(K, Offset_*)` and enters the checksum as
//!   `P_* || 1 || 0…`; `Tag = ENCIPHER(K, Checksum xor Offset xor L_$) xor
//!   HASH(K, A)`, truncated to TAGLEN.
//! - Decryption (§4.3) mirrors it with DECIPHER. The tag covers the
//!   plaintext, so the buffer is decrypted, the tag computed, and the
//!   shared verify path (`aead::verify`) zeroes the buffer on a mismatch.
//!
//! Whole blocks go through the cipher's OCB3 kernels
//! ([`Kernels::ocb3_encrypt`], [`Kernels::ocb3_decrypt`],
//! [`Kernels::ocb3_hash`]; the crate's AES has VAES / AES-NI ones). Their
//! generic default is the crate's offset core
//! (`crate::block::offset_encrypt`, shared with XTS): offsets are drawn a
//! parallel batch at a time (`ntz` of the public block index picks the
//! `L_i`), xored in, the batch runs through the cipher's parallel path and
//! the offsets are xored out, with the checksum (or the hash sum) folded in
//! on the way.

use cipher::{Array, Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{self, Aead, MAX_TAG_LEN, Tag};
use crate::block::{self, Offsets};
use crate::error::{Error, Result};
use crate::kernels::Kernels;

/// Shortest nonce, in bytes (RFC 7253 §4.2: `N` is 1 to 120 bits; this API
/// works in bytes).
pub const MIN_NONCE_LEN: usize = 1;
/// Longest nonce, in bytes (RFC 7253 §4.2: at most 120 bits).
pub const MAX_NONCE_LEN: usize = 15;

/// `L_0 … L_63`: enough for `ntz(i)` of any 64-bit block index `i ≥ 1`.
const L_COUNT: usize = 64;

/// Blocks of associated data whitened and encrypted per call into the
/// offset core while hashing (the AAD is copied into a scratch buffer, as
/// HASH must not modify it).
const HASH_CHUNK: usize = 64;

/// OCB3 (RFC 7253) over the block cipher `C` (128-bit blocks), with tags of
/// 1 to 16 bytes (16 unless [`with_tag_len`](Self::with_tag_len) says
/// otherwise) and nonces of 1 to 15 bytes (12 is the usual choice).
/// [`Aead::encrypt`] writes `ciphertext || tag`, as RFC 7253 does.
///
/// A nonce must never repeat under one key.
///
/// ```
/// use blockmodes::{aes::Aes128, aead::Ocb3, Aead};
///
/// let ocb = Ocb3::<Aes128>::new_from_slice(&[0x42; 16])?;
/// let sealed = ocb.encrypt(&[1; 12], b"header", b"secret")?;
/// assert_eq!(sealed.len(), 6 + 16);
/// assert_eq!(ocb.decrypt(&[1; 12], b"header", &sealed)?, b"secret");
/// assert!(ocb.decrypt(&[2; 12], b"header", &sealed).is_err());
///
/// // A failed open zeroes the buffer, which held the decrypted plaintext.
/// let mut buf = *b"secret";
/// let tag = ocb.encrypt_in_place_detached(&[3; 12], b"", &mut buf)?;
/// let mut bad = tag.to_vec();
/// bad[15] ^= 1;
/// assert!(ocb.decrypt_in_place_detached(&[3; 12], b"", &mut buf, &bad).is_err());
/// assert_eq!(buf, [0; 6]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Ocb3<C> {
    cipher: C,
    /// `L_*`, `L_$` and `L_0 … L_63`, each a block read little-endian (the
    /// offset core's representation; only `double` needs the big-endian
    /// reading, and it runs once, at key setup).
    l_star: u128,
    l_dollar: u128,
    l: [u128; L_COUNT],
    tag_len: usize,
}

impl<C> Drop for Ocb3<C> {
    fn drop(&mut self) {
        self.l_star.zeroize();
        self.l_dollar.zeroize();
        self.l.zeroize();
    }
}

/// `double(S)` (RFC 7253 §2): `S << 1`, xored with `0^120 10000111` if the
/// first bit of `S` was set, on blocks read little-endian. It is XTS's
/// multiplication by α on the block read big-endian.
fn double(s: u128) -> u128 {
    block::xts_mul_alpha(s.swap_bytes()).swap_bytes()
}

/// `S || 1 || 0…` for a partial block `S` (shorter than 16 bytes), read
/// little-endian.
fn pad10(s: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    if let Some(dst) = b.get_mut(..s.len()) {
        dst.copy_from_slice(s);
    }
    if let Some(one) = b.get_mut(s.len()) {
        *one = 0x80;
    }
    let v = u128::from_le_bytes(b);
    b.zeroize();
    v
}

/// The running offset `Offset_i = Offset_{i-1} xor L_{ntz(i)}`.
struct Run<'a> {
    l: &'a [u128; L_COUNT],
    /// The index of the last block drawn (public).
    i: u64,
    offset: u128,
}

impl<'a> Run<'a> {
    fn new(l: &'a [u128; L_COUNT], i: u64, offset: u128) -> Self {
        Run { l, i, offset }
    }

    /// `Offset_i` for each block, xored in and kept in `ts`; returns the
    /// xor of the input blocks. Offset and index stay in registers for the
    /// batch.
    #[inline(always)]
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]) -> u128 {
        let (l, mut i, mut offset) = (self.l, self.i, self.offset);
        let mut sum = 0;
        for (b, t) in blocks.iter_mut().zip(ts.iter_mut()) {
            let x = u128::from_le_bytes(b.0);
            sum ^= x;
            i = i.wrapping_add(1);
            // ntz of a nonzero u64 is below 64; the index is public.
            offset ^= l[i.trailing_zeros() as usize % L_COUNT];
            *t = offset;
            b.0 = (x ^ offset).to_le_bytes();
        }
        self.i = i;
        self.offset = offset;
        sum
    }
}

impl Drop for Run<'_> {
    fn drop(&mut self) {
        self.offset.zeroize();
    }
}

/// Encryption: the checksum takes the plaintext blocks on their way in.
struct Seal<'a> {
    run: Run<'a>,
    checksum: u128,
}

impl Offsets for Seal<'_> {
    #[inline(always)]
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]) {
        self.checksum ^= self.run.whiten(blocks, ts);
    }
}

/// Decryption: the checksum takes the plaintext blocks on their way out.
struct Open<'a> {
    run: Run<'a>,
    checksum: u128,
}

impl Offsets for Open<'_> {
    #[inline(always)]
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]) {
        self.run.whiten(blocks, ts);
    }

    #[inline(always)]
    fn unwhiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &[u128]) {
        let mut checksum = 0;
        for (b, t) in blocks.iter_mut().zip(ts.iter()) {
            let p = u128::from_le_bytes(b.0) ^ t;
            b.0 = p.to_le_bytes();
            checksum ^= p;
        }
        self.checksum ^= checksum;
    }
}

/// HASH: `Sum ^= ENCIPHER(K, A_i xor Offset_i)`; the outputs are not
/// unwhitened.
struct Hash<'a> {
    run: Run<'a>,
    sum: u128,
}

impl Offsets for Hash<'_> {
    #[inline(always)]
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]) {
        self.run.whiten(blocks, ts);
    }

    #[inline(always)]
    fn unwhiten(&mut self, blocks: &mut [Array<u8, U16>], _ts: &[u128]) {
        let mut sum = 0;
        for b in blocks.iter() {
            sum ^= u128::from_le_bytes(b.0);
        }
        self.sum ^= sum;
    }
}

/// The generic [`Kernels::ocb3_encrypt`]: the whole blocks of `data`
/// through the offset core, numbered from `index + 1`.
pub(crate) fn encrypt_blocks<C: BlockCipherEncrypt<BlockSize = U16>>(
    cipher: &C,
    l: &[u128; L_COUNT],
    index: u64,
    offset: &mut u128,
    checksum: &mut u128,
    data: &mut [u8],
) {
    let whole = data.len() - data.len() % 16;
    let mut s = Seal {
        run: Run::new(l, index, *offset),
        checksum: 0,
    };
    block::offset_encrypt(cipher, &mut s, &mut data[..whole]);
    *offset = s.run.offset;
    *checksum ^= s.checksum;
    s.checksum.zeroize();
}

/// The generic [`Kernels::ocb3_decrypt`] (see [`encrypt_blocks`]).
pub(crate) fn decrypt_blocks<C: BlockCipherEncrypt<BlockSize = U16> + BlockCipherDecrypt>(
    cipher: &C,
    l: &[u128; L_COUNT],
    index: u64,
    offset: &mut u128,
    checksum: &mut u128,
    data: &mut [u8],
) {
    let whole = data.len() - data.len() % 16;
    let mut o = Open {
        run: Run::new(l, index, *offset),
        checksum: 0,
    };
    block::offset_decrypt(cipher, &mut o, &mut data[..whole]);
    *offset = o.run.offset;
    *checksum ^= o.checksum;
    o.checksum.zeroize();
}

/// The generic [`Kernels::ocb3_hash`]: the whole blocks of `data` are
/// copied into a scratch buffer a chunk at a time (HASH must not modify
/// them) and run through the offset core.
pub(crate) fn hash_blocks<C: BlockCipherEncrypt<BlockSize = U16>>(
    cipher: &C,
    l: &[u128; L_COUNT],
    index: u64,
    offset: &mut u128,
    sum: &mut u128,
    data: &[u8],
) {
    let mut h = Hash {
        run: Run::new(l, index, *offset),
        sum: 0,
    };
    let (blocks, _) = data.as_chunks::<16>();
    let mut scratch = [[0u8; 16]; HASH_CHUNK];
    for chunk in blocks.chunks(HASH_CHUNK) {
        let s = &mut scratch[..chunk.len()];
        s.copy_from_slice(chunk);
        block::offset_encrypt(cipher, &mut h, s.as_flattened_mut());
    }
    scratch.as_flattened_mut().zeroize();
    *offset = h.run.offset;
    *sum ^= h.sum;
    h.sum.zeroize();
}

impl<C: Kernels<BlockSize = U16>> Ocb3<C> {
    /// OCB3 with a keyed cipher and 16-byte tags.
    pub fn new(cipher: C) -> Self {
        let l_star = Self::encipher(&cipher, 0);
        let l_dollar = double(l_star);
        let mut l = [0u128; L_COUNT];
        let mut prev = l_dollar;
        for li in l.iter_mut() {
            *li = double(prev);
            prev = *li;
        }
        prev.zeroize();
        Ocb3 {
            cipher,
            l_star,
            l_dollar,
            l,
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

    /// `ENCIPHER(K, x)` of one block read little-endian.
    fn encipher(cipher: &C, x: u128) -> u128 {
        let mut b = Block::<C>::from(x.to_le_bytes());
        cipher.encrypt_block(&mut b);
        let y = u128::from_le_bytes(b.0);
        b.zeroize();
        y
    }

    /// `Offset_0` for `nonce` (§4.2); `Err(InvalidIvLength)` unless it is 1
    /// to 15 bytes.
    fn offset0(&self, nonce: &[u8]) -> Result<u128> {
        if !(MIN_NONCE_LEN..=MAX_NONCE_LEN).contains(&nonce.len()) {
            return Err(Error::InvalidIvLength);
        }
        let n = nonce.len();
        let mut block = [0u8; 16];
        block[16 - n..].copy_from_slice(nonce);
        block[15 - n] |= 1;
        // TAGLEN mod 128 (bits) in the first 7 bits.
        block[0] |= (((self.tag_len * 8) % 128) as u8) << 1;
        let bottom = u32::from(block[15] & 0x3f);
        block[15] &= 0xc0;
        let ktop = Self::encipher(&self.cipher, u128::from_le_bytes(block)).swap_bytes();
        // Stretch = Ktop || (Ktop[1..64] xor Ktop[9..72]), 192 bits; with
        // Ktop read big-endian, Ktop[1..64] is its high 64 bits and
        // Ktop[9..72] bits 119..56.
        let ext = ((ktop >> 64) ^ (ktop >> 56)) as u64;
        // Stretch[1+bottom..128+bottom], bottom < 64 (and public).
        let offset = (ktop << bottom) | (u128::from(ext) >> (64 - bottom));
        Ok(offset.swap_bytes())
    }

    /// `HASH(K, A)` (§4.1).
    fn hash(&self, aad: &[u8]) -> u128 {
        let (mut offset, mut sum) = (0, 0);
        self.cipher
            .ocb3_hash(&self.l, 0, &mut offset, &mut sum, aad);
        let tail = aad.as_chunks::<16>().1;
        if !tail.is_empty() {
            offset ^= self.l_star;
            sum ^= Self::encipher(&self.cipher, pad10(tail) ^ offset);
        }
        offset.zeroize();
        sum
    }

    /// `Tag = ENCIPHER(K, Checksum xor Offset xor L_$) xor HASH(K, A)`,
    /// truncated; `offset` is the last offset used (`Offset_m` or
    /// `Offset_*`).
    fn tag(&self, checksum: u128, offset: u128, aad: &[u8]) -> Tag {
        let t = Self::encipher(&self.cipher, checksum ^ offset ^ self.l_dollar) ^ self.hash(aad);
        let mut bytes = t.to_le_bytes();
        let tag = Tag::truncate(&bytes, self.tag_len);
        bytes.zeroize();
        tag
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Ocb3<C> {
    /// OCB3 keyed with `key` (`Err(InvalidKeyLength)` if the cipher does
    /// not take its length), with 16-byte tags.
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(cipher))
    }
}

impl<C: Kernels<BlockSize = U16> + BlockCipherDecrypt> Aead for Ocb3<C> {
    fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// `Err(InvalidIvLength)` (nothing written) unless the nonce is 1 to 15
    /// bytes.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag> {
        let offset0 = self.offset0(nonce)?;
        let whole = buf.len() - buf.len() % 16;
        let (body, tail) = buf.split_at_mut(whole);
        let (mut offset, mut checksum) = (offset0, 0);
        self.cipher
            .ocb3_encrypt(&self.l, 0, &mut offset, &mut checksum, body);
        if !tail.is_empty() {
            offset ^= self.l_star;
            checksum ^= pad10(tail);
            let mut pad = Self::encipher(&self.cipher, offset).to_le_bytes();
            block::xor(tail, &pad);
            pad.zeroize();
        }
        let tag = self.tag(checksum, offset, aad);
        checksum.zeroize();
        offset.zeroize();
        Ok(tag)
    }

    /// Decrypts, recomputes the tag over the plaintext and compares; on any
    /// `Err` (`Decrypt`, or `InvalidIvLength`) `buf` is zeroed.
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<()> {
        let offset0 = match self.offset0(nonce) {
            Ok(o) => o,
            Err(e) => {
                buf.zeroize();
                return Err(e);
            }
        };
        let whole = buf.len() - buf.len() % 16;
        let (body, tail) = buf.split_at_mut(whole);
        let (mut offset, mut checksum) = (offset0, 0);
        self.cipher
            .ocb3_decrypt(&self.l, 0, &mut offset, &mut checksum, body);
        if !tail.is_empty() {
            offset ^= self.l_star;
            let mut pad = Self::encipher(&self.cipher, offset).to_le_bytes();
            block::xor(tail, &pad);
            pad.zeroize();
            checksum ^= pad10(tail);
        }
        let expected = self.tag(checksum, offset, aad);
        checksum.zeroize();
        offset.zeroize();
        aead::verify(expected, tag, buf)
    }
}

impl<C> core::fmt::Debug for Ocb3<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Ocb3")
            .field("tag_len", &self.tag_len)
            .finish_non_exhaustive()
    }
}
