//! AES-GCM-SIV — nonce-misuse-resistant authenticated encryption
//! (RFC 8452), over a block cipher with 128-bit blocks and 128- or 256-bit
//! keys (AEAD_AES_128_GCM_SIV, AEAD_AES_256_GCM_SIV; 192-bit keys work the
//! same way, see [`GcmSiv`]).
//!
//! - Per-nonce keys (§4): with the key-generating key `K`,
//!   `message-authentication-key = AES(K, le32(0) || N)[:8] ||
//!   AES(K, le32(1) || N)[:8]`, and the message-encryption key is the first
//!   8 bytes of `AES(K, le32(2) || N)`, `AES(K, le32(3) || N)` (and
//!   `le32(4)`, `le32(5)` for 256-bit keys), concatenated.
//! - Tag (§4): `S_s = POLYVAL(auth_key, pad(A) || pad(P) || le64(8·|A|) ||
//!   le64(8·|P|))`, xor the 12-byte nonce into its first bytes, clear the
//!   most significant bit of the last byte, `tag = AES(enc_key, S_s)`.
//! - Encryption (§4): CTR from the tag with the top bit of its last byte
//!   set; the counter is the first 4 bytes read as a little-endian 32-bit
//!   integer, incremented modulo 2^32 (the crate's one CTR core,
//!   `crate::block::ctr_xor`, with that counter layout).
//! - Decryption (§5): the tag covers the plaintext, so decrypt first (CTR
//!   and POLYVAL 16 KiB at a time, the chunk still in L1), compute
//!   the tag, and compare through the shared verify path, which zeroes the
//!   buffer on a mismatch.
//! - Limits (§6): plaintext and AAD at most 2^36 bytes each.
//!
//! **Speed.** Every message derives its keys (§4: 4 or 6 blocks under the
//! key-generating key), expands an AES key and sets up POLYVAL's 16 powers
//! of its own `H`, so short and medium messages pay a fixed cost beside
//! the CTR and POLYVAL kernels. On Zen 3 (EPYC family 25 model 1, KVM,
//! `vaes256` / `vpclmul256`, AES-128, rdtsc, best of many) that cost,
//! measured as a 0-byte seal, went from ~1450 to ~870 TSC ticks in a
//! first round (AES key expansion a round key at a time in XMM: ~440 ->
//! ~130; the powers as a doubling tree: POLYVAL setup ~390 -> ~280; wide
//! volatile stores instead of byte-wise zeroizing; no `Result` of the
//! large instances), and from ~850 to ~515 in a second:
//!
//! - no copies of the instances: the cipher from `C::new` and POLYVAL
//!   from `Polyval::zero_key` + `rekey` are built in their bindings, and
//!   `tag` takes POLYVAL by reference (before: four `memcpy` of 370–540
//!   bytes per message, ~200 ticks with the ones in `Polyval::new`);
//! - the powers of `H` on YMM, two products per VPCLMULQDQ (`clmul`);
//! - the key derivation as four independent single blocks (~38 ticks:
//!   the calls overlap; one VAES batch of four took ~76 padded to 16
//!   blocks, ~71 with masked loads), which is what the VAES path's
//!   `encrypt_blocks` now does for up to 8 blocks;
//! - the encryption key filled in place (a `Result<Key>` had an
//!   unaligned payload whose byte-wise copy stalled a wider load), the
//!   POLYVAL key wiped with 32-byte stores.
//!
//! The bulk is POLYVAL over the plaintext, then CTR: two passes, as the
//! counter comes from the tag. At 16 KiB POLYVAL runs at ~37.5 ticks per
//! 16 blocks (24 YMM VPCLMULQDQ at one per 2 cycles are ~36; the
//! reduction by shifts instead of two more multiplies saved ~1.5) and
//! CTR at ~31.5 (80 VAESENC at two per cycle: ~30); the data stays in
//! L1 between the passes. A 16 KiB seal went from ~5400 to ~4900 ticks
//! (~7.4 -> ~8.2 GB/s). What is left per message: the AES key setup
//! (`C::new` and its drop, ~160 ticks, of which ~50 are copies of the
//! round keys on the way out), the tag's single AES block (~50, latency),
//! the powers (~65, a chain of 4 products), the key derivation (~40).
//! `cargo bench --bench speed -- gcm-siv` on the shared machine (load ~3
//! on 2 cores), before -> after: gcm-siv-enc 16 KiB 7.0–7.3 -> 7.7–7.9
//! GB/s (2.34–2.42x -> 2.55–2.63x RustCrypto `aes-gcm-siv`, 3.0 GB/s in
//! the same runs), 1 MiB 8.2–8.6 -> 8.4–8.6; gcm-siv-dec 16 KiB 7.2 ->
//! 7.6–7.8, 1 MiB 8.3 -> 8.5–8.7 (the `-dec` rows are a difference of two
//! timings and vary most).

use cipher::{Block, Key, KeyInit, KeySizeUser, typenum::U16};
use zeroize::Zeroize;

use crate::aead::{self, Aead, Tag};
use crate::block;
use crate::error::{Error, Result};
use crate::kernels::{Ctr32, Kernels};
use crate::uhash::Polyval;
use crate::wipe::{wipe, wipe_all};

/// Nonce length in bytes (RFC 8452 §4).
pub const NONCE_LEN: usize = 12;

/// Tag length in bytes (RFC 8452 §4).
pub const TAG_LEN: usize = 16;

/// Longest plaintext in bytes, 2^36 (RFC 8452 §6, `P_MAX`).
pub const MAX_PLAINTEXT_LEN: u64 = 1 << 36;

/// Longest AAD in bytes, 2^36 (RFC 8452 §6, `A_MAX`).
pub const MAX_AAD_LEN: u64 = 1 << 36;

/// The key-generating-key lengths accepted, in bytes: RFC 8452's 16 and
/// 32, and 24 (AES-192, the same derivation with three encryption-key
/// halves).
pub const KEY_LENS: [usize; 3] = [16, 24, 32];

/// Bytes per CTR-then-POLYVAL step when decrypting: the chunk is hashed
/// right after it is decrypted, while it is still in L1 (32 KiB on the
/// machines measured). A multiple of the block size. Each step calls the
/// CTR and POLYVAL kernels once, and each call sets up its keys: on Zen 3
/// (`vaes256`) 16 KiB steps opened 16 KiB messages ~4% faster than 4 KiB
/// steps (~5490 against ~5715 TSC ticks).
const CHUNK: usize = 16384;

/// AES-GCM-SIV (RFC 8452) over the block cipher `C` (128-bit blocks), keyed
/// with a key-generating key of 16 or 32 bytes (24 also works, as an
/// extension of the RFC that some libraries share). Nonces are 12 bytes,
/// tags 16. [`Aead::encrypt`] writes `ciphertext || tag`.
///
/// Repeating a nonce reveals only whether the same (AAD, plaintext) pair
/// was sealed twice; it is still best not to.
///
/// Each message gets its own encryption key, set up with `C`'s
/// [`KeyInit`] (so a [`crate::backend`] AES key runs on the default path).
///
/// ```
/// use blockmodes::{aes::Aes256, aead::GcmSiv, Aead};
///
/// let siv = GcmSiv::<Aes256>::new_from_slice(&[0x42; 32])?;
/// let sealed = siv.encrypt(&[1; 12], b"header", b"secret")?;
/// assert_eq!(sealed.len(), 6 + 16);
/// assert_eq!(siv.decrypt(&[1; 12], b"header", &sealed)?, b"secret");
/// assert!(siv.decrypt(&[2; 12], b"header", &sealed).is_err());
///
/// // A failed open zeroes the buffer, which held the decrypted plaintext.
/// let mut buf = *b"secret";
/// let tag = siv.encrypt_in_place_detached(&[3; 12], b"", &mut buf)?;
/// let mut bad = tag.to_vec();
/// bad[0] ^= 1;
/// assert!(siv.decrypt_in_place_detached(&[3; 12], b"", &mut buf, &bad).is_err());
/// assert_eq!(buf, [0; 6]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct GcmSiv<C> {
    /// The key-generating key.
    kgk: C,
}

/// The per-message counter blocks `le32(ctr) || rest`.
struct Counter {
    ctr: u32,
    rest: [u8; 12],
}

impl Counter {
    /// The initial counter block: the tag with the top bit of its last
    /// byte set.
    fn new(tag: &[u8; TAG_LEN]) -> Self {
        let mut c = [0u8; 4];
        c.copy_from_slice(&tag[..4]);
        let mut rest = [0u8; 12];
        rest.copy_from_slice(&tag[4..]);
        rest[11] |= 0x80;
        Counter {
            ctr: u32::from_le_bytes(c),
            rest,
        }
    }

    /// `data ^= E(CB) || E(CB + 1) || …` over the whole blocks of `data`
    /// through the cipher's CTR kernel (the first 32 bits little-endian,
    /// modulo 2^32); the counter advances past them.
    fn xor<C: Kernels<BlockSize = U16>>(&mut self, cipher: &C, data: &mut [u8]) {
        let mut cb = Block::<C>::default();
        cb[..4].copy_from_slice(&self.ctr.to_le_bytes());
        cb[4..].copy_from_slice(&self.rest);
        cipher.ctr32_xor(&cb, Ctr32::LeFirst, data);
        self.ctr = self.ctr.wrapping_add((data.len() / 16) as u32);
        wipe(&mut cb);
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.ctr.zeroize();
        wipe(&mut self.rest);
    }
}

/// The raw keys of one message (§4): the message-authentication key and
/// the message-encryption key (its first `key_len` bytes). `keys` returns
/// only these 48 bytes through its `Result`; the large POLYVAL and cipher
/// instances are built afterwards, each straight into its binding in the
/// caller (`C::new`; `Polyval::zero_key` then `rekey` in place), which
/// measured a few hundred bytes of copies per message cheaper than
/// returning them from the derivation or from a helper. Zeroized on drop.
struct RawKeys {
    auth: [u8; 16],
    enc: [[u8; 16]; 2],
}

impl Drop for RawKeys {
    fn drop(&mut self) {
        wipe(&mut self.auth);
        wipe_all(&mut self.enc, [0; 16]);
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> GcmSiv<C> {
    /// GCM-SIV with a keyed cipher as the key-generating key;
    /// `Err(InvalidKeyLength)` unless `C` takes keys of one of
    /// [`KEY_LENS`].
    pub fn new(key_generating_key: C) -> Result<Self> {
        if !KEY_LENS.contains(&C::key_size()) {
            return Err(Error::InvalidKeyLength);
        }
        Ok(GcmSiv {
            kgk: key_generating_key,
        })
    }

    /// GCM-SIV keyed with `key` (16 or 32 bytes for AES-128/256);
    /// `Err(InvalidKeyLength)` if the cipher does not take its length.
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher)
    }

    /// Check the §6 limits, then derive the message keys for `nonce`
    /// (`Err(InvalidIvLength)` unless it is 12 bytes).
    fn keys(&self, nonce: &[u8], aad: &[u8], msg_len: usize) -> Result<RawKeys> {
        if aad.len() as u64 > MAX_AAD_LEN || msg_len as u64 > MAX_PLAINTEXT_LEN {
            return Err(Error::LimitExceeded);
        }
        if nonce.len() != NONCE_LEN {
            return Err(Error::InvalidIvLength);
        }
        let key_len = C::key_size();
        // Two halves for the authentication key, key_len / 8 for the
        // encryption key.
        let n = 2 + key_len / 8;
        let mut blocks: [Block<C>; 6] = Default::default();
        let blocks = blocks.get_mut(..n).ok_or(Error::InvalidKeyLength)?;
        for (i, b) in blocks.iter_mut().enumerate() {
            b[..4].copy_from_slice(&(i as u32).to_le_bytes());
            b[4..].copy_from_slice(nonce);
        }
        // On the VAES path a slice of up to 8 blocks runs one block at a
        // time on AES-NI (the calls overlap): ~38 TSC ticks for four on
        // Zen 3, against ~71 as one masked VAES batch and ~76 padded to
        // 16 blocks. A bitsliced portable AES does the blocks together.
        self.kgk.encrypt_blocks(blocks);
        let mut keys = RawKeys {
            auth: [0; 16],
            enc: [[0; 16]; 2],
        };
        let (auth, enc) = blocks.split_at(2);
        for (dst, b) in keys.auth.chunks_exact_mut(8).zip(auth) {
            dst.copy_from_slice(&b[..8]);
        }
        for (dst, b) in keys.enc.as_flattened_mut().chunks_exact_mut(8).zip(enc) {
            dst.copy_from_slice(&b[..8]);
        }
        wipe_all(blocks, Block::<C>::default());
        Ok(keys)
    }

    /// The message-encryption key (§4) in the cipher's key type: the
    /// first `key_len` bytes of `enc`. The caller builds the cipher with
    /// `C::new`, which writes it straight into the caller's binding (a
    /// `Result<C>`, or a tuple with the POLYVAL instance, cost a `memcpy`
    /// of the instance per message), and wipes the key. The key is filled
    /// in place, not returned in a `Result` (whose unaligned payload was
    /// copied through stores that a wider load then could not forward
    /// from).
    #[inline(always)]
    fn enc_key(keys: &RawKeys, key: &mut Key<C>) -> Result<()> {
        let n = key.len();
        key.copy_from_slice(
            keys.enc
                .as_flattened()
                .get(..n)
                .ok_or(Error::InvalidKeyLength)?,
        );
        Ok(())
    }

    /// `tag = AES(enc_key, S_s)` with `S_s` from `polyval` after the length
    /// block (§4).
    fn tag(
        cipher: &C,
        polyval: &mut Polyval,
        nonce: &[u8],
        aad_len: usize,
        msg_len: usize,
    ) -> [u8; TAG_LEN] {
        let mut len = [0u8; 16];
        len[..8].copy_from_slice(&(aad_len as u64 * 8).to_le_bytes());
        len[8..].copy_from_slice(&(msg_len as u64 * 8).to_le_bytes());
        polyval.update_blocks(&[len]);
        let mut s = Block::<C>::from(polyval.finalize());
        block::xor(&mut s, nonce);
        s[15] &= 0x7f;
        cipher.encrypt_block(&mut s);
        let tag = s.0;
        wipe(&mut s);
        tag
    }

    /// `data ^= ` keystream from `ctr` on, for any length; only a last
    /// call may end in a partial block.
    fn ctr(cipher: &C, ctr: &mut Counter, data: &mut [u8]) {
        let whole = data.len() / 16 * 16;
        let (body, tail) = data.split_at_mut(whole);
        ctr.xor(cipher, body);
        if !tail.is_empty() {
            let mut ks = Block::<C>::default();
            ctr.xor(cipher, &mut ks);
            block::xor(tail, &ks);
            ks.zeroize();
        }
    }

    /// Check the limits (§6), derive the message keys (§4) and run `f`
    /// with the message's cipher and POLYVAL (the AAD already absorbed). Both are
    /// built in place here and lent to `f`: returned from a function they
    /// would be copied (a few hundred bytes each, per message).
    #[inline(always)]
    fn with_instances<T>(
        &self,
        nonce: &[u8],
        aad: &[u8],
        msg_len: usize,
        f: impl FnOnce(&C, &mut Polyval) -> Result<T>,
    ) -> Result<T> {
        let keys = self.keys(nonce, aad, msg_len)?;
        let mut key = Key::<C>::default();
        Self::enc_key(&keys, &mut key)?;
        let cipher = C::new(&key);
        key.zeroize();
        let mut polyval = Polyval::zero_key();
        polyval.rekey(&keys.auth);
        polyval.update_padded(aad);
        f(&cipher, &mut polyval)
    }

    fn open(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8], tag: &[u8]) -> Result<()> {
        let received: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::Decrypt)?;
        self.with_instances(nonce, aad, buf.len(), |cipher, polyval| {
            let mut ctr = Counter::new(received);
            for chunk in buf.chunks_mut(CHUNK) {
                Self::ctr(cipher, &mut ctr, chunk);
                // Only the last chunk can be partial; its tail is zero-padded.
                polyval.update_padded(chunk);
            }
            let mut t = Self::tag(cipher, polyval, nonce, aad.len(), buf.len());
            let expected = Tag::truncate(&t, TAG_LEN);
            wipe(&mut t);
            aead::verify(expected, tag, buf)
        })
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Aead for GcmSiv<C> {
    fn tag_len(&self) -> usize {
        TAG_LEN
    }

    /// `Err(InvalidIvLength)` unless the nonce is 12 bytes,
    /// `Err(LimitExceeded)` past [`MAX_PLAINTEXT_LEN`] or [`MAX_AAD_LEN`];
    /// nothing is written then.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag> {
        self.with_instances(nonce, aad, buf.len(), |cipher, polyval| {
            polyval.update_padded(buf);
            let mut t = Self::tag(cipher, polyval, nonce, aad.len(), buf.len());
            let mut ctr = Counter::new(&t);
            Self::ctr(cipher, &mut ctr, buf);
            let tag = Tag::truncate(&t, TAG_LEN);
            wipe(&mut t);
            Ok(tag)
        })
    }

    /// Decrypts, recomputes the tag over the plaintext and compares; on any
    /// `Err` (`Decrypt` for a wrong tag or a tag that is not 16 bytes,
    /// `InvalidIvLength` / `LimitExceeded` as for encryption) `buf` is
    /// zeroed.
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

impl<C: KeySizeUser> core::fmt::Debug for GcmSiv<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("GcmSiv")
            .field("key_len", &C::key_size())
            .finish_non_exhaustive()
    }
}
