//! Stitched CBC-MAC + CTR kernels for x86-64 AES-NI: one pass that runs the
//! CBC-MAC chain `Y_i = CIPH_K(Y_{i-1} ^ X_i)` (CCM, NIST SP 800-38C §6.1;
//! the OMAC/CMAC chain of EAX and SIV's S2V, SP 800-38B §6.2) and the
//! counter keystream `C_i = P_i ^ CIPH_K(CB_i)` (SP 800-38A §6.5, the
//! whole block as a big-endian integer incremented mod 2^128, so nothing
//! depends on the counter's value: EAX's is secret) over the same whole
//! blocks.
//!
//! The chain is latency-bound: `Nr` AES rounds of ~4 cycles each per block,
//! with the AES unit idle most of that time. The keystream block does not
//! depend on the chain, so its rounds are interleaved with the chain's
//! (two independent AESENC streams, round by round) and the pair costs one
//! chain step per block instead of a chain step plus a separate CTR pass.
//! Round keys stay in XMM registers for the whole loop (as in
//! `chain_x86`), and both last rounds fold an xor into AESENCLAST's
//! AddRoundKey (FIPS 197 §5.1.4): `AESENCLAST(s, k[Nr]) ^ a ==
//! AESENCLAST(s, k[Nr] ^ a)` — the data into the keystream block, and the
//! next chain input `X_{i+1} ^ k[0]` into the chain's last round.
//!
//! Two variants, by what the chain absorbs:
//! - [`aesni_ctr128_mac_input`]: `X_i = P_i`, the block before the xor
//!   (CCM encryption, EAX decryption);
//! - [`aesni_ctr128_mac_output`]: `X_i = C_i`, the block after it (CCM
//!   decryption, EAX encryption). Block `i + 1`'s keystream is computed
//!   during block `i`'s chain step (software pipelining), so `C_{i+1}` is
//!   ready when the chain needs it.
//!
//! Both work in place on the whole 16-byte blocks of `data` and leave a
//! partial tail untouched. Lengths and block counts are the only values that
//! choose a branch or a bound.

use core::arch::x86_64::{
    __m128i, _mm_aesenc_si128, _mm_aesenclast_si128, _mm_set_epi64x, _mm_xor_si128,
};

use super::detect::AesNi;
use super::x86::{load, store};

/// Only AES round-key counts (`Nr + 1` for AES-128/192/256); checked at
/// compile time.
const fn check_rounds(r: usize) {
    assert!(r == 11 || r == 13 || r == 15, "R must be 11, 13 or 15");
}

/// The counter block of the 128-bit big-endian value `c` (SP 800-38A
/// §B.1 with `m = 128`: the whole block counts). Built in general-purpose
/// registers (an add with carry per block, no branch on the value) and
/// moved into one XMM register.
#[target_feature(enable = "aes,sse2")]
#[inline]
pub(super) fn counter_block(c: u128) -> __m128i {
    let (hi, lo) = ((c >> 64) as u64, c as u64);
    _mm_set_epi64x(lo.swap_bytes() as i64, hi.swap_bytes() as i64)
}

/// Rounds `1..Nr` on two independent blocks, interleaved round by round so
/// each round's two AESENCs issue together.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn middle2<const R: usize>(k: &[__m128i; R], mut s: __m128i, mut x: __m128i) -> (__m128i, __m128i) {
    for rk in &k[1..R - 1] {
        s = _mm_aesenc_si128(s, *rk);
        x = _mm_aesenc_si128(x, *rk);
    }
    (s, x)
}

/// Rounds `1..Nr` on one block.
#[target_feature(enable = "aes,sse2")]
#[inline]
pub(super) fn middle<const R: usize>(k: &[__m128i; R], mut s: __m128i) -> __m128i {
    for rk in &k[1..R - 1] {
        s = _mm_aesenc_si128(s, *rk);
    }
    s
}

/// CBC-MAC over the input, CTR in place: for each whole block `P_i` of
/// `data` (`i = 0, 1, …`), `*mac = CIPH_K(*mac ^ P_i)` (SP 800-38C §6.1
/// step 4 / SP 800-38B §6.2 step 6) and `P_i ^= CIPH_K(CB_i)` with `CB_i`
/// = `counter + i` (the block as a big-endian integer, mod 2^128)
/// (SP 800-38A §6.5). `*mac` is unchanged if there is no whole block.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_ctr128_mac_input<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    mac: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let kk = _mm_xor_si128(k0, kl);
    let mut w = u128::from_be_bytes(*counter);
    let (blocks, _) = data.as_chunks_mut::<16>();
    let Some((mut cur, rest)) = blocks.split_first_mut() else {
        return;
    };
    let mut p = load(cur);
    // s: the chain's round-1 input for the current block, Y_{i-1} ^ P_i ^ k[0].
    let mut s = _mm_xor_si128(_mm_xor_si128(p, k0), load(mac));
    for next in rest {
        let x = _mm_xor_si128(counter_block(w), k0);
        let (sm, xm) = middle2(&k, s, x);
        let pn = load(next);
        // Y_i ^ P_{i+1} ^ k[0], the next round-1 input.
        s = _mm_aesenclast_si128(sm, _mm_xor_si128(pn, kk));
        store(cur, _mm_aesenclast_si128(xm, _mm_xor_si128(p, kl)));
        w = w.wrapping_add(1);
        p = pn;
        cur = next;
    }
    let x = _mm_xor_si128(counter_block(w), k0);
    let (sm, xm) = middle2(&k, s, x);
    store(mac, _mm_aesenclast_si128(sm, kl));
    store(cur, _mm_aesenclast_si128(xm, _mm_xor_si128(p, kl)));
}

/// CTR in place, CBC-MAC over the output: for each whole block of `data`,
/// `C_i = P_i ^ CIPH_K(CB_i)` (SP 800-38A §6.5, `CB_i` as in
/// [`aesni_ctr128_mac_input`]) and `*mac = CIPH_K(*mac ^ C_i)` (SP 800-38C
/// §6.2 over the decrypted payload; EAX's `OMAC^2_K(C)`). `*mac` is
/// unchanged if there is no whole block.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_ctr128_mac_output<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    mac: &mut [u8; 16],
    data: &mut [u8],
) {
    const { check_rounds(R) };
    let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let (k0, kl) = (k[0], k[R - 1]);
    let kk = _mm_xor_si128(k0, kl);
    let mut w = u128::from_be_bytes(*counter);
    let (blocks, _) = data.as_chunks_mut::<16>();
    let Some((first, rest)) = blocks.split_first_mut() else {
        return;
    };
    // Prologue: C_0 alone.
    let x = middle(&k, _mm_xor_si128(counter_block(w), k0));
    let c = _mm_aesenclast_si128(x, _mm_xor_si128(load(first), kl));
    store(first, c);
    // s: the chain's round-1 input for block i, Y_{i-1} ^ C_i ^ k[0].
    let mut s = _mm_xor_si128(_mm_xor_si128(c, k0), load(mac));
    for b in rest {
        // Block i's chain step beside block i + 1's keystream.
        w = w.wrapping_add(1);
        let x = _mm_xor_si128(counter_block(w), k0);
        let (sm, xm) = middle2(&k, s, x);
        let c = _mm_aesenclast_si128(xm, _mm_xor_si128(load(b), kl));
        store(b, c);
        // Y_i ^ C_{i+1} ^ k[0].
        s = _mm_aesenclast_si128(sm, _mm_xor_si128(c, kk));
    }
    store(mac, _mm_aesenclast_si128(middle(&k, s), kl));
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
        c: &C,
        output: bool,
        counter: &[u8; 16],
        mac: &mut [u8; 16],
        data: &mut [u8],
    ) {
        let mut cb = *counter;
        let (blocks, _) = data.as_chunks_mut::<16>();
        for b in blocks {
            let inp = *b;
            *b = xor(inp, e(c, cb));
            let x = if output { *b } else { inp };
            *mac = e(c, xor(*mac, x));
            cb = u128::from_be_bytes(cb).wrapping_add(1).to_be_bytes();
        }
    }

    fn kernel<const R: usize>(
        t: AesNi,
        keys: &key_schedule::RoundKeys<R>,
        output: bool,
        counter: &[u8; 16],
        mac: &mut [u8; 16],
        data: &mut [u8],
    ) {
        // SAFETY: the token proves AES-NI (SSE2 is baseline).
        unsafe {
            if output {
                aesni_ctr128_mac_output(t, &keys.enc, counter, mac, data)
            } else {
                aesni_ctr128_mac_input(t, &keys.enc, counter, mac, data)
            }
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
        let mut lens: Vec<usize> = (0..=40).map(|n| 16 * n).collect();
        lens.extend([1600, 16000, 7, 16 + 5, 16 * 17 + 15, 16 * 33 + 1, 16000 + 9]);
        for output in [false, true] {
            for (n, &len) in lens.iter().enumerate() {
                let mut key = vec![0u8; C::key_size()];
                rng.fill(&mut key);
                // SAFETY: the token proves AES-NI.
                let keys = unsafe { key_schedule::expand::<R>(t, &key) };
                let c = C::new_from_slice(&key).unwrap();
                let mut data = vec![0u8; len];
                rng.fill(&mut data);
                let mut counter = rng.block();
                match n % 4 {
                    // The low 32 bits, the low 64 bits, or the whole block a
                    // few blocks before they wrap: the carry must run on.
                    0 => counter[12..].copy_from_slice(&(u32::MAX - (n as u32 % 7)).to_be_bytes()),
                    1 => counter[8..].copy_from_slice(&(u64::MAX - (n as u64 % 7)).to_be_bytes()),
                    2 => counter = (u128::MAX - (n as u128 % 7)).to_be_bytes(),
                    _ => {}
                }
                let init = rng.block();
                let (mut want, mut want_mac) = (data.clone(), init);
                reference(&c, output, &counter, &mut want_mac, &mut want);
                let off = (len + len / 16) % 16;
                let mut buf = vec![0u8; off + len];
                buf[off..].copy_from_slice(&data);
                let mut got_mac = init;
                kernel(t, &keys, output, &counter, &mut got_mac, &mut buf[off..]);
                let got = buf.split_off(off);
                assert_eq!(got, want, "output={output} R={R} len={len}");
                assert_eq!(got_mac, want_mac, "output={output} R={R} len={len} mac");
            }
        }
    }

    #[test]
    fn aes128_matches_reference() {
        check::<aes::Aes128, 11>(11);
    }

    #[test]
    fn aes192_matches_reference() {
        check::<aes::Aes192, 13>(12);
    }

    #[test]
    fn aes256_matches_reference() {
        check::<aes::Aes256, 15>(13);
    }

    /// GB/s over 16 KiB of each variant against the plain CBC-MAC chain:
    /// `cargo test --release --lib ccm_x86 -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        use crate::backend::test_rng::gbps_16k as gbps;
        let Some(t) = detect::aesni() else {
            return;
        };
        // SAFETY: the token proves AES-NI.
        let keys = unsafe { key_schedule::expand::<11>(t, &[7u8; 16]) };
        let mut data = vec![1u8; 16384];
        let (counter, mut mac) = ([3u8; 16], [2u8; 16]);
        for output in [false, true] {
            let g = gbps(|| kernel(t, &keys, output, &counter, &mut mac, &mut data));
            std::println!("AES-128 ctr32 + cbc-mac (output={output}): {g:.2} GB/s");
        }
        let g = gbps(|| {
            // SAFETY: the token proves AES-NI.
            unsafe { super::super::chain_x86::aesni_cbc_mac(t, &keys.enc, &mut mac, &data) }
        });
        std::println!("AES-128 cbc-mac alone: {g:.2} GB/s");
    }
}
