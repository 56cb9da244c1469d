//! AES key expansion (FIPS 197 §5.2, `KeyExpansion`) and the decryption round
//! keys of the Equivalent Inverse Cipher (FIPS 197 §5.3.5), with AES-NI:
//! `SubWord` comes from AESKEYGENASSIST and `InvMixColumns` from AESIMC
//! (Intel SDM Vol. 2A), so no table is indexed by key bytes.

use core::arch::x86_64::{
    __m128i, _mm_aesimc_si128, _mm_aeskeygenassist_si128, _mm_cvtsi128_si32, _mm_set_epi32,
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
        self.enc.zeroize();
        self.dec.zeroize();
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
/// round keys (`R = 11, 13, 15`). Words are kept as little-endian `u32`s
/// of the key bytes, so `RotWord` is a rotation right by 8 bits.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn expand<const R: usize>(_: AesNi, key: &[u8]) -> RoundKeys<R> {
    let nk = key.len() / 4;
    let total = 4 * R;
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
    let mut enc = [[0u8; 16]; R];
    for (rk, words) in enc.iter_mut().zip(w.chunks_exact(4)) {
        for (b, word) in rk.chunks_exact_mut(4).zip(words) {
            b.copy_from_slice(&word.to_le_bytes());
        }
    }
    w.zeroize();
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
