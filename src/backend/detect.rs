//! CPU feature detection for the AES and carry-less-multiply backends — the one place that asks the
//! CPU what it can do (Intel SDM Vol. 2A, "CPUID"; Vol. 1 §13.3 "Enabling
//! the XSAVE feature set", XCR0; AMD APM Vol. 3, "CPUID").
//!
//! The answer is computed once and cached in an atomic. Holding a token
//! ([`AesNi`], [`Vaes256`], [`Vaes512`], [`Pclmul`], [`Vpclmul256`],
//! [`Vpclmul512`]) is the proof that the CPU has the feature:
//! tokens are only made here, after detection, so code that takes a token
//! may call the matching `#[target_feature]` kernels.

use core::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// Proof that the CPU runs AES-NI and SSE2 (`#[target_feature(enable = "aes,sse2")]`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct AesNi(());

/// Proof that the CPU runs VAES on 256-bit registers with AVX2 and BMI2, and
/// that the OS saves the YMM state
/// (`#[target_feature(enable = "aes,avx,avx2,vaes")]`, plus BMI2 for the
/// `asm!` of the XTS tweak chain). Implies [`AesNi`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Vaes256(());

impl Vaes256 {
    /// VAES implies AES-NI (detection checked both).
    pub(crate) fn aesni(self) -> AesNi {
        AesNi(())
    }
}

/// Proof that the CPU runs PCLMULQDQ and SSSE3 (PSHUFB) on XMM registers
/// (`#[target_feature(enable = "pclmulqdq,sse2,ssse3")]`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pclmul(());

/// Proof that the CPU runs VPCLMULQDQ on 256-bit registers with AVX2, and
/// that the OS saves the YMM state
/// (`#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq")]`; no
/// AVX-512 needed). Implies [`Pclmul`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Vpclmul256(());

/// Proof that the CPU runs VAES with AVX-512 F, VL and BW (EVEX encodings:
/// 32 vector registers, ZMM, VPTERNLOG, mask registers) and that the OS
/// saves the full ZMM and opmask state
/// (`#[target_feature(enable = "aes,avx,avx2,vaes,avx512f,avx512vl,avx512bw")]`).
/// Implies [`Vaes256`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Vaes512(());

impl Vaes512 {
    /// AVX-512 VAES implies the YMM path (detection checked it).
    pub(crate) fn vaes256(self) -> Vaes256 {
        Vaes256(())
    }
}

/// Proof that the CPU runs VPCLMULQDQ with AVX-512 F, VL and BW and that
/// the OS saves the ZMM and opmask state
/// (`#[target_feature(enable = "pclmulqdq,avx,avx2,vpclmulqdq,avx512f,avx512vl,avx512bw")]`).
/// Implies [`Vpclmul256`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Vpclmul512(());

impl Vpclmul512 {
    /// AVX-512 VPCLMULQDQ implies the YMM path (detection checked it).
    pub(crate) fn vpclmul256(self) -> Vpclmul256 {
        Vpclmul256(())
    }
}

/// The fastest hardware path this CPU offers.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Hw {
    /// 128-bit AES-NI only.
    AesNi(AesNi),
    /// VAES on YMM registers (and AES-NI).
    Vaes256(Vaes256),
    /// VAES with AVX-512 (and the YMM path).
    Vaes512(Vaes512),
}

const KNOWN: u8 = 1;
const HAS_AESNI: u8 = 2;
const HAS_VAES256: u8 = 4;
const HAS_PCLMUL: u8 = 8;
const HAS_VPCLMUL256: u8 = 16;
const HAS_VAES512: u8 = 32;
const HAS_VPCLMUL512: u8 = 64;

/// Cached detection result; `0` until the first query.
static FEATURES: AtomicU8 = AtomicU8::new(0);
/// Force the portable path at key setup.
static FORCE_PORTABLE: AtomicBool = AtomicBool::new(false);

/// Make every key set up from now on use (`true`) or stop using (`false`)
/// the portable path, whatever the CPU offers.
pub(crate) fn set_force_portable(on: bool) {
    FORCE_PORTABLE.store(on, Ordering::Relaxed);
}

/// Whether the portable path is forced.
pub(crate) fn portable_forced() -> bool {
    FORCE_PORTABLE.load(Ordering::Relaxed)
}

/// The best hardware path, ignoring the portable switch.
pub(crate) fn hw() -> Option<Hw> {
    let f = features();
    if f & HAS_VAES512 != 0 {
        Some(Hw::Vaes512(Vaes512(())))
    } else if f & HAS_VAES256 != 0 {
        Some(Hw::Vaes256(Vaes256(())))
    } else if f & HAS_AESNI != 0 {
        Some(Hw::AesNi(AesNi(())))
    } else {
        None
    }
}

/// The AES-NI token, if the CPU has it.
pub(crate) fn aesni() -> Option<AesNi> {
    (features() & HAS_AESNI != 0).then_some(AesNi(()))
}

/// The VAES-256 token, if the CPU and OS support it.
pub(crate) fn vaes256() -> Option<Vaes256> {
    (features() & HAS_VAES256 != 0).then_some(Vaes256(()))
}

/// The AVX-512 VAES token, if the CPU and OS support it.
pub(crate) fn vaes512() -> Option<Vaes512> {
    (features() & HAS_VAES512 != 0).then_some(Vaes512(()))
}

/// The AVX-512 VPCLMULQDQ token, if the CPU and OS support it.
pub(crate) fn vpclmul512() -> Option<Vpclmul512> {
    (features() & HAS_VPCLMUL512 != 0).then_some(Vpclmul512(()))
}

/// The PCLMULQDQ token, if the CPU has it.
pub(crate) fn pclmul() -> Option<Pclmul> {
    (features() & HAS_PCLMUL != 0).then_some(Pclmul(()))
}

/// The VPCLMULQDQ-256 token, if the CPU and OS support it.
pub(crate) fn vpclmul256() -> Option<Vpclmul256> {
    (features() & HAS_VPCLMUL256 != 0).then_some(Vpclmul256(()))
}

fn features() -> u8 {
    let f = FEATURES.load(Ordering::Relaxed);
    if f & KNOWN != 0 {
        return f;
    }
    // Racing threads compute the same value; any of them may store it.
    let f = probe() | KNOWN;
    FEATURES.store(f, Ordering::Relaxed);
    f
}

#[cfg(target_arch = "x86_64")]
fn probe() -> u8 {
    use core::arch::x86_64::{__cpuid, __cpuid_count, _xgetbv};

    const fn bit(reg: u32, n: u32) -> bool {
        reg & (1 << n) != 0
    }

    // Leaf 0: the highest standard leaf.
    let max_leaf = __cpuid(0).eax;
    // Leaf 1, ECX: bit 1 PCLMULQDQ, 9 SSSE3, 25 AES, 26 XSAVE, 27 OSXSAVE,
    // 28 AVX.
    let l1 = __cpuid(1);
    let pclmul = bit(l1.ecx, 1) && bit(l1.ecx, 9);
    let aes = bit(l1.ecx, 25);
    let osxsave = bit(l1.ecx, 27);
    let avx = bit(l1.ecx, 28);
    // Leaf 7 sub-leaf 0: EBX bit 5 AVX2, bit 8 BMI2, bit 16 AVX512F, bit 30
    // AVX512BW, bit 31 AVX512VL; ECX bit 9 VAES, bit 10 VPCLMULQDQ.
    let (avx2, bmi2, avx512, vaes, vpclmul) = if max_leaf >= 7 {
        let l7 = __cpuid_count(7, 0);
        let avx512 = bit(l7.ebx, 16) && bit(l7.ebx, 30) && bit(l7.ebx, 31);
        (
            bit(l7.ebx, 5),
            bit(l7.ebx, 8),
            avx512,
            bit(l7.ecx, 9),
            bit(l7.ecx, 10),
        )
    } else {
        (false, false, false, false, false)
    };
    // XCR0 bits 1 (SSE/XMM) and 2 (AVX/YMM): the OS saves the YMM registers
    // on a context switch. AVX-512 state (bits 5..7) is not needed for VAES
    // (or VPCLMULQDQ) on YMM registers.
    // XCR0 bits 5 (opmask), 6 (upper halves of ZMM0-15) and 7 (ZMM16-31):
    // the OS saves the AVX-512 state, needed for any EVEX instruction.
    let xcr0 = if osxsave {
        // SAFETY: XGETBV is available because CPUID.1:ECX.OSXSAVE[bit 27] is
        // set (the OS enabled XSAVE, so CR4.OSXSAVE = 1), and XCR0 (index 0)
        // always exists then.
        unsafe { _xgetbv(0) }
    } else {
        0
    };
    let ymm_state = xcr0 & 0b110 == 0b110;
    let zmm_state = ymm_state && xcr0 & 0b1110_0000 == 0b1110_0000;
    let mut f = 0;
    if aes {
        f |= HAS_AESNI;
        // BMI2 (SARX in the XTS tweak chain, `xts_x86`) comes with every
        // CPU that has VAES (Intel since Ice Lake, AMD since Zen 3).
        if avx && avx2 && bmi2 && vaes && ymm_state {
            f |= HAS_VAES256;
            if avx512 && zmm_state {
                f |= HAS_VAES512;
            }
        }
    }
    if pclmul {
        f |= HAS_PCLMUL;
        if avx && avx2 && vpclmul && ymm_state {
            f |= HAS_VPCLMUL256;
            if avx512 && zmm_state {
                f |= HAS_VPCLMUL512;
            }
        }
    }
    f
}

#[cfg(not(target_arch = "x86_64"))]
fn probe() -> u8 {
    0
}
