//! x86-64 AES kernels: the AES Cipher and Equivalent Inverse Cipher
//! (FIPS 197 §5.1 and §5.3.5) on many blocks at once with AES-NI
//! (AESENC/AESENCLAST/AESDEC/AESDECLAST on XMM registers) and VAES (the same
//! rounds on two blocks per YMM register), behind the `cipher` backend traits
//! (Intel SDM Vol. 2A, "AESENC", "VAESENC").
//!
//! One round instruction has a latency of about 4 cycles and two issue per
//! cycle, so a batch keeps at least eight registers in flight: the AES-NI
//! backend encrypts 8 blocks per batch, the VAES backend 8 YMM registers
//! (16 blocks). Measured on Zen 3: 16 YMM registers (32 blocks) is about
//! half as fast, because the batch no longer fits the register file beside
//! the round keys and spills.
//!
//! Entry points ([`aesni_encrypt`], …) are `#[target_feature]` functions that
//! take a detection token, build the backend with the round keys in
//! registers and run the mode's closure inside, so the mode's whole loop is
//! compiled with the features enabled.

use core::arch::x86_64::{
    __m128i, __m256i, _mm_aesdec_si128, _mm_aesdeclast_si128, _mm_aesenc_si128,
    _mm_aesenclast_si128, _mm_loadu_si128, _mm_storeu_si128, _mm_xor_si128, _mm256_aesdec_epi128,
    _mm256_aesdeclast_epi128, _mm256_aesenc_epi128, _mm256_aesenclast_epi128,
    _mm256_broadcastsi128_si256, _mm256_castsi256_si128, _mm256_cmpgt_epi64, _mm256_loadu_si256,
    _mm256_maskload_epi64, _mm256_set_epi64x, _mm256_set1_epi64x, _mm256_storeu_si256,
    _mm256_xor_si256,
};

use cipher::{
    Array, BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherEncBackend,
    BlockCipherEncClosure, BlockSizeUser, ParBlocks, ParBlocksSizeUser,
    consts::{U8, U16},
    inout::{InOut, InOutBuf},
};
use zeroize::Zeroize;

use super::detect::{AesNi, Vaes256};

/// One AES block.
type B16 = Array<u8, U16>;

/// Unaligned load of one 16-byte block.
#[inline(always)]
pub(crate) fn load(b: &[u8; 16]) -> __m128i {
    // SAFETY: `b` points to 16 readable bytes; MOVDQU has no alignment
    // requirement; SSE2 is part of the x86-64 baseline.
    unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
}

/// Unaligned store of one 16-byte block.
#[inline(always)]
pub(crate) fn store(b: &mut [u8; 16], x: __m128i) {
    // SAFETY: `b` points to 16 writable bytes; MOVDQU has no alignment
    // requirement; SSE2 is part of the x86-64 baseline.
    unsafe { _mm_storeu_si128(b.as_mut_ptr().cast(), x) }
}

#[inline(always)]
fn load_block(b: &B16) -> __m128i {
    load(b.as_ref())
}

#[inline(always)]
fn store_block(b: &mut B16, x: __m128i) {
    store(b.as_mut(), x)
}

/// Load two adjacent blocks into one YMM register (block `2i` in the low lane).
#[target_feature(enable = "avx")]
#[inline]
fn load_pair(p: &[B16; 2]) -> __m256i {
    // SAFETY: `[Array<u8, U16>; 2]` is 32 contiguous readable bytes
    // (`Array` is `repr(transparent)` over `[u8; 16]`); VMOVDQU has no
    // alignment requirement; AVX is enabled on this function.
    unsafe { _mm256_loadu_si256(p.as_ptr().cast()) }
}

/// Blocks `2i` and `2i + 1` of a VAES batch (`i < 8`; callers index with
/// the register number, so the `% 8` only removes the bounds check).
#[inline(always)]
fn pair(b: &[B16; 16], i: usize) -> &[B16; 2] {
    &b.as_chunks::<2>().0[i % 8]
}

/// Blocks `2i` and `2i + 1` of a VAES batch, writable (see [`pair`]).
#[inline(always)]
fn pair_mut(b: &mut [B16; 16], i: usize) -> &mut [B16; 2] {
    &mut b.as_chunks_mut::<2>().0[i % 8]
}

#[target_feature(enable = "avx")]
#[inline]
fn store_pair(p: &mut [B16; 2], x: __m256i) {
    // SAFETY: as in `load_pair`, 32 contiguous writable bytes.
    unsafe { _mm256_storeu_si256(p.as_mut_ptr().cast(), x) }
}

/// The whole blocks of `src` (fewer than 16; `src.len()` a multiple of
/// 16) as the 8 YMM registers of a VAES batch, block `2j` in the low lane
/// of register `j`, zeros past the end: masked loads (VPMASKMOVQ) that do
/// not touch the bytes past the last block. A short run of blocks costs
/// one batch (the rounds are latency-bound: 8 registers take as long as
/// fewer) and no copy through a padded buffer.
#[target_feature(enable = "avx,avx2")]
#[inline]
pub(crate) fn load_short_y(src: &[u8]) -> [__m256i; 8] {
    let n = (src.len() / 16).min(15) as i64;
    let p = src.as_ptr();
    // All ones in the 64-bit lanes of the blocks of pair j that exist.
    let mask = |j: usize| {
        let b = 2 * j as i64;
        _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_set_epi64x(b + 1, b + 1, b, b))
    };
    core::array::from_fn(|j| {
        // SAFETY: the mask enables only the lanes of blocks `2j` and
        // `2j + 1` that are below `n`, inside `src`; masked-off lanes are
        // not accessed and cannot fault (Intel SDM, VPMASKMOV), so the
        // address may point past the end (computed with `wrapping_add`).
        // AVX2 is enabled on this function.
        unsafe { _mm256_maskload_epi64(p.wrapping_add(32 * j).cast::<i64>(), mask(j)) }
    })
}

/// Store the whole blocks of `dst` (fewer than 16) from the registers of
/// [`load_short_y`]'s layout. Plain stores (VPMASKMOVQ stores are slow
/// on Zen 3); the branches test the public block count, `j` is a
/// constant in each unrolled step.
#[target_feature(enable = "avx")]
#[inline]
pub(crate) fn store_short_y(dst: &mut [u8], x: &[__m256i; 8]) {
    let (pairs, rest) = dst.as_chunks_mut::<32>();
    let whole_pairs = pairs.len();
    for (j, x) in x.iter().enumerate() {
        if let Some(pair) = pairs.get_mut(j) {
            // SAFETY: 32 writable bytes; VMOVDQU has no alignment
            // requirement; AVX is enabled on this function.
            unsafe { _mm256_storeu_si256(pair.as_mut_ptr().cast(), *x) }
        } else if j == whole_pairs
            && let Some(b) = rest.first_chunk_mut::<16>()
        {
            store(b, _mm256_castsi256_si128(*x));
        }
    }
}

/// The `cipher` backend traits for a round-key holder with `one`, `par`
/// and `tail` methods taking a `decrypt` flag.
macro_rules! backend_traits {
    ($name:ident, $par:ty) => {
        impl<const R: usize> BlockSizeUser for $name<R> {
            type BlockSize = U16;
        }

        impl<const R: usize> ParBlocksSizeUser for $name<R> {
            type ParBlocksSize = $par;
        }

        impl<const R: usize> BlockCipherEncBackend for $name<R> {
            #[inline(always)]
            fn encrypt_block(&self, block: InOut<'_, '_, B16>) {
                self.one(false, block)
            }
            #[inline(always)]
            fn encrypt_par_blocks(&self, blocks: InOut<'_, '_, ParBlocks<Self>>) {
                self.par(false, blocks)
            }
            #[inline(always)]
            fn encrypt_tail_blocks(&self, blocks: InOutBuf<'_, '_, B16>) {
                self.tail(false, blocks)
            }
        }

        impl<const R: usize> BlockCipherDecBackend for $name<R> {
            #[inline(always)]
            fn decrypt_block(&self, block: InOut<'_, '_, B16>) {
                self.one(true, block)
            }
            #[inline(always)]
            fn decrypt_par_blocks(&self, blocks: InOut<'_, '_, ParBlocks<Self>>) {
                self.par(true, blocks)
            }
            #[inline(always)]
            fn decrypt_tail_blocks(&self, blocks: InOutBuf<'_, '_, B16>) {
                self.tail(true, blocks)
            }
        }
    };
}

// --- Scheduling fences --------------------------------------------------------

/// An empty `asm!` through which the 8 block registers of a batch pass
/// after each round. It emits no instruction, but it keeps the rounds in
/// round-major order (without it LLVM, short of registers beside the round
/// keys, runs the registers through all the rounds one after another, which
/// serializes on the AES latency), and it is ordered with volatile loads
/// and stores, so work placed between two rounds in the source (XTS's next
/// tweaks, parked in memory) stays there, on the ports the rounds leave
/// free. Used by the VAES backend's batch ([`run_y`]) and the XTS and OCB3
/// kernels.
#[target_feature(enable = "avx")]
#[inline]
pub(crate) fn fence_y(x: &mut [__m256i; 8]) {
    let [a, b, c, d, e, f, g, h] = x;
    // SAFETY: the template is empty: no instruction runs, no memory,
    // stack or flags are touched; the registers come back unchanged.
    unsafe {
        core::arch::asm!(
            "/* {0} {1} {2} {3} {4} {5} {6} {7} */",
            inout(ymm_reg) * a,
            inout(ymm_reg) * b,
            inout(ymm_reg) * c,
            inout(ymm_reg) * d,
            inout(ymm_reg) * e,
            inout(ymm_reg) * f,
            inout(ymm_reg) * g,
            inout(ymm_reg) * h,
            options(nomem, nostack, preserves_flags),
        )
    }
}

/// An empty `asm!` through which one YMM register passes: a value that
/// must be computed by this point in the source (an OCB3 checksum of a
/// batch's input, folded in between two [`fence_y`]s while the input
/// registers are live, rather than sunk after the rounds with the inputs
/// parked on the stack).
#[target_feature(enable = "avx")]
#[inline]
pub(crate) fn pin_y(s: &mut __m256i) {
    // SAFETY: the template is empty: no instruction runs, no memory,
    // stack or flags are touched; the register comes back unchanged.
    unsafe {
        core::arch::asm!(
            "/* {0} */",
            inout(ymm_reg) * s,
            options(nomem, nostack, preserves_flags)
        )
    }
}

/// [`fence_y`] for the 8 XMM block registers of an AES-NI batch.
#[target_feature(enable = "sse2")]
#[inline]
pub(crate) fn fence_x(x: &mut [__m128i; 8]) {
    let [a, b, c, d, e, f, g, h] = x;
    // SAFETY: the template is empty: no instruction runs, no memory,
    // stack or flags are touched; the registers come back unchanged.
    unsafe {
        core::arch::asm!(
            "/* {0} {1} {2} {3} {4} {5} {6} {7} */",
            inout(xmm_reg) * a,
            inout(xmm_reg) * b,
            inout(xmm_reg) * c,
            inout(xmm_reg) * d,
            inout(xmm_reg) * e,
            inout(xmm_reg) * f,
            inout(xmm_reg) * g,
            inout(xmm_reg) * h,
            options(nomem, nostack, preserves_flags),
        )
    }
}

// --- AES-NI ---------------------------------------------------------------

/// `Cipher` on `N` blocks: AddRoundKey, `Nr - 1` full rounds, the last round.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn enc_x<const R: usize, const N: usize>(k: &[__m128i; R], b: &mut [__m128i; N]) {
    for x in b.iter_mut() {
        *x = _mm_xor_si128(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in b.iter_mut() {
            *x = _mm_aesenc_si128(*x, *rk);
        }
    }
    for x in b.iter_mut() {
        *x = _mm_aesenclast_si128(*x, k[R - 1]);
    }
}

/// `EqInvCipher` on `N` blocks with the decryption round keys.
#[target_feature(enable = "aes,sse2")]
#[inline]
fn dec_x<const R: usize, const N: usize>(k: &[__m128i; R], b: &mut [__m128i; N]) {
    for x in b.iter_mut() {
        *x = _mm_xor_si128(*x, k[0]);
    }
    for rk in &k[1..R - 1] {
        for x in b.iter_mut() {
            *x = _mm_aesdec_si128(*x, *rk);
        }
    }
    for x in b.iter_mut() {
        *x = _mm_aesdeclast_si128(*x, k[R - 1]);
    }
}

/// AES-NI backend: round keys in XMM registers, 8 blocks per batch.
pub(crate) struct NiKeys<const R: usize> {
    k: [__m128i; R],
    _t: AesNi,
}

impl<const R: usize> Drop for NiKeys<R> {
    fn drop(&mut self) {
        self.k.zeroize();
    }
}

impl<const R: usize> NiKeys<R> {
    #[inline(always)]
    fn new(t: AesNi, keys: &[[u8; 16]; R]) -> Self {
        NiKeys {
            k: core::array::from_fn(|i| load(&keys[i])),
            _t: t,
        }
    }

    /// Run `N` blocks from `inp` to `out` through `enc_x` or `dec_x`.
    #[inline(always)]
    fn run<const N: usize>(&self, decrypt: bool, blocks: &mut [__m128i; N]) {
        // SAFETY: a `NiKeys` exists only with an `AesNi` token, which
        // detection hands out only when the CPU has AES-NI (SSE2 is baseline).
        unsafe {
            if decrypt {
                dec_x(&self.k, blocks)
            } else {
                enc_x(&self.k, blocks)
            }
        }
    }

    #[inline(always)]
    fn one(&self, decrypt: bool, mut block: InOut<'_, '_, B16>) {
        let mut x = [load_block(block.get_in())];
        self.run(decrypt, &mut x);
        store_block(block.get_out(), x[0]);
    }

    #[inline(always)]
    fn par(&self, decrypt: bool, mut blocks: InOut<'_, '_, ParBlocks<Self>>) {
        let inp = blocks.get_in();
        let mut x: [__m128i; 8] = core::array::from_fn(|i| load_block(&inp[i]));
        self.run(decrypt, &mut x);
        for (o, x) in blocks.get_out().iter_mut().zip(x) {
            store_block(o, x);
        }
    }

    /// Fewer than 8 blocks: one padded batch.
    #[inline(always)]
    fn tail(&self, decrypt: bool, mut blocks: InOutBuf<'_, '_, B16>) {
        let mut x: [__m128i; 8] = [load(&[0; 16]); 8];
        for (x, b) in x.iter_mut().zip(blocks.get_in()) {
            *x = load_block(b);
        }
        self.run(decrypt, &mut x);
        for (o, x) in blocks.get_out().iter_mut().zip(&x) {
            store_block(o, *x);
        }
        x.zeroize();
    }
}

backend_traits!(NiKeys, U8);

/// One block (`Cipher`, or `EqInvCipher` with the decryption round keys
/// when `decrypt`) with AES-NI, each round key read from `keys` as it is
/// used: the single-block calls of the modes (AEAD setup blocks and tags,
/// XTS's first tweak, CMAC subkeys) skip building a backend, which loads
/// (and for VAES broadcasts) every round key and wipes the copies again.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_one<const R: usize>(
    _t: AesNi,
    keys: &[[u8; 16]; R],
    decrypt: bool,
    mut block: InOut<'_, '_, B16>,
) {
    const { assert!(R >= 2) };
    let mut x = _mm_xor_si128(load_block(block.get_in()), load(&keys[0]));
    for k in &keys[1..R - 1] {
        x = if decrypt {
            _mm_aesdec_si128(x, load(k))
        } else {
            _mm_aesenc_si128(x, load(k))
        };
    }
    let kl = load(&keys[R - 1]);
    x = if decrypt {
        _mm_aesdeclast_si128(x, kl)
    } else {
        _mm_aesenclast_si128(x, kl)
    };
    store_block(block.get_out(), x);
}

/// Run `f` with the AES-NI encryption backend for `keys` (the mode's loop
/// is compiled with AES-NI enabled).
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_encrypt<const R: usize>(
    t: AesNi,
    keys: &[[u8; 16]; R],
    f: impl BlockCipherEncClosure<BlockSize = U16>,
) {
    f.call(&NiKeys::new(t, keys));
}

/// Run `f` with the AES-NI decryption backend for the decryption round keys.
#[target_feature(enable = "aes,sse2")]
pub(crate) fn aesni_decrypt<const R: usize>(
    t: AesNi,
    keys: &[[u8; 16]; R],
    f: impl BlockCipherDecClosure<BlockSize = U16>,
) {
    f.call(&NiKeys::new(t, keys));
}

// --- VAES (YMM) -------------------------------------------------------------

/// Blocks per VAES batch (two per YMM register).
type VaesPar = U16;
/// YMM registers per VAES batch.
const VAES_REGS: usize = 8;

/// One block with the low lanes of the YMM round keys.
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn one_y<const R: usize>(k: &[__m256i; R], decrypt: bool, x: __m128i) -> __m128i {
    let mut x = _mm_xor_si128(x, _mm256_castsi256_si128(k[0]));
    for rk in &k[1..R - 1] {
        let rk = _mm256_castsi256_si128(*rk);
        x = if decrypt {
            _mm_aesdec_si128(x, rk)
        } else {
            _mm_aesenc_si128(x, rk)
        };
    }
    let rk = _mm256_castsi256_si128(k[R - 1]);
    if decrypt {
        _mm_aesdeclast_si128(x, rk)
    } else {
        _mm_aesenclast_si128(x, rk)
    }
}

/// The rounds of a VAES batch, round-major: every register goes through
/// round `r` before any goes through round `r + 1`, held in that order by
/// [`fence_y`]. Without the fence LLVM, short of registers beside the round
/// keys, runs the registers two at a time through all the rounds, which
/// leaves only two AES chains in flight (measured on Zen 3: ECB at 18 GB/s
/// against ~20 with the fence). Each round key is read from `k` by a
/// volatile load where it is used: otherwise LLVM hoisted the keys out of
/// the callers' batch loops and, short of registers, spilled them to a
/// second stack copy that the callers' wipe of `k` does not reach (same
/// speed either way on Zen 3: ECB 16 KiB 2015 TSC a call both).
#[target_feature(enable = "aes,avx,avx2,vaes")]
#[inline]
fn run_y<const R: usize>(k: &[__m256i; R], decrypt: bool, x: &mut [__m256i; VAES_REGS]) {
    // SAFETY: `k` holds `R` aligned, readable `__m256i`s.
    let key = |i: usize| unsafe { core::ptr::read_volatile(&k[i]) };
    let k0 = key(0);
    for x in x.iter_mut() {
        *x = _mm256_xor_si256(*x, k0);
    }
    for r in 1..R - 1 {
        let rk = key(r);
        for x in x.iter_mut() {
            *x = if decrypt {
                _mm256_aesdec_epi128(*x, rk)
            } else {
                _mm256_aesenc_epi128(*x, rk)
            };
        }
        fence_y(x);
    }
    let kl = key(R - 1);
    for x in x.iter_mut() {
        *x = if decrypt {
            _mm256_aesdeclast_epi128(*x, kl)
        } else {
            _mm256_aesenclast_epi128(*x, kl)
        };
    }
}

/// VAES backend: each round key broadcast to both lanes of a YMM register,
/// 16 blocks per batch.
pub(crate) struct VaesKeys<const R: usize> {
    k: [__m256i; R],
    _t: Vaes256,
}

impl<const R: usize> Drop for VaesKeys<R> {
    fn drop(&mut self) {
        self.k.zeroize();
    }
}

impl<const R: usize> VaesKeys<R> {
    #[target_feature(enable = "aes,avx,avx2,vaes")]
    #[inline]
    fn new(t: Vaes256, keys: &[[u8; 16]; R]) -> Self {
        VaesKeys {
            k: core::array::from_fn(|i| _mm256_broadcastsi128_si256(load(&keys[i]))),
            _t: t,
        }
    }

    #[inline(always)]
    fn one(&self, decrypt: bool, mut block: InOut<'_, '_, B16>) {
        let x = load_block(block.get_in());
        // SAFETY: a `VaesKeys` exists only with a `Vaes256` token, which
        // detection hands out only when the CPU has AES-NI, VAES, AVX and
        // AVX2 and the OS saves the YMM state.
        let y = unsafe { one_y(&self.k, decrypt, x) };
        store_block(block.get_out(), y);
    }

    #[inline(always)]
    fn par(&self, decrypt: bool, mut blocks: InOut<'_, '_, ParBlocks<Self>>) {
        // SAFETY: as in `one`, the `Vaes256` token proves the CPU features
        // that `load_pair`, `run_y` and `store_pair` need.
        // Fixed indices into the fixed-size batch (not a zip over slices):
        // a loop bounded by the slice's length is turned into a stack copy
        // plus `memcpy` when the caller picks the batch buffer at run time.
        unsafe {
            let inp: &[B16; 16] = &blocks.get_in().0;
            let mut x: [__m256i; VAES_REGS] = core::array::from_fn(|i| load_pair(pair(inp, i)));
            run_y(&self.k, decrypt, &mut x);
            let out: &mut [B16; 16] = &mut blocks.get_out().0;
            for (i, x) in x.into_iter().enumerate() {
                store_pair(pair_mut(out, i), x);
            }
        }
    }

    /// Fewer than 16 blocks: one block alone, or one batch of 8 registers
    /// loaded and stored with [`load_short_y`] / [`store_short_y`].
    #[inline(always)]
    fn tail(&self, decrypt: bool, mut blocks: InOutBuf<'_, '_, B16>) {
        if blocks.len() == 1 {
            // A single block (a tweak, a counter block, a subkey): one
            // register instead of a batch.
            self.one(decrypt, blocks.get(0));
            return;
        }
        // SAFETY: as in `one`, the `Vaes256` token proves the features.
        unsafe {
            let mut x = load_short_y(B16::slice_as_flattened(blocks.get_in()));
            run_y(&self.k, decrypt, &mut x);
            store_short_y(B16::slice_as_flattened_mut(blocks.get_out()), &x);
            x.zeroize();
        }
    }
}

backend_traits!(VaesKeys, VaesPar);

/// Run `f` with the VAES encryption backend for `keys`.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_encrypt<const R: usize>(
    t: Vaes256,
    keys: &[[u8; 16]; R],
    f: impl BlockCipherEncClosure<BlockSize = U16>,
) {
    f.call(&VaesKeys::new(t, keys));
}

/// Run `f` with the VAES decryption backend for the decryption round keys.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_decrypt<const R: usize>(
    t: Vaes256,
    keys: &[[u8; 16]; R],
    f: impl BlockCipherDecClosure<BlockSize = U16>,
) {
    f.call(&VaesKeys::new(t, keys));
}

/// ECB over whole blocks in place with VAES (`Cipher`, or `EqInvCipher`
/// with the decryption round keys when `decrypt`): batches of 16 blocks as
/// in the backend, in one loop of its own. The mode's slice of blocks
/// through the `cipher` backend ran ~3% slower (Zen 3, 16 KiB, best of
/// 30: 19.2 against 19.8 GB/s). Also tried (Zen 3, 16 KiB per call, best
/// rdtsc loops against CBC decryption in the same run): the direction as a
/// const generic with the rounds unfenced, as in CBC decryption, 3–5%
/// slower (LLVM ran the registers through the rounds a few at a time
/// again); the same with the fence, no change; the keys as a local array
/// instead of a `VaesKeys`, no change. Per 16-block batch this loop and
/// CBC decryption both take 31.2 TSC (the slope from 4 to 64 KiB), an
/// `asm!` loop of the bare rounds ~31.6: the pipe bound. A whole 16 KiB
/// call costs ~2015–2035 TSC, ~25 more than CBC decryption's, in the
/// per-call set-up.
#[target_feature(enable = "aes,avx,avx2,vaes")]
pub(crate) fn vaes_ecb<const R: usize>(
    t: Vaes256,
    keys: &[[u8; 16]; R],
    decrypt: bool,
    blocks: &mut [B16],
) {
    if blocks.len() <= 8 {
        // A few blocks (AEAD set-up, short messages): one at a time with
        // the round keys read from `keys` (no broadcast copies to make and
        // wipe); the independent blocks overlap in the pipeline.
        for b in blocks {
            aesni_one(t.aesni(), keys, decrypt, b.into());
        }
        return;
    }
    let v = VaesKeys::new(t, keys);
    let (batches, tail) = blocks.as_chunks_mut::<16>();
    for b in batches {
        let mut x: [__m256i; VAES_REGS] = core::array::from_fn(|i| load_pair(pair(b, i)));
        run_y(&v.k, decrypt, &mut x);
        for (i, x) in x.into_iter().enumerate() {
            store_pair(pair_mut(b, i), x);
        }
    }
    if !tail.is_empty() {
        v.tail(decrypt, tail.into());
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    /// ns per call of ECB over 2..=16 blocks on the VAES path (the short
    /// runs of AEAD key derivation and of tails), best of 500 runs of 2000
    /// calls: `cargo test --release --all-features --lib x86::tests --
    /// --ignored --nocapture`. Zen 3: 15-17 ns for 2-8 blocks (one block
    /// at a time with AES-NI; 24-25 as one masked VAES batch, 31-33 with
    /// the earlier padded-buffer tail), 22-25 for 9-15 (the masked batch;
    /// 55 with the padded buffer), 27-35 for 16.
    #[test]
    #[ignore]
    fn short_calls() {
        use super::super::{Aes128, Backend::Vaes256};
        use cipher::{Array, BlockCipherEncrypt};
        let Ok(c) = Aes128::new_with_backend(&[7; 16].into(), Vaes256) else {
            return;
        };
        for n in [2usize, 4, 6, 8, 9, 15, 16] {
            let mut blocks = std::vec![Array::from([1u8; 16]); n];
            let calls = 2000;
            let mut best = f64::MAX;
            for _ in 0..500 {
                let t = std::time::Instant::now();
                for _ in 0..calls {
                    c.encrypt_blocks(core::hint::black_box(&mut blocks));
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            std::println!("{n} blocks: {:.1} ns/call", best / calls as f64 * 1e9);
        }
    }
}
