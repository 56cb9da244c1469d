//! Stitched two-key CTR + CBC-MAC kernel for x86-64 AES-NI: AES-SIV
//! decryption (RFC 5297 §2.7), where the counter keystream under `K2`
//! (`P = CTR(K2, Q, C)`, §2.6: `Q` incremented as one 128-bit integer) and
//! S2V's CMAC chain under `K1` over the plaintext it produces (§2.4; NIST
//! SP 800-38B §6.2 step 6, `C_i = CIPH_K1(C_{i-1} ^ P_i)`) run in one pass.
//!
//! The chain is latency-bound: `Nr` AES rounds of ~4 cycles each per block,
//! with the AES unit idle most of that time. The keystream block does not
//! depend on the chain, so block `i + 1`'s keystream rounds (under `K2`)
//! are interleaved round by round with block `i`'s chain step (under `K1`)
//! — software pipelining, as in [`super::ccm_x86`] but with two key
//! schedules — and the pair costs one chain step per block instead of a
//! chain step plus a separate CTR pass. Both last rounds fold an xor into
//! AESENCLAST's AddRoundKey (FIPS 197 §5.1.4): the ciphertext into the
//! keystream block, and the next chain input `P_{i+1} ^ K1[0]` into the
//! chain's last round.
//!
//! The counter is the whole block as a big-endian integer incremented mod
//! 2^128 in general-purpose registers (add with carry, no branch): `Q` comes
//! from the secret `V`, so nothing depends on its value. Lengths and block
//! counts are the only values that choose a branch or a bound.

use core::arch::x86_64::{__m128i, _mm_aesenc_si128, _mm_aesenclast_si128, _mm_xor_si128};

use super::ccm_x86::{counter_block, middle};
use super::detect::AesNi;
use super::x86::{load, store};

/// Only AES round-key counts (`Nr + 1` for AES-128/192/256); checked at
/// compile time.
const fn check_rounds(r: usize) {
    assert!(r == 11 || r == 13 || r == 15, "R must be 11, 13 or 15");
}

/// Rounds `1..Nr` of block `s` under `m` and block `x` under `k`,
/// interleaved round by round so each round's two AESENCs issue together.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn middle2k<const R: usize>(
    m: &[__m128i; R],
    mut s: __m128i,
    k: &[__m128i; R],
    mut x: __m128i,
) -> (__m128i, __m128i) {
    for (mk, rk) in m[1..R - 1].iter().zip(&k[1..R - 1]) {
        s = _mm_aesenc_si128(s, *mk);
        x = _mm_aesenc_si128(x, *rk);
    }
    (s, x)
}

/// CTR under one key in place, CBC-MAC under another over the output: for
/// each whole block `C_i` of `data` (`i = 0, 1, …`),
/// `P_i = C_i ^ CIPH_{K2}(Q + i)` (RFC 5297 §2.6/§2.7, SP 800-38A §6.5,
/// the counter block a big-endian integer mod 2^128; `ctr_keys` = `K2`)
/// and `*mac = CIPH_{K1}(*mac ^ P_i)` (SP 800-38B §6.2 step 6, S2V's CMAC
/// chain; `mac_keys` = `K1`). `*mac` is unchanged if there is no whole
/// block; a partial tail is left untouched.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_ctr128_mac2_output<const R: usize>(
    _t: AesNi,
    ctr_keys: &[[u8; 16]; R],
    mac_keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    mac: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&ctr_keys[i]));
    let m: [__m128i; R] = core::array::from_fn(|i| load(&mac_keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let (m0, ml) = (m[0], m[R - 1]);
    let mm = _mm_xor_si128(m0, ml);
    let mut w = u128::from_be_bytes(*counter);
    let (blocks, _) = data.as_chunks_mut::<16>();
    let Some((first, rest)) = blocks.split_first_mut() else {
        return;
    };
    // Prologue: P_0 alone.
    let x = middle(&k, _mm_xor_si128(counter_block(w), k0));
    let p = _mm_aesenclast_si128(x, _mm_xor_si128(load(first), kl));
    store(first, p);
    // s: the chain's round-1 input for block i, Y_{i-1} ^ P_i ^ K1[0].
    let mut s = _mm_xor_si128(_mm_xor_si128(p, m0), load(mac));
    for b in rest {
        // Block i's chain step (K1) beside block i + 1's keystream (K2).
        w = w.wrapping_add(1);
        let x = _mm_xor_si128(counter_block(w), k0);
        let (sm, xm) = middle2k(&m, s, &k, x);
        let p = _mm_aesenclast_si128(xm, _mm_xor_si128(load(b), kl));
        store(b, p);
        // Y_i ^ P_{i+1} ^ K1[0].
        s = _mm_aesenclast_si128(sm, _mm_xor_si128(p, mm));
    }
    store(mac, _mm_aesenclast_si128(middle(&m, s), ml));
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::{vec, vec::Vec};

    use cipher::{Array, BlockCipherEncrypt, KeyInit};

    use super::super::{detect, key_schedule};
    use super::*;

    use crate::backend::test_rng::Rng;

    fn xor(a: [u8; 16], b: [u8; 16]) -> [u8; 16] {
        core::array::from_fn(|i| a[i] ^ b[i])
    }

    fn e<C: BlockCipherEncrypt<BlockSize = cipher::consts::U16>>(c: &C, b: [u8; 16]) -> [u8; 16] {
        let mut a = Array::from(b);
        c.encrypt_block(&mut a);
        a.into()
    }

    /// Plain reference: block by block, single-block AES.
    fn reference<C: BlockCipherEncrypt<BlockSize = cipher::consts::U16>>(
        ctr: &C,
        mac_c: &C,
        counter: &[u8; 16],
        mac: &mut [u8; 16],
        data: &mut [u8],
    ) {
        let mut cb = *counter;
        let (blocks, _) = data.as_chunks_mut::<16>();
        for b in blocks {
            *b = xor(*b, e(ctr, cb));
            *mac = e(mac_c, xor(*mac, *b));
            cb = u128::from_be_bytes(cb).wrapping_add(1).to_be_bytes();
        }
    }

    fn check<C, const R: usize>(seed: u64)
    where
        C: KeyInit + BlockCipherEncrypt<BlockSize = cipher::consts::U16>,
    {
        let Some(t) = detect::aesni() else {
            return;
        };
        let mut rng = Rng(seed);
        let mut lens: Vec<usize> = (0..=48).collect();
        lens.extend((0..=40).map(|n| 16 * n));
        lens.extend([1600, 4096, 4097, 4111, 4112, 16000 + 9]);
        for (n, &len) in lens.iter().enumerate() {
            let mut k2 = vec![0u8; C::key_size()];
            let mut k1 = vec![0u8; C::key_size()];
            rng.fill(&mut k2);
            rng.fill(&mut k1);
            // SAFETY: the token proves AES-NI.
            let (ks2, ks1) = unsafe {
                (
                    key_schedule::expand::<R>(t, &k2),
                    key_schedule::expand::<R>(t, &k1),
                )
            };
            let (c2, c1) = (
                C::new_from_slice(&k2).unwrap(),
                C::new_from_slice(&k1).unwrap(),
            );
            let mut data = vec![0u8; len];
            rng.fill(&mut data);
            let mut counter = rng.block();
            match n % 4 {
                // A few blocks before the low 32 bits, the low 64 bits or
                // the whole block wrap: the carry must run on.
                0 => counter[12..].copy_from_slice(&(u32::MAX - (n as u32 % 7)).to_be_bytes()),
                1 => counter[8..].copy_from_slice(&(u64::MAX - (n as u64 % 7)).to_be_bytes()),
                2 => counter = (u128::MAX - (n as u128 % 7)).to_be_bytes(),
                _ => {}
            }
            let init = rng.block();
            let (mut want, mut want_mac) = (data.clone(), init);
            reference(&c2, &c1, &counter, &mut want_mac, &mut want);
            let off = (len + len / 16) % 16;
            let mut buf = vec![0u8; off + len];
            buf[off..].copy_from_slice(&data);
            let mut got_mac = init;
            // SAFETY: the token proves AES-NI (SSE2 is baseline).
            unsafe {
                aesni_ctr128_mac2_output(
                    t,
                    &ks2.enc,
                    &ks1.enc,
                    &counter,
                    &mut got_mac,
                    &mut buf[off..],
                )
            };
            let got = buf.split_off(off);
            assert_eq!(got, want, "R={R} len={len}");
            assert_eq!(got_mac, want_mac, "R={R} len={len} mac");
        }
    }

    #[test]
    fn aes128_matches_reference() {
        check::<aes::Aes128, 11>(21);
    }

    #[test]
    fn aes192_matches_reference() {
        check::<aes::Aes192, 13>(22);
    }

    #[test]
    fn aes256_matches_reference() {
        check::<aes::Aes256, 15>(23);
    }

    /// GB/s over 16 KiB against the plain CBC-MAC chain:
    /// `cargo test --release --lib siv_x86 -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        use crate::backend::test_rng::gbps_16k as gbps;
        let Some(t) = detect::aesni() else {
            return;
        };
        fn one<const R: usize>(t: AesNi, key_len: usize) {
            // SAFETY: the token proves AES-NI.
            let (k2, k1) = unsafe {
                (
                    key_schedule::expand::<R>(t, &vec![7u8; key_len]),
                    key_schedule::expand::<R>(t, &vec![9u8; key_len]),
                )
            };
            let mut data = vec![1u8; 16384];
            let (counter, mut mac) = ([3u8; 16], [2u8; 16]);
            let g = gbps(|| {
                // SAFETY: the token proves AES-NI.
                unsafe {
                    aesni_ctr128_mac2_output(t, &k2.enc, &k1.enc, &counter, &mut mac, &mut data)
                }
            });
            let c = gbps(|| {
                // SAFETY: the token proves AES-NI.
                unsafe { super::super::chain_x86::aesni_cbc_mac(t, &k1.enc, &mut mac, &data) }
            });
            std::println!(
                "AES-{} two-key ctr128 + cbc-mac: {g:.2} GB/s; cbc-mac alone {c:.2} GB/s ({:.2})",
                key_len * 8,
                g / c
            );
        }
        one::<11>(t, 16);
        one::<13>(t, 24);
        one::<15>(t, 32);
    }
}
