//! Carry-less-multiply kernels for POLYVAL (RFC 8452 §3) on x86-64 with
//! PCLMULQDQ (XMM), VPCLMULQDQ on YMM (two blocks per instruction) and
//! VPCLMULQDQ on ZMM with AVX-512 (four blocks per instruction) (Intel SDM
//! Vol. 2B, "PCLMULQDQ"; Vol. 2C, "VPCLMULQDQ"). GHASH (NIST SP 800-38D
//! §6.4) runs on the same kernels through the byte reversal of RFC 8452
//! Appendix A; see [`crate::uhash`].
//!
//! POLYVAL works in `GF(2^128)` modulo `Q = x^128 + x^127 + x^126 + x^121 + 1`
//! with little-endian blocks (bit `i` of the block read as a little-endian
//! 128-bit integer is the coefficient of `x^i`), which is exactly how an XMM
//! register holds a loaded block, and
//! `dot(a, b) = a · b · x^-128 mod Q`, `S_j = dot(S_{j-1} ^ X_j, H)`.
//!
//! **Montgomery reduction.** Write the 256-bit product as 64-bit words
//! `[D3:D2:D1:D0]` and `Q = x^128 + x^64·c + 1` with
//! `c = x^63 + x^62 + x^57` (`0xc200_0000_0000_0000`). Adding `D0 · Q`
//! clears `D0` (it adds `clmul(D0, c)` at word 1 and `D0` at word 2);
//! adding `D1' · x^64 · Q` then clears the new word 1. What is left,
//! `[D3':D2']`, is `P · x^-128 mod Q`, of degree below 128: two carry-less
//! multiplications per reduction ([`Acc::reduce`]). `clmul(D, c)` is also
//! `D·x^63 ^ D·x^62 ^ D·x^57`, i.e. three shifts each way per word: the
//! XMM and YMM POLYVAL kernels reduce that way ([`Acc::reduce_shifts`]),
//! as they are bound by VPCLMULQDQ throughput and the shifts run on
//! other pipes (Zen 3, `vpclmul256`, 16 KiB, rdtsc: ~39.4 -> ~37.5 TSC
//! ticks per 16 blocks, against ~36 for the 24 multiplies alone); the
//! stitched GCM kernels keep the multiplies, which beside VAES cost less
//! than the shifts and shuffles.
//!
//! **Aggregated reduction.** With `P_k = dot^(k-1)(H, …, H)` (so that
//! `dot(a, P_k) = a · (H·x^-128)^k · x^128 · x^-128`), sixteen steps of the
//! chain collapse to one sum:
//! `S_16 = reduce(Σ_{j=1..16} (X_j ^ [j = 1]·S_0) ⊗ P_{17-j})`,
//! where `⊗` is the unreduced 256-bit product. The sum is reduced once, and
//! fifteen of the sixteen products do not depend on `S_0`, so the chain's
//! latency is one product plus one reduction per sixteen blocks. The powers
//! `P_1..P_16` are computed at key setup and zeroized on drop.
//!
//! **Karatsuba.** Each 128×128 product takes three 64×64 products,
//! `x_0·h_0`, `x_1·h_1` and `(x_0 ^ x_1)·(h_0 ^ h_1)`, with `h_0 ^ h_1`
//! stored beside each power; the three are summed separately over the
//! sixteen blocks and combined once before the reduction. (Measured on
//! Zen 4: 4 products per block ran at about 15 GB/s on YMM, 3 at about
//! 20 GB/s; the kernel is bound by CLMUL throughput, not latency.)
//!
//! **ZMM.** On Zen 4 VPCLMULQDQ issues one per 2 cycles on YMM and on ZMM
//! alike, so the AVX-512 kernel does the sixteen blocks of a reduction in
//! 12 instructions (4 registers × 3 Karatsuba products) instead of 24,
//! and reduces the four lanes at once before one fold. That frees the
//! pipes VAESENC shares (the stitched GCM kernel, `gcm_x86`); GHASH alone
//! is then bound by the chain through the reduction, not by the
//! multiplies (Zen 4, 16 KiB: ZMM ~18.8 GB/s, YMM ~18.1, XMM ~8).

use core::arch::x86_64::{
    __m128i, __m256i, __m512i, _mm_clmulepi64_si128, _mm_loadu_si128, _mm_set_epi8, _mm_set_epi64x,
    _mm_setzero_si128, _mm_shuffle_epi8, _mm_shuffle_epi32, _mm_slli_epi64, _mm_slli_si128,
    _mm_srli_epi64, _mm_srli_si128, _mm_storeu_si128, _mm_xor_si128, _mm256_broadcastsi128_si256,
    _mm256_bslli_epi128, _mm256_bsrli_epi128, _mm256_castsi256_si128, _mm256_clmulepi64_epi128,
    _mm256_extracti128_si256, _mm256_loadu_si256, _mm256_set_m128i, _mm256_set1_epi64x,
    _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_shuffle_epi32, _mm256_storeu_si256,
    _mm256_xor_si256, _mm512_broadcast_i32x4, _mm512_bslli_epi128, _mm512_bsrli_epi128,
    _mm512_castsi512_si256, _mm512_clmulepi64_epi128, _mm512_extracti64x4_epi64,
    _mm512_loadu_si512, _mm512_set1_epi64, _mm512_setzero_si512, _mm512_shuffle_epi8,
    _mm512_shuffle_epi32, _mm512_ternarylogic_epi64, _mm512_xor_si512, _mm512_zextsi128_si512,
};

use super::detect::{self, Pclmul, Vpclmul256, Vpclmul512};

/// Blocks per reduction, and the number of powers of `H` kept.
pub(crate) const N: usize = 16;

/// The low word of `Q` above `x^64`: `x^63 + x^62 + x^57`.
const C: u64 = 0xc200_0000_0000_0000;

/// Which kernel a key runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Width {
    /// PCLMULQDQ on XMM registers.
    X128,
    /// VPCLMULQDQ on YMM registers.
    Y256,
    /// VPCLMULQDQ on ZMM registers (AVX-512).
    Z512,
}

/// Whether this CPU (and OS) runs `w`; ignores the portable switch.
pub(crate) fn supported(w: Width) -> bool {
    match w {
        Width::X128 => detect::pclmul().is_some(),
        Width::Y256 => detect::vpclmul256().is_some(),
        Width::Z512 => detect::vpclmul512().is_some(),
    }
}

/// The widest kernel this CPU runs, or `None` (no PCLMULQDQ, or the
/// portable path is forced with [`super::force_portable`]).
pub(crate) fn best() -> Option<Width> {
    if detect::portable_forced() {
        None
    } else if detect::vpclmul512().is_some() {
        Some(Width::Z512)
    } else if detect::vpclmul256().is_some() {
        Some(Width::Y256)
    } else if detect::pclmul().is_some() {
        Some(Width::X128)
    } else {
        None
    }
}

/// A kernel this CPU runs (the detection token of its width): what
/// [`PolyvalKey::zeroed`] takes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kernel(Path);

impl Kernel {
    /// Kernel `w`, or `None` if this CPU cannot run it.
    #[inline]
    pub(crate) fn new(w: Width) -> Option<Self> {
        Some(Kernel(match w {
            Width::X128 => Path::X128(detect::pclmul()?),
            Width::Y256 => Path::Y256(detect::vpclmul256()?),
            Width::Z512 => Path::Z512(detect::vpclmul512()?),
        }))
    }

    /// The [`best`] kernel.
    #[inline]
    pub(crate) fn best() -> Option<Self> {
        best().and_then(Kernel::new)
    }
}

#[derive(Clone, Copy, Debug)]
enum Path {
    X128(Pclmul),
    Y256(Vpclmul256),
    Z512(Vpclmul512),
}

/// A POLYVAL key `H` with its powers `P_1..P_16`, and the kernel that
/// uses them. Aligned to 32 bytes (`repr(C)`: `powers` at offset 0, `kara`
/// at 256), so each pair of elements is one aligned YMM word: the YMM
/// kernels load pairs, and the drop wipes them with aligned 32-byte
/// stores.
#[derive(Clone)]
#[repr(C, align(32))]
pub(crate) struct PolyvalKey {
    /// `powers[i] = P_{16-i}`: the block at
    /// position `j` of a run of `r ≤ 16` blocks is multiplied by
    /// `powers[16 - r + j]`.
    powers: [u128; N],
    /// `kara[i]`: the two 64-bit halves of `powers[i]` XORed, in both
    /// halves (the Karatsuba middle operand).
    kara: [u128; N],
    path: Path,
}

impl Drop for PolyvalKey {
    fn drop(&mut self) {
        match self.path {
            // SAFETY: the token proves AVX (and that the OS saves YMM).
            Path::Y256(t) => unsafe { self.wipe_y(t) },
            // SAFETY: as above.
            Path::Z512(t) => unsafe { self.wipe_y(t.vpclmul256()) },
            Path::X128(_) => {
                for x in self.powers.iter_mut().chain(self.kara.iter_mut()) {
                    let p: *mut u128 = x;
                    // SAFETY: `p` is a valid, writable `u128`: 16 bytes
                    // with 16-byte alignment on x86-64, as `__m128i`; SSE2
                    // is part of the x86-64 baseline.
                    unsafe { core::ptr::write_volatile(p.cast::<__m128i>(), _mm_setzero_si128()) };
                }
            }
        }
    }
}

impl PolyvalKey {
    /// Zero the powers with one volatile 32-byte store per pair (`wipe_all`
    /// on `u128` stores each as two 8-byte words, and AES-GCM-SIV wipes a
    /// 512-byte key per message).
    #[target_feature(enable = "avx")]
    fn wipe_y(&mut self, _t: Vpclmul256) {
        let (p, _) = self.powers.as_chunks_mut::<2>();
        let (k, _) = self.kara.as_chunks_mut::<2>();
        for pair in p.iter_mut().chain(k.iter_mut()) {
            let ptr: *mut [u128; 2] = pair;
            // SAFETY: `ptr` is 32 valid, writable bytes; `PolyvalKey` is
            // `repr(C, align(32))` with `powers` at offset 0 and `kara` at
            // 256, so every pair starts on a 32-byte boundary, the
            // alignment of `__m256i`; AVX is enabled on this function.
            unsafe { core::ptr::write_volatile(ptr.cast::<__m256i>(), _mm256_setzero_si256()) };
        }
    }
}

impl PolyvalKey {
    /// Key setup for `h` (the POLYVAL key as a little-endian integer) on
    /// kernel `w`; `None` if this CPU cannot run it.
    pub(crate) fn new(h: u128, w: Width) -> Option<Self> {
        let mut key = PolyvalKey::zeroed(Kernel::new(w)?);
        key.set(h);
        Some(key)
    }

    /// A key on kernel `k` with all powers zero, for [`set`](Self::set).
    #[inline(always)]
    pub(crate) fn zeroed(k: Kernel) -> Self {
        PolyvalKey {
            powers: [0; N],
            kara: [0; N],
            path: k.0,
        }
    }

    /// Key setup for `h`, in place: the powers are written where the key
    /// is (a per-message cost in AES-GCM-SIV, where building them in a
    /// local and moving the key through an `Option` or an enum cost a
    /// 512-byte copy per layer).
    #[inline]
    pub(crate) fn set(&mut self, h: u128) {
        let (powers, kara) = (&mut self.powers, &mut self.kara);
        match self.path {
            // SAFETY: the token proves the CPU has PCLMULQDQ and SSSE3.
            Path::X128(t) => unsafe { powers_x128(t, h, powers, kara) },
            // SAFETY: the token proves VPCLMULQDQ, AVX2, PCLMULQDQ and
            // SSSE3, and that the OS saves the YMM registers.
            Path::Y256(t) => unsafe { powers_y256(t, h, powers, kara) },
            // SAFETY: as above; AVX-512 VPCLMULQDQ implies the YMM form.
            Path::Z512(t) => unsafe { powers_y256(t.vpclmul256(), h, powers, kara) },
        }
    }

    /// The VPCLMULQDQ token when this key runs the YMM or ZMM kernel: for
    /// kernels that stitch the POLYVAL / GHASH chain into another loop
    /// (`gcm_x86`).
    pub(crate) fn vpclmul256(&self) -> Option<Vpclmul256> {
        match self.path {
            Path::Y256(t) => Some(t),
            Path::Z512(t) => Some(t.vpclmul256()),
            Path::X128(_) => None,
        }
    }

    /// The AVX-512 VPCLMULQDQ token when this key runs the ZMM kernel.
    pub(crate) fn vpclmul512(&self) -> Option<Vpclmul512> {
        match self.path {
            Path::Z512(t) => Some(t),
            Path::X128(_) | Path::Y256(_) => None,
        }
    }

    /// `powers` and `kara` (see the fields), for the same kernels.
    pub(crate) fn powers(&self) -> (&[u128; N], &[u128; N]) {
        (&self.powers, &self.kara)
    }

    pub(crate) fn width(&self) -> Width {
        match self.path {
            Path::X128(_) => Width::X128,
            Path::Y256(_) => Width::Y256,
            Path::Z512(_) => Width::Z512,
        }
    }

    /// Run the POLYVAL chain from state `s` over `blocks` and return the new
    /// state. With `BSWAP`, each block is byte-reversed first (GHASH's big-
    /// endian blocks, RFC 8452 Appendix A). States are little-endian
    /// integers.
    #[inline]
    pub(crate) fn update<const BSWAP: bool>(&self, s: u128, blocks: &[[u8; 16]]) -> u128 {
        match self.path {
            // SAFETY: the token proves the CPU has PCLMULQDQ and SSSE3.
            Path::X128(t) => unsafe {
                update_x128::<BSWAP>(t, &self.powers, &self.kara, s, blocks)
            },
            // SAFETY: the token proves the CPU has VPCLMULQDQ, AVX2 and
            // PCLMULQDQ, and that the OS saves YMM registers.
            Path::Y256(t) => unsafe {
                update_y256::<BSWAP>(t, &self.powers, &self.kara, s, blocks)
            },
            // SAFETY: the token proves the CPU has VPCLMULQDQ, AVX-512 F,
            // VL and BW, AVX2 and PCLMULQDQ, and that the OS saves the ZMM
            // and opmask state.
            Path::Z512(t) => unsafe {
                update_z512::<BSWAP>(t, &self.powers, &self.kara, s, blocks)
            },
        }
    }
}

// --- 128-bit helpers --------------------------------------------------------

#[inline(always)]
fn load(b: &[u8; 16]) -> __m128i {
    // SAFETY: `b` is 16 readable bytes; MOVDQU has no alignment requirement;
    // SSE2 is part of the x86-64 baseline.
    unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
}

#[inline(always)]
fn store(b: &mut [u8; 16], x: __m128i) {
    // SAFETY: `b` is 16 writable bytes; MOVDQU has no alignment
    // requirement; SSE2 is part of the x86-64 baseline.
    unsafe { _mm_storeu_si128(b.as_mut_ptr().cast(), x) }
}

/// Load a key element (a little-endian integer in memory, as x86-64 keeps
/// `u128`).
#[inline(always)]
fn load_key(k: &u128) -> __m128i {
    // SAFETY: `k` is 16 readable bytes; MOVDQU has no alignment
    // requirement; SSE2 is part of the x86-64 baseline.
    unsafe { _mm_loadu_si128((k as *const u128).cast()) }
}

#[inline(always)]
pub(crate) fn from_u128(x: u128) -> __m128i {
    load(&x.to_le_bytes())
}

#[inline(always)]
pub(crate) fn to_u128(x: __m128i) -> u128 {
    let mut b = [0u8; 16];
    store(&mut b, x);
    u128::from_le_bytes(b)
}

/// The PSHUFB mask that reverses the 16 bytes of a lane.
#[target_feature(enable = "sse2")]
#[inline]
pub(crate) fn rev_mask() -> __m128i {
    _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
}

/// An unreduced 256-bit sum of products `Σ x ⊗ h`, kept as Karatsuba
/// terms: `lo = Σ x_0·h_0`, `hi = Σ x_1·h_1`,
/// `mid = Σ (x_0 ^ x_1)·(h_0 ^ h_1)`; the sum is
/// `hi·x^128 + (mid ^ lo ^ hi)·x^64 + lo`.
#[derive(Clone, Copy)]
pub(crate) struct Acc {
    pub(crate) lo: __m128i,
    pub(crate) mid: __m128i,
    pub(crate) hi: __m128i,
}

impl Acc {
    #[target_feature(enable = "sse2")]
    #[inline]
    fn zero() -> Self {
        Acc {
            lo: _mm_setzero_si128(),
            mid: _mm_setzero_si128(),
            hi: _mm_setzero_si128(),
        }
    }

    /// `self += x ⊗ h`, with `k = kara(h)`: three 64×64 products.
    #[target_feature(enable = "pclmulqdq,sse2")]
    #[inline]
    fn mul_add(&mut self, x: __m128i, h: __m128i, k: __m128i) {
        self.lo = _mm_xor_si128(self.lo, _mm_clmulepi64_si128::<0x00>(x, h));
        self.hi = _mm_xor_si128(self.hi, _mm_clmulepi64_si128::<0x11>(x, h));
        let xf = _mm_xor_si128(x, _mm_shuffle_epi32::<0x4e>(x));
        self.mid = _mm_xor_si128(self.mid, _mm_clmulepi64_si128::<0x00>(xf, k));
    }

    /// `self · x^-128 mod Q` (the Montgomery reduction in the module notes).
    #[target_feature(enable = "pclmulqdq,sse2")]
    #[inline]
    pub(crate) fn reduce(self) -> __m128i {
        let mid = _mm_xor_si128(self.mid, _mm_xor_si128(self.lo, self.hi));
        let lo = _mm_xor_si128(self.lo, _mm_slli_si128::<8>(mid));
        let hi = _mm_xor_si128(self.hi, _mm_srli_si128::<8>(mid));
        let c = _mm_set_epi64x(0, C as i64);
        // [D1:D0] -> [D0 ^ t1 : D1 ^ t0] with t = clmul(D0, c).
        let t = _mm_clmulepi64_si128::<0x00>(lo, c);
        let lo = _mm_xor_si128(_mm_shuffle_epi32::<0x4e>(lo), t);
        // The same with the new low word D1' = D1 ^ t0.
        let t = _mm_clmulepi64_si128::<0x00>(lo, c);
        let lo = _mm_xor_si128(_mm_shuffle_epi32::<0x4e>(lo), t);
        _mm_xor_si128(hi, lo)
    }
}

/// `D · (x^63 + x^62 + x^57)` for each 64-bit word `D` of `a`, the part
/// that stays in the word (the low half of `clmul(D, c)`).
#[target_feature(enable = "sse2")]
#[inline]
fn times_c_lo(a: __m128i) -> __m128i {
    _mm_xor_si128(
        _mm_xor_si128(_mm_slli_epi64::<63>(a), _mm_slli_epi64::<62>(a)),
        _mm_slli_epi64::<57>(a),
    )
}

/// The part of `D · (x^63 + x^62 + x^57)` that carries into the next word
/// (the high half of `clmul(D, c)`), for each 64-bit word `D` of `a`.
#[target_feature(enable = "sse2")]
#[inline]
fn times_c_hi(a: __m128i) -> __m128i {
    _mm_xor_si128(
        _mm_xor_si128(_mm_srli_epi64::<1>(a), _mm_srli_epi64::<2>(a)),
        _mm_srli_epi64::<7>(a),
    )
}

impl Acc {
    /// [`reduce`](Self::reduce) with shifts instead of the two carry-less
    /// multiplications by `c`, for the POLYVAL kernels, which are bound
    /// by VPCLMULQDQ throughput (one per 2 cycles on Zen 3): the shifts
    /// and XORs run on other pipes, beside the next batch's products. The
    /// same two steps: with `[D1:D0]` the low half, `D1' = D1 ^ lo(D0·c)`,
    /// and the result is `[D3:D2] ^ [D1':D0] ^ [hi(D1'·c) : hi(D0·c)] ^
    /// [0 : lo(D1'·c)]`. On Zen 3 (`vpclmul256`, 16 KiB, rdtsc) a batch of
    /// 16 blocks took ~38.3 TSC ticks against ~39.4 with the multiplies.
    /// (The stitched GCM kernel keeps `reduce`: beside VAES a multiply is
    /// cheaper than the 11 shifts and shuffles.)
    #[target_feature(enable = "sse2")]
    #[inline]
    pub(crate) fn reduce_shifts(self) -> __m128i {
        let mid = _mm_xor_si128(self.mid, _mm_xor_si128(self.lo, self.hi));
        let lo = _mm_xor_si128(self.lo, _mm_slli_si128::<8>(mid));
        let hi = _mm_xor_si128(self.hi, _mm_srli_si128::<8>(mid));
        // [D1' : D0]
        let lo = _mm_xor_si128(lo, _mm_slli_si128::<8>(times_c_lo(lo)));
        let carry = _mm_srli_si128::<8>(times_c_lo(lo));
        _mm_xor_si128(_mm_xor_si128(hi, lo), _mm_xor_si128(times_c_hi(lo), carry))
    }
}

/// `kara(h)`: `h_0 ^ h_1` in both halves.
#[target_feature(enable = "sse2")]
#[inline]
fn kara(h: __m128i) -> __m128i {
    _mm_xor_si128(h, _mm_shuffle_epi32::<0x4e>(h))
}

/// `P_1 = h`, `P_k = dot(P_{k-1}, h)`, stored as `powers[16 - k]`, and
/// their Karatsuba operands. Computed as a doubling tree,
/// `P_{m+i} = dot(P_m, P_i)` for `i = 1..=m`, `m = 1, 2, 4, 8` (`dot` is
/// associative: `P_k = H^k · x^(-128(k-1))`), so the products of a level
/// are independent and the chain is 4 products deep instead of 15 — the
/// setup is per key, and AES-GCM-SIV sets up a key per message.
#[target_feature(enable = "pclmulqdq,sse2,ssse3")]
fn powers_x128(_t: Pclmul, h: u128, powers: &mut [u128; N], karas: &mut [u128; N]) {
    // p[k - 1] = P_k.
    let mut p = [_mm_setzero_si128(); N];
    p[0] = from_u128(h);
    let mut m = 1;
    while m < N {
        let top = p[m - 1];
        let ktop = kara(top);
        for i in 0..m.min(N - m) {
            let mut acc = Acc::zero();
            acc.mul_add(p[i], top, ktop);
            p[m + i] = acc.reduce();
        }
        m *= 2;
    }
    for ((slot, k), x) in powers.iter_mut().zip(karas.iter_mut()).rev().zip(&p) {
        *slot = to_u128(*x);
        *k = to_u128(kara(*x));
    }
    super::wipe_all(&mut p, _mm_setzero_si128());
}

/// `dot(a, b)` lane by lane on YMM (two products, one Montgomery reduction
/// per lane, as in [`Acc::reduce`]); `kb = kara(b)` lane by lane.
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
#[inline]
fn dot_y(a: __m256i, b: __m256i, kb: __m256i) -> __m256i {
    let lo = _mm256_clmulepi64_epi128::<0x00>(a, b);
    let hi = _mm256_clmulepi64_epi128::<0x11>(a, b);
    let af = _mm256_xor_si256(a, _mm256_shuffle_epi32::<0x4e>(a));
    let mid = _mm256_clmulepi64_epi128::<0x00>(af, kb);
    let mid = _mm256_xor_si256(mid, _mm256_xor_si256(lo, hi));
    let lo = _mm256_xor_si256(lo, _mm256_bslli_epi128::<8>(mid));
    let hi = _mm256_xor_si256(hi, _mm256_bsrli_epi128::<8>(mid));
    let c = _mm256_set1_epi64x(C as i64);
    let t = _mm256_clmulepi64_epi128::<0x00>(lo, c);
    let lo = _mm256_xor_si256(_mm256_shuffle_epi32::<0x4e>(lo), t);
    let t = _mm256_clmulepi64_epi128::<0x00>(lo, c);
    let lo = _mm256_xor_si256(_mm256_shuffle_epi32::<0x4e>(lo), t);
    _mm256_xor_si256(hi, lo)
}

/// [`kara`] lane by lane.
#[target_feature(enable = "avx,avx2")]
#[inline]
fn kara_y(h: __m256i) -> __m256i {
    _mm256_xor_si256(h, _mm256_shuffle_epi32::<0x4e>(h))
}

/// Store a pair of key elements (the low lane first).
#[target_feature(enable = "avx")]
#[inline]
fn store_key2(k: &mut [u128; 2], x: __m256i) {
    // SAFETY: `[u128; 2]` is 32 contiguous writable bytes; VMOVDQU has no
    // alignment requirement; AVX is enabled on this function.
    unsafe { _mm256_storeu_si256(k.as_mut_ptr().cast(), x) }
}

/// [`powers_x128`] two products per VPCLMULQDQ: the same doubling tree
/// with each register holding a descending pair `P_{2k} | P_{2k-1}` (the
/// layout of `powers`, and of the kernels' loads), each level multiplying
/// the pairs below it by its top power broadcast to both lanes. 7 YMM
/// products and one XMM product (`P_2`) instead of 15 XMM products. On
/// Zen 3 (`vpclmul256`, rdtsc, best of many) `Polyval::new` took ~296 TSC
/// ticks with the XMM tree and the copies around it, ~175 with this tree
/// (its own share ~65: the chain of 4 products); AES-GCM-SIV's in-place
/// `rekey` skips the remaining copy. The reduction here stays the one with
/// two multiplies: the lane-wise shift version (as in
/// [`Acc::reduce_shifts`]) made the setup slower (~215).
#[target_feature(enable = "pclmulqdq,sse2,ssse3,avx,avx2,vpclmulqdq")]
fn powers_y256(_t: Vpclmul256, h: u128, powers: &mut [u128; N], karas: &mut [u128; N]) {
    let p1 = from_u128(h);
    let mut acc = Acc::zero();
    acc.mul_add(p1, p1, kara(p1));
    let p2 = acc.reduce();
    // q[i] = P_{16-2i} | P_{15-2i} (low lane first), filled from the end.
    let q21 = _mm256_set_m128i(p1, p2);
    let top = _mm256_broadcastsi128_si256(p2);
    let q43 = dot_y(q21, top, kara_y(top));
    let top = _mm256_broadcastsi128_si256(_mm256_castsi256_si128(q43));
    let ktop = kara_y(top);
    let q87 = dot_y(q43, top, ktop);
    let q65 = dot_y(q21, top, ktop);
    let top = _mm256_broadcastsi128_si256(_mm256_castsi256_si128(q87));
    let ktop = kara_y(top);
    let q = [
        dot_y(q87, top, ktop),
        dot_y(q65, top, ktop),
        dot_y(q43, top, ktop),
        dot_y(q21, top, ktop),
        q87,
        q65,
        q43,
        q21,
    ];
    let (p, _) = powers.as_chunks_mut::<2>();
    let (k, _) = karas.as_chunks_mut::<2>();
    for ((p, k), q) in p.iter_mut().zip(k.iter_mut()).zip(q) {
        store_key2(p, q);
        store_key2(k, kara_y(q));
    }
}

/// Load one message block, byte-reversed if `BSWAP`.
#[target_feature(enable = "sse2,ssse3")]
#[inline]
fn load_block<const BSWAP: bool>(b: &[u8; 16]) -> __m128i {
    let x = load(b);
    if BSWAP {
        _mm_shuffle_epi8(x, rev_mask())
    } else {
        x
    }
}

/// One aggregated step over `blocks` (at most 16) with the last
/// `blocks.len()` powers: `reduce(Σ (X_j ^ [j = 1]·s) ⊗ P_{r+1-j})`.
#[target_feature(enable = "pclmulqdq,sse2,ssse3")]
#[inline]
fn run_x128<const BSWAP: bool>(
    powers: &[u128],
    karas: &[u128],
    s: __m128i,
    blocks: &[[u8; 16]],
) -> __m128i {
    let mut acc = Acc::zero();
    // Last block first, so the chain through `s` waits on one product.
    for (j, ((b, h), k)) in blocks.iter().zip(powers).zip(karas).enumerate().rev() {
        let mut x = load_block::<BSWAP>(b);
        if j == 0 {
            x = _mm_xor_si128(x, s);
        }
        acc.mul_add(x, load_key(h), load_key(k));
    }
    acc.reduce_shifts()
}

/// The tail of fewer than 16 blocks, one reduction.
#[target_feature(enable = "pclmulqdq,sse2,ssse3")]
#[inline]
fn tail_x128<const BSWAP: bool>(
    powers: &[u128; N],
    karas: &[u128; N],
    s: __m128i,
    tail: &[[u8; 16]],
) -> __m128i {
    if tail.is_empty() {
        return s;
    }
    let start = N.saturating_sub(tail.len());
    let p = powers.get(start..).unwrap_or(&[]);
    let k = karas.get(start..).unwrap_or(&[]);
    run_x128::<BSWAP>(p, k, s, tail)
}

#[target_feature(enable = "pclmulqdq,sse2,ssse3")]
fn update_x128<const BSWAP: bool>(
    _t: Pclmul,
    powers: &[u128; N],
    karas: &[u128; N],
    s: u128,
    blocks: &[[u8; 16]],
) -> u128 {
    let (groups, tail) = blocks.as_chunks::<N>();
    let mut s = from_u128(s);
    for g in groups {
        s = run_x128::<BSWAP>(powers, karas, s, g);
    }
    to_u128(tail_x128::<BSWAP>(powers, karas, s, tail))
}

// --- 256-bit kernel ---------------------------------------------------------

/// Load two adjacent blocks into one YMM register (the first in the low
/// lane).
#[target_feature(enable = "avx")]
#[inline]
fn load2(p: &[[u8; 16]; 2]) -> __m256i {
    // SAFETY: `[[u8; 16]; 2]` is 32 contiguous readable bytes; VMOVDQU has
    // no alignment requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(p.as_ptr().cast()) }
}

/// Load two adjacent key elements into one YMM register.
#[target_feature(enable = "avx")]
#[inline]
fn load_key2(k: &[u128; 2]) -> __m256i {
    // SAFETY: `[u128; 2]` is 32 contiguous readable bytes; VMOVDQU has no
    // alignment requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(k.as_ptr().cast()) }
}

/// Pairs of blocks, two per YMM register, with as many pairs of powers
/// (the first pair gets `s`): one reduction.
#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]
#[inline]
fn run_y256<const BSWAP: bool>(
    powers: &[[u128; 2]],
    karas: &[[u128; 2]],
    s: __m128i,
    blocks: &[[[u8; 16]; 2]],
) -> __m128i {
    let rev = _mm256_broadcastsi128_si256(rev_mask());
    let mut lo = _mm256_setzero_si256();
    let mut mid = _mm256_setzero_si256();
    let mut hi = _mm256_setzero_si256();
    let s = _mm256_set_m128i(_mm_setzero_si128(), s);
    // Last pair first: the pair that takes `s` (the loop-carried chain)
    // joins the sums last, so the chain waits on one product, not eight.
    for (j, ((b, h), k)) in blocks.iter().zip(powers).zip(karas).enumerate().rev() {
        let mut x = load2(b);
        if BSWAP {
            x = _mm256_shuffle_epi8(x, rev);
        }
        if j == 0 {
            x = _mm256_xor_si256(x, s);
        }
        let (h, k) = (load_key2(h), load_key2(k));
        lo = _mm256_xor_si256(lo, _mm256_clmulepi64_epi128::<0x00>(x, h));
        hi = _mm256_xor_si256(hi, _mm256_clmulepi64_epi128::<0x11>(x, h));
        let xf = _mm256_xor_si256(x, _mm256_shuffle_epi32::<0x4e>(x));
        mid = _mm256_xor_si256(mid, _mm256_clmulepi64_epi128::<0x00>(xf, k));
    }
    let fold =
        |v: __m256i| _mm_xor_si128(_mm256_castsi256_si128(v), _mm256_extracti128_si256::<1>(v));
    Acc {
        lo: fold(lo),
        mid: fold(mid),
        hi: fold(hi),
    }
    .reduce_shifts()
}

#[target_feature(enable = "pclmulqdq,sse2,ssse3,avx,avx2,vpclmulqdq")]
fn update_y256<const BSWAP: bool>(
    _t: Vpclmul256,
    powers: &[u128; N],
    karas: &[u128; N],
    s: u128,
    blocks: &[[u8; 16]],
) -> u128 {
    let (pairs, _) = powers.as_chunks::<2>();
    let (kpairs, _) = karas.as_chunks::<2>();
    let (groups, tail) = blocks.as_chunks::<N>();
    let mut s = from_u128(s);
    for g in groups {
        // 8 pairs of blocks against the 8 pairs of powers P_16..P_1.
        s = run_y256::<BSWAP>(pairs, kpairs, s, g.as_chunks::<2>().0);
    }
    to_u128(tail_x128::<BSWAP>(powers, karas, s, tail))
}

// --- 512-bit kernel ---------------------------------------------------------

/// Load four adjacent blocks into one ZMM register (the first in the
/// lowest lane).
#[target_feature(enable = "avx512f")]
#[inline]
pub(crate) fn load4(p: &[u8; 64]) -> __m512i {
    // SAFETY: `p` is 64 readable bytes; VMOVDQU64 has no alignment
    // requirement; AVX-512 F is enabled on this function.
    unsafe { _mm512_loadu_si512(p.as_ptr().cast()) }
}

/// Load four adjacent key elements into one ZMM register.
#[target_feature(enable = "avx512f")]
#[inline]
pub(crate) fn load_key4(k: &[u128; 4]) -> __m512i {
    // SAFETY: `[u128; 4]` is 64 contiguous readable bytes; VMOVDQU64 has
    // no alignment requirement; AVX-512 F is enabled on this function.
    unsafe { _mm512_loadu_si512(k.as_ptr().cast()) }
}

/// Fold the four 128-bit lanes of `v` into one (XOR).
#[target_feature(enable = "avx,avx2,avx512f")]
#[inline]
pub(crate) fn fold4(v: __m512i) -> __m128i {
    let y = _mm256_xor_si256(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64::<1>(v));
    _mm_xor_si128(_mm256_castsi256_si128(y), _mm256_extracti128_si256::<1>(y))
}

/// Karatsuba sums four lanes wide (see [`Acc`]).
#[derive(Clone, Copy)]
pub(crate) struct Acc4 {
    pub(crate) lo: __m512i,
    pub(crate) mid: __m512i,
    pub(crate) hi: __m512i,
}

impl Acc4 {
    #[target_feature(enable = "avx512f")]
    #[inline]
    pub(crate) fn zero() -> Self {
        Acc4 {
            lo: _mm512_setzero_si512(),
            mid: _mm512_setzero_si512(),
            hi: _mm512_setzero_si512(),
        }
    }

    /// `self += x ⊗ h` lane by lane, with `k = kara(h)`: three VPCLMULQDQ.
    #[target_feature(enable = "avx512f,vpclmulqdq")]
    #[inline]
    pub(crate) fn mul_add(&mut self, x: __m512i, h: __m512i, k: __m512i) {
        self.lo = _mm512_xor_si512(self.lo, _mm512_clmulepi64_epi128::<0x00>(x, h));
        self.hi = _mm512_xor_si512(self.hi, _mm512_clmulepi64_epi128::<0x11>(x, h));
        let xf = _mm512_xor_si512(x, _mm512_shuffle_epi32::<0x4e>(x));
        self.mid = _mm512_xor_si512(self.mid, _mm512_clmulepi64_epi128::<0x00>(xf, k));
    }

    /// Fold the lanes and reduce: `Σ lanes · x^-128 mod Q`.
    ///
    /// The reduction is linear, so each lane is reduced on its own (the
    /// steps of [`Acc::reduce`], four lanes at a time) and the four
    /// results are folded: one fold instead of three.
    #[target_feature(enable = "pclmulqdq,sse2,avx,avx2,avx512f,avx512bw,vpclmulqdq")]
    #[inline]
    pub(crate) fn reduce(self) -> __m128i {
        let mid = _mm512_ternarylogic_epi64::<0x96>(self.mid, self.lo, self.hi);
        let lo = _mm512_xor_si512(self.lo, _mm512_bslli_epi128::<8>(mid));
        let hi = _mm512_xor_si512(self.hi, _mm512_bsrli_epi128::<8>(mid));
        let c = _mm512_set1_epi64(C as i64);
        let t = _mm512_clmulepi64_epi128::<0x00>(lo, c);
        let lo = _mm512_xor_si512(_mm512_shuffle_epi32::<0x4e>(lo), t);
        let t = _mm512_clmulepi64_epi128::<0x00>(lo, c);
        let lo = _mm512_xor_si512(_mm512_shuffle_epi32::<0x4e>(lo), t);
        fold4(_mm512_xor_si512(hi, lo))
    }
}

/// Quads of blocks, four per ZMM register, with as many quads of powers
/// (the first quad gets `s`): one reduction.
#[target_feature(enable = "pclmulqdq,sse2,avx,avx2,vpclmulqdq,avx512f,avx512bw")]
#[inline]
fn run_z512<const BSWAP: bool>(
    powers: &[[u128; 4]],
    karas: &[[u128; 4]],
    s: __m128i,
    blocks: &[[u8; 64]],
) -> __m128i {
    let rev = _mm512_broadcast_i32x4(rev_mask());
    let s = _mm512_zextsi128_si512(s);
    let mut acc = Acc4::zero();
    // Last quad first, as in `run_y256`.
    for (j, ((b, h), k)) in blocks.iter().zip(powers).zip(karas).enumerate().rev() {
        let mut x = load4(b);
        if BSWAP {
            x = _mm512_shuffle_epi8(x, rev);
        }
        if j == 0 {
            x = _mm512_xor_si512(x, s);
        }
        acc.mul_add(x, load_key4(h), load_key4(k));
    }
    acc.reduce()
}

#[target_feature(enable = "pclmulqdq,sse2,ssse3,avx,avx2,vpclmulqdq,avx512f,avx512vl,avx512bw")]
fn update_z512<const BSWAP: bool>(
    _t: Vpclmul512,
    powers: &[u128; N],
    karas: &[u128; N],
    s: u128,
    blocks: &[[u8; 16]],
) -> u128 {
    let (quads, _) = powers.as_chunks::<4>();
    let (kquads, _) = karas.as_chunks::<4>();
    let (groups, tail) = blocks.as_chunks::<N>();
    let mut s = from_u128(s);
    for g in groups {
        // 4 quads of blocks against the 4 quads of powers P_16..P_1.
        s = run_z512::<BSWAP>(quads, kquads, s, g.as_flattened().as_chunks::<64>().0);
    }
    to_u128(tail_x128::<BSWAP>(powers, karas, s, tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::test_rng::Rng;
    extern crate std;
    use std::vec::Vec;

    /// Every kernel this CPU runs against the XMM kernel, which runs one
    /// product per PCLMULQDQ (itself checked against the portable path in
    /// `tests/uhash.rs`), on random keys, states and block counts around
    /// the 16-block groups, both byte orders.
    #[test]
    fn widths_agree() {
        let mut rng = Rng(5);
        let counts = (0..=70).chain([255, 256, 257, 4096 + 3]);
        for n in counts {
            let h = u128::from_le_bytes(rng.block());
            let s = u128::from_le_bytes(rng.block());
            let blocks: Vec<[u8; 16]> = (0..n).map(|_| rng.block()).collect();
            let Some(x) = PolyvalKey::new(h, Width::X128) else {
                return;
            };
            let want = (x.update::<false>(s, &blocks), x.update::<true>(s, &blocks));
            for w in [Width::Y256, Width::Z512] {
                let Some(k) = PolyvalKey::new(h, w) else {
                    continue;
                };
                assert_eq!(k.width(), w);
                let got = (k.update::<false>(s, &blocks), k.update::<true>(s, &blocks));
                assert_eq!(got, want, "{w:?} {n} blocks");
            }
        }
    }

    /// GB/s of each kernel over 16 KiB, best of many runs (run with
    /// `--ignored`).
    #[test]
    #[ignore]
    fn speed() {
        use std::{println, time::Instant};
        let blocks = [[7u8; 16]; 1024];
        for w in [Width::X128, Width::Y256, Width::Z512] {
            let Some(k) = PolyvalKey::new(3, w) else {
                continue;
            };
            let mut s = 0u128;
            let mut best = f64::MAX;
            for _ in 0..200 {
                let t = Instant::now();
                for _ in 0..64 {
                    s = k.update::<true>(s, core::hint::black_box(&blocks));
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!("{w:?}: {:.2} GB/s ({s:x})", 64.0 * 16384.0 / best / 1e9);
        }
    }
}
