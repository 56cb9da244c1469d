//! x86-64 kernels for CFB-s encryption with a segment of `q` whole bytes,
//! `1 <= q <= 15` (NIST SP 800-38A §6.3; `q = 1` is CFB8):
//!
//! `O_j = CIPH_K(I_j)`, `C#_j = P#_j ^ MSB_{8q}(O_j)`,
//! `I_{j+1} = LSB_{128-8q}(I_j) | C#_j`.
//!
//! The chain is one AES per segment, bound by its latency (`Nr` rounds of
//! 4 cycles). The shift register `I_j` and the round keys stay in XMM
//! registers for the whole loop, and the feedback costs one byte shift on
//! the critical path:
//! - `I_{j+1}` is the 32-byte concatenation `I_j || C#_j` shifted left by
//!   `q` bytes: PALIGNR (SSSE3) on the VAES path, or two byte shifts and an
//!   xor with SSE2 alone (AES-NI path);
//! - the plaintext xor and the next block's `k[0]` ride in the last round
//!   key: AESENCLAST ends with AddRoundKey (FIPS 197 §5.1.4), and the byte
//!   shift is linear, so with `k[0] = shift(khi, klo)` the next round-1
//!   input `I_{j+1} ^ k[0]` is `shift(AESENCLAST(s, k[Nr] ^ P ^ khi),
//!   I_j ^ klo)`, both operands ready without any xor after the AES.
//!
//! Ciphertext goes out as the whole register: `I_{j+1}` is the last 16
//! ciphertext bytes of the stream, so storing it over the 16 bytes that end
//! at segment `j` rewrites earlier ciphertext bytes with their own values
//! and never touches plaintext not yet read. Segments whose 16-byte load or
//! store would leave `data` (up to 15 bytes at each end) run through a
//! stack buffer. Lengths and `q` are the only values that choose a branch
//! or an index.

use core::arch::x86_64::{
    __m128i, _mm_aesenc_si128, _mm_aesenclast_si128, _mm_alignr_epi8, _mm_bslli_si128,
    _mm_bsrli_si128, _mm_xor_si128,
};

use zeroize::Zeroize;

use super::detect::{AesNi, Vaes256};
use super::x86::{load, store};

/// Only AES round-key counts (`Nr + 1` for AES-128/192/256); checked at
/// compile time.
const fn check_rounds(r: usize) {
    assert!(r == 11 || r == 13 || r == 15, "R must be 11, 13 or 15");
}

/// The keys a segment loop runs with: the round keys, `k[Nr] ^ khi`
/// (`khi` = `k[0]` shifted right by `16 - q` bytes) and `k[0] ^ klo`
/// (`klo` = `k[0]` shifted left by `q` bytes), so that
/// `shift_q(khi, klo) = k[0]`.
struct SegKeys<const R: usize> {
    k: [__m128i; R],
    last_hi: __m128i,
    k0_lo: __m128i,
}

impl<const R: usize> SegKeys<R> {
    /// The keys for segments of `q` bytes (`1 <= q <= 15`).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn new(keys: &[[u8; 16]; R], q: usize) -> Self {
        let k0 = keys[0];
        let (mut hi, mut lo) = ([0u8; 16], [0u8; 16]);
        // khi[m] = k0[m + 16 - q] for m < q; klo[m] = k0[m - q] for m >= q.
        hi[..q].copy_from_slice(&k0[16 - q..]);
        lo[q..].copy_from_slice(&k0[..16 - q]);
        let k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
        let s = SegKeys {
            k,
            last_hi: _mm_xor_si128(k[R - 1], load(&hi)),
            k0_lo: _mm_xor_si128(k[0], load(&lo)),
        };
        hi.zeroize();
        lo.zeroize();
        s
    }
}

/// Defines one segment loop (`$core`) and its whole-buffer driver
/// (`$name`) for one set of target features; `$shift` computes
/// `(b || a) >> 8q` as bytes, i.e. `I_{j+1}`-style feedback.
macro_rules! segment_kernel {
    ($(#[$doc:meta])* $name:ident, $core:ident, $feat:literal, $shift:ident) => {
        /// Segments `0..n` of `buf` starting at byte `start` (segment `i`
        /// is `buf[start + iQ..][..Q]`), `*x = I ^ k[0]` carried in and
        /// out. The caller guarantees `start + Q >= 16` (every store of 16
        /// bytes ending at a segment's end stays in `buf`); a load that
        /// would leave `buf` ends the loop early, which the callers rule out.
        #[target_feature(enable = $feat)]
        #[inline]
        fn $core<const R: usize, const Q: i32, const QC: i32>(
            sk: &SegKeys<R>,
            x: &mut __m128i,
            buf: &mut [u8],
            start: usize,
            n: usize,
        ) {
            let q = Q as usize;
            let k = &sk.k;
            let k0 = k[0];
            let mut s0 = *x;
            for i in 0..n {
                let p = start + i * q;
                let Some(src) = buf.get(p..) else {
                    break;
                };
                let Some(src) = src.first_chunk::<16>() else {
                    break;
                };
                // P#_j in bytes 0..Q (the rest is ignored by the shift).
                let kl = _mm_xor_si128(sk.last_hi, load(src));
                // I_j ^ klo, off the critical path.
                let b = _mm_xor_si128(s0, sk.k0_lo);
                let mut s = s0;
                for rk in &k[1..R - 1] {
                    s = _mm_aesenc_si128(s, *rk);
                }
                // O_j ^ P#_j ^ khi; then I_{j+1} ^ k[0].
                let y = _mm_aesenclast_si128(s, kl);
                s0 = $shift::<Q, QC>(y, b);
                let e = p + q;
                if e >= 16
                    && let Some(dst) = buf.get_mut(e - 16..)
                    && let Some(dst) = dst.first_chunk_mut::<16>()
                {
                    store(dst, _mm_xor_si128(s0, k0));
                }
            }
            *x = s0;
        }

        $(#[$doc])*
        #[target_feature(enable = $feat)]
        fn $name<const R: usize, const Q: i32, const QC: i32>(
            sk: &SegKeys<R>,
            reg: &mut [u8; 16],
            data: &mut [u8],
        ) {
            let q = Q as usize;
            let n = data.len() / q;
            // First segment whose 16-byte store ends inside `data`, and one
            // past the last whose 16-byte load fits in it.
            let h = 16usize.div_ceil(q) - 1;
            let m = match data.len().checked_sub(16) {
                Some(d) => (d / q + 1).min(n),
                None => 0,
            };
            let mut x = _mm_xor_si128(load(reg), sk.k[0]);
            // Head and tail (at most 15 bytes each) run in `tmp`: the 16
            // bytes before the segments take the stores of earlier
            // ciphertext, the ones after them are read and ignored.
            let mut tmp = [0u8; 64];
            let passes = [(0..h.min(n), true), (h..m, false), (h.max(m).min(n)..n, true)];
            for (seg, staged) in passes {
                if seg.is_empty() {
                    continue;
                }
                if staged {
                    let bytes = &mut data[seg.start * q..seg.end * q];
                    tmp[16..16 + bytes.len()].copy_from_slice(bytes);
                    $core::<R, Q, QC>(sk, &mut x, &mut tmp, 16, seg.len());
                    bytes.copy_from_slice(&tmp[16..16 + bytes.len()]);
                } else {
                    $core::<R, Q, QC>(sk, &mut x, data, seg.start * q, seg.len());
                }
            }
            tmp.zeroize();
            store(reg, _mm_xor_si128(x, sk.k[0]));
        }
    };
}

/// `(b || a)` shifted down by `Q` bytes (the low 16 bytes of the 32-byte
/// value whose low half is `b`): PALIGNR.
#[target_feature(enable = "sse2,ssse3")]
#[inline]
fn shift_alignr<const Q: i32, const QC: i32>(a: __m128i, b: __m128i) -> __m128i {
    _mm_alignr_epi8::<Q>(a, b)
}

/// As [`shift_alignr`] with SSE2 only: `b >> 8Q ^ a << 8(16 - Q)` (as
/// 128-bit values, bytes little-endian).
#[target_feature(enable = "sse2")]
#[inline]
fn shift_sse2<const Q: i32, const QC: i32>(a: __m128i, b: __m128i) -> __m128i {
    _mm_xor_si128(_mm_bsrli_si128::<Q>(b), _mm_bslli_si128::<QC>(a))
}

segment_kernel!(
    /// CFB-`8Q` encryption of the whole `Q`-byte segments of `data` in
    /// place from the register `*reg` (`I_1`), leaving `*reg` = `I_{n+1}`
    /// (SP 800-38A §6.3); AVX encoding and PALIGNR.
    avx_segments,
    avx_core,
    "aes,sse2,ssse3,avx",
    shift_alignr
);

segment_kernel!(
    /// As `avx_segments`, with AES-NI and SSE2 only.
    sse2_segments,
    sse2_core,
    "aes,sse2",
    shift_sse2
);

/// Calls `$f::<R, Q, 16 - Q>` for the run-time `q` in `1..=15`.
macro_rules! dispatch_q {
    ($f:ident, $q:expr, ($($arg:expr),*)) => {
        match $q {
            1 => $f::<R, 1, 15>($($arg),*),
            2 => $f::<R, 2, 14>($($arg),*),
            3 => $f::<R, 3, 13>($($arg),*),
            4 => $f::<R, 4, 12>($($arg),*),
            5 => $f::<R, 5, 11>($($arg),*),
            6 => $f::<R, 6, 10>($($arg),*),
            7 => $f::<R, 7, 9>($($arg),*),
            8 => $f::<R, 8, 8>($($arg),*),
            9 => $f::<R, 9, 7>($($arg),*),
            10 => $f::<R, 10, 6>($($arg),*),
            11 => $f::<R, 11, 5>($($arg),*),
            12 => $f::<R, 12, 4>($($arg),*),
            13 => $f::<R, 13, 3>($($arg),*),
            14 => $f::<R, 14, 2>($($arg),*),
            15 => $f::<R, 15, 1>($($arg),*),
            _ => return false,
        }
    };
}

/// CFB-`8q` encryption (SP 800-38A §6.3) of the whole `q`-byte segments of
/// `data` in place, `I_1 = *reg`; on return `*reg` is the next `I_j` (the
/// last 16 bytes of `*reg || ciphertext`). A partial last segment is left
/// untouched. Returns `false`, doing nothing, unless `1 <= q <= 15`.
#[target_feature(enable = "aes,sse2,ssse3,avx")]
pub(crate) fn vaes_cfb_segments_encrypt<const R: usize>(
    _t: Vaes256,
    keys: &[[u8; 16]; R],
    reg: &mut [u8; 16],
    q: usize,
    data: &mut [u8],
) -> bool {
    const { check_rounds(R) };
    if !(1..=15).contains(&q) {
        return false;
    }
    let sk = SegKeys::new(keys, q);
    dispatch_q!(avx_segments, q, (&sk, reg, data));
    true
}

/// As [`vaes_cfb_segments_encrypt`] with AES-NI and SSE2 only.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_cfb_segments_encrypt<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    reg: &mut [u8; 16],
    q: usize,
    data: &mut [u8],
) -> bool {
    const { check_rounds(R) };
    if !(1..=15).contains(&q) {
        return false;
    }
    let sk = SegKeys::new(keys, q);
    dispatch_q!(sse2_segments, q, (&sk, reg, data));
    true
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::{time::Instant, vec, vec::Vec};

    use cipher::{Array, BlockCipherEncrypt, KeyInit};

    use super::super::{detect, key_schedule};
    use super::*;

    use crate::backend::test_rng::Rng;

    /// Byte-at-a-time CFB-8q over the whole segments, from the spec.
    fn reference<C: BlockCipherEncrypt<BlockSize = cipher::consts::U16>>(
        c: &C,
        reg: &mut [u8; 16],
        q: usize,
        data: &mut [u8],
    ) {
        for seg in data.chunks_exact_mut(q) {
            let mut o = Array::from(*reg);
            c.encrypt_block(&mut o);
            for (d, o) in seg.iter_mut().zip(o.iter()) {
                *d ^= o;
            }
            reg.copy_within(q.., 0);
            reg[16 - q..].copy_from_slice(seg);
        }
    }

    /// Both variants this CPU runs, on one call each.
    fn kernels<const R: usize>(
        keys: &[[u8; 16]; R],
        reg: &[u8; 16],
        q: usize,
        data: &[u8],
    ) -> Vec<([u8; 16], Vec<u8>)> {
        let mut out = Vec::new();
        if let Some(t) = detect::vaes256() {
            let (mut r, mut d) = (*reg, data.to_vec());
            // SAFETY: the token proves AES-NI, AVX (hence SSSE3) and SSE2.
            assert!(unsafe { vaes_cfb_segments_encrypt(t, keys, &mut r, q, &mut d) });
            out.push((r, d));
        }
        if let Some(t) = detect::aesni() {
            let (mut r, mut d) = (*reg, data.to_vec());
            // SAFETY: the token proves AES-NI and SSE2.
            assert!(unsafe { aesni_cfb_segments_encrypt(t, keys, &mut r, q, &mut d) });
            out.push((r, d));
        }
        out
    }

    fn check<C: KeyInit + BlockCipherEncrypt<BlockSize = cipher::consts::U16>, const R: usize>(
        seed: u64,
    ) {
        let Some(t) = detect::aesni() else {
            return;
        };
        let mut rng = Rng(seed);
        let mut lens: Vec<usize> = (0..=70).collect();
        lens.extend([255, 256, 1000, 4097]);
        for q in 1..=15 {
            for &len in &lens {
                let mut key = vec![0u8; C::key_size()];
                rng.fill(&mut key);
                // SAFETY: the token proves AES-NI.
                let keys = unsafe { key_schedule::expand::<R>(t, &key) };
                let c = C::new_from_slice(&key).unwrap();
                let mut data = vec![0u8; len];
                rng.fill(&mut data);
                let reg = rng.block();
                let (mut want_reg, mut want) = (reg, data.clone());
                reference(&c, &mut want_reg, q, &mut want);
                for (got_reg, got) in kernels(&keys.enc, &reg, q, &data) {
                    assert_eq!(got, want, "R={R} q={q} len={len}");
                    assert_eq!(got_reg, want_reg, "R={R} q={q} len={len} reg");
                }
                // Two calls split at a segment boundary chain like one.
                let cut = len / 2 / q * q;
                let (a, b) = data.split_at(cut);
                for ((ra, da), i) in kernels(&keys.enc, &reg, q, a).into_iter().zip(0..) {
                    let (rb, db) = kernels(&keys.enc, &ra, q, b).swap_remove(i);
                    assert_eq!([da, db].concat(), want, "R={R} q={q} len={len} split");
                    assert_eq!(rb, want_reg, "R={R} q={q} len={len} split reg");
                }
            }
        }
        // q outside 1..=15: nothing done.
        let keys = key_schedule::RoundKeys::<R> {
            enc: [[0; 16]; R],
            dec: [[0; 16]; R],
        };
        let (mut r, mut d) = ([1u8; 16], [2u8; 40]);
        for q in [0, 16, 17] {
            // SAFETY: the token proves AES-NI and SSE2.
            assert!(!unsafe { aesni_cfb_segments_encrypt(t, &keys.enc, &mut r, q, &mut d) });
        }
        assert_eq!((r, d), ([1; 16], [2; 40]));
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

    /// MB/s of CFB8 over 16 KiB and cycles per segment at an assumed
    /// 3.6 GHz: `cargo test --release --lib cfb_x86 -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        let Some(t) = detect::aesni() else {
            return;
        };
        // SAFETY: the token proves AES-NI.
        let keys = unsafe { key_schedule::expand::<11>(t, &[7u8; 16]) };
        let mut data = vec![1u8; 16384];
        let mut reg = [2u8; 16];
        for q in [1, 2, 8, 15] {
            for (name, vaes) in [("vaes", true), ("aesni", false)] {
                let mut best = f64::MAX;
                for _ in 0..10 {
                    let st = Instant::now();
                    for _ in 0..10 {
                        if vaes {
                            let Some(v) = detect::vaes256() else {
                                return;
                            };
                            // SAFETY: the token proves AES-NI and AVX.
                            unsafe {
                                vaes_cfb_segments_encrypt(v, &keys.enc, &mut reg, q, &mut data)
                            };
                        } else {
                            // SAFETY: the token proves AES-NI.
                            unsafe {
                                aesni_cfb_segments_encrypt(t, &keys.enc, &mut reg, q, &mut data)
                            };
                        }
                    }
                    best = best.min(st.elapsed().as_secs_f64());
                }
                let mbs = (16384 * 10) as f64 / best / 1e6;
                let cyc = 3.6e9 * best / (10 * (16384 / q)) as f64;
                std::println!("{name} q={q}: {mbs:.1} MB/s, {cyc:.1} cycles/segment @3.6GHz");
            }
        }
    }
}
