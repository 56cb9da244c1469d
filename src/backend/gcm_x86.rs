//! GCM's body in one pass on x86-64 with VAES and VPCLMULQDQ (NIST SP
//! 800-38D §7.1 steps 3–5 and §7.2 steps 3–6): the counter keystream
//! `C_j = P_j ^ CIPH_K(CB_j)` with `inc32` counters (§6.2, §6.5 GCTR) and
//! the GHASH chain `Y_i = (Y_{i-1} ^ C_i) · H` (§6.4) over the ciphertext,
//! stitched into one loop so that the data is read from memory once.
//!
//! Each batch of 16 blocks runs the AES rounds (FIPS 197 §5.1, VAES on
//! YMM, two blocks per register, as in [`super::ctr_x86`]) for its counter
//! blocks, and between the rounds the carry-less multiply-accumulate of 16
//! ciphertext blocks against the powers `P_16..P_1` of `H` (the aggregated
//! Karatsuba sum of [`super::clmul`], one reduction per batch; GHASH runs
//! on the POLYVAL kernels through the byte reversal of RFC 8452
//! Appendix A). Encryption hashes the previous batch's output (already in
//! L1), decryption the batch's own input before it is overwritten. VAESENC
//! and VPCLMULQDQ are independent chains here, so the core overlaps them
//! instead of running two loops one after the other.
//!
//! **Scheduling.** Pair `7 - r` of the batch being hashed goes in after AES
//! round `r + 1` (`r < 8`), pinned there by an empty `asm!` ([`fence`])
//! that the 8 AES registers and the three GHASH sums pass through. Without
//! it LLVM runs the AES registers one after another to save registers (the
//! rounds become latency-bound) and spills; with it the loop has no spills.
//!
//! **AVX-512** ([`vaes512_gcm_xor_hash`], for an AES instance on
//! `Backend::Vaes512` with GHASH on `HashBackend::Vpclmul512`): the same
//! batches of 16 blocks, the AES state in 4 ZMM registers and the GHASH
//! products on ZMM, four blocks per VPCLMULQDQ: 12 carry-less multiplies
//! per batch instead of 24, each reduced lane by lane before one fold
//! ([`clmul::Acc4::reduce`]). The 32 EVEX registers hold the round keys,
//! the AES state and the sums (the hash powers are read as memory
//! operands); VPTERNLOGQ merges the three-way XORs.
//!
//! **Speed** (Zen 3, best of many 16 KiB runs): the CTR kernel alone
//! ~20 GB/s, GHASH alone ~18 GB/s, one after the other ~9.5 GB/s, this
//! kernel ~10.5 GB/s. On Zen 3 VAESENC (2 per cycle) and VPCLMULQDQ (YMM:
//! one per 2 cycles) share the FP0/FP1 pipes: a batch of AES-128 is 80
//! AES and 24 YMM carry-less multiplies, i.e. at least 64 cycles on those
//! two pipes, plus the XORs and shuffles that also land there; the kernel
//! runs at about 77. On this CPU the stitched loop is no faster than the
//! CTR kernel and then the GHASH kernel over 4 KiB chunks (16 KiB,
//! best of many: 8.1 against 8.0 GB/s; CTR alone 18, GHASH alone 14.7):
//! both are bound by the same two pipes. An `asm!` version of the batch
//! loop (explicit registers, round keys and powers as memory operands,
//! and counter blocks kept big-endian with a byte-wise add when no block
//! of the batch carries out of the last byte, saving the 8 VPSHUFB) ran
//! within the noise of this one (7.7–8.2 GB/s both) and was not kept.
//!
//! **Speed on Zen 4 with AVX-512** (EPYC family 25 model 17, ~3.6 GHz,
//! best of many 16 KiB runs of `speed_stitched`, AES-128, buffers at each
//! offset from a cache line): the YMM kernel 10.3–10.8 GB/s, the AVX-512
//! kernel 12.4–12.7 GB/s both ways (AES-192 ~12, AES-256 decryption ~11
//! against 9.8 on YMM). The AES rounds alone in this loop run at ~23 GB/s
//! (40 cycles a batch); the 12 ZMM carry-less multiplies (one per 2 cycles,
//! sharing the AES pipes), the fold and the reduction take the batch to
//! ~74 cycles. Encryption keeps the previous batch's ciphertext in
//! registers: reloading it right after the 64-byte stores ran at 9 GB/s on
//! buffers 16 bytes off a 32-byte boundary (split stores do not forward).
//! AES-256 encryption stays on the YMM kernel (`Inner::gcm_xor_hash`): with
//! 15 round keys and those registers live the ZMM loop spills and ran at
//! 7–9 GB/s. Whole messages through `Gcm` (`blockmodes speed --mode gcm
//! --size 16K --size 1M`, best of 6 interleaved runs on the shared
//! machine), before → after: AES-128 encryption 9.5 → 10.8 GB/s (16 KiB)
//! and 10.0 → 11.9 (1 MiB), decryption (which also copies the sealed
//! message in each run) 8.2 → 9.5 and 8.2 → 9.6; AES-256 decryption
//! 7.6 → 8.6 and 7.6 → 8.8. OpenSSL 3.0 `aes-128-gcm` ran 4.2–4.3 GB/s
//! in the same minutes (4.2–4.9 GB/s here on a quiet machine).

use core::arch::x86_64::{
    __m128i, __m256i, __m512i, _mm_shuffle_epi8, _mm_xor_si128, _mm256_add_epi32,
    _mm256_aesenc_epi128, _mm256_aesenclast_epi128, _mm256_broadcastsi128_si256,
    _mm256_castsi256_si128, _mm256_clmulepi64_epi128, _mm256_extracti128_si256, _mm256_loadu_si256,
    _mm256_set_m128i, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_shuffle_epi32,
    _mm256_storeu_si256, _mm256_xor_si256, _mm256_zextsi128_si256, _mm512_add_epi32,
    _mm512_aesenc_epi128, _mm512_aesenclast_epi128, _mm512_broadcast_i32x4,
    _mm512_clmulepi64_epi128, _mm512_set_epi32, _mm512_setzero_si512, _mm512_shuffle_epi8,
    _mm512_shuffle_epi32, _mm512_storeu_si512, _mm512_xor_si512, _mm512_zextsi128_si512,
};

use zeroize::Zeroize;

use super::clmul::{self, Acc, Acc4, N, PolyvalKey};
use super::ctr_x86::{self, swap_word_mask, vaes_ctr_regs, word_y};
use super::detect::{Vaes256, Vaes512, Vpclmul256, Vpclmul512};
use super::x86::load;

/// Blocks per batch: 8 YMM registers of AES state, and one GHASH
/// reduction over the 16 powers of `H`.
const BATCH: usize = 16;

/// Register pairs (two blocks) per batch.
const PAIRS: usize = BATCH / 2;

/// One batch of data, as the 8 register-sized pairs of blocks.
type Batch = [[u8; 32]; PAIRS];

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

/// The hash key laid out for a batch: pair `j` (blocks `2j`, `2j + 1`)
/// meets `h[j] = P_{16-2j} | P_{15-2j}` and its Karatsuba operands `k[j]`.
struct HashKey {
    h: [__m256i; PAIRS],
    k: [__m256i; PAIRS],
}

impl Drop for HashKey {
    fn drop(&mut self) {
        self.h.zeroize();
        self.k.zeroize();
    }
}

impl HashKey {
    #[target_feature(enable = "avx,avx2")]
    #[inline]
    fn new(powers: &[u128; N], karas: &[u128; N]) -> Self {
        let (p, _) = powers.as_chunks::<2>();
        let (k, _) = karas.as_chunks::<2>();
        let pair = |v: &[[u128; 2]], j: usize| {
            v.get(j).map_or(_mm256_setzero_si256(), |[a, b]| {
                _mm256_set_m128i(clmul::from_u128(*b), clmul::from_u128(*a))
            })
        };
        HashKey {
            h: core::array::from_fn(|j| pair(p, j)),
            k: core::array::from_fn(|j| pair(k, j)),
        }
    }
}

/// The running Karatsuba sums of one batch's products (see
/// [`clmul::Acc`]), two lanes wide.
struct Sums {
    lo: __m256i,
    mid: __m256i,
    hi: __m256i,
}

impl Sums {
    #[target_feature(enable = "avx")]
    #[inline]
    fn zero() -> Self {
        Sums {
            lo: _mm256_setzero_si256(),
            mid: _mm256_setzero_si256(),
            hi: _mm256_setzero_si256(),
        }
    }

    /// `self += X ⊗ h[j]` for the (byte-reversed) pair `x`: three
    /// VPCLMULQDQ.
    #[target_feature(enable = "avx,avx2,pclmulqdq,vpclmulqdq")]
    #[inline]
    fn mul_add(&mut self, hk: &HashKey, j: usize, x: __m256i) {
        let (h, k) = match (hk.h.get(j), hk.k.get(j)) {
            (Some(h), Some(k)) => (*h, *k),
            _ => return,
        };
        self.lo = _mm256_xor_si256(self.lo, _mm256_clmulepi64_epi128::<0x00>(x, h));
        self.hi = _mm256_xor_si256(self.hi, _mm256_clmulepi64_epi128::<0x11>(x, h));
        let xf = _mm256_xor_si256(x, _mm256_shuffle_epi32::<0x4e>(x));
        self.mid = _mm256_xor_si256(self.mid, _mm256_clmulepi64_epi128::<0x00>(xf, k));
    }

    /// Fold the two lanes and reduce: the new chain state
    /// `Σ X_j ⊗ P_{17-j} · x^-128 mod Q`.
    #[target_feature(enable = "avx,avx2,pclmulqdq")]
    #[inline]
    fn reduce(&self) -> __m128i {
        let fold =
            |v: __m256i| _mm_xor_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256::<1>(v));
        Acc {
            lo: fold(self.lo),
            mid: fold(self.mid),
            hi: fold(self.hi),
        }
        .reduce()
    }
}

/// Pair `j` of `src`, byte-reversed (GHASH's big-endian blocks as POLYVAL
/// integers), with the chain state `s` folded into block 0.
#[target_feature(enable = "avx,avx2")]
#[inline]
fn hash_input(src: &Batch, j: usize, rev: __m256i, s: __m128i) -> __m256i {
    let x = src.get(j).map_or(_mm256_setzero_si256(), |p| {
        _mm256_shuffle_epi8(load_y(p), rev)
    });
    if j == 0 {
        _mm256_xor_si256(x, _mm256_zextsi128_si256(s))
    } else {
        x
    }
}

/// GHASH of one batch without AES (the last batch of an encryption):
/// `reduce(Σ (X_j ^ [j = 1]·s) ⊗ P_{17-j})`.
#[target_feature(enable = "avx,avx2,pclmulqdq,vpclmulqdq")]
#[inline]
fn hash_batch(hk: &HashKey, rev: __m256i, s: __m128i, src: &Batch) -> __m128i {
    let mut sums = Sums::zero();
    for j in (0..PAIRS).rev() {
        sums.mul_add(hk, j, hash_input(src, j, rev, s));
    }
    sums.reduce()
}

/// One middle AES round (FIPS 197 §5.1: SubBytes, ShiftRows, MixColumns,
/// AddRoundKey) on the 8 registers.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn aes_round(x: &mut [__m256i; PAIRS], rk: __m256i) {
    for x in x.iter_mut() {
        *x = _mm256_aesenc_epi128(*x, rk);
    }
}

/// An empty `asm!` through which the 8 AES state registers and the three
/// GHASH sums pass after each round: it emits no instruction, but it pins
/// each round's VAESENC and each pair's VPCLMULQDQ between two fences, so
/// LLVM keeps the rounds of all 8 registers together (instead of running
/// registers one after another to save registers, which makes the rounds
/// latency-bound) and spreads the multiplies over the rounds.
#[target_feature(enable = "avx")]
#[inline]
fn fence(x: &mut [__m256i; PAIRS], sums: &mut Sums) {
    let [a, b, c, d, e, f, g, h] = x;
    // SAFETY: the template is empty: no instruction runs, no memory,
    // stack or flags are touched; the registers come back unchanged.
    unsafe {
        core::arch::asm!(
            "/* {0} {1} {2} {3} {4} {5} {6} {7} {8} {9} {10} */",
            inout(ymm_reg) * a,
            inout(ymm_reg) * b,
            inout(ymm_reg) * c,
            inout(ymm_reg) * d,
            inout(ymm_reg) * e,
            inout(ymm_reg) * f,
            inout(ymm_reg) * g,
            inout(ymm_reg) * h,
            inout(ymm_reg) sums.lo,
            inout(ymm_reg) sums.mid,
            inout(ymm_reg) sums.hi,
            options(nomem, nostack, preserves_flags),
        )
    }
}

/// One stitched batch: `data ^= CIPH_K(CB_0..CB_15)` from the counter
/// pair `base`, and the GHASH chain from `s` over `prev` (encryption: the
/// previous batch's ciphertext; `None` for the first batch) or over the
/// input `data` itself (`DEC`). Returns the new chain state. Pair `7 - r`
/// is hashed after AES round `r + 1`, the pair that takes `s` last.
#[target_feature(enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq")]
#[inline]
fn stitched<const R: usize, const DEC: bool>(
    k: &[__m256i; R],
    hk: &HashKey,
    base: __m256i,
    s: __m128i,
    prev: Option<&Batch>,
    data: &mut Batch,
) -> __m128i {
    let rev = _mm256_broadcastsi128_si256(clmul::rev_mask());
    let src: Option<&Batch> = if DEC { Some(&*data) } else { prev };
    let mut x = vaes_ctr_regs::<false, PAIRS>(base);
    for x in x.iter_mut() {
        *x = _mm256_xor_si256(*x, k[0]);
    }
    let mut sums = Sums::zero();
    // Rounds 1..=8, each followed by one pair of blocks into the GHASH
    // sums (pair 7 first, pair 0, which takes `s`, last): written out, as
    // LLVM does not unroll a loop around the `asm!` fence.
    if let Some(src) = src {
        let (x, sums) = (&mut x, &mut sums);
        let mut round = |r: usize, j: usize| {
            aes_round(x, k[r]);
            sums.mul_add(hk, j, hash_input(src, j, rev, s));
            fence(x, sums);
        };
        round(1, 7);
        round(2, 6);
        round(3, 5);
        round(4, 4);
        round(5, 3);
        round(6, 2);
        round(7, 1);
        round(8, 0);
    } else {
        for rk in &k[1..9] {
            aes_round(&mut x, *rk);
            fence(&mut x, &mut sums);
        }
    }
    for rk in &k[9..R - 1] {
        aes_round(&mut x, *rk);
        fence(&mut x, &mut sums);
    }
    // AES-128 has 9 middle rounds, so all 8 pairs are in by now.
    let s = if src.is_some() { sums.reduce() } else { s };
    for (p, x) in data.iter_mut().zip(x) {
        store_y(
            p,
            _mm256_aesenclast_epi128(x, _mm256_xor_si256(k[R - 1], load_y(p))),
        );
    }
    s
}

/// The batch loop for one direction; returns the chain state.
#[target_feature(enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq")]
#[inline]
fn batches<const R: usize, const DEC: bool>(
    k: &[__m256i; R],
    hk: &HashKey,
    mut base: __m256i,
    mut s: __m128i,
    data: &mut [Batch],
) -> __m128i {
    let step = word_y::<false>(BATCH as i32, BATCH as i32);
    let mut prev: Option<&Batch> = None;
    for b in data.iter_mut() {
        s = stitched::<R, DEC>(k, hk, base, s, prev, b);
        base = _mm256_add_epi32(base, step);
        if !DEC {
            let done: &Batch = b;
            prev = Some(done);
        }
    }
    if let Some(last) = prev {
        let rev = _mm256_broadcastsi128_si256(clmul::rev_mask());
        s = hash_batch(hk, rev, s, last);
    }
    s
}

/// GCM's body over the whole blocks of `data`, in place (NIST SP 800-38D
/// §6.5 GCTR and §6.4 GHASH): `data_j ^= CIPH_K(CB_j)`, `CB_j` = `counter`
/// with its last 32 bits (big-endian) increased by `j` mod 2^32 (`inc32`,
/// §6.2), and `Y_i = (Y_{i-1} ^ C_i) · H` over the ciphertext blocks `C_i`
/// — the output, or the input when `DEC`. `y` is the GHASH state in the
/// form [`PolyvalKey::update`] takes; `key` must be on the VPCLMULQDQ path
/// (its token, `_c`, proves it). `keys` are the `R = Nr + 1` encryption
/// round keys (FIPS 197 §5.2). A partial tail is left untouched.
#[target_feature(enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq,sse2,ssse3")]
pub(crate) fn vaes_gcm_xor_hash<const R: usize, const DEC: bool>(
    t: Vaes256,
    _c: Vpclmul256,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    key: &PolyvalKey,
    y: &mut u128,
    data: &mut [u8],
) {
    const { assert!(R >= 10) };
    let whole = data.len() / 16 * 16;
    let Some(data) = data.get_mut(..whole) else {
        return;
    };
    let (pairs, _) = data.as_chunks_mut::<32>();
    let (full, _) = pairs.as_chunks_mut::<PAIRS>();
    let done = full.len() * BATCH * 16;
    if !full.is_empty() {
        let mut k: [__m256i; R] =
            core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&keys[i])));
        let (powers, karas) = key.powers();
        let hk = HashKey::new(powers, karas);
        // Low lane CB_0, high lane CB_1, the counter word byte-swapped.
        let cb0 = _mm_shuffle_epi8(load(counter), swap_word_mask());
        let base = _mm256_add_epi32(_mm256_broadcastsi128_si256(cb0), word_y::<false>(0, 1));
        let s = batches::<R, DEC>(&k, &hk, base, clmul::from_u128(*y), full);
        *y = clmul::to_u128(s);
        k.zeroize();
    }
    whole_tail::<R, DEC>(t, keys, counter, key, y, data, done);
}

/// The whole blocks of `data` from byte `done` on (fewer than 16): the CTR
/// and GHASH kernels one after the other, in the order of the direction,
/// with the counter advanced by the `done / 16` blocks already processed.
#[target_feature(enable = "aes,avx,avx2,vaes,sse2,ssse3")]
#[inline]
fn whole_tail<const R: usize, const DEC: bool>(
    t: Vaes256,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    key: &PolyvalKey,
    y: &mut u128,
    data: &mut [u8],
    done: usize,
) {
    let Some(rest) = data.get_mut(done..) else {
        return;
    };
    if rest.is_empty() {
        return;
    }
    let mut cb = *counter;
    let mut w = [0u8; 4];
    w.copy_from_slice(&cb[12..]);
    let w = u32::from_be_bytes(w).wrapping_add((done / 16) as u32);
    cb[12..].copy_from_slice(&w.to_be_bytes());
    if DEC {
        *y = key.update::<true>(*y, rest.as_chunks::<16>().0);
    }
    ctr_x86::vaes_ctr32_xor(t, keys, &cb, false, rest);
    if !DEC {
        *y = key.update::<true>(*y, rest.as_chunks::<16>().0);
    }
    cb.zeroize();
}

// --- AVX-512: GHASH on ZMM ---------------------------------------------------

/// Quads (4 blocks, one ZMM register) per batch.
const QUADS: usize = BATCH / 4;

/// The hash key for the ZMM kernel: quad `j` (blocks `4j..4j + 3`) meets
/// `h[j] = P_{16-4j} | … | P_{13-4j}` and its Karatsuba operands `k[j]`.
struct HashKey4 {
    h: [__m512i; QUADS],
    k: [__m512i; QUADS],
}

impl Drop for HashKey4 {
    fn drop(&mut self) {
        self.h.zeroize();
        self.k.zeroize();
    }
}

impl HashKey4 {
    #[target_feature(enable = "avx512f")]
    #[inline]
    fn new(powers: &[u128; N], karas: &[u128; N]) -> Self {
        let (p, _) = powers.as_chunks::<4>();
        let (k, _) = karas.as_chunks::<4>();
        let quad = |v: &[[u128; 4]], j: usize| {
            v.get(j)
                .map_or(_mm512_setzero_si512(), |q| clmul::load_key4(q))
        };
        HashKey4 {
            h: core::array::from_fn(|j| quad(p, j)),
            k: core::array::from_fn(|j| quad(k, j)),
        }
    }

    /// `acc += X ⊗ h[j]` for the (byte-reversed) quad `x`: three
    /// VPCLMULQDQ on ZMM.
    #[target_feature(enable = "avx512f,vpclmulqdq")]
    #[inline]
    fn mul_add(&self, acc: &mut Acc4, j: usize, x: __m512i) {
        if let (Some(h), Some(k)) = (self.h.get(j), self.k.get(j)) {
            acc.mul_add(x, *h, *k);
        }
    }
}

/// Quad `j` of `src`, byte-reversed, with the chain state `s` folded into
/// block 0.
#[target_feature(enable = "avx512f,avx512bw")]
#[inline]
fn hash_input4(src: &[__m512i; QUADS], j: usize, rev: __m512i, s: __m128i) -> __m512i {
    let x = src
        .get(j)
        .map_or(_mm512_setzero_si512(), |q| _mm512_shuffle_epi8(*q, rev));
    if j == 0 {
        _mm512_xor_si512(x, _mm512_zextsi128_si512(s))
    } else {
        x
    }
}

/// [`hash_batch`] on ZMM.
#[target_feature(enable = "pclmulqdq,sse2,avx,avx2,vpclmulqdq,avx512f,avx512bw")]
#[inline]
fn hash_batch4(hk: &HashKey4, rev: __m512i, s: __m128i, src: &[__m512i; QUADS]) -> __m128i {
    let mut acc = Acc4::zero();
    for j in (0..QUADS).rev() {
        hk.mul_add(&mut acc, j, hash_input4(src, j, rev, s));
    }
    acc.reduce()
}

/// `w` in dword 3 of each of the four lanes (the byte-swapped big-endian
/// counter word, see [`vaes_ctr_regs`]), plus the lane's index when
/// `spread` (counter blocks `CB_0..CB_3` from four copies of `CB_0`).
#[target_feature(enable = "avx512f")]
#[inline]
fn word_z(w: i32, spread: bool) -> __m512i {
    let d = |i: i32| if spread { w + i } else { w };
    _mm512_set_epi32(d(3), 0, 0, 0, d(2), 0, 0, 0, d(1), 0, 0, 0, d(0), 0, 0, 0)
}

/// One middle AES round on the 4 ZMM registers (16 blocks).
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f")]
#[inline]
fn aes_round_z(x: &mut [__m512i; QUADS], rk: __m512i) {
    for x in x.iter_mut() {
        *x = _mm512_aesenc_epi128(*x, rk);
    }
}

/// [`fence`] for the AVX-512 kernel: the 4 ZMM registers of AES state
/// and the three ZMM GHASH sums.
#[target_feature(enable = "avx,avx512f")]
#[inline]
fn fence_z(x: &mut [__m512i; QUADS], acc: &mut Acc4) {
    let [a, b, c, d] = x;
    // SAFETY: the template is empty: no instruction runs, no memory,
    // stack or flags are touched; the registers come back unchanged.
    unsafe {
        core::arch::asm!(
            "/* {0} {1} {2} {3} {4} {5} {6} */",
            inout(zmm_reg) * a,
            inout(zmm_reg) * b,
            inout(zmm_reg) * c,
            inout(zmm_reg) * d,
            inout(zmm_reg) acc.lo,
            inout(zmm_reg) acc.mid,
            inout(zmm_reg) acc.hi,
            options(nomem, nostack, preserves_flags),
        )
    }
}

/// [`stitched`] on AVX-512: the AES rounds on 4 ZMM registers (four
/// blocks each; VAESENC on ZMM issues once per cycle, as many blocks as
/// two YMM), and the 12 ZMM carry-less products of the batch spread over
/// rounds 1–8, two or one after each (the low and high products of quad
/// `3 - q` after round `2q + 1`, its middle product after round `2q + 2`),
/// the quad that takes `s` last.
#[target_feature(enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq,avx512f,avx512vl,avx512bw")]
#[inline]
fn stitched_z<const R: usize, const DEC: bool>(
    k: &[__m512i; R],
    hk: &HashKey4,
    base: __m512i,
    s: __m128i,
    prev: Option<&[__m512i; QUADS]>,
    data: &mut Batch,
) -> (__m128i, [__m512i; QUADS]) {
    let rev = _mm512_broadcast_i32x4(clmul::rev_mask());
    let swap = _mm512_broadcast_i32x4(swap_word_mask());
    let (quads, _) = data.as_flattened_mut().as_chunks_mut::<64>();
    let input: [__m512i; QUADS] = core::array::from_fn(|j| {
        quads
            .get(j)
            .map_or(_mm512_setzero_si512(), |q| clmul::load4(q))
    });
    let src: Option<&[__m512i; QUADS]> = if DEC { Some(&input) } else { prev };
    let mut x: [__m512i; QUADS] = core::array::from_fn(|i| {
        let c = _mm512_add_epi32(base, word_z(4 * i as i32, false));
        _mm512_xor_si512(_mm512_shuffle_epi8(c, swap), k[0])
    });
    let mut acc = Acc4::zero();
    if let Some(src) = src {
        let xin: [__m512i; QUADS] = core::array::from_fn(|j| hash_input4(src, j, rev, s));
        let (x, acc) = (&mut x, &mut acc);
        // `part`: 1 = the low and high products of quad `j`, 2 = its
        // middle product.
        let mut round = |r: usize, j: usize, part: u8| {
            aes_round_z(x, k[r]);
            if let (Some(&xj), Some(&h), Some(&kk)) = (xin.get(j), hk.h.get(j), hk.k.get(j)) {
                if part == 1 {
                    acc.lo = _mm512_xor_si512(acc.lo, _mm512_clmulepi64_epi128::<0x00>(xj, h));
                    acc.hi = _mm512_xor_si512(acc.hi, _mm512_clmulepi64_epi128::<0x11>(xj, h));
                } else {
                    let xf = _mm512_xor_si512(xj, _mm512_shuffle_epi32::<0x4e>(xj));
                    acc.mid = _mm512_xor_si512(acc.mid, _mm512_clmulepi64_epi128::<0x00>(xf, kk));
                }
            }
            fence_z(x, acc);
        };
        round(1, 3, 1);
        round(2, 3, 2);
        round(3, 2, 1);
        round(4, 2, 2);
        round(5, 1, 1);
        round(6, 1, 2);
        round(7, 0, 1);
        round(8, 0, 2);
    } else {
        for rk in &k[1..9] {
            aes_round_z(&mut x, *rk);
            fence_z(&mut x, &mut acc);
        }
    }
    for rk in &k[9..R - 1] {
        aes_round_z(&mut x, *rk);
        fence_z(&mut x, &mut acc);
    }
    let s = if src.is_some() { acc.reduce() } else { s };
    let mut out = x;
    for ((q, o), d) in quads.iter_mut().zip(&mut out).zip(input) {
        *o = _mm512_aesenclast_epi128(*o, _mm512_xor_si512(k[R - 1], d));
        store_z(q, *o);
    }
    (s, out)
}

#[target_feature(enable = "avx512f")]
#[inline]
fn store_z(p: &mut [u8; 64], x: __m512i) {
    // SAFETY: `p` is 64 writable bytes; VMOVDQU64 has no alignment
    // requirement; AVX-512 F is enabled on this function.
    unsafe { _mm512_storeu_si512(p.as_mut_ptr().cast(), x) }
}

/// [`batches`] with [`stitched_z`].
#[target_feature(enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq,avx512f,avx512vl,avx512bw")]
#[inline]
fn batches_z<const R: usize, const DEC: bool>(
    k: &[__m512i; R],
    hk: &HashKey4,
    mut base: __m512i,
    mut s: __m128i,
    data: &mut [Batch],
) -> __m128i {
    let step = word_z(BATCH as i32, false);
    if DEC {
        for b in data.iter_mut() {
            (s, _) = stitched_z::<R, DEC>(k, hk, base, s, None, b);
            base = _mm512_add_epi32(base, step);
        }
        return s;
    }
    // Encryption hashes each batch's output, kept in registers (reloading
    // it from memory right after the stores stalls when the buffer is not
    // 32-byte aligned: the stores cross lines and do not forward).
    let Some((first, rest)) = data.split_first_mut() else {
        return s;
    };
    let (_, mut prev) = stitched_z::<R, DEC>(k, hk, base, s, None, first);
    for b in rest {
        base = _mm512_add_epi32(base, step);
        (s, prev) = stitched_z::<R, DEC>(k, hk, base, s, Some(&prev), b);
    }
    let rev = _mm512_broadcast_i32x4(clmul::rev_mask());
    s = hash_batch4(hk, rev, s, &prev);
    prev.zeroize();
    s
}

/// [`vaes_gcm_xor_hash`] with AVX-512: the AES rounds and the GHASH
/// products on ZMM (four blocks per VPCLMULQDQ, 12 per batch of 16 blocks
/// instead of 24), with 32 vector registers. `key` must be on the
/// ZMM path (its token, `_c`, proves it); `_w` proves AVX-512 for VAES.
#[target_feature(
    enable = "aes,avx,avx2,vaes,pclmulqdq,vpclmulqdq,sse2,ssse3,avx512f,avx512vl,avx512bw"
)]
pub(crate) fn vaes512_gcm_xor_hash<const R: usize, const DEC: bool>(
    _w: Vaes512,
    _c: Vpclmul512,
    keys: &[[u8; 16]; R],
    counter: &[u8; 16],
    key: &PolyvalKey,
    y: &mut u128,
    data: &mut [u8],
) {
    const { assert!(R >= 10) };
    let t = _w.vaes256();
    let whole = data.len() / 16 * 16;
    let Some(data) = data.get_mut(..whole) else {
        return;
    };
    let (pairs, _) = data.as_chunks_mut::<32>();
    let (full, _) = pairs.as_chunks_mut::<PAIRS>();
    let done = full.len() * BATCH * 16;
    if !full.is_empty() {
        let mut k: [__m512i; R] = core::array::from_fn(|i| _mm512_broadcast_i32x4(load(&keys[i])));
        let (powers, karas) = key.powers();
        let hk = HashKey4::new(powers, karas);
        let cb0 = _mm_shuffle_epi8(load(counter), swap_word_mask());
        let base = _mm512_add_epi32(_mm512_broadcast_i32x4(cb0), word_z(0, true));
        let s = batches_z::<R, DEC>(&k, &hk, base, clmul::from_u128(*y), full);
        *y = clmul::to_u128(s);
        k.zeroize();
    }
    whole_tail::<R, DEC>(t, keys, counter, key, y, data, done);
}

#[cfg(test)]
mod tests {
    extern crate std;

    use crate::aead::gcm::xor_hash;
    use crate::backend::{Aes128, Aes192, Aes256, Backend};
    use crate::kernels::Kernels;
    use crate::uhash::{Ghash, HashBackend};
    use cipher::{Array, consts::U16};
    use std::{println, vec, vec::Vec};

    /// splitmix64: deterministic test data.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
        fn fill(&mut self, b: &mut [u8]) {
            for b in b {
                *b = self.next() as u8;
            }
        }
    }

    /// Byte lengths: 0..=40 whole blocks, 100, 255..=257 and 1000 blocks,
    /// each also with a partial tail of 1..15 bytes, and 4096 + random.
    fn lengths(rng: &mut Rng) -> Vec<usize> {
        let mut v = Vec::new();
        for blocks in (0..=40).chain([100, 255, 256, 257, 1000, 1003]) {
            v.push(blocks * 16);
            v.push(blocks * 16 + 1 + (rng.next() % 15) as usize);
        }
        v.extend((0..4).map(|_| 4096 + (rng.next() % 600) as usize));
        v
    }

    /// The AES and GHASH paths the kernels run on: both AVX-512 (the ZMM
    /// kernel), both AVX2 (the YMM kernel), and the mixed pairs (the YMM
    /// kernel).
    const PATHS: [(Backend, HashBackend); 4] = [
        (Backend::Vaes512, HashBackend::Vpclmul512),
        (Backend::Vaes256, HashBackend::Vpclmul256),
        (Backend::Vaes512, HashBackend::Vpclmul256),
        (Backend::Vaes256, HashBackend::Vpclmul512),
    ];

    /// The kernels (through the cipher's `Kernels`) against the generic
    /// core on the portable AES and portable GHASH, both directions, from a
    /// random GHASH state, counters that wrap mod 2^32 or not, on each pair
    /// of [`PATHS`] the CPU runs.
    fn check<C, F>(key_len: usize, make: F)
    where
        C: Kernels<BlockSize = U16>,
        F: Fn(&[u8], Backend) -> Option<C>,
    {
        for (aes, gh) in PATHS {
            check_on(key_len, &make, aes, gh);
        }
    }

    fn check_on<C, F>(key_len: usize, make: &F, aes: Backend, gh: HashBackend)
    where
        C: Kernels<BlockSize = U16>,
        F: Fn(&[u8], Backend) -> Option<C>,
    {
        let mut rng = Rng(key_len as u64);
        for round in 0..3 {
            let mut key = vec![0u8; key_len];
            rng.fill(&mut key);
            let (Some(fast), Some(slow)) = (make(&key, aes), make(&key, Backend::Portable)) else {
                println!("{aes} not supported: skipped");
                return;
            };
            let mut h = [0u8; 16];
            rng.fill(&mut h);
            let Ok(mut g_fast) = Ghash::new_with_backend(&h, gh) else {
                println!("{gh} not supported: skipped");
                return;
            };
            let Ok(mut g_slow) = Ghash::new_with_backend(&h, HashBackend::Portable) else {
                panic!("portable GHASH");
            };
            let mut pre = [0u8; 48];
            rng.fill(&mut pre);
            g_fast.update_padded(&pre[..(round * 16 + 5)]);
            g_slow.update_padded(&pre[..(round * 16 + 5)]);
            for len in lengths(&mut rng) {
                let mut cb = [0u8; 16];
                rng.fill(&mut cb);
                if round == 1 {
                    // Wraps within the first batches.
                    cb[12..].copy_from_slice(&(u32::MAX - 20).to_be_bytes());
                }
                let cb = Array::<u8, U16>::from(cb);
                let mut data = vec![0u8; len];
                rng.fill(&mut data);
                for decrypt in [false, true] {
                    let mut a = data.clone();
                    let mut b = data.clone();
                    fast.gcm_xor_hash(&cb, &mut g_fast, &mut a, decrypt);
                    xor_hash(&slow, &cb, &mut g_slow, &mut b, decrypt);
                    assert_eq!(a, b, "{aes}/{gh} key {key_len} len {len} dec {decrypt}");
                    assert_eq!(
                        g_fast.finalize(),
                        g_slow.finalize(),
                        "ghash: {aes}/{gh} key {key_len} len {len} dec {decrypt}"
                    );
                    // The tail is untouched.
                    let whole = len / 16 * 16;
                    assert_eq!(a[whole..], data[whole..]);
                }
            }
        }
    }

    #[test]
    fn matches_generic_aes128() {
        check(16, |k, b| {
            Aes128::new_with_backend(k.try_into().ok()?, b).ok()
        });
    }

    #[test]
    fn matches_generic_aes192() {
        check(24, |k, b| {
            Aes192::new_with_backend(k.try_into().ok()?, b).ok()
        });
    }

    #[test]
    fn matches_generic_aes256() {
        check(32, |k, b| {
            Aes256::new_with_backend(k.try_into().ok()?, b).ok()
        });
    }

    /// Through `Gcm`: an instance on VAES (and the default GHASH path)
    /// against one on the portable AES (the generic core), random nonces,
    /// AAD and every length up to 300 bytes and more up to 2000 (partial
    /// blocks included), both directions; a tampered tag fails and zeroes
    /// the buffer.
    fn gcm_pair<C: Kernels<BlockSize = U16>>(seed: u64, fast: C, slow: C) {
        use crate::aead::{Aead, Gcm};
        let mut rng = Rng(seed);
        let fast = Gcm::new(fast);
        let slow = Gcm::new(slow);
        for len in (0..300).chain((300..=2000).step_by(7)).chain([4111]) {
            let mut nonce = vec![0u8; if len % 5 == 0 { 1 + len % 30 } else { 12 }];
            rng.fill(&mut nonce);
            let mut aad = vec![0u8; (rng.next() % 40) as usize];
            rng.fill(&mut aad);
            let mut msg = vec![0u8; len];
            rng.fill(&mut msg);
            let mut a = msg.clone();
            let mut b = msg.clone();
            let ta = fast
                .encrypt_in_place_detached(&nonce, &aad, &mut a)
                .unwrap();
            let tb = slow
                .encrypt_in_place_detached(&nonce, &aad, &mut b)
                .unwrap();
            assert_eq!(a, b, "len {len}");
            assert_eq!(ta.as_slice(), tb.as_slice(), "len {len}");
            let mut c = a.clone();
            slow.decrypt_in_place_detached(&nonce, &aad, &mut c, ta.as_slice())
                .unwrap();
            assert_eq!(c, msg);
            fast.decrypt_in_place_detached(&nonce, &aad, &mut a, ta.as_slice())
                .unwrap();
            assert_eq!(a, msg);
            let mut bad = ta.as_slice().to_vec();
            bad[len % 16] ^= 1 << (len % 8);
            assert!(
                fast.decrypt_in_place_detached(&nonce, &aad, &mut b, &bad)
                    .is_err()
            );
            assert!(b.iter().all(|&x| x == 0));
            // A flipped ciphertext bit fails too.
            let mut ct = msg.clone();
            fast.encrypt_in_place_detached(&nonce, &aad, &mut ct)
                .unwrap();
            if let Some(x) = ct.get_mut(len / 2) {
                *x ^= 0x80;
                let r = fast.decrypt_in_place_detached(&nonce, &aad, &mut ct, ta.as_slice());
                assert!(r.is_err());
                assert!(ct.iter().all(|&x| x == 0));
            }
        }
    }

    #[test]
    fn gcm_matches_portable() {
        let mut rng = Rng(7);
        let mut k = [0u8; 32];
        rng.fill(&mut k);
        for fast in [Backend::Vaes512, Backend::Vaes256] {
            let (Ok(f), Ok(s)) = (
                Aes128::new_with_backend(k[..16].try_into().unwrap(), fast),
                Aes128::new_with_backend(k[..16].try_into().unwrap(), Backend::Portable),
            ) else {
                continue;
            };
            gcm_pair(1, f, s);
            let (Ok(f), Ok(s)) = (
                Aes192::new_with_backend(k[..24].try_into().unwrap(), fast),
                Aes192::new_with_backend(k[..24].try_into().unwrap(), Backend::Portable),
            ) else {
                continue;
            };
            gcm_pair(2, f, s);
            let (Ok(f), Ok(s)) = (
                Aes256::new_with_backend(&k.into(), fast),
                Aes256::new_with_backend(&k.into(), Backend::Portable),
            ) else {
                continue;
            };
            gcm_pair(3, f, s);
        }
    }

    /// Best-of-many GB/s of `f` over `bytes` per call: the minimum time of
    /// short runs, so other processes on the machine matter less.
    fn best_gbs(bytes: usize, mut f: impl FnMut()) -> f64 {
        use std::time::Instant;
        let reps = (1 << 22) / bytes + 1;
        let mut best = f64::MAX;
        for _ in 0..300 {
            let start = Instant::now();
            for _ in 0..reps {
                f();
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        (reps * bytes) as f64 / best / 1e9
    }

    /// GB/s of the stitched kernels alone at 16 KiB, AES-128 (run with
    /// `--ignored`).
    #[test]
    #[ignore]
    fn speed_stitched() {
        for (aes_path, gh_path) in [PATHS[0], PATHS[1]] {
            if let (Ok(a), Ok(b)) = (
                Aes128::new_with_backend(&[1; 16].into(), aes_path),
                Aes256::new_with_backend(&[1; 32].into(), aes_path),
            ) {
                speed_stitched_on(&a, "AES-128", aes_path, gh_path);
                speed_stitched_on(&b, "AES-256", aes_path, gh_path);
                if let Ok(c) = Aes192::new_with_backend(&[1; 24].into(), aes_path) {
                    speed_stitched_on(&c, "AES-192", aes_path, gh_path);
                }
            }
        }
    }

    fn speed_stitched_on<C: Kernels<BlockSize = U16>>(
        aes: &C,
        name: &str,
        aes_path: Backend,
        gh_path: HashBackend,
    ) {
        let Ok(mut g) = Ghash::new_with_backend(&[2; 16], gh_path) else {
            return;
        };
        let cb = Array::<u8, U16>::from([3; 16]);
        let mut v = vec![0u8; 16384 + 128];
        // Each offset of the buffer from a 64-byte line.
        for off in [0, 16, 32, 48] {
            let start = (64 - v.as_ptr() as usize % 64) % 64 + off;
            let buf = &mut v[start..start + 16384];
            let e = best_gbs(16384, || aes.gcm_xor_hash(&cb, &mut g, buf, false));
            let d = best_gbs(16384, || aes.gcm_xor_hash(&cb, &mut g, buf, true));
            println!("{name} {aes_path}/{gh_path} +{off}: enc {e:.2} dec {d:.2} GB/s");
        }
    }

    /// GB/s of the stitched kernel against the generic core (the CTR
    /// kernel, then GHASH) on the same instance, and of whole GCM messages
    /// (run with `--ignored`).
    #[test]
    #[ignore]
    fn speed_kernel() {
        for (aes, gh) in PATHS {
            speed_on(aes, gh);
        }
    }

    fn speed_on(aes_path: Backend, gh_path: HashBackend) {
        use crate::aead::{Aead, Gcm};
        let (Ok(aes), Ok(ghash)) = (
            Aes128::new_with_backend(&[1; 16].into(), aes_path),
            Ghash::new_with_backend(&[2; 16], gh_path),
        ) else {
            return;
        };
        println!("{aes_path} / {gh_path}:");
        let cb = Array::<u8, U16>::from([3; 16]);
        let gcm = Gcm::new(aes.clone());
        {
            let mut buf = vec![0u8; 16384];
            let mut g = ghash.clone();
            let gh = best_gbs(16384, || g.update_padded(&buf));
            let ctr = best_gbs(16384, || {
                aes.ctr32_xor(&cb, crate::kernels::Ctr32::BeLast, &mut buf)
            });
            println!("   16384 GHASH alone {gh:.2} GB/s, CTR alone {ctr:.2} GB/s");
        }
        for size in [16384, 1 << 20] {
            let mut buf = vec![0u8; size];
            for decrypt in [false, true] {
                let mut g = ghash.clone();
                let s = best_gbs(size, || aes.gcm_xor_hash(&cb, &mut g, &mut buf, decrypt));
                let generic = best_gbs(size, || xor_hash(&aes, &cb, &mut g, &mut buf, decrypt));
                let msg = if decrypt {
                    let mut sealed = buf.clone();
                    let tag = gcm
                        .encrypt_in_place_detached(&[0; 12], b"", &mut sealed)
                        .unwrap();
                    best_gbs(size, || {
                        buf.copy_from_slice(&sealed);
                        let _ =
                            gcm.decrypt_in_place_detached(&[0; 12], b"", &mut buf, tag.as_slice());
                    })
                } else {
                    best_gbs(size, || {
                        let _ = gcm.encrypt_in_place_detached(&[0; 12], b"", &mut buf);
                    })
                };
                println!(
                    "{size:>8} dec={decrypt:<5} stitched {s:.2} generic {generic:.2} GB/s (x{:.2}); Gcm {msg:.2} GB/s",
                    s / generic
                );
            }
        }
    }
}
