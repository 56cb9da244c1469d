//! Counter-mode keystream kernels for x86-64: `Y_j = X_j ^ CIPH_K(CB_j)`
//! over whole blocks (NIST SP 800-38A §6.5), with the counter blocks made
//! in registers by a 32-bit increment of one word:
//!
//! - GCM's `inc32` (NIST SP 800-38D §6.2): `CB_j` is `CB_0` with its last 32
//!   bits, read big-endian, increased by `j` mod 2^32;
//! - AES-GCM-SIV's counter (RFC 8452 §4): `CB_j` is `CB_0` with its first 32
//!   bits, read little-endian, increased by `j` mod 2^32.
//!
//! The AES rounds are FIPS 197 §5.1 on AES-NI (AESENC/AESENCLAST) and on
//! VAES with two blocks per YMM register (Intel SDM Vol. 2A, "VAESENC").
//! In a full batch the counter, the keystream and the data stay in
//! registers between the counter increment and the single store of the
//! output (the data is folded into the last round key), so each block is
//! read once and written once. The big-endian word costs one VPSHUFB per
//! register (about 5-10% on Zen 3, where shuffles share a port with VAES).
//!
//! One round has a latency of about 4 cycles and two issue per cycle, so a
//! batch keeps 8 registers in flight: 16 blocks on VAES, 8 on AES-NI. A
//! batch of fewer registers takes as long (the rounds are latency-bound),
//! so a short tail is one padded batch of 4 or 8 registers.

use core::arch::x86_64::{
    __m128i, __m256i, _mm_aesenc_si128, _mm_aesenclast_si128, _mm_and_si128, _mm_cvtsi32_si128,
    _mm_or_si128, _mm_set_epi32, _mm_setr_epi8, _mm_setzero_si128, _mm_shuffle_epi8,
    _mm_slli_si128, _mm_xor_si128, _mm256_add_epi32, _mm256_aesenc_epi128,
    _mm256_aesenclast_epi128, _mm256_broadcastsi128_si256, _mm256_castsi256_si128,
    _mm256_loadu_si256, _mm256_set_epi32, _mm256_setzero_si256, _mm256_shuffle_epi8,
    _mm256_storeu_si256, _mm256_xor_si256,
};

use zeroize::Zeroize;

use super::detect::{AesNi, Vaes256};
use super::x86::{load, store};

// --- VAES (YMM) -------------------------------------------------------------

/// Blocks per full VAES batch (8 YMM registers, two blocks each).
const VAES_BATCH: usize = 16;

/// `lo` and `hi` in the counter word of the low and high 128-bit lane, zero
/// elsewhere: dword 0 of each lane (`LE`, RFC 8452 §4) or dword 3 of each
/// lane (the byte-swapped big-endian word of SP 800-38D §6.2, see
/// [`vaes_ctr_regs`]).
#[target_feature(enable = "avx,avx2")]
#[inline]
pub(crate) fn word_y<const LE: bool>(lo: i32, hi: i32) -> __m256i {
    if LE {
        _mm256_set_epi32(0, 0, 0, hi, 0, 0, 0, lo)
    } else {
        _mm256_set_epi32(hi, 0, 0, 0, lo, 0, 0, 0)
    }
}

/// VPSHUFB control that reverses bytes 12..16 of each 128-bit lane and keeps
/// the others: it turns the big-endian counter word into a native dword
/// (and back).
#[target_feature(enable = "avx,avx2")]
#[inline]
pub(crate) fn swap_word_mask() -> __m128i {
    _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 14, 13, 12)
}

/// `N` registers of counter blocks `CB_{j0 + 2i}` (low lane) and
/// `CB_{j0 + 2i + 1}` (high lane), from `base` = the (word-swapped, for
/// big-endian) pair `CB_{j0}`, `CB_{j0 + 1}`. `vpaddd` wraps mod 2^32 and
/// leaves the other 96 bits alone, which is exactly `inc32` / RFC 8452's
/// increment.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
pub(crate) fn vaes_ctr_regs<const LE: bool, const N: usize>(base: __m256i) -> [__m256i; N] {
    let swap = _mm256_broadcastsi128_si256(swap_word_mask());
    core::array::from_fn(|i| {
        let c = _mm256_add_epi32(base, word_y::<LE>(2 * i as i32, 2 * i as i32));
        if LE { c } else { _mm256_shuffle_epi8(c, swap) }
    })
}

/// `x_i = CIPH_K(x_i) ^ d_i` (FIPS 197 §5.1): the data is folded into the
/// last round key (AESENCLAST ends with AddRoundKey).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn vaes_enc_xor<const R: usize, const N: usize>(
    k: &[__m256i; R],
    x: &mut [__m256i; N],
    d: &[__m256i; N],
) {
    for x in x.iter_mut() {
        *x = _mm256_xor_si256(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = _mm256_aesenc_epi128(*x, *rk);
        }
    }
    for (x, d) in x.iter_mut().zip(d) {
        *x = _mm256_aesenclast_epi128(*x, _mm256_xor_si256(k[R - 1], *d));
    }
}

#[target_feature(enable = "avx")]
#[inline]
fn load_y(p: &[u8; 32]) -> __m256i {
    // SAFETY: `p` is 32 readable bytes; VMOVDQU has no alignment
    // requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(p.as_ptr().cast()) }
}

#[target_feature(enable = "avx")]
#[inline]
fn store_y(p: &mut [u8; 32], x: __m256i) {
    // SAFETY: as in `load_y`, 32 writable bytes.
    unsafe { _mm256_storeu_si256(p.as_mut_ptr().cast(), x) }
}

/// One full batch: 16 blocks of `data` xored with the keystream from `base`.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn vaes_batch<const R: usize, const LE: bool>(
    k: &[__m256i; R],
    base: __m256i,
    data: &mut [u8; 16 * VAES_BATCH],
) {
    let (pairs, _) = data.as_chunks_mut::<32>();
    let mut d = [_mm256_setzero_si256(); 8];
    for (d, p) in d.iter_mut().zip(pairs.iter()) {
        *d = load_y(p);
    }
    let mut x = vaes_ctr_regs::<LE, 8>(base);
    vaes_enc_xor(k, &mut x, &d);
    for (p, x) in pairs.iter_mut().zip(x) {
        store_y(p, x);
    }
}

/// Fewer than 16 whole blocks (`data.len()` a multiple of 16, `< 256`):
/// one padded batch of `N` registers (`2N` blocks, `2N >=` the block count).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn vaes_tail<const R: usize, const LE: bool, const N: usize>(
    k: &[__m256i; R],
    base: __m256i,
    data: &mut [u8],
) {
    let (pairs, rest) = data.as_chunks_mut::<32>();
    let mut d = [_mm256_setzero_si256(); N];
    for (d, p) in d.iter_mut().zip(pairs.iter()) {
        *d = load_y(p);
    }
    // An odd last block goes to the low lane of the next register.
    let (single, _) = rest.as_chunks_mut::<16>();
    let odd = single.first_mut();
    if let (Some(b), Some(d)) = (odd.as_deref(), d.get_mut(pairs.len())) {
        *d = _mm256_broadcastsi128_si256(load(b));
    }
    let mut x = vaes_ctr_regs::<LE, N>(base);
    vaes_enc_xor(k, &mut x, &d);
    for (p, x) in pairs.iter_mut().zip(&x) {
        store_y(p, *x);
    }
    if let (Some(b), Some(x)) = (odd, x.get(pairs.len())) {
        store(b, _mm256_castsi256_si128(*x));
    }
    d.zeroize();
    x.zeroize();
}

/// The whole VAES loop for one counter layout.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn vaes_ctr32<const R: usize, const LE: bool>(
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    data: &mut [u8],
) {
    let mut k: [__m256i; R] = core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&keys[i])));
    let cb0 = load(counter);
    let cb0 = if LE {
        cb0
    } else {
        _mm_shuffle_epi8(cb0, swap_word_mask())
    };
    // Low lane CB_0, high lane CB_1.
    let mut base = _mm256_add_epi32(_mm256_broadcastsi128_si256(cb0), word_y::<LE>(0, 1));
    let step = word_y::<LE>(VAES_BATCH as i32, VAES_BATCH as i32);
    let (batches, rest) = data.as_chunks_mut::<{ 16 * VAES_BATCH }>();
    for b in batches {
        vaes_batch::<R, LE>(&k, base, b);
        base = _mm256_add_epi32(base, step);
    }
    let tail = rest.len() / 16 * 16;
    if let Some(rest) = rest.get_mut(..tail) {
        if rest.len() > 8 * 16 {
            vaes_tail::<R, LE, 8>(&k, base, rest);
        } else if !rest.is_empty() {
            vaes_tail::<R, LE, 4>(&k, base, rest);
        }
    }
    k.zeroize();
}

/// Counter-mode keystream over the whole blocks of `data`, in place:
/// `data_j ^= CIPH_K(CB_j)` for `j < data.len() / 16` (NIST SP 800-38A
/// §6.5), where `CB_j` is `counter` with one 32-bit word increased by `j`
/// mod 2^32 and the other 96 bits unchanged: bytes 12..16 read big-endian
/// (`le_first == false`, GCM's `inc32`, NIST SP 800-38D §6.2) or bytes 0..4
/// read little-endian (`le_first == true`, AES-GCM-SIV, RFC 8452 §4).
/// `keys` are the `R = Nr + 1` encryption round keys (FIPS 197 §5.2). A
/// partial tail (`data.len() % 16` bytes) is left untouched.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_ctr32_xor<const R: usize>(
    _t: Vaes256,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    le_first: bool,
    data: &mut [u8],
) {
    const { assert!(R >= 2) };
    if le_first {
        vaes_ctr32::<R, true>(keys, counter, data)
    } else {
        vaes_ctr32::<R, false>(keys, counter, data)
    }
}

// --- AES-NI (XMM, SSE2 only besides AES) -------------------------------------

/// Blocks per AES-NI batch.
const NI_BATCH: usize = 8;

/// `CB_j` from `CB_0` with its counter word cleared (`rest`) and the counter
/// word value `w = w_0 + j mod 2^32`, with SSE2 only: MOVD puts the word in
/// dword 0 (little-endian, RFC 8452 §4), or byte-swapped into dword 3 with a
/// PSLLDQ (big-endian, SP 800-38D §6.2).
#[target_feature(enable = "sse2")]
#[inline]
fn ni_counter_block<const LE: bool>(rest: __m128i, w: u32) -> __m128i {
    if LE {
        _mm_or_si128(rest, _mm_cvtsi32_si128(w as i32))
    } else {
        let word = _mm_cvtsi32_si128(i32::from_ne_bytes(w.to_be_bytes()));
        _mm_or_si128(rest, _mm_slli_si128::<12>(word))
    }
}

/// `CIPH_K(CB_{j0 + i}) ^ d_i` for the 8 counter blocks of one batch
/// (FIPS 197 §5.1); the data is folded into the last round key.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn ni_enc_xor<const R: usize, const LE: bool>(
    k: &[__m128i; R],
    rest: __m128i,
    w0: u32,
    d: &[__m128i; NI_BATCH],
) -> [__m128i; NI_BATCH] {
    let mut x: [__m128i; NI_BATCH] =
        core::array::from_fn(|i| ni_counter_block::<LE>(rest, w0.wrapping_add(i as u32)));
    for x in x.iter_mut() {
        *x = _mm_xor_si128(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = _mm_aesenc_si128(*x, *rk);
        }
    }
    for (x, d) in x.iter_mut().zip(d) {
        *x = _mm_aesenclast_si128(*x, _mm_xor_si128(k[R - 1], *d));
    }
    x
}

#[target_feature(enable = "aes,sse2")]
#[inline]
fn aesni_ctr32<const R: usize, const LE: bool>(
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    data: &mut [u8],
) {
    let mut k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (w0, clear) = if LE {
        let w = [counter[0], counter[1], counter[2], counter[3]];
        (u32::from_le_bytes(w), _mm_set_epi32(-1, -1, -1, 0))
    } else {
        let w = [counter[12], counter[13], counter[14], counter[15]];
        (u32::from_be_bytes(w), _mm_set_epi32(0, -1, -1, -1))
    };
    let rest = _mm_and_si128(load(counter), clear);
    let mut w = w0;
    let (batches, tail) = data.as_chunks_mut::<{ 16 * NI_BATCH }>();
    for b in batches {
        let (blocks, _) = b.as_chunks_mut::<16>();
        let mut d = [_mm_setzero_si128(); NI_BATCH];
        for (d, b) in d.iter_mut().zip(blocks.iter()) {
            *d = load(b);
        }
        let y = ni_enc_xor::<R, LE>(&k, rest, w, &d);
        for (b, y) in blocks.iter_mut().zip(y) {
            store(b, y);
        }
        w = w.wrapping_add(NI_BATCH as u32);
    }
    // Fewer than 8 whole blocks: one padded batch.
    let (blocks, _) = tail.as_chunks_mut::<16>();
    if !blocks.is_empty() {
        let mut d = [_mm_setzero_si128(); NI_BATCH];
        for (d, b) in d.iter_mut().zip(blocks.iter()) {
            *d = load(b);
        }
        let mut y = ni_enc_xor::<R, LE>(&k, rest, w, &d);
        for (b, y) in blocks.iter_mut().zip(&y) {
            store(b, *y);
        }
        d.zeroize();
        y.zeroize();
    }
    k.zeroize();
}

/// [`vaes_ctr32_xor`] on AES-NI with 8 blocks per batch:
/// `data_j ^= CIPH_K(CB_j)` for the whole blocks of `data` (NIST SP 800-38A
/// §6.5), `CB_j` = `counter` with bytes 12..16 (big-endian, NIST SP 800-38D
/// §6.2 `inc32`) or bytes 0..4 (little-endian, `le_first`, RFC 8452 §4)
/// increased by `j` mod 2^32. Counter blocks are built with SSE2 only (the
/// token does not prove SSSE3). A partial tail is left untouched.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_ctr32_xor<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    le_first: bool,
    data: &mut [u8],
) {
    const { assert!(R >= 2) };
    if le_first {
        aesni_ctr32::<R, true>(keys, counter, data)
    } else {
        aesni_ctr32::<R, false>(keys, counter, data)
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use crate::backend::{detect, key_schedule};
    use aes::{Aes128, Aes192, Aes256};
    use cipher::{BlockCipherEncrypt, KeyInit, consts::U16};
    use std::{println, vec};

    use crate::backend::test_rng::Rng;

    /// The spec, one block at a time with the `aes` crate.
    fn reference<C: BlockCipherEncrypt<BlockSize = U16>>(
        c: &C,
        counter: &[u8; 16],
        le: bool,
        data: &mut [u8],
    ) {
        let mut cb = *counter;
        let (blocks, _) = data.as_chunks_mut::<16>();
        for b in blocks {
            let mut ks = cipher::Array::from(cb);
            c.encrypt_block(&mut ks);
            for (d, k) in b.iter_mut().zip(ks.iter()) {
                *d ^= k;
            }
            if le {
                let w = u32::from_le_bytes([cb[0], cb[1], cb[2], cb[3]]).wrapping_add(1);
                cb[..4].copy_from_slice(&w.to_le_bytes());
            } else {
                let w = u32::from_be_bytes([cb[12], cb[13], cb[14], cb[15]]).wrapping_add(1);
                cb[12..].copy_from_slice(&w.to_be_bytes());
            }
        }
    }

    const LENS_BLOCKS: &[usize] = &[100, 1000];

    fn lengths() -> impl Iterator<Item = usize> {
        (0..=40usize)
            .chain(LENS_BLOCKS.iter().copied())
            .flat_map(|n| [16 * n, 16 * n + 1, 16 * n + 15])
    }

    fn check<C: BlockCipherEncrypt<BlockSize = U16> + KeyInit, const R: usize>(
        key_len: usize,
        seed: u64,
    ) {
        let mut rng = Rng(seed);
        let mut key = [0u8; 32];
        rng.fill(&mut key);
        let key = &key[..key_len];
        let aes = C::new_from_slice(key).unwrap();
        let ni = detect::aesni().unwrap();
        // SAFETY: the token proves AES-NI.
        let rk: key_schedule::RoundKeys<R> = unsafe { key_schedule::expand(ni, key) };
        let starts = [
            0u32,
            0xffff_fff0,
            0xffff_fff7,
            0xffff_ffff,
            0x7fff_fffa,
            0x00ff_fffe,
            rng.next() as u32,
        ];
        for le in [false, true] {
            for &w in &starts {
                let mut counter = [0u8; 16];
                rng.fill(&mut counter);
                if le {
                    counter[..4].copy_from_slice(&w.to_le_bytes());
                } else {
                    counter[12..].copy_from_slice(&w.to_be_bytes());
                }
                for len in lengths() {
                    let mut data = vec![0u8; len];
                    rng.fill(&mut data);
                    let mut want = data.clone();
                    reference(&aes, &counter, le, &mut want);
                    let mut got = data.clone();
                    // SAFETY: the token proves AES-NI and SSE2.
                    unsafe { aesni_ctr32_xor(ni, &rk.enc, &counter, le, &mut got) };
                    assert_eq!(got, want, "aesni R={R} le={le} w={w:#x} len={len}");
                    if let Some(v) = detect::vaes256() {
                        let mut got = data.clone();
                        // SAFETY: the token proves AES-NI, VAES, AVX2.
                        unsafe { vaes_ctr32_xor(v, &rk.enc, &counter, le, &mut got) };
                        assert_eq!(got, want, "vaes R={R} le={le} w={w:#x} len={len}");
                    }
                }
            }
        }
    }

    #[test]
    fn matches_reference_aes128() {
        if detect::aesni().is_none() {
            return;
        }
        check::<Aes128, 11>(16, 1);
    }

    #[test]
    fn matches_reference_aes192() {
        if detect::aesni().is_none() {
            return;
        }
        check::<Aes192, 13>(24, 2);
    }

    #[test]
    fn matches_reference_aes256() {
        if detect::aesni().is_none() {
            return;
        }
        check::<Aes256, 15>(32, 3);
    }

    /// An all-ones counter block: block 1's counter has only its 32-bit
    /// word wrapped to 0 (no carry into the other 96 bits).
    #[test]
    fn wraps_only_the_word() {
        let Some(ni) = detect::aesni() else { return };
        let key = [7u8; 16];
        // SAFETY: the token proves AES-NI.
        let rk: key_schedule::RoundKeys<11> = unsafe { key_schedule::expand(ni, &key) };
        let aes = Aes128::new(&key.into());
        for le in [false, true] {
            let mut counter = [0xffu8; 16];
            let mut data = [0u8; 48];
            // SAFETY: the token proves AES-NI and SSE2.
            unsafe { aesni_ctr32_xor(ni, &rk.enc, &counter, le, &mut data) };
            if le {
                counter[..4].fill(0);
            } else {
                counter[12..].fill(0);
            }
            let mut ks = cipher::Array::from(counter);
            aes.encrypt_block(&mut ks);
            assert_eq!(data[16..32], ks[..]);
            if let Some(v) = detect::vaes256() {
                let mut data2 = [0u8; 48];
                counter = [0xff; 16];
                // SAFETY: the token proves AES-NI, VAES, AVX2.
                unsafe { vaes_ctr32_xor(v, &rk.enc, &counter, le, &mut data2) };
                assert_eq!(data2, data);
            }
        }
    }

    /// Throughput at 16 KiB, AES-128, vs the VAES ECB backend: best of 15
    /// interleaved rounds of 4000 calls each (the machine is shared).
    #[test]
    #[ignore]
    fn speed() {
        use crate::backend::{Aes128, Backend};
        use std::time::Instant;
        let Some(ni) = detect::aesni() else { return };
        let key = [1u8; 16];
        // SAFETY: the token proves AES-NI.
        let rk: key_schedule::RoundKeys<11> = unsafe { key_schedule::expand(ni, &key) };
        let mut buf = vec![0u8; 16 * 1024];
        let counter = [9u8; 16];
        let vaes = detect::vaes256();
        let ecb_ni = Aes128::new_with_backend(&key.into(), Backend::AesNi).unwrap();
        let ecb_v = Aes128::new_with_backend(&key.into(), Backend::Vaes256).ok();
        let names = [
            "vaes ctr32 be",
            "vaes ctr32 le",
            "vaes ecb",
            "aesni ctr32 be",
            "aesni ctr32 le",
            "aesni ecb",
        ];
        let mut best = [0f64; 6];
        let iters = 4000;
        for _ in 0..15 {
            for (which, best) in best.iter_mut().enumerate() {
                let t = Instant::now();
                for _ in 0..iters {
                    let (blocks, _) = buf.as_chunks_mut::<16>();
                    let blocks = cipher::Array::cast_slice_from_core_mut(blocks);
                    // SAFETY: the tokens prove the features.
                    match (which, vaes) {
                        (0, Some(v)) => unsafe {
                            vaes_ctr32_xor(v, &rk.enc, &counter, false, &mut buf)
                        },
                        (1, Some(v)) => unsafe {
                            vaes_ctr32_xor(v, &rk.enc, &counter, true, &mut buf)
                        },
                        (2, _) => {
                            if let Some(e) = &ecb_v {
                                e.encrypt_blocks(blocks)
                            }
                        }
                        (3, _) => unsafe {
                            aesni_ctr32_xor(ni, &rk.enc, &counter, false, &mut buf)
                        },
                        (4, _) => unsafe { aesni_ctr32_xor(ni, &rk.enc, &counter, true, &mut buf) },
                        (5, _) => ecb_ni.encrypt_blocks(blocks),
                        _ => {}
                    }
                }
                let gbs = (buf.len() * iters) as f64 / t.elapsed().as_secs_f64() / 1e9;
                *best = best.max(gbs);
            }
        }
        for (n, b) in names.iter().zip(best) {
            println!("{n}: {b:.2} GB/s");
        }
    }
}
