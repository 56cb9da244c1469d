//! XTS-AES whole-block kernels (IEEE Std 1619-2018 §5.3.1 encryption and
//! §5.4.1 decryption of the whole blocks of one data unit, with the tweak
//! update `T_{j+1} = T_j ⊗ α` of §5.2) on x86-64 with VAES and AVX-512
//! (four blocks per ZMM register), VAES (two blocks per YMM register) and
//! AES-NI (one block per XMM register).
//!
//! For block `j`: `C_j = E_K1(P_j ^ T_j) ^ T_j` and
//! `P_j = D_K1(C_j ^ T_j) ^ T_j`, where `T_0` is the tweak already encrypted
//! with `Key2` by the caller. The VAES kernel runs 16 blocks per batch in 8
//! YMM registers, their tweaks `(T_{2i}, T_{2i+1})` one pair per register,
//! loaded from a small stack buffer. The tweaks are made in general-purpose
//! registers ([`Chain`]: `T ⊗ α` is ADD, ADC, and a SARX/AND/XOR mask that
//! folds bit 127 back as `0x87`: no branch or index on the secret tweak),
//! two chain steps after each of the first 8 AES rounds, for the batch two
//! ahead (three buffers in turn: a 32-byte load of tweaks stored by 8-byte
//! stores less than a batch earlier would stall on store forwarding).
//! Each block is loaded once, xored with
//! `T_j ^ K_0`, run through the rounds, finished by AESENCLAST with
//! `T_j ^ K_Nr` (the last round ends with AddRoundKey, so the output xor
//! folds into it) and stored once. The AES-NI kernel does the same with 8
//! XMM registers, one chain step after each of the first 8 rounds (MOV and
//! SAR for the mask: its token does not include BMI2).
//!
//! With AVX-512 (F, VL, BW) a third kernel runs four blocks per ZMM
//! register, 32 blocks per batch: the 8 block registers, their 8 tweak
//! registers (`⊗ α^32` per batch: two byte shifts, three shifts and two
//! VPTERNLOG three-way xors) and the round keys all fit in the 32 EVEX
//! registers, so nothing is parked; the update of tweak register `i` is
//! written after round `i + 1`, which lets the tweak arithmetic fill the
//! pipe slots the rounds leave free.
//!
//! Speed (16 KiB per call, AES-128, best of 100 runs against ECB on the
//! same path; `cargo test --release --all-features --lib xts_x86 --
//! --ignored --nocapture`). Zen 3 (AVX2, 2026-12-06): VAES 94–96% of VAES
//! ECB (17.4–17.5 of 18.3–18.6 GB/s; 90% before the batch loop lost its
//! `n % 3`, see below; 85–87% with MOV+SAR for the mask instead of BMI2's
//! SARX: the loop is bound by µops, not by any one pipe). Before, the
//! tweak pairs were updated in vector registers (`⊗ α^16` with byte shifts, shifts and xors between the
//! rounds, parked in memory): 74–76%. An instruction-loop model of that op
//! mix gave the same 75%: on Zen 3 every byte shift or shift beside VAESENC
//! costs ~0.3 of an AES slot. With the tweaks from the chain the vector
//! side is ECB plus two xors per register; a single chain of 16 steps
//! (~40 cycles) keeps up with the ~44-cycle batch, while two chains joined
//! by a `⊗ α^8` jump measured slower (more µops), LLVM's SHLD made the
//! chain too slow (50%), and so did round-key memory operands. AES-NI:
//! 99–104% of AES-NI ECB (9.2–9.8 GB/s; 75% with the vector update).
//!
//! The whole `Xts::encrypt_unit` call (16 KiB, `SPEED_SECS=1 SPEED_ROUNDS=3
//! cargo bench --bench speed -- xts ecb-enc`, Zen 3, vaes256, CPU time,
//! best of 3, five runs after, three before, 2026-12-06): 15.2–15.3 →
//! 15.8–16.8 GB/s, 1.84–1.88x → 1.93–2.07x OpenSSL (1 MiB: 15.4–16.3 →
//! 16.4–17.1 GB/s, 1.89–1.96x → 1.98–2.11x; decryption the same within
//! the noise). What it took, from rdtsc loops per call
//! in the lib-test build (kernel alone, the `Kernels` call and
//! `encrypt_unit`, interleaved; 1 TSC tick ≈ 1.3 cycles):
//! - The batch loop chose its tweak buffers by `n % 3` (a multiply, a
//!   dozen µops and two branches per batch in a loop bound by µops):
//!   [`chain_batches`] now runs the chained batches three at a time with
//!   the buffers fixed, 37 → 33.5 TSC per batch (ECB: 33).
//! - The chain's start and end went through a 16-byte array wiped by
//!   `Zeroize` a byte at a time, and `xts.rs` wiped its tweaks the same way
//!   (16 byte stores each, three per call): the chain now moves between
//!   vector and general registers directly ([`Chain::from_x`],
//!   [`Chain::to_x`]) and `xts.rs` wipes with one 16-byte store; the call
//!   minus the kernel 117 → ~50 TSC.
//! - Left: ~140 TSC of set-up and wind-down per call (first tweak,
//!   broadcast keys, the first two batches' tweaks, the buffers' zeroing
//!   and wiping, the last batch's latency; ECB has ~60), and a buffer 16
//!   bytes past a 32-byte boundary (what `malloc` gives the bench) costs
//!   2–6% at 16 KiB, half of the pairs straddling a cache line. Setting
//!   block 0 aside (run at the end with the last block in one register) to
//!   align the batches measured slower in every build tried: the extra
//!   code changed how LLVM inlined and laid out the batch loop (5–10%,
//!   also on aligned data), and with the last partial batch after it, the
//!   aligned rest was no faster. The loop itself is sensitive to the code
//!   around it: the same batch source measured 33.5 or 35–37 TSC per
//!   batch with how LLVM inlined and placed it (out of line, each round
//!   key loaded as used, was the fast case; inlined with register moves
//!   between the rounds the slow one), so a change here needs measuring
//!   in the bench build, not only the lib tests.
//!
//! Measured later (Zen 3, 2026-12-06, third session; per call, best of
//! many rdtsc loops through the public API, both builds run in turns):
//! - The VAES batch is ~245 µops (80 rounds, 24 + 24 for the whitening,
//!   112 for the chain's 16 steps with their 32 eight-byte stores), so
//!   the loop is near the 6-wide dispatch limit as well as the AES pipes,
//!   and it issues ~80 memory operations a batch against ECB's ~25.
//!   Round keys as memory operands of the VAESENCs (an `asm!` round, all
//!   keys read by the instructions) made it 36% slower (16 KiB: 2284 →
//!   3105 TSC): 80 more loads a batch exceed the three address units.
//!   Holding the 8 tweak pairs in registers through the rounds (a fence on
//!   16 registers) made LLVM spill around every round (2.5x slower).
//! - Host noise hits this kernel harder than ECB: with the host's other
//!   thread on the core busy (a KVM guest), runs of the same binary drop
//!   to 45–65% of ECB for seconds at a time while ECB keeps its speed, as
//!   a µop- and store-heavy loop shares the core's dispatch, store queue
//!   and ALUs with the neighbour. OpenSSL's XTS (vector tweaks, AES-NI)
//!   loses less, so single bench runs on a busy host show 1.7–1.9x
//!   OpenSSL against 1.97–2.06x on a quiet one.
//! - Reading the round keys with volatile loads where they are used (as
//!   the backend's `run_y` does, so that no unwiped copy of them is left
//!   in LLVM's spill slots) made this kernel 10% slower (16 KiB 2278 →
//!   2505 TSC), so here LLVM still keeps its own stack copies of some
//!   broadcast keys in the batch loop; the wipe of `k` does not reach them.
//! - Wiping the three tweak buffers with 32-byte stores (24 instead of
//!   48) took one 256-byte unit per call from 153–157 to 146–149 TSC; a
//!   16 KiB unit costs ~2290–2340 TSC in the kernel (ECB 2050–2090) and
//!   ~60 more through `encrypt_unit` (the first tweak's AES latency).
//!
//! Sector runs (`Xts::*_sectors`: many units in one call, their first
//! tweaks encrypted up front): with units of 512 bytes to 2 KiB the VAES
//! path runs all their batches as one stream ([`vaes_xts_stream_encrypt`]),
//! the chain restarting from the next unit's `T_0` two batches ahead, so a
//! unit costs its batches without the per-unit vector set-up and pipeline
//! fill. Per 64 KiB of sectors (Zen 3, best rdtsc loops): 512 B 16430 →
//! 11810 TSC (9.8 → 13.6 GB/s), 1 KiB 13090 → 11050, 2 KiB 11040 →
//! 10630; 4 KiB units stay unit by unit (~9750, see
//! [`STREAM_MAX_BATCHES`]).
//!
//! Zen 4 (AVX-512): the ZMM kernel 97% of ECB (21.1 GB/s); with the tweak
//! update after the batch instead of between the rounds: 83%, with no
//! update at all: 97%.

use core::arch::x86_64::{
    __m128i, __m256i, __m512i, _mm_add_epi64, _mm_aesdec_si128, _mm_aesdeclast_si128,
    _mm_aesenc_si128, _mm_aesenclast_si128, _mm_and_si128, _mm_bslli_si128, _mm_bsrli_si128,
    _mm_cvtsi32_si128, _mm_cvtsi128_si64, _mm_set_epi64x, _mm_setzero_si128, _mm_shuffle_epi32,
    _mm_sll_epi64, _mm_slli_epi64, _mm_srl_epi64, _mm_storeu_si128, _mm_unpackhi_epi64,
    _mm_xor_si128, _mm256_add_epi64, _mm256_aesdec_epi128, _mm256_aesdeclast_epi128,
    _mm256_aesenc_epi128, _mm256_aesenclast_epi128, _mm256_and_si256, _mm256_broadcastsi128_si256,
    _mm256_bslli_epi128, _mm256_bsrli_epi128, _mm256_castsi256_si128, _mm256_loadu_si256,
    _mm256_set_epi64x, _mm256_set_m128i, _mm256_setzero_si256, _mm256_shuffle_epi32,
    _mm256_sll_epi64, _mm256_slli_epi64, _mm256_srl_epi64, _mm256_storeu_si256, _mm256_xor_si256,
    _mm512_add_epi64, _mm512_aesdec_epi128, _mm512_aesdeclast_epi128, _mm512_aesenc_epi128,
    _mm512_aesenclast_epi128, _mm512_and_si512, _mm512_broadcast_i32x4, _mm512_bslli_epi128,
    _mm512_bsrli_epi128, _mm512_loadu_si512, _mm512_set_epi64, _mm512_shuffle_epi32,
    _mm512_sll_epi64, _mm512_slli_epi64, _mm512_sllv_epi64, _mm512_srl_epi64, _mm512_srlv_epi64,
    _mm512_storeu_si512, _mm512_ternarylogic_epi64, _mm512_xor_si512,
};

use zeroize::Zeroize;

use super::detect::{AesNi, Vaes256, Vaes512};
use super::x86::{fence_x, fence_y, load, store};

/// Two adjacent blocks (one YMM register).
type Pair = [[u8; 16]; 2];

// --- GF(2^128) multiplication by α^k (§5.2) ----------------------------------

/// `x ⊗ α^k` for `0 <= k <= 57` (§5.2 applied `k` times): the block as a
/// little-endian 128-bit integer shifted left by `k`, with the `k` bits
/// shifted out (`c`) folded back as `c ⊗ 0x87` (`x^128 = x^7 + x^2 + x + 1`;
/// for `k <= 57`, `c ⊗ 0x87 = c ^ c<<1 ^ c<<2 ^ c<<7` fits the low qword).
/// `k` is public; `x` is secret and only ever shifted, never branched on.
#[target_feature(enable = "sse2")]
#[inline]
fn mul_alpha_x(x: __m128i, k: i32) -> __m128i {
    // Each qword shifted left; the bits leaving each qword.
    let s = _mm_sll_epi64(x, _mm_cvtsi32_si128(k));
    let c = _mm_srl_epi64(x, _mm_cvtsi32_si128(64 - k));
    // Swap the qwords: the low qword's carry goes up into the high qword,
    // the high qword's (out of bit 127) comes down to be reduced.
    let cs = _mm_shuffle_epi32::<0x4e>(c);
    let lo = _mm_and_si128(cs, _mm_set_epi64x(0, -1));
    let lo1 = _mm_add_epi64(lo, lo);
    let lo2 = _mm_add_epi64(lo1, lo1);
    let lo7 = _mm_slli_epi64::<7>(lo);
    _mm_xor_si128(
        _mm_xor_si128(s, cs),
        _mm_xor_si128(_mm_xor_si128(lo1, lo2), lo7),
    )
}

/// [`mul_alpha_x`] on both 128-bit lanes of a YMM register.
#[target_feature(enable = "avx,avx2")]
#[inline]
fn mul_alpha_y(x: __m256i, k: i32) -> __m256i {
    let s = _mm256_sll_epi64(x, _mm_cvtsi32_si128(k));
    let c = _mm256_srl_epi64(x, _mm_cvtsi32_si128(64 - k));
    let cs = _mm256_shuffle_epi32::<0x4e>(c);
    let lo = _mm256_and_si256(cs, _mm256_set_epi64x(0, -1, 0, -1));
    let lo1 = _mm256_add_epi64(lo, lo);
    let lo2 = _mm256_add_epi64(lo1, lo1);
    let lo7 = _mm256_slli_epi64::<7>(lo);
    _mm256_xor_si256(
        _mm256_xor_si256(s, cs),
        _mm256_xor_si256(_mm256_xor_si256(lo1, lo2), lo7),
    )
}

/// `x ⊗ α^8` (§5.2 eight times) with byte shifts: the block shifted up
/// one byte (`x << 8` across the whole 128 bits), and its top byte `c`
/// folded back as `c ⊗ 0x87 = c ^ c<<1 ^ c<<2 ^ c<<7`. Cheaper than
/// [`mul_alpha_x`] in the batch loop.
#[target_feature(enable = "sse2")]
#[inline]
fn mul_alpha8_x(x: __m128i) -> __m128i {
    let s = _mm_bslli_si128::<1>(x);
    let c = _mm_bsrli_si128::<15>(x);
    let c1 = _mm_add_epi64(c, c);
    let c2 = _mm_add_epi64(c1, c1);
    let c7 = _mm_slli_epi64::<7>(c);
    _mm_xor_si128(
        _mm_xor_si128(s, c),
        _mm_xor_si128(_mm_xor_si128(c1, c2), c7),
    )
}

/// `x ⊗ α^16` on both lanes with byte shifts (see [`mul_alpha8_x`]): the
/// lanes shifted up two bytes, their top 16 bits folded back with `0x87`.
#[target_feature(enable = "avx,avx2")]
#[inline]
fn mul_alpha16_y(x: __m256i) -> __m256i {
    let s = _mm256_bslli_epi128::<2>(x);
    let c = _mm256_bsrli_epi128::<14>(x);
    let c1 = _mm256_add_epi64(c, c);
    let c2 = _mm256_add_epi64(c1, c1);
    let c7 = _mm256_slli_epi64::<7>(c);
    _mm256_xor_si256(
        _mm256_xor_si256(s, c),
        _mm256_xor_si256(_mm256_xor_si256(c1, c2), c7),
    )
}

/// The data units of a multi-unit call: the whole blocks of `data` cut
/// into units of `unit_blocks` blocks (`usize::MAX`: one unit), unit `u`
/// run by `f` from `first_tweaks[u]` (units past the end of `first_tweaks`
/// continue the chain); returns the tweak after the last whole block.
#[inline(always)]
fn for_each_unit(
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
    mut f: impl FnMut(&mut [u8; 16], &mut [u8]),
) -> [u8; 16] {
    let whole = data.len() / 16 * 16;
    let unit_bytes = unit_blocks.max(1).saturating_mul(16);
    let mut t = first_tweaks.first().copied().unwrap_or_default();
    for (u, unit) in data[..whole].chunks_mut(unit_bytes).enumerate() {
        if let Some(s) = first_tweaks.get(u).filter(|_| u > 0) {
            t = *s;
        }
        f(&mut t, unit);
    }
    t
}

/// When a multi-unit call runs as one stream of batches (see
/// [`xts_stream_y`]): two units or more, each 2 to [`STREAM_MAX_BATCHES`]
/// whole 16-block batches, `data` exactly those units and one first tweak
/// per unit (the sector runs of `Xts::*_sectors` with sectors of 512 bytes
/// to 2 KiB in steps of 256). The batches per unit, if so.
#[inline]
pub(crate) fn stream_units(
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    len: usize,
) -> Option<usize> {
    let units = first_tweaks.len();
    let unit_batches = unit_blocks / 16;
    let fits = units >= 2
        && unit_blocks.is_multiple_of(16)
        && (2..=STREAM_MAX_BATCHES).contains(&unit_batches)
        && unit_blocks.checked_mul(16 * units) == Some(len);
    fits.then_some(unit_batches)
}

/// The longest units (in 16-block batches) that [`stream_units`] streams.
/// LLVM does not inline the streamed loop's batch as it does the one-unit
/// loop's (~40 TSC a batch against ~35, Zen 3), which outweighs the
/// per-unit set-up the stream saves from 16 batches (4 KiB) on: per 64 KiB
/// of sectors, 512 B 16430 → 11740 TSC, 1 KiB 13050 → 10990, 2 KiB 11040
/// → 10500, 4 KiB 10000 → 10240 (so 4 KiB sectors keep the unit loop).
const STREAM_MAX_BATCHES: usize = 8;

// --- VAES (YMM) --------------------------------------------------------------

#[target_feature(enable = "avx")]
#[inline]
fn load_pair(p: &Pair) -> __m256i {
    // SAFETY: `[[u8; 16]; 2]` is 32 contiguous readable bytes; VMOVDQU has
    // no alignment requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(p.as_ptr().cast()) }
}

#[target_feature(enable = "avx")]
#[inline]
fn store_pair(p: &mut Pair, x: __m256i) {
    // SAFETY: as in `load_pair`, 32 contiguous writable bytes.
    unsafe { _mm256_storeu_si256(p.as_mut_ptr().cast(), x) }
}

/// The whitening values of one batch: `first[i] = T ^ K_0` (xored into the
/// block before the rounds) and `last[i] = T ^ K_Nr` (the last round's key:
/// AESENCLAST / AESDECLAST end with AddRoundKey, so this also does the
/// final `^ T`).
struct Whiten<V, const M: usize> {
    first: [V; M],
    last: [V; M],
}

/// [`Whiten`] for `M` tweak pairs (the short batches at the end).
#[target_feature(enable = "avx,avx2")]
#[inline]
fn whiten_y<const R: usize, const M: usize>(
    k: &[__m256i; R],
    t: [__m256i; M],
) -> Whiten<__m256i, M> {
    Whiten {
        first: t.map(|t| _mm256_xor_si256(t, k[0])),
        last: t.map(|t| _mm256_xor_si256(t, k[R - 1])),
    }
}

/// One batch of `2M` blocks in place:
/// `b_j = E_K(b_j ^ T_j) ^ T_j` (or `D_K` with the Equivalent Inverse
/// Cipher keys when `DEC`), §5.3.1 / §5.4.1 steps on each whole block,
/// with `w` from the tweaks (see [`Whiten`]).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn batch_y<const R: usize, const M: usize, const DEC: bool>(
    k: &[__m256i; R],
    w: &Whiten<__m256i, M>,
    b: &mut [Pair; M],
) {
    let mut x = w.first;
    for (x, b) in x.iter_mut().zip(b.iter()) {
        *x = _mm256_xor_si256(load_pair(b), *x);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = if DEC {
                _mm256_aesdec_epi128(*x, *rk)
            } else {
                _mm256_aesenc_epi128(*x, *rk)
            };
        }
    }
    for i in 0..M {
        let y = if DEC {
            _mm256_aesdeclast_epi128(x[i], w.last[i])
        } else {
            _mm256_aesenclast_epi128(x[i], w.last[i])
        };
        store_pair(&mut b[i], y);
    }
}

/// One AES round (AESENC, or AESDEC when `DEC`) on 8 registers, then
/// [`fence_y`].
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn round_y<const DEC: bool>(x: &mut [__m256i; 8], rk: __m256i) {
    for x in x.iter_mut() {
        *x = if DEC {
            _mm256_aesdec_epi128(*x, rk)
        } else {
            _mm256_aesenc_epi128(*x, rk)
        };
    }
    fence_y(x);
}

/// The tweaks of one batch of `N` blocks, `T_j` as little-endian qword
/// halves `[lo, hi]`, written by the [`Chain`] two batches ahead: tweak
/// `i` is one 16-byte load and, for `N = 16`, the pair of blocks `2i`,
/// `2i + 1` one 32-byte load.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Tweaks<const N: usize>([[u64; 2]; N]);

impl<const N: usize> Default for Tweaks<N> {
    fn default() -> Self {
        Tweaks([[0; 2]; N])
    }
}

impl<const N: usize> Tweaks<N> {
    /// Tweak `i`.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn one(&self, i: usize) -> __m128i {
        // SAFETY: `[u64; 2]` is 16 readable bytes, aligned to 16 (the
        // struct is aligned to 32). Volatile, as in `pair`.
        unsafe { core::ptr::read_volatile(self.0[i].as_ptr().cast::<__m128i>()) }
    }

    /// Store tweak `i` (a vector store: a later load of it forwards).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn set_one(&mut self, i: usize, t: __m128i) {
        store_u64x2(&mut self.0[i], t);
    }

    /// Zero the tweaks: volatile 16-byte stores, which the compiler may
    /// not remove.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn wipe(&mut self) {
        for t in self.0.iter_mut() {
            // SAFETY: 16 writable bytes, aligned to 16 (see `one`).
            unsafe {
                core::ptr::write_volatile(t.as_mut_ptr().cast::<__m128i>(), _mm_setzero_si128())
            }
        }
    }

    /// [`wipe`](Self::wipe) on the three buffers of a call, once after all
    /// its data units.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn wipe_all(bufs: &mut [Self; 3]) {
        for b in bufs.iter_mut() {
            b.wipe();
        }
    }

    /// The buffers of batch `n` (read) and batch `n + 2` (written by the
    /// chain during batch `n`) among three used in turn.
    #[inline(always)]
    fn turn(bufs: &mut [Self; 3], n: usize) -> (&Self, &mut Self) {
        let [b0, b1, b2] = bufs;
        match n % 3 {
            0 => (&*b0, b2),
            1 => (&*b1, b0),
            _ => (&*b2, b1),
        }
    }
}

/// `*p = t` (16 bytes; `[u64; 2]` is aligned to 8 only, so unaligned).
#[target_feature(enable = "sse2")]
#[inline]
fn store_u64x2(p: &mut [u64; 2], t: __m128i) {
    // SAFETY: 16 writable bytes; MOVDQU has no alignment requirement.
    unsafe { _mm_storeu_si128(p.as_mut_ptr().cast(), t) }
}

impl Tweaks<16> {
    /// The tweak pair of register `i` (blocks `2i`, `2i + 1`).
    #[target_feature(enable = "avx")]
    #[inline]
    fn pair(&self, i: usize) -> __m256i {
        let p: &[[u64; 2]; 2] = self.0[2 * i..2 * i + 2].first_chunk::<2>().expect("i < 8");
        // SAFETY: `[[u64; 2]; 2]` is 32 contiguous readable bytes, aligned
        // to 32 (the struct is, and pairs start at multiples of 32). The
        // load is volatile so that LLVM reads the pair again where it is
        // used instead of keeping it in a register across the rounds
        // (there are none to spare: it would spill it).
        unsafe { core::ptr::read_volatile(p.as_ptr().cast::<__m256i>()) }
    }

    /// [`Tweaks::wipe_all`] with volatile 32-byte stores (half as many
    /// stores: at one data unit of 256 bytes a call, 7 TSC of ~150 on
    /// Zen 3).
    #[target_feature(enable = "avx")]
    #[inline]
    fn wipe_y(bufs: &mut [Self; 3]) {
        for b in bufs.iter_mut() {
            for p in b.0.as_chunks_mut::<2>().0 {
                // SAFETY: 32 writable bytes, aligned to 32 (see `pair`).
                unsafe {
                    core::ptr::write_volatile(
                        p.as_mut_ptr().cast::<__m256i>(),
                        _mm256_setzero_si256(),
                    )
                }
            }
        }
    }

    /// Store the 8 tweak pairs `t` (vector stores: a later 32-byte load
    /// of the same pair forwards from them).
    #[target_feature(enable = "avx")]
    #[inline]
    fn set(&mut self, t: &[__m256i; 8]) {
        for (i, t) in t.iter().enumerate() {
            let p: &mut [[u64; 2]; 2] = self.0[2 * i..2 * i + 2]
                .first_chunk_mut::<2>()
                .expect("i < 8");
            // SAFETY: as in `pair`, 32 contiguous writable bytes.
            unsafe { _mm256_storeu_si256(p.as_mut_ptr().cast(), *t) }
        }
    }
}

/// `T ⊗ α` on a [`Chain`] in `asm!`: the mask instructions given (`m` =
/// all ones if bit 127 is set, else zero), then the fold and the shift.
macro_rules! alpha_step {
    ($c:ident, [$($mask:literal),+] $($extra:tt)*) => {
        core::arch::asm!(
            $($mask,)+
            "and {m:e}, 0x87",
            "add {lo}, {lo}",
            "adc {hi}, {hi}",
            "xor {lo}, {m}",
            lo = inout(reg) $c.lo,
            hi = inout(reg) $c.hi,
            m = out(reg) _,
            $($extra)*
            options(pure, nomem, nostack),
        )
    };
}

/// The tweak chain `T_{j+1} = T_j ⊗ α` (§5.2) in two general-purpose
/// registers (the tweak's little-endian qword halves). One step takes
/// ~2.5 cycles (SARX, AND, XOR after the ADC of the step before), so 16
/// steps fit in the ~44 cycles of a batch's AES rounds. Beside the VAES
/// rounds this integer work is nearly free, while the same update in
/// vector registers (byte shifts and shifts, which share a pipe with
/// VAESENC on Zen 3) cost a quarter of the AES throughput.
struct Chain {
    lo: u64,
    hi: u64,
}

impl Chain {
    /// The chain at tweak `t` (moved to the general-purpose registers
    /// directly, with no copy in memory to wipe).
    #[target_feature(enable = "sse2")]
    #[inline]
    fn from_x(t: __m128i) -> Self {
        Chain {
            lo: _mm_cvtsi128_si64(t) as u64,
            hi: _mm_cvtsi128_si64(_mm_unpackhi_epi64(t, t)) as u64,
        }
    }

    /// The chain at the tweak stored in `t` (little-endian qwords, as
    /// [`Chain::from_x`] of its load), read straight into the registers.
    #[inline(always)]
    fn from_bytes(t: &[u8; 16]) -> Self {
        let (lo, hi) = t.split_at(8);
        Chain {
            lo: u64::from_le_bytes(lo.try_into().unwrap_or_default()),
            hi: u64::from_le_bytes(hi.try_into().unwrap_or_default()),
        }
    }

    /// The chain's current tweak.
    #[target_feature(enable = "sse2")]
    #[inline]
    fn to_x(&self) -> __m128i {
        _mm_set_epi64x(self.hi as i64, self.lo as i64)
    }

    /// Write `T` to `slot` (two 8-byte stores, volatile so that LLVM keeps
    /// them scalar: assembling the pair in a vector register would cost
    /// shuffles on the AES pipes) and step to `T ⊗ α` (§5.2): the 128 bits
    /// shifted left one (ADD, ADC), bit 127 folded back as `0x87` through
    /// an all-ones-or-zero mask (SARX, or MOV and SAR without `BMI2`; AND,
    /// XOR; no branch). Written as `asm!` because LLVM otherwise emits
    /// SHLD, whose latency on Zen 3 makes the chain slower than the AES
    /// rounds beside it.
    #[inline(always)]
    fn step<const BMI2: bool>(&mut self, slot: &mut [u64; 2]) {
        // SAFETY: both are valid, aligned, writable `u64`s.
        unsafe {
            core::ptr::write_volatile(&mut slot[0], self.lo);
            core::ptr::write_volatile(&mut slot[1], self.hi);
        }
        // SAFETY: register arithmetic only: no memory or stack is touched
        // (the flags are clobbered, which `asm!` assumes by default). SARX
        // is BMI2, which the `Vaes256` token (the caller's with `BMI2`)
        // includes.
        unsafe {
            if BMI2 {
                alpha_step!(self, ["sarx {m}, {hi}, {s}"] s = in(reg) 63u64,);
            } else {
                alpha_step!(self, ["mov {m}, {hi}", "sar {m}, 63"]);
            }
        }
    }

    /// Tweaks `2r` and `2r + 1` of a batch into `next`.
    #[inline(always)]
    fn step2(&mut self, next: &mut Tweaks<16>, r: usize) {
        self.step::<true>(&mut next.0[2 * r]);
        self.step::<true>(&mut next.0[2 * r + 1]);
    }
}

impl Zeroize for Chain {
    fn zeroize(&mut self) {
        self.lo.zeroize();
        self.hi.zeroize();
    }
}

/// The batch loop of the VAES and AES-NI kernels: batch `n` reads its
/// tweaks from `bufs` (batches 0 and 1 filled by the caller) and, while
/// there is a batch `n + 2`, `f` runs the chain (its last argument `true`)
/// to write that batch's tweaks. The chain starts on the first tweak after
/// the caller's two batches (or after the one batch there is) and ends on
/// the first tweak after all the batches. The chained batches run three at a time, so that each call
/// of `f` has its buffers fixed at compile time (choosing them by `n % 3`
/// cost ~15 µops a batch in a loop bound by µops).
#[inline(always)]
fn chain_batches<const N: usize, B>(
    bufs: &mut [Tweaks<N>; 3],
    chain: &mut Chain,
    batches: &mut [B],
    mut f: impl FnMut(&Tweaks<N>, &mut Tweaks<N>, &mut Chain, &mut B, bool),
) {
    let nb = batches.len();
    let n_chained = nb.saturating_sub(2);
    let (chained, last) = batches.split_at_mut(n_chained);
    {
        let [b0, b1, b2] = &mut *bufs;
        let mut it = chained.iter_mut();
        // Batches 3m, 3m + 1, 3m + 2 read buffers 0, 1, 2 and write 2, 0, 1.
        while let Some(x) = it.next() {
            f(b0, b2, chain, x, true);
            let Some(y) = it.next() else { break };
            f(b1, b0, chain, y, true);
            let Some(z) = it.next() else { break };
            f(b2, b1, chain, z, true);
        }
    }
    for (n, b) in last.iter_mut().enumerate() {
        let (cur, next) = Tweaks::turn(bufs, n_chained + n);
        f(cur, next, chain, b, false);
    }
}

/// One full VAES batch (16 blocks): `cur` holds its tweaks (written two
/// batches earlier, so the 32-byte loads do not wait on the 8-byte stores
/// that wrote them), and the [`Chain`] writes a later batch's 16 tweaks to
/// `next` between the rounds.
///
/// `STREAM` (set by [`xts_stream_y`]) only makes the streamed run's
/// batch a separate instance: shared with the one-unit loop, LLVM no longer
/// inlined it there, and that loop ran 7% slower (16 KiB, Zen 3).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn batch16_y<const R: usize, const DEC: bool, const CHAIN: bool, const STREAM: bool>(
    k: &[__m256i; R],
    cur: &Tweaks<16>,
    next: &mut Tweaks<16>,
    chain: &mut Chain,
    b: &mut [Pair; 8],
) {
    const { assert!(R >= 10) };
    let mut x = [k[0]; 8];
    for i in 0..8 {
        x[i] = _mm256_xor_si256(load_pair(&b[i]), _mm256_xor_si256(cur.pair(i), k[0]));
    }
    // Rounds 1..=8, each followed by two chain steps: written out, as LLVM
    // does not unroll a loop around the `asm!` fence.
    round_y::<DEC>(&mut x, k[1]);
    if CHAIN {
        chain.step2(next, 0);
    }
    round_y::<DEC>(&mut x, k[2]);
    if CHAIN {
        chain.step2(next, 1);
    }
    round_y::<DEC>(&mut x, k[3]);
    if CHAIN {
        chain.step2(next, 2);
    }
    round_y::<DEC>(&mut x, k[4]);
    if CHAIN {
        chain.step2(next, 3);
    }
    round_y::<DEC>(&mut x, k[5]);
    if CHAIN {
        chain.step2(next, 4);
    }
    round_y::<DEC>(&mut x, k[6]);
    if CHAIN {
        chain.step2(next, 5);
    }
    round_y::<DEC>(&mut x, k[7]);
    if CHAIN {
        chain.step2(next, 6);
    }
    round_y::<DEC>(&mut x, k[8]);
    if CHAIN {
        chain.step2(next, 7);
    }
    for rk in &k[9..R - 1] {
        round_y::<DEC>(&mut x, *rk);
    }
    let kl = k[R - 1];
    for i in 0..8 {
        let l = _mm256_xor_si256(cur.pair(i), kl);
        let y = if DEC {
            _mm256_aesdeclast_epi128(x[i], l)
        } else {
            _mm256_aesenclast_epi128(x[i], l)
        };
        store_pair(&mut b[i], y);
    }
}

/// One block `b` with tweak `t` (§5.3.1 / §5.4.1 on one block) in an XMM
/// register, with the low lanes of the broadcast round keys.
#[target_feature(enable = "aes,avx,avx2")]
#[inline]
fn one_y<const R: usize, const DEC: bool>(k: &[__m256i; R], t: __m128i, b: &mut [u8; 16]) {
    let key = |i: usize| _mm256_castsi256_si128(k[i]);
    let mut x = _mm_xor_si128(load(b), _mm_xor_si128(t, key(0)));
    for i in 1..R - 1 {
        x = if DEC {
            _mm_aesdec_si128(x, key(i))
        } else {
            _mm_aesenc_si128(x, key(i))
        };
    }
    let l = _mm_xor_si128(t, key(R - 1));
    store(
        b,
        if DEC {
            _mm_aesdeclast_si128(x, l)
        } else {
            _mm_aesenclast_si128(x, l)
        },
    );
}

/// The tweaks of a unit's batches 0 and 1 from its `T_0` (`t`), from
/// vector code: register `i` of batch 0 = `(T_{2i}, T_{2i+1})`, batch 1 =
/// batch 0 ⊗ α^16, into `bufs[0]` and `bufs[1]`; returns `T_16`. For the
/// streamed run; [`xts_y`] has the same lines inline: called there, LLVM
/// did not inline this, and a 4 KiB unit took ~60 TSC more (Zen 3).
#[target_feature(enable = "avx,avx2")]
#[inline]
fn first_batches_y(bufs: &mut [Tweaks<16>; 3], t: __m128i) -> __m128i {
    let first = _mm256_set_m128i(mul_alpha_x(t, 1), t);
    let mut v: [__m256i; 8] = core::array::from_fn(|i| mul_alpha_y(first, 2 * i as i32));
    bufs[0].set(&v);
    for v in v.iter_mut() {
        *v = mul_alpha16_y(*v);
    }
    bufs[1].set(&v);
    let t16 = _mm256_castsi256_si128(v[0]);
    v.zeroize();
    t16
}

/// The whole-block part of one data unit with VAES (see [`vaes_xts_encrypt`]).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn xts_y<const R: usize, const DEC: bool>(
    k: &[__m256i; R],
    bufs: &mut [Tweaks<16>; 3],
    tweak: &mut [u8; 16],
    data: &mut [u8],
) {
    const { assert!(R >= 2) };
    let k = &k;
    let mut t = load(tweak);
    // Whole blocks only; a partial tail is the caller's (ciphertext stealing).
    let (blocks, _) = data.as_chunks_mut::<16>();
    let (pairs, odd) = blocks.as_chunks_mut::<2>();
    let (batches, rest) = pairs.as_chunks_mut::<8>();

    // Batches 0 and 1 take their tweaks from vector code (register i of
    // batch 0 = (T_{2i}, T_{2i+1}), batch 1 = batch 0 ⊗ α^16); batch n + 2
    // from the chain during batch n ([`chain_batches`]), which ends on the
    // first tweak after the batches.
    let nb = batches.len();
    if nb > 0 {
        let first = _mm256_set_m128i(mul_alpha_x(t, 1), t);
        let mut v: [__m256i; 8] = core::array::from_fn(|i| mul_alpha_y(first, 2 * i as i32));
        bufs[0].set(&v);
        for v in v.iter_mut() {
            *v = mul_alpha16_y(*v);
        }
        bufs[1].set(&v);
        // T_16, or T_32 after two batches or more.
        let t16 = _mm256_castsi256_si128(v[0]);
        v.zeroize();
        let mut ch = Chain::from_x(if nb > 1 { mul_alpha_x(t16, 16) } else { t16 });
        chain_batches(bufs, &mut ch, batches, |cur, nx, chain, b, with_chain| {
            if with_chain {
                batch16_y::<R, DEC, true, false>(k, cur, nx, chain, b)
            } else {
                batch16_y::<R, DEC, false, false>(k, cur, nx, chain, b)
            }
        });
        t = ch.to_x();
        ch.zeroize();
    }

    // Fewer than 16 blocks left: batches of 8, 4, 2 blocks and one single
    // block, their tweaks `base ⊗ α^o` from the first unused pair.
    let base = _mm256_set_m128i(mul_alpha_x(t, 1), t);
    let mut o = 0;
    let rest = match rest.split_first_chunk_mut::<4>() {
        Some((b, r)) => {
            let tw: [__m256i; 4] = core::array::from_fn(|i| mul_alpha_y(base, o + 2 * i as i32));
            let mut w = whiten_y(k, tw);
            batch_y::<R, 4, DEC>(k, &w, b);
            w.first.zeroize();
            w.last.zeroize();
            o += 8;
            r
        }
        None => rest,
    };
    let rest = match rest.split_first_chunk_mut::<2>() {
        Some((b, r)) => {
            let tw: [__m256i; 2] = core::array::from_fn(|i| mul_alpha_y(base, o + 2 * i as i32));
            let mut w = whiten_y(k, tw);
            batch_y::<R, 2, DEC>(k, &w, b);
            w.first.zeroize();
            w.last.zeroize();
            o += 4;
            r
        }
        None => rest,
    };
    if let Some((b, _)) = rest.split_first_chunk_mut::<1>() {
        let mut w = whiten_y(k, [mul_alpha_y(base, o)]);
        batch_y::<R, 1, DEC>(k, &w, b);
        w.first.zeroize();
        w.last.zeroize();
        o += 2;
    }
    if let [b] = odd {
        one_y::<R, DEC>(k, _mm256_castsi256_si128(mul_alpha_y(base, o)), b);
        o += 1;
    }
    // T_n, the tweak after the last whole block.
    store(tweak, _mm256_castsi256_si128(mul_alpha_y(base, o)));
}

/// A streamed sector run (see [`vaes_xts_stream_encrypt`]): `data` is
/// units of `unit_batches` whole 16-block batches, `first` the first
/// unit's `T_0` and `rest` the others'. The units' batches run as one
/// stream through [`chain_batches`]; when the batch the chain is about to
/// write (two ahead) is a unit's first, the chain restarts from that
/// unit's `T_0` (a public position: the tweak values never choose a
/// branch). A unit then costs its batches only, where a call per unit also
/// pays the vector set-up of its first two batches' tweaks and a pipeline
/// fill. Returns the tweak after the last unit's last block.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn xts_stream_y<const R: usize, const DEC: bool>(
    keys: &[[u8; 16]; R],
    first: &[u8; 16],
    rest: &[[u8; 16]],
    unit_batches: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m256i; R] = core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&keys[i])));
    let mut bufs = [Tweaks::<16>::default(); 3];
    let kr = &k;
    let (batches, _) = data
        .as_chunks_mut::<16>()
        .0
        .as_chunks_mut::<2>()
        .0
        .as_chunks_mut::<8>();
    let t16 = first_batches_y(&mut bufs, load(first));
    let mut ch = Chain::from_x(mul_alpha_x(t16, 16));
    // Chained writes left before the written batch starts the next unit
    // (the first write is for batch 2), and the units after the first.
    let mut left = unit_batches.wrapping_sub(2);
    let mut units = rest.iter();
    chain_batches(
        &mut bufs,
        &mut ch,
        batches,
        |cur, nx, chain, b, with_chain| {
            if with_chain {
                if left == 0 {
                    if let Some(t0) = units.next() {
                        *chain = Chain::from_bytes(t0);
                    }
                    left = unit_batches;
                }
                left = left.wrapping_sub(1);
                batch16_y::<R, DEC, true, true>(kr, cur, nx, chain, b)
            } else {
                batch16_y::<R, DEC, false, true>(kr, cur, nx, chain, b)
            }
        },
    );
    // The tweak after the last unit's last block.
    let mut t = [0u8; 16];
    store(&mut t, ch.to_x());
    ch.zeroize();
    Tweaks::wipe_y(&mut bufs);
    k.zeroize();
    t
}

/// XTS-AES encryption of the whole blocks of consecutive data units, in
/// place (IEEE Std 1619-2018 §5.3.1): `C_j = E_K1(P_j ^ T_j) ^ T_j` with
/// `T_{j+1} = T_j ⊗ α` (§5.2). Units are `unit_blocks` blocks each
/// (`usize::MAX`: one unit); unit `u` starts from `first_tweaks[u]` (its
/// `T_0`, already `E_K2(i)`), and units past the end of `first_tweaks`
/// continue the chain. Returns the tweak after the last whole block; the
/// last `data.len() % 16` bytes are left untouched. `keys` are the
/// `R = Nr + 1` round keys of `K1`, broadcast once for all the units.
/// VAES, 16 blocks per batch.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_xts_encrypt<const R: usize>(
    _t: Vaes256,
    keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m256i; R] = core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&keys[i])));
    let mut bufs = [Tweaks::<16>::default(); 3];
    let t = for_each_unit(first_tweaks, unit_blocks, data, |t, unit| {
        xts_y::<R, false>(&k, &mut bufs, t, unit)
    });
    Tweaks::wipe_y(&mut bufs);
    k.zeroize();
    t
}

/// XTS-AES decryption of the whole blocks of consecutive data units, in
/// place (IEEE Std 1619-2018 §5.4.1): `P_j = D_K1(C_j ^ T_j) ^ T_j`, units
/// and tweaks as in [`vaes_xts_encrypt`]. `dec_keys` are the Equivalent
/// Inverse Cipher round keys of `K1` (FIPS 197 §5.3.5). VAES.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_xts_decrypt<const R: usize>(
    _t: Vaes256,
    dec_keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m256i; R] =
        core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&dec_keys[i])));
    let mut bufs = [Tweaks::<16>::default(); 3];
    let t = for_each_unit(first_tweaks, unit_blocks, data, |t, unit| {
        xts_y::<R, true>(&k, &mut bufs, t, unit)
    });
    Tweaks::wipe_y(&mut bufs);
    k.zeroize();
    t
}

/// A sector run as one stream of batches ([`xts_stream_y`]), for a call
/// that [`stream_units`] accepted (`unit_batches` is what it returned):
/// the tweak after the last block, as [`vaes_xts_encrypt`] would return.
/// An entry point of its own, chosen by the caller: called from
/// `vaes_xts_encrypt`, its batch loop made LLVM stop inlining that
/// function's, which then ran 7% slower (16 KiB, one unit, Zen 3).
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_xts_stream_encrypt<const R: usize>(
    _t: Vaes256,
    keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_batches: usize,
    data: &mut [u8],
) -> [u8; 16] {
    match first_tweaks.split_first() {
        Some((first, rest)) => xts_stream_y::<R, false>(keys, first, rest, unit_batches, data),
        None => [0; 16],
    }
}

/// [`vaes_xts_stream_encrypt`] for decryption (`dec_keys` the Equivalent
/// Inverse Cipher round keys), as [`vaes_xts_decrypt`] would return.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_xts_stream_decrypt<const R: usize>(
    _t: Vaes256,
    dec_keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_batches: usize,
    data: &mut [u8],
) -> [u8; 16] {
    match first_tweaks.split_first() {
        Some((first, rest)) => xts_stream_y::<R, true>(dec_keys, first, rest, unit_batches, data),
        None => [0; 16],
    }
}

// --- VAES with AVX-512 (ZMM) --------------------------------------------------

/// Four adjacent blocks (one ZMM register).
type Quad = [[u8; 16]; 4];

#[target_feature(enable = "avx512f")]
#[inline]
fn load_quad(p: &Quad) -> __m512i {
    // SAFETY: `[[u8; 16]; 4]` is 64 contiguous readable bytes; VMOVDQU64
    // has no alignment requirement; AVX-512F is enabled on this function.
    unsafe { _mm512_loadu_si512(p.as_ptr().cast()) }
}

#[target_feature(enable = "avx512f")]
#[inline]
fn store_quad(p: &mut Quad, x: __m512i) {
    // SAFETY: as in `load_quad`, 64 contiguous writable bytes.
    unsafe { _mm512_storeu_si512(p.as_mut_ptr().cast(), x) }
}

/// [`mul_alpha_x`] on the four 128-bit lanes of a ZMM register.
#[target_feature(enable = "avx512f")]
#[inline]
fn mul_alpha_z(x: __m512i, k: i32) -> __m512i {
    let s = _mm512_sll_epi64(x, _mm_cvtsi32_si128(k));
    let c = _mm512_srl_epi64(x, _mm_cvtsi32_si128(64 - k));
    let cs = _mm512_shuffle_epi32::<0x4e>(c);
    let lo = _mm512_and_si512(cs, _mm512_set_epi64(0, -1, 0, -1, 0, -1, 0, -1));
    let lo1 = _mm512_add_epi64(lo, lo);
    let lo2 = _mm512_add_epi64(lo1, lo1);
    let lo7 = _mm512_slli_epi64::<7>(lo);
    let a = _mm512_ternarylogic_epi64::<0x96>(s, cs, lo1);
    _mm512_ternarylogic_epi64::<0x96>(a, lo2, lo7)
}

/// `x ⊗ α^32` on the four lanes (§5.2 thirty-two times): each lane shifted
/// up four bytes, its top 32 bits `c` folded back as
/// `c ⊗ 0x87 = c ^ c<<1 ^ c<<2 ^ c<<7` (at most 39 bits: the low qword).
/// Two byte shifts, three shifts and two three-way xors.
#[target_feature(enable = "avx512f,avx512bw")]
#[inline]
fn mul_alpha32_z(x: __m512i) -> __m512i {
    let s = _mm512_bslli_epi128::<4>(x);
    let c = _mm512_bsrli_epi128::<12>(x);
    let c1 = _mm512_add_epi64(c, c);
    let c2 = _mm512_slli_epi64::<2>(c);
    let c7 = _mm512_slli_epi64::<7>(c);
    let a = _mm512_ternarylogic_epi64::<0x96>(s, c, c1);
    _mm512_ternarylogic_epi64::<0x96>(a, c2, c7)
}

/// `M` registers of four blocks each in place, `b_j = E_K(b_j ^ T_j) ^ T_j`
/// (`D_K` when `DEC`), `t[i]` holding the tweaks of register `i`.
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
#[inline]
fn batch_z<const R: usize, const M: usize, const DEC: bool>(
    k: &[__m512i; R],
    t: &[__m512i; M],
    b: &mut [Quad; M],
) {
    let mut x = [k[0]; M];
    for i in 0..M {
        // b ^ T ^ K_0 in one three-way xor.
        x[i] = _mm512_ternarylogic_epi64::<0x96>(load_quad(&b[i]), t[i], k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = if DEC {
                _mm512_aesdec_epi128(*x, *rk)
            } else {
                _mm512_aesenc_epi128(*x, *rk)
            };
        }
    }
    for i in 0..M {
        // AESENCLAST / AESDECLAST end with AddRoundKey: `T ^ K_Nr` as the
        // last round key does the final `^ T` too.
        let l = _mm512_xor_si512(t[i], k[R - 1]);
        let y = if DEC {
            _mm512_aesdeclast_epi128(x[i], l)
        } else {
            _mm512_aesenclast_epi128(x[i], l)
        };
        store_quad(&mut b[i], y);
    }
}

/// One full batch of 32 blocks (8 registers), as [`batch_z`], with the
/// next batch's tweaks (`⊗ α^32`, §5.2) computed between the rounds:
/// register `i`'s after round `i + 1`.
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
#[inline]
fn batch32_z<const R: usize, const DEC: bool>(
    k: &[__m512i; R],
    t: &mut [__m512i; 8],
    b: &mut [Quad; 8],
) {
    const { assert!(R >= 10) };
    let mut x = [k[0]; 8];
    let mut last = [k[0]; 8];
    for i in 0..8 {
        x[i] = _mm512_ternarylogic_epi64::<0x96>(load_quad(&b[i]), t[i], k[0]);
        last[i] = _mm512_xor_si512(t[i], k[R - 1]);
    }
    for (r, rk) in k[1..R - 1].iter().enumerate() {
        for x in x.iter_mut() {
            *x = if DEC {
                _mm512_aesdec_epi128(*x, *rk)
            } else {
                _mm512_aesenc_epi128(*x, *rk)
            };
        }
        if r < 8 {
            t[r] = mul_alpha32_z(t[r]);
        }
    }
    for i in 0..8 {
        let y = if DEC {
            _mm512_aesdeclast_epi128(x[i], last[i])
        } else {
            _mm512_aesenclast_epi128(x[i], last[i])
        };
        store_quad(&mut b[i], y);
    }
}

/// The whole-block part of one data unit with VAES on ZMM registers and
/// AVX-512 (see [`vaes512_xts_encrypt`]): 32 blocks per batch in 8
/// registers, their tweaks in 8 more (lane `j` of register `i` holds
/// `T_{4i+j}`), each batch's tweaks the previous ones `⊗ α^32`. With 32
/// vector registers the round keys, tweaks and blocks all stay in
/// registers (no parking as in [`batch16_y`]).
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
#[inline]
fn xts_z<const R: usize, const DEC: bool>(k: &[__m512i; R], tweak: &mut [u8; 16], data: &mut [u8]) {
    const { assert!(R >= 2) };
    let (blocks, _) = data.as_chunks_mut::<16>();
    let (quads, odd) = blocks.as_chunks_mut::<4>();
    let (batches, rest) = quads.as_chunks_mut::<8>();

    // T_0..T_3 in one register (lane j: T_0 ⊗ α^j, shifted by j with
    // per-lane shift counts), then register i = those ⊗ α^(4i).
    let t0 = _mm512_broadcast_i32x4(load(tweak));
    let s = _mm512_sllv_epi64(t0, _mm512_set_epi64(3, 3, 2, 2, 1, 1, 0, 0));
    let c = _mm512_srlv_epi64(t0, _mm512_set_epi64(61, 61, 62, 62, 63, 63, 64, 64));
    let cs = _mm512_shuffle_epi32::<0x4e>(c);
    let lo = _mm512_and_si512(cs, _mm512_set_epi64(0, -1, 0, -1, 0, -1, 0, -1));
    let first = _mm512_ternarylogic_epi64::<0x96>(
        _mm512_xor_si512(s, cs),
        _mm512_add_epi64(lo, lo),
        _mm512_xor_si512(_mm512_slli_epi64::<2>(lo), _mm512_slli_epi64::<7>(lo)),
    );
    let mut t: [__m512i; 8] = core::array::from_fn(|i| mul_alpha_z(first, 4 * i as i32));
    for b in batches {
        batch32_z::<R, DEC>(k, &mut t, b);
    }

    // Fewer than 32 blocks left: their tweaks are the first lanes of `t`.
    let mut i = 0;
    let rest = match rest.split_first_chunk_mut::<4>() {
        Some((b, r)) => {
            batch_z::<R, 4, DEC>(k, &[t[0], t[1], t[2], t[3]], b);
            i += 4;
            r
        }
        None => rest,
    };
    let rest = match rest.split_first_chunk_mut::<2>() {
        Some((b, r)) => {
            batch_z::<R, 2, DEC>(k, &[t[i], t[i + 1]], b);
            i += 2;
            r
        }
        None => rest,
    };
    if let Some((b, _)) = rest.split_first_chunk_mut::<1>() {
        batch_z::<R, 1, DEC>(k, &[t[i]], b);
        i += 1;
    }
    // The last 1-3 blocks through a 64-byte buffer (one register).
    let n = odd.len();
    if n > 0 {
        let mut q: [Quad; 1] = [[[0; 16]; 4]];
        q[0][..n].copy_from_slice(odd);
        batch_z::<R, 1, DEC>(k, &[t[i]], &mut q);
        odd.copy_from_slice(&q[0][..n]);
        q.zeroize();
    }
    // T_n, the tweak after the last whole block: lane `n` of register `i`
    // (`n` and `i` come from the length only).
    let mut lanes: Quad = [[0; 16]; 4];
    store_quad(&mut lanes, t[i]);
    *tweak = lanes[n];
    lanes.zeroize();
    t.zeroize();
}

/// XTS-AES encryption of the whole blocks of consecutive data units, as
/// [`vaes_xts_encrypt`], on ZMM registers with AVX-512: 32 blocks per
/// batch, round keys, tweaks and blocks in registers.
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
pub(crate) fn vaes512_xts_encrypt<const R: usize>(
    _t: Vaes512,
    keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    xts_units_z::<R, false>(keys, first_tweaks, unit_blocks, data)
}

/// XTS-AES decryption of the whole blocks of consecutive data units, as
/// [`vaes_xts_decrypt`] (`dec_keys`: the Equivalent Inverse Cipher round
/// keys), on ZMM registers with AVX-512.
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
pub(crate) fn vaes512_xts_decrypt<const R: usize>(
    _t: Vaes512,
    dec_keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    xts_units_z::<R, true>(dec_keys, first_tweaks, unit_blocks, data)
}

/// The units loop of [`vaes512_xts_encrypt`] / [`vaes512_xts_decrypt`].
#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]
#[inline]
fn xts_units_z<const R: usize, const DEC: bool>(
    keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m512i; R] = core::array::from_fn(|i| _mm512_broadcast_i32x4(load(&keys[i])));
    let t = for_each_unit(first_tweaks, unit_blocks, data, |t, unit| {
        xts_z::<R, DEC>(&k, t, unit)
    });
    k.zeroize();
    t
}

// --- AES-NI (XMM) ------------------------------------------------------------

/// One batch of `M` blocks in place (see [`batch_y`]), one per XMM register.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn batch_x<const R: usize, const M: usize, const DEC: bool>(
    k: &[__m128i; R],
    t: &[__m128i; M],
    b: &mut [[u8; 16]; M],
) {
    let mut x = [_mm_xor_si128(k[0], k[0]); M];
    let mut last = x;
    for i in 0..M {
        x[i] = _mm_xor_si128(load(&b[i]), _mm_xor_si128(t[i], k[0]));
        last[i] = _mm_xor_si128(t[i], k[R - 1]);
    }
    for rk in &k[1..R - 1] {
        for x in x.iter_mut() {
            *x = if DEC {
                _mm_aesdec_si128(*x, *rk)
            } else {
                _mm_aesenc_si128(*x, *rk)
            };
        }
    }
    for i in 0..M {
        let y = if DEC {
            _mm_aesdeclast_si128(x[i], last[i])
        } else {
            _mm_aesenclast_si128(x[i], last[i])
        };
        store(&mut b[i], y);
    }
}

/// One AES round on 8 XMM registers, then [`fence_x`].
#[target_feature(enable = "aes,sse2")]
#[inline]
fn round_x<const DEC: bool>(x: &mut [__m128i; 8], rk: __m128i) {
    for x in x.iter_mut() {
        *x = if DEC {
            _mm_aesdec_si128(*x, rk)
        } else {
            _mm_aesenc_si128(*x, rk)
        };
    }
    fence_x(x);
}

/// One full AES-NI batch (8 blocks), as [`batch16_y`]: `cur` holds its
/// tweaks, and the [`Chain`] (MOV and SAR: the `AesNi` token does not
/// include BMI2) writes those of the batch two ahead to `next`, one step
/// after each of the first 8 rounds.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn batch8_x<const R: usize, const DEC: bool, const CHAIN: bool>(
    k: &[__m128i; R],
    cur: &Tweaks<8>,
    next: &mut Tweaks<8>,
    chain: &mut Chain,
    b: &mut [[u8; 16]; 8],
) {
    const { assert!(R >= 10) };
    let mut x = [k[0]; 8];
    for i in 0..8 {
        x[i] = _mm_xor_si128(load(&b[i]), _mm_xor_si128(cur.one(i), k[0]));
    }
    // Rounds 1..=8, each followed by one chain step: written out, as LLVM
    // does not unroll a loop around the `asm!` fence.
    round_x::<DEC>(&mut x, k[1]);
    if CHAIN {
        chain.step::<false>(&mut next.0[0]);
    }
    round_x::<DEC>(&mut x, k[2]);
    if CHAIN {
        chain.step::<false>(&mut next.0[1]);
    }
    round_x::<DEC>(&mut x, k[3]);
    if CHAIN {
        chain.step::<false>(&mut next.0[2]);
    }
    round_x::<DEC>(&mut x, k[4]);
    if CHAIN {
        chain.step::<false>(&mut next.0[3]);
    }
    round_x::<DEC>(&mut x, k[5]);
    if CHAIN {
        chain.step::<false>(&mut next.0[4]);
    }
    round_x::<DEC>(&mut x, k[6]);
    if CHAIN {
        chain.step::<false>(&mut next.0[5]);
    }
    round_x::<DEC>(&mut x, k[7]);
    if CHAIN {
        chain.step::<false>(&mut next.0[6]);
    }
    round_x::<DEC>(&mut x, k[8]);
    if CHAIN {
        chain.step::<false>(&mut next.0[7]);
    }
    for rk in &k[9..R - 1] {
        round_x::<DEC>(&mut x, *rk);
    }
    let kl = k[R - 1];
    for i in 0..8 {
        let l = _mm_xor_si128(cur.one(i), kl);
        let y = if DEC {
            _mm_aesdeclast_si128(x[i], l)
        } else {
            _mm_aesenclast_si128(x[i], l)
        };
        store(&mut b[i], y);
    }
}

/// The whole-block part of one data unit with AES-NI (see
/// [`aesni_xts_encrypt`]).
#[target_feature(enable = "aes,sse2")]
#[inline]
fn xts_x<const R: usize, const DEC: bool>(
    k: &[__m128i; R],
    bufs: &mut [Tweaks<8>; 3],
    tweak: &mut [u8; 16],
    data: &mut [u8],
) {
    const { assert!(R >= 2) };
    let k = &k;
    let (blocks, _) = data.as_chunks_mut::<16>();
    let (batches, rest) = blocks.as_chunks_mut::<8>();

    // As in `xts_y`: batches 0 and 1 from vector code (`T_i`, then
    // `⊗ α^8`), batch n + 2 from the chain during batch n.
    let nb = batches.len();
    let mut base = load(tweak);
    if nb > 0 {
        let mut v: [__m128i; 8] = core::array::from_fn(|i| mul_alpha_x(base, i as i32));
        for (i, v) in v.iter_mut().enumerate() {
            bufs[0].set_one(i, *v);
            *v = mul_alpha8_x(*v);
            bufs[1].set_one(i, *v);
        }
        // T_8, or T_16 after two batches or more.
        let mut ch = Chain::from_x(if nb > 1 { mul_alpha8_x(v[0]) } else { v[0] });
        v.zeroize();
        chain_batches(bufs, &mut ch, batches, |cur, nx, chain, b, with_chain| {
            if with_chain {
                batch8_x::<R, DEC, true>(k, cur, nx, chain, b)
            } else {
                batch8_x::<R, DEC, false>(k, cur, nx, chain, b)
            }
        });
        base = ch.to_x();
        ch.zeroize();
    }

    let mut o = 0;
    let rest = match rest.split_first_chunk_mut::<4>() {
        Some((b, r)) => {
            let tw: [__m128i; 4] = core::array::from_fn(|i| mul_alpha_x(base, o + i as i32));
            batch_x::<R, 4, DEC>(k, &tw, b);
            o += 4;
            r
        }
        None => rest,
    };
    let rest = match rest.split_first_chunk_mut::<2>() {
        Some((b, r)) => {
            let tw: [__m128i; 2] = core::array::from_fn(|i| mul_alpha_x(base, o + i as i32));
            batch_x::<R, 2, DEC>(k, &tw, b);
            o += 2;
            r
        }
        None => rest,
    };
    if let Some((b, _)) = rest.split_first_chunk_mut::<1>() {
        batch_x::<R, 1, DEC>(k, &[mul_alpha_x(base, o)], b);
        o += 1;
    }
    store(tweak, mul_alpha_x(base, o));
}

/// XTS-AES encryption of the whole blocks of one data unit, in place
/// (IEEE Std 1619-2018 §5.3.1), as [`vaes_xts_encrypt`], with AES-NI:
/// `C_j = E_K1(P_j ^ T_j) ^ T_j`, `T_{j+1} = T_j ⊗ α` (§5.2), units and
/// tweaks as there. 8 blocks per batch.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_xts_encrypt<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m128i; R] = core::array::from_fn(|i| load(&keys[i]));
    let mut bufs = [Tweaks::<8>::default(); 3];
    let t = for_each_unit(first_tweaks, unit_blocks, data, |t, unit| {
        xts_x::<R, false>(&k, &mut bufs, t, unit)
    });
    Tweaks::wipe_all(&mut bufs);
    k.zeroize();
    t
}

/// XTS-AES decryption of the whole blocks of one data unit, in place
/// (IEEE Std 1619-2018 §5.4.1), as [`vaes_xts_decrypt`], with AES-NI:
/// `P_j = D_K1(C_j ^ T_j) ^ T_j`, `T_{j+1} = T_j ⊗ α` (§5.2), units and
/// tweaks as there; `dec_keys` are the Equivalent Inverse Cipher round keys.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_xts_decrypt<const R: usize>(
    _t: AesNi,
    dec_keys: &[[u8; 16]; R],
    first_tweaks: &[[u8; 16]],
    unit_blocks: usize,
    data: &mut [u8],
) -> [u8; 16] {
    let mut k: [__m128i; R] = core::array::from_fn(|i| load(&dec_keys[i]));
    let mut bufs = [Tweaks::<8>::default(); 3];
    let t = for_each_unit(first_tweaks, unit_blocks, data, |t, unit| {
        xts_x::<R, true>(&k, &mut bufs, t, unit)
    });
    Tweaks::wipe_all(&mut bufs);
    k.zeroize();
    t
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use super::*;
    use crate::backend::{detect, key_schedule};
    use alloc::vec;
    use alloc::vec::Vec;
    use cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};

    use crate::backend::test_rng::Rng;

    /// §5.2 one step at a time, on a `u128`.
    fn ref_mul_alpha(t: [u8; 16]) -> [u8; 16] {
        let x = u128::from_le_bytes(t);
        ((x << 1) ^ ((x >> 127) * 0x87)).to_le_bytes()
    }

    /// §5.3.1 / §5.4.1 on the whole blocks, one block at a time with the
    /// `aes` crate.
    fn reference<C: BlockCipherEncrypt<BlockSize = cipher::consts::U16> + BlockCipherDecrypt>(
        c: &C,
        dec: bool,
        tweak: &mut [u8; 16],
        data: &mut [u8],
    ) {
        for blk in data.chunks_exact_mut(16) {
            let mut b = Array::<u8, cipher::consts::U16>::default();
            for i in 0..16 {
                b[i] = blk[i] ^ tweak[i];
            }
            if dec {
                c.decrypt_block(&mut b);
            } else {
                c.encrypt_block(&mut b);
            }
            for i in 0..16 {
                blk[i] = b[i] ^ tweak[i];
            }
            *tweak = ref_mul_alpha(*tweak);
        }
    }

    #[derive(Clone, Copy, Debug)]
    enum Path {
        Vaes512,
        Vaes,
        Ni,
    }

    fn paths() -> impl Iterator<Item = Path> {
        let mut v = Vec::new();
        if detect::vaes512().is_some() {
            v.push(Path::Vaes512);
        }
        if detect::vaes256().is_some() {
            v.push(Path::Vaes);
        }
        if detect::aesni().is_some() {
            v.push(Path::Ni);
        }
        v.into_iter()
    }

    fn kernel<const R: usize>(
        path: Path,
        dec: bool,
        keys: &key_schedule::RoundKeys<R>,
        tweak: &mut [u8; 16],
        data: &mut [u8],
    ) {
        if let (Path::Vaes512, Some(t)) = (path, detect::vaes512()) {
            // SAFETY: the `Vaes512` token proves the CPU features.
            unsafe {
                if dec {
                    *tweak = vaes512_xts_decrypt(t, &keys.dec, &[*tweak], usize::MAX, data)
                } else {
                    *tweak = vaes512_xts_encrypt(t, &keys.enc, &[*tweak], usize::MAX, data)
                }
            }
            return;
        }
        match (path, detect::vaes256(), detect::aesni()) {
            // SAFETY: the `Vaes256` token proves the CPU features.
            (Path::Vaes, Some(t), _) => unsafe {
                if dec {
                    *tweak = vaes_xts_decrypt(t, &keys.dec, &[*tweak], usize::MAX, data)
                } else {
                    *tweak = vaes_xts_encrypt(t, &keys.enc, &[*tweak], usize::MAX, data)
                }
            },
            // SAFETY: the `AesNi` token proves the CPU features.
            (Path::Ni, _, Some(t)) => unsafe {
                if dec {
                    *tweak = aesni_xts_decrypt(t, &keys.dec, &[*tweak], usize::MAX, data)
                } else {
                    *tweak = aesni_xts_encrypt(t, &keys.enc, &[*tweak], usize::MAX, data)
                }
            },
            _ => panic!("path not supported"),
        }
    }

    fn expand<const R: usize>(key: &[u8]) -> key_schedule::RoundKeys<R> {
        let t = detect::aesni().expect("AES-NI");
        // SAFETY: the `AesNi` token proves the CPU has AES-NI.
        unsafe { key_schedule::expand(t, key) }
    }

    fn check<const R: usize, C>(key_len: usize, seed: u64)
    where
        C: KeyInit + BlockCipherEncrypt<BlockSize = cipher::consts::U16> + BlockCipherDecrypt,
    {
        if detect::aesni().is_none() {
            return;
        }
        let mut rng = Rng(seed);
        let mut lens: Vec<usize> = (0..=40).map(|n| 16 * n).collect();
        lens.extend([16 * 100, 16 * 1000]);
        // 3 to 8 full batches of 16 (the chained ones end at each of the
        // three places of `chain_batches`' loop), with and without a rest.
        lens.extend((3..=8).flat_map(|b| [256 * b, 256 * b + 16 * 7]));
        for n in [0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 40, 100] {
            for tail in [1, 7, 15] {
                lens.push(16 * n + tail);
            }
        }
        for path in paths() {
            for (li, &len) in lens.iter().enumerate() {
                let mut key = vec![0u8; key_len];
                rng.fill(&mut key);
                let c = C::new_from_slice(&key).unwrap();
                let keys = expand::<R>(&key);
                let mut t0 = [0u8; 16];
                rng.fill(&mut t0);
                // Some starting tweaks with bit 127 set (a carry on the
                // first step), some all ones (a carry on every qword).
                match li % 4 {
                    0 => t0[15] |= 0x80,
                    1 => t0 = [0xff; 16],
                    _ => {}
                }
                let mut pt = vec![0u8; len];
                rng.fill(&mut pt);
                for dec in [false, true] {
                    let mut want = pt.clone();
                    let mut want_t = t0;
                    reference(&c, dec, &mut want_t, &mut want);
                    let mut got = pt.clone();
                    let mut got_t = t0;
                    kernel(path, dec, &keys, &mut got_t, &mut got);
                    assert_eq!(got, want, "{path:?} R={R} len={len} dec={dec}");
                    assert_eq!(got_t, want_t, "T_n: {path:?} R={R} len={len} dec={dec}");
                    // The partial tail is untouched.
                    assert_eq!(got[len / 16 * 16..], pt[len / 16 * 16..]);
                }
                // Round trip.
                let mut buf = pt.clone();
                let mut t = t0;
                kernel(path, false, &keys, &mut t, &mut buf);
                let mut t = t0;
                kernel(path, true, &keys, &mut t, &mut buf);
                assert_eq!(buf, pt, "round trip {path:?} R={R} len={len}");
            }
        }
    }

    #[test]
    fn aes128_matches_reference() {
        check::<11, aes::Aes128>(16, 1);
    }

    #[test]
    fn aes192_matches_reference() {
        check::<13, aes::Aes192>(24, 2);
    }

    #[test]
    fn aes256_matches_reference() {
        check::<15, aes::Aes256>(32, 3);
    }

    #[test]
    fn mul_alpha_matches_reference() {
        let Some(_) = detect::vaes256() else { return };
        let mut rng = Rng(4);
        for _ in 0..200 {
            let mut a = [0u8; 16];
            let mut b = [0u8; 16];
            rng.fill(&mut a);
            rng.fill(&mut b);
            for k in 0..=57 {
                let (mut wa, mut wb) = (a, b);
                for _ in 0..k {
                    wa = ref_mul_alpha(wa);
                    wb = ref_mul_alpha(wb);
                }
                let mut out = [[0u8; 16]; 2];
                // SAFETY: the `Vaes256` token (checked above) proves SSE2,
                // AVX and AVX2.
                unsafe {
                    store(&mut out[0], mul_alpha_x(load(&a), k));
                    store_pair(
                        &mut out,
                        mul_alpha_y(_mm256_set_m128i(load(&b), load(&a)), k),
                    );
                }
                assert_eq!(out, [wa, wb], "k={k}");
                // SAFETY: as above.
                unsafe { store(&mut out[0], mul_alpha_x(load(&a), k)) };
                assert_eq!(out[0], wa, "x k={k}");
                if k == 8 {
                    // SAFETY: as above.
                    unsafe { store(&mut out[0], mul_alpha8_x(load(&a))) };
                    assert_eq!(out[0], wa, "alpha^8");
                }
                if k == 16 {
                    // SAFETY: as above.
                    unsafe {
                        store_pair(
                            &mut out,
                            mul_alpha16_y(_mm256_set_m128i(load(&b), load(&a))),
                        )
                    };
                    assert_eq!(out, [wa, wb], "alpha^16");
                }
            }
        }
    }

    /// The ZMM multiplications by `α^k`, lane by lane.
    #[test]
    fn mul_alpha_z_matches_reference() {
        let Some(_) = detect::vaes512() else { return };
        let mut rng = Rng(5);
        for _ in 0..200 {
            let mut q: Quad = [[0; 16]; 4];
            for l in q.iter_mut() {
                rng.fill(l);
            }
            if rng.next().is_multiple_of(4) {
                q[1] = [0xff; 16];
            }
            for k in 0..=57 {
                let want = q.map(|mut l| {
                    for _ in 0..k {
                        l = ref_mul_alpha(l);
                    }
                    l
                });
                let mut got: Quad = [[0; 16]; 4];
                // SAFETY: the `Vaes512` token (checked above) proves AVX-512F
                // and AVX-512BW.
                unsafe { store_quad(&mut got, mul_alpha_z(load_quad(&q), k)) };
                assert_eq!(got, want, "k={k}");
                if k == 32 {
                    // SAFETY: as above.
                    unsafe { store_quad(&mut got, mul_alpha32_z(load_quad(&q))) };
                    assert_eq!(got, want, "alpha^32");
                }
            }
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// IEEE Std 1619-2018 Annex B, vectors 1 and 2 (32-byte data units:
    /// two whole blocks, no stealing).
    #[test]
    fn ieee1619_annex_b() {
        if detect::aesni().is_none() {
            return;
        }
        let cases = [
            (
                [0u8; 16],
                [0u8; 16],
                0u64,
                [0u8; 32],
                "917cf69ebd68b2ec9b9fe9a3eadda692cd43d2f59598ed858c02c2652fbf922e",
            ),
            (
                [0x11; 16],
                [0x22; 16],
                0x33_3333_3333,
                [0x44; 32],
                "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0",
            ),
        ];
        for (k1, k2, unit, pt, ct) in cases {
            let mut t0 = Array::from((unit as u128).to_le_bytes());
            aes::Aes128::new(&k2.into()).encrypt_block(&mut t0);
            let t0: [u8; 16] = t0.into();
            let keys = expand::<11>(&k1);
            for path in paths() {
                let mut buf = pt;
                let mut t = t0;
                kernel(path, false, &keys, &mut t, &mut buf);
                assert_eq!(buf[..], hex(ct)[..], "{path:?}");
                assert_eq!(t, ref_mul_alpha(ref_mul_alpha(t0)));
                let mut t = t0;
                kernel(path, true, &keys, &mut t, &mut buf);
                assert_eq!(buf, pt);
            }
        }
    }

    /// Throughput at 16 KiB per call, against ECB on the same path, best of
    /// many short interleaved runs (the machine is shared)
    /// (`cargo test --release --lib xts_x86 -- --ignored --nocapture`).
    #[cfg(feature = "std")]
    #[test]
    #[ignore]
    fn speed() {
        use crate::backend::{Aes128, Backend};
        const SIZE: usize = 16 * 1024;
        const ITERS: usize = 1_000;
        let key = [7u8; 16];
        let keys = expand::<11>(&key);
        let mut buf = vec![0u8; SIZE];
        let t0 = std::time::Instant::now();
        let now = || t0.elapsed().as_secs_f64();
        let gbs = |secs: f64| (SIZE * ITERS) as f64 / secs / 1e9;
        for (backend, path) in [
            (Backend::Vaes512, Path::Vaes512),
            (Backend::Vaes256, Path::Vaes),
            (Backend::AesNi, Path::Ni),
        ] {
            let Ok(aes) = Aes128::new_with_backend(&key.into(), backend) else {
                continue;
            };
            let mut best = [0.0f64; 3];
            for _ in 0..100 {
                let blocks: &mut [Array<u8, cipher::consts::U16>] =
                    Array::cast_slice_from_core_mut(buf.as_chunks_mut::<16>().0);
                let start = now();
                for _ in 0..ITERS {
                    aes.encrypt_blocks(blocks);
                }
                best[0] = best[0].max(gbs(now() - start));
                for (dec, r) in [false, true].into_iter().zip(&mut best[1..]) {
                    let start = now();
                    for _ in 0..ITERS {
                        let mut t = [1u8; 16];
                        kernel(path, dec, &keys, &mut t, &mut buf);
                    }
                    *r = r.max(gbs(now() - start));
                }
            }
            let [ecb, enc, dec] = best;
            std::println!(
                "{backend}: ECB enc {ecb:.2} GB/s, XTS enc {enc:.2} GB/s ({:.0}%), XTS dec {dec:.2} GB/s ({:.0}%)",
                100.0 * enc / ecb,
                100.0 * dec / ecb
            );
        }
    }
}
