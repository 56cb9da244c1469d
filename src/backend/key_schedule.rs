//! AES key expansion (FIPS 197 §5.2, `KeyExpansion`) and the decryption round
//! keys of the Equivalent Inverse Cipher (FIPS 197 §5.3.5), with AES-NI:
//! `SubWord` comes from AESKEYGENASSIST and `InvMixColumns` from AESIMC
//! (Intel SDM Vol. 2A), so no table is indexed by key bytes.
//!
//! AES-128 and AES-256 keys expand a round key (four words) at a time in
//! an XMM register ([`expand_128`], [`expand_256`]); AES-192, whose round
//! keys straddle the `Nk = 6` word groups, word by word ([`expand_words`]).
//! Per-key setup matters for AES-GCM-SIV, which expands a fresh key for
//! every message (RFC 8452 §4): on Zen 3 (KVM, `vaes256`) an AES-128
//! key took ~440 TSC ticks word by word and takes ~140 this way.

use core::arch::x86_64::{
    __m128i, _mm_aesimc_si128, _mm_aeskeygenassist_si128, _mm_cvtsi128_si32, _mm_set_epi32,
    _mm_set1_epi32, _mm_shuffle_epi32, _mm_slli_si128, _mm_xor_si128,
};

use zeroize::{Zeroize, ZeroizeOnDrop};

use super::detect::AesNi;
use super::x86::{load, store};

/// `Rcon[i]` of FIPS 197 §5.2 (the `x^(i-1)` byte in the word's first byte).
const RCON: [u32; 10] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36];

/// The `R = Nr + 1` round keys of a key: `enc` for the cipher, `dec` for the
/// Equivalent Inverse Cipher (`dec[0] = enc[Nr]`,
/// `dec[i] = InvMixColumns(enc[Nr - i])`, `dec[Nr] = enc[0]`).
/// Zeroized on drop.
#[derive(Clone)]
pub(crate) struct RoundKeys<const R: usize> {
    pub(crate) enc: [[u8; 16]; R],
    pub(crate) dec: [[u8; 16]; R],
}

impl<const R: usize> Drop for RoundKeys<R> {
    fn drop(&mut self) {
        super::wipe_all(&mut self.enc, [0; 16]);
        super::wipe_all(&mut self.dec, [0; 16]);
    }
}

impl<const R: usize> ZeroizeOnDrop for RoundKeys<R> {}

/// `SubWord(w)`: AESKEYGENASSIST applies the S-box to dword 1 of its input
/// and returns it in dword 0.
#[target_feature(enable = "aes,sse2")]
fn sub_word(w: u32) -> u32 {
    let x = _mm_set_epi32(0, 0, w as i32, 0);
    _mm_cvtsi128_si32(_mm_aeskeygenassist_si128::<0>(x)) as u32
}

/// Expand `key` (16, 24 or 32 bytes: `Nk = 4, 6, 8`) into `R = Nr + 1`
/// round keys (`R = 11, 13, 15`).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn expand<const R: usize>(_: AesNi, key: &[u8]) -> RoundKeys<R> {
    let mut enc = [[0u8; 16]; R];
    let k16: Option<&[u8; 16]> = key.try_into().ok();
    let k32: Option<&[u8; 32]> = key.try_into().ok();
    match (k16, k32) {
        (Some(k), _) if R == 11 => expand_128(k, &mut enc),
        (_, Some(k)) if R == 15 => expand_256(k, &mut enc),
        _ => expand_words(key, &mut enc),
    }
    let mut dec = [[0u8; 16]; R];
    for (i, d) in dec.iter_mut().enumerate() {
        let e = &enc[R - 1 - i];
        if i == 0 || i == R - 1 {
            *d = *e;
        } else {
            let mut m: __m128i = _mm_aesimc_si128(load(e));
            store(d, m);
            m.zeroize();
        }
    }
    RoundKeys { enc, dec }
}

/// [`expand`] word by word (any `Nk`). Words are kept as little-endian
/// `u32`s of the key bytes, so `RotWord` is a rotation right by 8 bits.
#[target_feature(enable = "aes,sse2")]
fn expand_words(key: &[u8], enc: &mut [[u8; 16]]) {
    let nk = key.len() / 4;
    let total = 4 * enc.len();
    let mut w = [0u32; 60];
    for (wi, k) in w.iter_mut().zip(key.chunks_exact(4)) {
        *wi = u32::from_le_bytes([k[0], k[1], k[2], k[3]]);
    }
    for i in nk..total.min(w.len()) {
        let mut temp = w[i - 1];
        if i % nk == 0 {
            // SubWord(RotWord(temp)) xor Rcon[i / Nk]
            temp = sub_word(temp).rotate_right(8) ^ RCON[i / nk - 1];
        } else if nk > 6 && i % nk == 4 {
            temp = sub_word(temp);
        }
        w[i] = w[i - nk] ^ temp;
    }
    for (rk, words) in enc.iter_mut().zip(w.chunks_exact(4)) {
        for (b, word) in rk.chunks_exact_mut(4).zip(words) {
            b.copy_from_slice(&word.to_le_bytes());
        }
    }
    w.zeroize();
}

/// `[w0, w0^w1, w0^w1^w2, w0^w1^w2^w3]` for the words `[w0, w1, w2, w3]`
/// of a round key: each word of the next round key is the previous key's
/// word XOR the word before it (FIPS 197 §5.2), so all four are this
/// prefix XOR plus the same `temp`.
#[target_feature(enable = "sse2")]
#[inline]
fn prefix_xor(k: __m128i) -> __m128i {
    let k = _mm_xor_si128(k, _mm_slli_si128::<4>(k));
    _mm_xor_si128(k, _mm_slli_si128::<8>(k))
}

/// AES-128 (`Nk = 4`): round key `i` is `prefix_xor(rk[i-1]) ^ temp` with
/// `temp = SubWord(RotWord(w)) ^ Rcon[i]` of its last word `w`, which
/// AESKEYGENASSIST returns in dword 3 (immediate 0; Rcon XORed after).
#[target_feature(enable = "aes,sse2")]
fn expand_128(key: &[u8; 16], enc: &mut [[u8; 16]]) {
    let mut k = load(key);
    for (i, rk) in enc.iter_mut().enumerate() {
        if let Some(&rcon) = i.checked_sub(1).and_then(|r| RCON.get(r)) {
            let mut t = _mm_shuffle_epi32::<0xff>(_mm_aeskeygenassist_si128::<0>(k));
            t = _mm_xor_si128(t, _mm_set1_epi32(rcon as i32));
            k = _mm_xor_si128(prefix_xor(k), t);
            t.zeroize();
        }
        store(rk, k);
    }
    k.zeroize();
}

/// AES-256 (`Nk = 8`): round keys 0 and 1 are the key; round key `i ≥ 2`
/// is `prefix_xor(rk[i-2]) ^ temp`, with `temp` from the last word `w` of
/// `rk[i-1]`: `SubWord(RotWord(w)) ^ Rcon[i/2]` (dword 3 of
/// AESKEYGENASSIST) for even `i`, `SubWord(w)` (dword 2) for odd `i`.
#[target_feature(enable = "aes,sse2")]
fn expand_256(key: &[u8; 32], enc: &mut [[u8; 16]]) {
    let (halves, _) = key.as_chunks::<16>();
    let (mut a, mut b) = match halves {
        [k0, k1] => (load(k0), load(k1)),
        _ => return,
    };
    for (i, rk) in enc.iter_mut().enumerate() {
        if i >= 2 {
            let g = _mm_aeskeygenassist_si128::<0>(b);
            let mut t = if i % 2 == 0 {
                let rcon = RCON.get(i / 2 - 1).copied().unwrap_or(0);
                _mm_xor_si128(_mm_shuffle_epi32::<0xff>(g), _mm_set1_epi32(rcon as i32))
            } else {
                _mm_shuffle_epi32::<0xaa>(g)
            };
            let next = _mm_xor_si128(prefix_xor(a), t);
            a = b;
            b = next;
            t.zeroize();
        }
        store(rk, if i == 0 { a } else { b });
    }
    a.zeroize();
    b.zeroize();
}
