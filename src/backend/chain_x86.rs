//! Whole-loop x86-64 kernels for the chained modes of NIST SP 800-38A
//! (CBC §6.2, CFB §6.3 with `s = 128`, OFB §6.4), PCBC, and the CBC-MAC
//! chain of CMAC (SP 800-38B §6.2) and CCM (SP 800-38C §6.1), plus the
//! parallel CBC decryption (SP 800-38A §6.2) on VAES.
//!
//! A chained encryption is bound by the latency of one block: `Nr` AES
//! rounds of 4 cycles each on Zen 3. These kernels load the round keys once
//! and keep them and the chaining value in XMM registers for the whole loop,
//! so nothing on the critical path goes through memory (with 15 round keys
//! the compiler may leave one or two in a stack slot, read as a memory
//! operand off the critical path). They also fold the xor that starts
//! the next block into the last round: AESENCLAST ends with AddRoundKey, so
//! `AESENCLAST(s, k[Nr]) ^ a == AESENCLAST(s, k[Nr] ^ a)` (FIPS 197 §5.1.4),
//! and the next block's `P_{i+1} ^ k[0]` (or `k[0]` alone) is xored into
//! the last round key off the critical path. A block then costs
//! `Nr` round latencies and no extra xor.
//!
//! All functions work in place on the whole 16-byte blocks of `data` and
//! leave a partial tail (`data.len() % 16` bytes) untouched. Lengths and
//! block counts are the only values that choose a branch or a bound.

use core::arch::x86_64::{
    __m128i, __m256i, _mm_aesenc_si128, _mm_aesenclast_si128, _mm_xor_si128, _mm256_aesdec_epi128,
    _mm256_aesdeclast_epi128, _mm256_broadcastsi128_si256, _mm256_castsi256_si128,
    _mm256_loadu_si256, _mm256_permute2x128_si256, _mm256_set_m128i, _mm256_storeu_si256,
    _mm256_xor_si256,
};

use zeroize::Zeroize;

use super::detect::{AesNi, Vaes256};
use super::x86::{load, load_short_y, store, store_short_y};

/// Only AES round-key counts (`Nr + 1` for AES-128/192/256); checked at
/// compile time.
const fn check_rounds(r: usize) {
    assert!(r == 11 || r == 13 || r == 15, "R must be 11, 13 or 15");
}

/// Rounds `1..Nr` (the full AESENC rounds) on one block.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn middle<const R: usize>(k: &[__m128i; R], mut s: __m128i) -> __m128i {
    for rk in &k[1..R - 1] {
        s = _mm_aesenc_si128(s, *rk);
    }
    s
}

/// CBC encryption (SP 800-38A §6.2): `C_i = CIPH_K(P_i ^ C_{i-1})` with
/// `C_0 = *iv`, over the whole blocks of `data` in place; on return `*iv`
/// is the last `C_i` (unchanged if there is no whole block).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_cbc_encrypt<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    iv: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let kk = _mm_xor_si128(k0, kl);
    let (blocks, _) = data.as_chunks_mut::<16>();
    let Some((mut cur, rest)) = blocks.split_first_mut() else {
        return;
    };
    // s: the input of round 1 for the current block.
    let mut s = _mm_xor_si128(_mm_xor_si128(load(cur), k0), load(iv));
    for next in rest {
        let t = _mm_xor_si128(load(next), kk);
        // C_i ^ P_{i+1} ^ k[0]: the next block's round-1 input.
        s = _mm_aesenclast_si128(middle(&k, s), t);
        store(cur, _mm_xor_si128(_mm_xor_si128(s, t), kl));
        cur = next;
    }
    let c = _mm_aesenclast_si128(middle(&k, s), kl);
    store(cur, c);
    store(iv, c);
}

/// The CBC-MAC chain (CMAC SP 800-38B §6.2 steps 5-6, CCM SP 800-38C
/// §6.1 step 4): for each whole block `M_i` of `data`,
/// `state = CIPH_K(state ^ M_i)`. A partial tail is ignored.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_cbc_mac<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    state: &mut [u8; 16],
    data: &[u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let kk = _mm_xor_si128(k0, kl);
    let (blocks, _) = data.as_chunks::<16>();
    let Some((first, rest)) = blocks.split_first() else {
        return;
    };
    let mut s = _mm_xor_si128(_mm_xor_si128(load(first), k0), load(state));
    for m in rest {
        // state_i ^ M_{i+1} ^ k[0], the next round-1 input.
        s = _mm_aesenclast_si128(middle(&k, s), _mm_xor_si128(load(m), kk));
    }
    store(state, _mm_aesenclast_si128(middle(&k, s), kl));
}

/// Full-block CFB encryption (SP 800-38A §6.3, `s = 128`):
/// `C_i = P_i ^ CIPH_K(C_{i-1})` with `C_0 = *iv`, in place; on return
/// `*iv` is the last `C_i` (unchanged if there is no whole block).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_cfb_encrypt<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    iv: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let k0 = k[0];
    let kk = _mm_xor_si128(k0, k[R - 1]);
    let (blocks, _) = data.as_chunks_mut::<16>();
    // s = C_{i-1} ^ k[0], the round-1 input.
    let mut s = _mm_xor_si128(load(iv), k0);
    for b in blocks {
        s = _mm_aesenclast_si128(middle(&k, s), _mm_xor_si128(load(b), kk));
        store(b, _mm_xor_si128(s, k0));
    }
    store(iv, _mm_xor_si128(s, k0));
}

/// OFB (SP 800-38A §6.4): `O_i = CIPH_K(O_{i-1})` with `O_0 = *state`, and
/// each whole block of `data` is xored with `O_i` in place; on return
/// `*state` is the last `O_i` (unchanged if there is no whole block).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_ofb_xor<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    state: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let k0 = k[0];
    let kk = _mm_xor_si128(k0, k[R - 1]);
    let (blocks, _) = data.as_chunks_mut::<16>();
    // s = O_{i-1} ^ k[0], the round-1 input.
    let mut s = _mm_xor_si128(load(state), k0);
    for b in blocks {
        s = _mm_aesenclast_si128(middle(&k, s), kk);
        store(b, _mm_xor_si128(_mm_xor_si128(load(b), k0), s));
    }
    store(state, _mm_xor_si128(s, k0));
}

/// PCBC encryption: `C_i = CIPH_K(P_i ^ V_{i-1})`, `V_i = P_i ^ C_i`, with
/// `V_0 = *v`, in place; on return `*v` is the last `V_i` (unchanged if
/// there is no whole block).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_pcbc_encrypt<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    v: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let (blocks, _) = data.as_chunks_mut::<16>();
    let Some((mut cur, rest)) = blocks.split_first_mut() else {
        return;
    };
    let mut p = load(cur);
    let mut s = _mm_xor_si128(_mm_xor_si128(p, k0), load(v));
    for next in rest {
        s = middle(&k, s);
        let pn = load(next);
        let u = _mm_xor_si128(_mm_xor_si128(p, pn), k0);
        // C_i ^ P_i ^ P_{i+1} ^ k[0] = V_i ^ P_{i+1} ^ k[0], the next
        // round-1 input.
        s = _mm_aesenclast_si128(s, _mm_xor_si128(u, kl));
        store(cur, _mm_xor_si128(s, u));
        p = pn;
        cur = next;
    }
    let c = _mm_aesenclast_si128(middle(&k, s), kl);
    store(cur, c);
    store(v, _mm_xor_si128(c, p));
}

// --- VAES CBC decryption ----------------------------------------------------

/// Blocks per VAES batch (two per YMM register, 8 registers).
const BATCH: usize = 16;
/// Bytes per VAES batch.
const BATCH_BYTES: usize = 16 * BATCH;

/// Unaligned 32-byte load.
#[target_feature(enable = "avx")]
#[inline]
fn load_y(b: &[u8; 32]) -> __m256i {
    // SAFETY: `b` points to 32 readable bytes; VMOVDQU has no alignment
    // requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(b.as_ptr().cast()) }
}

/// Unaligned 32-byte store.
#[target_feature(enable = "avx")]
#[inline]
fn store_y(b: &mut [u8; 32], x: __m256i) {
    // SAFETY: `b` points to 32 writable bytes; VMOVDQU has no alignment
    // requirement; AVX is enabled on this function.
    unsafe { _mm256_storeu_si256(b.as_mut_ptr().cast(), x) }
}

/// One 16-block batch of CBC decryption in place, `prev` = the ciphertext
/// block before it. Every load (ciphertext, and the xor operands
/// `C_{i-1}`, read as the 32 bytes at offset `32j - 16`) happens before the
/// first store.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn cbc_dec_batch<const R: usize>(k: &[__m256i; R], prev: __m128i, b: &mut [u8; BATCH_BYTES]) {
    let (pairs, _) = b.as_chunks::<32>();
    let mut x: [__m256i; BATCH / 2] = core::array::from_fn(|j| load_y(&pairs[j % 8]));
    for x in x.iter_mut() {
        *x = _mm256_xor_si256(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = _mm256_aesdec_epi128(*x, *rk);
        }
    }
    for x in x.iter_mut() {
        *x = _mm256_aesdeclast_epi128(*x, k[R - 1]);
    }
    // (C_{2j-1}, C_{2j}) for pair j: `prev` and block 0 for j = 0, then the
    // 32 bytes starting 16 bytes before pair j.
    let (blocks, _) = b.as_chunks::<16>();
    x[0] = _mm256_xor_si256(x[0], _mm256_set_m128i(load(&blocks[0]), prev));
    let (shifted, _) = b[16..].as_chunks::<32>();
    for (x, c) in x[1..].iter_mut().zip(shifted) {
        *x = _mm256_xor_si256(*x, load_y(c));
    }
    let (pairs, _) = b.as_chunks_mut::<32>();
    for (p, x) in pairs.iter_mut().zip(x) {
        store_y(p, x);
    }
}

/// Fewer than 16 blocks (`tail.len() = 16 n`, `n < 16`) of CBC decryption
/// in place, `prev` = the ciphertext block before them: one batch of 8 YMM
/// registers ([`load_short_y`], [`store_short_y`]). With 8 registers the
/// round throughput (2 per cycle) equals the round latency (4 cycles), so a
/// shorter batch would not finish sooner. The xor operands come from the
/// ciphertext registers, not from memory.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn cbc_dec_tail<const R: usize>(k: &[__m256i; R], prev: __m128i, tail: &mut [u8]) {
    let c = load_short_y(tail);
    let mut x = c;
    for x in x.iter_mut() {
        *x = _mm256_xor_si256(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = _mm256_aesdec_epi128(*x, *rk);
        }
    }
    for x in x.iter_mut() {
        *x = _mm256_aesdeclast_epi128(*x, k[R - 1]);
    }
    // (C_{2j-1}, C_{2j}): `prev` and block 0 for j = 0, then the high lane
    // of pair j - 1 and the low lane of pair j.
    x[0] = _mm256_xor_si256(x[0], _mm256_set_m128i(_mm256_castsi256_si128(c[0]), prev));
    for j in 1..BATCH / 2 {
        x[j] = _mm256_xor_si256(x[j], _mm256_permute2x128_si256::<0x21>(c[j - 1], c[j]));
    }
    store_short_y(tail, &x);
}

/// CBC decryption (SP 800-38A §6.2): `P_i = CIPH^{-1}_K(C_i) ^ C_{i-1}` with
/// `C_0 = *iv`, over the whole blocks of `data` in place, 16 blocks per
/// batch; `dec_keys` are the Equivalent Inverse Cipher round keys (FIPS 197
/// §5.3.5). On return `*iv` is the last ciphertext block (unchanged if
/// there is no whole block).
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_cbc_decrypt<const R: usize>(
    _t: Vaes256,
    dec_keys: &[[u8; 16]; R],
    iv: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let mut k: [__m256i; R] =
        core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&dec_keys[i])));
    let whole = data.len() / 16 * 16;
    let (batches, tail) = data[..whole].as_chunks_mut::<BATCH_BYTES>();
    let mut prev = load(iv);
    for b in batches {
        // The batch's last ciphertext block, read before it is overwritten.
        let (blocks, _) = b.as_chunks::<16>();
        let next = load(&blocks[BATCH - 1]);
        cbc_dec_batch(&k, prev, b);
        prev = next;
    }
    if let Some(last) = tail.last_chunk::<16>() {
        let next = load(last);
        cbc_dec_tail(&k, prev, tail);
        prev = next;
    }
    store(iv, prev);
    k.zeroize();
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::{vec, vec::Vec};

    use cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};

    use super::super::{detect, key_schedule};
    use super::*;

    use crate::backend::test_rng::Rng;

    fn xor(a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
        core::array::from_fn(|i| a[i] ^ b[i])
    }

    /// The reference block cipher, one block at a time.
    struct Ref<C>(C);

    impl<C: BlockCipherEncrypt<BlockSize = cipher::consts::U16> + BlockCipherDecrypt> Ref<C> {
        fn e(&self, b: [u8; 16]) -> [u8; 16] {
            let mut a = Array::from(b);
            self.0.encrypt_block(&mut a);
            a.into()
        }
        fn d(&self, b: [u8; 16]) -> [u8; 16] {
            let mut a = Array::from(b);
            self.0.decrypt_block(&mut a);
            a.into()
        }
    }

    /// Plain reference of each kernel over the whole blocks of `data`.
    #[derive(Clone, Copy, Debug)]
    enum Kind {
        CbcEnc,
        CbcMac,
        CfbEnc,
        Ofb,
        PcbcEnc,
        CbcDec,
    }

    const KINDS: [Kind; 6] = [
        Kind::CbcEnc,
        Kind::CbcMac,
        Kind::CfbEnc,
        Kind::Ofb,
        Kind::PcbcEnc,
        Kind::CbcDec,
    ];

    fn reference<C>(c: &Ref<C>, kind: Kind, state: &mut [u8; 16], data: &mut [u8])
    where
        C: BlockCipherEncrypt<BlockSize = cipher::consts::U16> + BlockCipherDecrypt,
    {
        let (blocks, _) = data.as_chunks_mut::<16>();
        for b in blocks {
            let x = *b;
            match kind {
                Kind::CbcEnc => {
                    *b = c.e(xor(x, *state));
                    *state = *b;
                }
                Kind::CbcMac => *state = c.e(xor(x, *state)),
                Kind::CfbEnc => {
                    *b = xor(x, c.e(*state));
                    *state = *b;
                }
                Kind::Ofb => {
                    *state = c.e(*state);
                    *b = xor(x, *state);
                }
                Kind::PcbcEnc => {
                    *b = c.e(xor(x, *state));
                    *state = xor(x, *b);
                }
                Kind::CbcDec => {
                    *b = xor(c.d(x), *state);
                    *state = x;
                }
            }
        }
    }

    /// Run one kernel; `false` if the CPU lacks its features.
    fn kernel<const R: usize>(
        keys: &key_schedule::RoundKeys<R>,
        kind: Kind,
        state: &mut [u8; 16],
        data: &mut [u8],
    ) -> bool {
        if let Kind::CbcDec = kind {
            let Some(t) = detect::vaes256() else {
                return false;
            };
            // SAFETY: the token proves AES-NI, AVX, AVX2 and VAES.
            unsafe { vaes_cbc_decrypt(t, &keys.dec, state, data) };
            return true;
        }
        let Some(t) = detect::aesni() else {
            return false;
        };
        let k = &keys.enc;
        // SAFETY: the token proves AES-NI (SSE2 is baseline).
        unsafe {
            match kind {
                Kind::CbcEnc => aesni_cbc_encrypt(t, k, state, data),
                Kind::CbcMac => aesni_cbc_mac(t, k, state, data),
                Kind::CfbEnc => aesni_cfb_encrypt(t, k, state, data),
                Kind::Ofb => aesni_ofb_xor(t, k, state, data),
                Kind::PcbcEnc => aesni_pcbc_encrypt(t, k, state, data),
                Kind::CbcDec => unreachable!(),
            }
        }
        true
    }

    fn expand<const R: usize>(key: &[u8]) -> Option<key_schedule::RoundKeys<R>> {
        let t = detect::aesni()?;
        // SAFETY: the token proves AES-NI.
        Some(unsafe { key_schedule::expand::<R>(t, key) })
    }

    fn check<C, const R: usize>(seed: u64)
    where
        C: KeyInit + BlockCipherEncrypt<BlockSize = cipher::consts::U16> + BlockCipherDecrypt,
    {
        let mut rng = Rng(seed);
        let mut lens: Vec<usize> = (0..=40).map(|n| 16 * n).collect();
        lens.extend([1600, 16000, 7, 16 + 5, 16 * 17 + 15, 16 * 33 + 1, 16000 + 9]);
        for kind in KINDS {
            for &len in &lens {
                let mut key = vec![0u8; C::key_size()];
                rng.fill(&mut key);
                let Some(keys) = expand::<R>(&key) else {
                    return;
                };
                let c = Ref(C::new_from_slice(&key).unwrap());
                let mut data = vec![0u8; len];
                rng.fill(&mut data);
                let init = rng.block();
                let (mut want, mut want_state) = (data.clone(), init);
                reference(&c, kind, &mut want_state, &mut want);
                // Unaligned by 0..=15 bytes (the kernels take any address).
                let off = (len + len / 16) % 16;
                let mut buf = vec![0u8; off + len];
                buf[off..].copy_from_slice(&data);
                let mut got_state = init;
                if !kernel(&keys, kind, &mut got_state, &mut buf[off..]) {
                    continue;
                }
                let got = buf.split_off(off);
                if let Kind::CbcMac = kind {
                    // Input only.
                    want = data.clone();
                }
                assert_eq!(got, want, "{kind:?} R={R} len={len}");
                assert_eq!(got_state, want_state, "{kind:?} R={R} len={len} state");
                // Two calls over a split at a block boundary chain like one.
                let cut = len / 32 * 16;
                let (mut split, mut split_state) = (data.clone(), init);
                let (a, b) = split.split_at_mut(cut);
                kernel(&keys, kind, &mut split_state, a);
                kernel(&keys, kind, &mut split_state, b);
                assert_eq!(split, got, "{kind:?} R={R} len={len} split");
                assert_eq!(split_state, got_state, "{kind:?} R={R} len={len} split");
            }
        }
    }

    #[test]
    fn aes128_matches_reference() {
        check::<aes::Aes128, 11>(1);
    }

    #[test]
    fn aes192_matches_reference() {
        check::<aes::Aes192, 13>(2);
    }

    #[test]
    fn aes256_matches_reference() {
        check::<aes::Aes256, 15>(3);
    }

    /// SP 800-38A F.2.1 CBC-AES128.Encrypt, F.2.2 Decrypt, block 1.
    #[test]
    fn sp800_38a_cbc() {
        let key = [
            0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf,
            0x4f, 0x3c,
        ];
        let Some(keys) = expand::<11>(&key) else {
            return;
        };
        let iv: [u8; 16] = core::array::from_fn(|i| i as u8);
        let p = [
            0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93,
            0x17, 0x2a,
        ];
        let c = [
            0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46, 0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9,
            0x19, 0x7d,
        ];
        let (mut state, mut data) = (iv, p);
        if kernel(&keys, Kind::CbcEnc, &mut state, &mut data) {
            assert_eq!((data, state), (c, c));
        }
        let (mut state, mut data) = (iv, c);
        if kernel(&keys, Kind::CbcDec, &mut state, &mut data) {
            assert_eq!((data, state), (p, c));
        }
    }

    /// GB/s of each kernel over 16 KiB, and of the VAES ECB backend:
    /// `cargo test --release --lib chain_x86 -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        use crate::backend::test_rng::gbps_16k as gbps;
        fn run<const R: usize>(key_len: usize) {
            let Some(keys) = expand::<R>(&vec![7u8; key_len]) else {
                return;
            };
            let mut data = vec![1u8; 16384];
            let mut state = [2u8; 16];
            for kind in KINDS {
                let g = gbps(|| {
                    kernel(&keys, kind, &mut state, &mut data);
                });
                std::println!("AES-{} {kind:?}: {g:.2} GB/s", 8 * key_len);
            }
        }
        fn ecb<C: KeyInit + BlockCipherDecrypt<BlockSize = cipher::consts::U16>>(
            c: Option<C>,
            name: &str,
        ) {
            let Some(c) = c else {
                return;
            };
            let mut blocks = vec![Array::from([1u8; 16]); 1024];
            let g = gbps(|| c.decrypt_blocks(&mut blocks));
            std::println!("{name} VAES ECB decrypt: {g:.2} GB/s");
        }
        use super::super::{Aes128, Aes192, Aes256, Backend::Vaes256};
        ecb(
            Aes128::new_with_backend(&[7; 16].into(), Vaes256).ok(),
            "AES-128",
        );
        ecb(
            Aes192::new_with_backend(&[7; 24].into(), Vaes256).ok(),
            "AES-192",
        );
        ecb(
            Aes256::new_with_backend(&[7; 32].into(), Vaes256).ok(),
            "AES-256",
        );
        // Short messages: ns per call (one padded VAES batch against the
        // single-block latency of the AES-NI chain).
        if let Some(keys) = expand::<11>(&[7u8; 16]) {
            for blocks in [1, 4, 15] {
                let mut data = vec![1u8; 16 * blocks];
                let mut state = [2u8; 16];
                for kind in [Kind::CbcEnc, Kind::CbcDec] {
                    let g = gbps(|| {
                        for _ in 0..1024 / blocks {
                            kernel(&keys, kind, &mut state, &mut data);
                        }
                    });
                    let ns = 16384.0 / g / (1024 / blocks) as f64;
                    std::println!("AES-128 {kind:?} {blocks} blocks: {ns:.1} ns/call");
                }
            }
        }
        run::<11>(16);
        run::<13>(24);
        run::<15>(32);
    }
}
