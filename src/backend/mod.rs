//! AES (FIPS 197) behind the `cipher` 0.5 block-cipher traits, with our own
//! x86-64 kernels chosen at run time:
//!
//! | path | when | batch |
//! |---|---|---|
//! | [`Backend::Vaes512`] | as `Vaes256`, plus AVX-512 F/VL/BW and the OS saves ZMM state | as `Vaes256`; XTS keeps round keys and tweaks in the 32 EVEX registers |
//! | [`Backend::Vaes256`] | AES-NI + VAES + AVX2, OS saves YMM state | 16 blocks (8 YMM registers) |
//! | [`Backend::AesNi`] | AES-NI | 8 blocks (8 XMM registers) |
//! | [`Backend::Portable`] | anything else, or forced | the `aes` crate |
//!
//! The path is chosen once, at key setup ([`KeyInit::new`]), from the CPU
//! features detected in `detect` (the only place that asks the CPU) and
//! the global [`force_portable`] switch; [`Aes128::new_with_backend`] picks
//! one explicitly. Each `encrypt_with_backend` / `decrypt_with_backend` call
//! runs the mode's whole loop inside a function compiled for that path, so
//! every mode in the crate gets the parallel kernels unchanged.
//!
//! The portable path delegates to `aes::Aes128` (and 192/256), which makes
//! its own choice (fixsliced software, or ARMv8 / x86 instructions).
//!
//! This folder is the only place in the crate with `unsafe`: the
//! `core::arch` intrinsics and calls into `#[target_feature]` functions.
//! A call into such a function is only made while holding a detection token
//! (`detect`), each with a `// SAFETY:` note.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
pub(crate) mod ccm_x86;
#[cfg(target_arch = "x86_64")]
pub(crate) mod cfb_x86;
#[cfg(target_arch = "x86_64")]
pub(crate) mod chain_x86;
#[cfg(target_arch = "x86_64")]
pub(crate) mod clmul;
#[cfg(target_arch = "x86_64")]
pub(crate) mod ctr_x86;
mod detect;
#[cfg(target_arch = "x86_64")]
pub(crate) mod gcm_x86;
#[cfg(target_arch = "x86_64")]
mod key_schedule;
#[cfg(target_arch = "x86_64")]
pub(crate) mod ocb_x86;
#[cfg(target_arch = "x86_64")]
pub(crate) mod siv_x86;
#[cfg(all(test, target_arch = "x86_64"))]
mod test_rng;
#[cfg(target_arch = "x86_64")]
mod x86;
#[cfg(target_arch = "x86_64")]
pub(crate) mod xts_x86;

use core::fmt;

use cipher::{
    Array, Block, BlockCipherDecClosure, BlockCipherDecrypt, BlockCipherEncClosure,
    BlockCipherEncrypt, BlockSizeUser, Key, KeyInit, KeySizeUser,
    consts::{U16, U24, U32},
    inout::InOut,
};
use zeroize::ZeroizeOnDrop;

use crate::error::{Error, Result};
use crate::kernels::{Ctr32, Kernels, MacInput};
use crate::uhash::Ghash;

/// The CPU path an AES instance runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// [`Backend::Vaes256`] on a CPU with AVX-512 (F, VL, BW): the kernels
    /// that gain from 32 vector registers and three-input logic use them
    /// (x86-64).
    Vaes512,
    /// VAES on 256-bit registers: two blocks per instruction (x86-64).
    Vaes256,
    /// AES-NI on 128-bit registers (x86-64).
    AesNi,
    /// The `aes` crate (its own runtime choice; software on x86-64 without
    /// AES-NI).
    Portable,
}

impl Backend {
    /// Every path, fastest first (not all of them run on every CPU: see
    /// [`is_supported`](Self::is_supported)).
    pub const ALL: [Backend; 4] = [
        Backend::Vaes512,
        Backend::Vaes256,
        Backend::AesNi,
        Backend::Portable,
    ];

    /// Short name: `"vaes512"`, `"vaes256"`, `"aesni"` or `"portable"`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Vaes512 => "vaes512",
            Backend::Vaes256 => "vaes256",
            Backend::AesNi => "aesni",
            Backend::Portable => "portable",
        }
    }

    /// Whether this CPU (and OS) can run the path; [`Backend::Portable`]
    /// always can. Ignores [`force_portable`].
    pub fn is_supported(self) -> bool {
        match self {
            Backend::Vaes512 => detect::vaes512().is_some(),
            Backend::Vaes256 => detect::vaes256().is_some(),
            Backend::AesNi => detect::aesni().is_some(),
            Backend::Portable => true,
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Make every AES key set up from now on (through [`KeyInit`]) use the
/// portable path (`true`), or the fastest path the CPU has again (`false`).
/// Keys already set up keep their path. Process-wide; meant for tests and
/// for comparing paths.
///
/// ```
/// use blockmodes::backend::{self, Aes128, Backend};
/// use blockmodes::cipher::KeyInit;
///
/// backend::force_portable(true);
/// assert_eq!(Aes128::new(&[0u8; 16].into()).backend(), Backend::Portable);
/// backend::force_portable(false);
/// ```
pub fn force_portable(on: bool) {
    detect::set_force_portable(on);
}

/// The path a key set up now through [`KeyInit`] gets.
pub fn default_backend() -> Backend {
    if detect::portable_forced() {
        return Backend::Portable;
    }
    match detect::hw() {
        #[cfg(target_arch = "x86_64")]
        Some(detect::Hw::Vaes512(_)) => Backend::Vaes512,
        #[cfg(target_arch = "x86_64")]
        Some(detect::Hw::Vaes256(_)) => Backend::Vaes256,
        #[cfg(target_arch = "x86_64")]
        Some(detect::Hw::AesNi(_)) => Backend::AesNi,
        _ => Backend::Portable,
    }
}

/// Name of the path a key set up now gets: `"vaes256"`, `"aesni"` or
/// `"portable"` (what `blockmodes speed` reports).
pub fn active_backend() -> &'static str {
    default_backend().name()
}

pub(crate) use crate::wipe::wipe_all;

/// The key and path of one instance, `R = Nr + 1` round keys.
#[derive(Clone)]
enum Inner<const R: usize, P> {
    #[cfg(target_arch = "x86_64")]
    AesNi(detect::AesNi, key_schedule::RoundKeys<R>),
    #[cfg(target_arch = "x86_64")]
    /// The VAES path; with the AVX-512 token on [`Backend::Vaes512`].
    Vaes256(
        detect::Vaes256,
        Option<detect::Vaes512>,
        key_schedule::RoundKeys<R>,
    ),
    Portable(P),
}

impl<const R: usize, P: KeyInit> Inner<R, P> {
    fn new(key: &Key<P>, backend: Backend) -> Result<Self> {
        #[cfg(target_arch = "x86_64")]
        match backend {
            Backend::Vaes512 => {
                let w = detect::vaes512().ok_or(Error::InvalidParameter)?;
                let t = w.vaes256();
                // SAFETY: the `Vaes256` token proves the CPU has AES-NI.
                let keys = unsafe { key_schedule::expand(t.aesni(), key) };
                return Ok(Inner::Vaes256(t, Some(w), keys));
            }
            Backend::Vaes256 => {
                let t = detect::vaes256().ok_or(Error::InvalidParameter)?;
                // SAFETY: the `Vaes256` token proves the CPU has AES-NI.
                let keys = unsafe { key_schedule::expand(t.aesni(), key) };
                return Ok(Inner::Vaes256(t, None, keys));
            }
            Backend::AesNi => {
                let t = detect::aesni().ok_or(Error::InvalidParameter)?;
                // SAFETY: the `AesNi` token proves the CPU has AES-NI.
                let keys = unsafe { key_schedule::expand(t, key) };
                return Ok(Inner::AesNi(t, keys));
            }
            Backend::Portable => {}
        }
        #[cfg(not(target_arch = "x86_64"))]
        if backend != Backend::Portable {
            return Err(Error::InvalidParameter);
        }
        Ok(Inner::Portable(P::new(key)))
    }

    fn backend(&self) -> Backend {
        match self {
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(..) => Backend::AesNi,
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(_, Some(_), _) => Backend::Vaes512,
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(_, None, _) => Backend::Vaes256,
            Inner::Portable(_) => Backend::Portable,
        }
    }
}

impl<const R: usize, P: BlockCipherEncrypt<BlockSize = U16>> Inner<R, P> {
    #[inline]
    fn encrypt_with(&self, f: impl BlockCipherEncClosure<BlockSize = U16>) {
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` entry point enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe { x86::vaes_encrypt(*t, &k.enc, f) },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe { x86::aesni_encrypt(*t, &k.enc, f) },
            Inner::Portable(c) => c.encrypt_with_backend(f),
        }
    }
}

impl<const R: usize, P: BlockCipherEncrypt<BlockSize = U16>> Inner<R, P> {
    /// One block, without building a backend on the hardware paths (see
    /// [`x86::aesni_one`]).
    #[inline]
    fn encrypt_one(&self, block: InOut<'_, '_, Array<u8, U16>>) {
        match self {
            // SAFETY: the token proves AES-NI (VAES implies it).
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe { x86::aesni_one(t.aesni(), &k.enc, false, block) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe { x86::aesni_one(*t, &k.enc, false, block) },
            Inner::Portable(c) => c.encrypt_block_inout(block),
        }
    }
}

impl<const R: usize, P: BlockCipherDecrypt<BlockSize = U16>> Inner<R, P> {
    /// One block, as [`encrypt_one`](Self::encrypt_one).
    #[inline]
    fn decrypt_one(&self, block: InOut<'_, '_, Array<u8, U16>>) {
        match self {
            // SAFETY: the token proves AES-NI (VAES implies it).
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe { x86::aesni_one(t.aesni(), &k.dec, true, block) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe { x86::aesni_one(*t, &k.dec, true, block) },
            Inner::Portable(c) => c.decrypt_block_inout(block),
        }
    }

    #[inline]
    fn decrypt_with(&self, f: impl BlockCipherDecClosure<BlockSize = U16>) {
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` entry point enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe { x86::vaes_decrypt(*t, &k.dec, f) },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe { x86::aesni_decrypt(*t, &k.dec, f) },
            Inner::Portable(c) => c.decrypt_with_backend(f),
        }
    }
}

/// The chained modes with an AES-NI kernel.
#[derive(Clone, Copy)]
enum Chained {
    CbcEncrypt,
    CfbEncrypt,
    Ofb,
    PcbcEncrypt,
}

/// The whole-loop kernels ([`Kernels`]) of one instance: each returns
/// whether it ran (`false`/`None` on a path without that kernel, and the
/// caller runs the generic core instead).
impl<const R: usize, P> Inner<R, P> {
    /// ECB over whole blocks in place, on the VAES path (see
    /// [`x86::vaes_ecb`]).
    #[inline]
    fn ecb(&self, decrypt: bool, blocks: &mut [Array<u8, U16>]) -> bool {
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernel enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                let keys = if decrypt { &k.dec } else { &k.enc };
                x86::vaes_ecb(*t, keys, decrypt, blocks)
            },
            _ => return false,
        }
        true
    }

    #[inline]
    fn ctr32_xor(&self, counter: &Array<u8, U16>, word: Ctr32, data: &mut [u8]) -> bool {
        let le_first = word == Ctr32::LeFirst;
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernel enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                ctr_x86::vaes_ctr32_xor(*t, &k.enc, &counter.0, le_first, data)
            },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                ctr_x86::aesni_ctr32_xor(*t, &k.enc, &counter.0, le_first, data)
            },
            Inner::Portable(_) => return false,
        }
        true
    }

    /// XTS over data units of `unit_blocks` blocks, all in one kernel call
    /// (see [`Kernels::xts_encrypt`]).
    #[inline]
    fn xts(
        &self,
        decrypt: bool,
        first_tweaks: &[Array<u8, U16>],
        unit_blocks: usize,
        data: &mut [u8],
    ) -> Option<Array<u8, U16>> {
        let tweaks = Array::cast_slice_to_core(first_tweaks);
        let next = match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernels enable.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(_, Some(w), k) => unsafe {
                if decrypt {
                    xts_x86::vaes512_xts_decrypt(*w, &k.dec, tweaks, unit_blocks, data)
                } else {
                    xts_x86::vaes512_xts_encrypt(*w, &k.enc, tweaks, unit_blocks, data)
                }
            },
            // SAFETY: as above, for VAES on YMM.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, None, k) => unsafe {
                // Sector runs of short units as one stream of batches (the
                // check inline here, so that other calls pay nothing).
                match (
                    xts_x86::stream_units(tweaks, unit_blocks, data.len()),
                    decrypt,
                ) {
                    (Some(ub), true) => {
                        xts_x86::vaes_xts_stream_decrypt(*t, &k.dec, tweaks, ub, data)
                    }
                    (Some(ub), false) => {
                        xts_x86::vaes_xts_stream_encrypt(*t, &k.enc, tweaks, ub, data)
                    }
                    (None, true) => {
                        xts_x86::vaes_xts_decrypt(*t, &k.dec, tweaks, unit_blocks, data)
                    }
                    (None, false) => {
                        xts_x86::vaes_xts_encrypt(*t, &k.enc, tweaks, unit_blocks, data)
                    }
                }
            },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                if decrypt {
                    xts_x86::aesni_xts_decrypt(*t, &k.dec, tweaks, unit_blocks, data)
                } else {
                    xts_x86::aesni_xts_encrypt(*t, &k.enc, tweaks, unit_blocks, data)
                }
            },
            Inner::Portable(_) => return None,
        };
        Some(Array(next))
    }

    #[inline]
    fn chain(&self, mode: Chained, v: &mut Array<u8, U16>, data: &mut [u8]) -> bool {
        let (t, k) = match self {
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => (t.aesni(), k),
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => (*t, k),
            Inner::Portable(_) => return false,
        };
        let v = &mut v.0;
        // SAFETY: the `AesNi` token proves the CPU has AES-NI (and SSE2).
        unsafe {
            match mode {
                Chained::CbcEncrypt => chain_x86::aesni_cbc_encrypt(t, &k.enc, v, data),
                Chained::CfbEncrypt => chain_x86::aesni_cfb_encrypt(t, &k.enc, v, data),
                Chained::Ofb => chain_x86::aesni_ofb_xor(t, &k.enc, v, data),
                Chained::PcbcEncrypt => chain_x86::aesni_pcbc_encrypt(t, &k.enc, v, data),
            }
        }
        true
    }

    #[inline]
    fn cbc_mac(&self, state: &mut Array<u8, U16>, data: &[u8]) -> bool {
        match self {
            // SAFETY: the token proves the CPU has AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                chain_x86::aesni_cbc_mac(t.aesni(), &k.enc, &mut state.0, data)
            },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                chain_x86::aesni_cbc_mac(*t, &k.enc, &mut state.0, data)
            },
            Inner::Portable(_) => return false,
        }
        true
    }

    #[inline]
    fn cbc_decrypt(&self, iv: &mut Array<u8, U16>, data: &mut [u8]) -> bool {
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernel enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                chain_x86::vaes_cbc_decrypt(*t, &k.dec, &mut iv.0, data)
            },
            // AES-NI alone: the generic core over the 8-block backend.
            _ => return false,
        }
        true
    }

    /// OCB3 encryption or decryption of whole blocks (see
    /// [`Kernels::ocb3_encrypt`]).
    #[inline]
    fn ocb3_crypt(
        &self,
        decrypt: bool,
        l: &[u128; 64],
        index: u64,
        offset: &mut u128,
        checksum: &mut u128,
        data: &mut [u8],
    ) -> bool {
        let (mut o, mut s) = (offset.to_le_bytes(), checksum.to_le_bytes());
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernels enable.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                if decrypt {
                    ocb_x86::vaes_ocb3_decrypt(*t, &k.dec, l, index, &mut o, &mut s, data)
                } else {
                    ocb_x86::vaes_ocb3_encrypt(*t, &k.enc, l, index, &mut o, &mut s, data)
                }
            },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                if decrypt {
                    ocb_x86::aesni_ocb3_decrypt(*t, &k.dec, l, index, &mut o, &mut s, data)
                } else {
                    ocb_x86::aesni_ocb3_encrypt(*t, &k.enc, l, index, &mut o, &mut s, data)
                }
            },
            Inner::Portable(_) => return false,
        }
        *offset = u128::from_le_bytes(o);
        *checksum = u128::from_le_bytes(s);
        zeroize::Zeroize::zeroize(&mut o);
        zeroize::Zeroize::zeroize(&mut s);
        true
    }

    /// OCB3 HASH of whole blocks (see [`Kernels::ocb3_hash`]).
    #[inline]
    fn ocb3_hash(
        &self,
        l: &[u128; 64],
        index: u64,
        offset: &mut u128,
        sum: &mut u128,
        data: &[u8],
    ) -> bool {
        let (mut o, mut s) = (offset.to_le_bytes(), sum.to_le_bytes());
        match self {
            // SAFETY: the token proves the CPU has the features the
            // `#[target_feature]` kernel enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                ocb_x86::vaes_ocb3_hash(*t, &k.enc, l, index, &mut o, &mut s, data)
            },
            // SAFETY: as above, for AES-NI.
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                ocb_x86::aesni_ocb3_hash(*t, &k.enc, l, index, &mut o, &mut s, data)
            },
            Inner::Portable(_) => return false,
        }
        *offset = u128::from_le_bytes(o);
        *sum = u128::from_le_bytes(s);
        zeroize::Zeroize::zeroize(&mut o);
        zeroize::Zeroize::zeroize(&mut s);
        true
    }

    /// GCM's stitched CTR + GHASH (see [`Kernels::gcm_xor_hash`]) when
    /// this instance is on VAES and `ghash` on VPCLMULQDQ: the AVX-512
    /// kernel when both are on their AVX-512 paths.
    #[inline]
    fn gcm_xor_hash(
        &self,
        counter: &Array<u8, U16>,
        ghash: &mut Ghash,
        data: &mut [u8],
        decrypt: bool,
    ) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, w, k) => {
                let Some((key, y)) = ghash.clmul_parts() else {
                    return false;
                };
                // AES-256 encryption stays on the YMM kernel: with 15 round
                // keys and the previous batch kept in registers the ZMM
                // kernel spills and runs slower there (see gcm_x86's notes).
                let zmm = decrypt || R < 15;
                if let (true, Some(w), Some(c)) = (zmm, *w, key.vpclmul512()) {
                    // SAFETY: the tokens prove the CPU has VAES, AES-NI,
                    // AVX2, AVX-512 F/VL/BW, PCLMULQDQ, VPCLMULQDQ and SSSE3
                    // (and SSE2), the features the kernel enables, and that
                    // the OS saves the ZMM and opmask state.
                    unsafe {
                        if decrypt {
                            gcm_x86::vaes512_gcm_xor_hash::<R, true>(
                                w, c, &k.enc, &counter.0, key, y, data,
                            )
                        } else {
                            gcm_x86::vaes512_gcm_xor_hash::<R, false>(
                                w, c, &k.enc, &counter.0, key, y, data,
                            )
                        }
                    }
                    return true;
                }
                let Some(c) = key.vpclmul256() else {
                    return false;
                };
                // SAFETY: the tokens prove the CPU has VAES, AES-NI, AVX2,
                // PCLMULQDQ, VPCLMULQDQ and SSSE3 (and SSE2), the features
                // the kernel enables, and that the OS saves YMM state.
                unsafe {
                    if decrypt {
                        gcm_x86::vaes_gcm_xor_hash::<R, true>(
                            *t, c, &k.enc, &counter.0, key, y, data,
                        )
                    } else {
                        gcm_x86::vaes_gcm_xor_hash::<R, false>(
                            *t, c, &k.enc, &counter.0, key, y, data,
                        )
                    }
                }
                true
            }
            _ => {
                let _ = (counter, ghash, data, decrypt);
                false
            }
        }
    }

    /// The CBC-MAC chain stitched with CTR (see
    /// [`Kernels::ctr128_cbc_mac`]), on AES-NI for both hardware paths (the
    /// chain is one block at a time).
    #[inline]
    fn ctr128_cbc_mac(
        &self,
        counter: &Array<u8, U16>,
        mac: &mut Array<u8, U16>,
        mac_input: MacInput,
        data: &mut [u8],
    ) -> bool {
        let (t, k) = match self {
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => (t.aesni(), k),
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => (*t, k),
            Inner::Portable(_) => return false,
        };
        let (c, m) = (&counter.0, &mut mac.0);
        // SAFETY: the `AesNi` token proves the CPU has AES-NI (and SSE2).
        unsafe {
            match mac_input {
                MacInput::Input => ccm_x86::aesni_ctr128_mac_input(t, &k.enc, c, m, data),
                MacInput::Output => ccm_x86::aesni_ctr128_mac_output(t, &k.enc, c, m, data),
            }
        }
        true
    }

    /// This instance's CTR beside `mac_key`'s CBC-MAC chain (see
    /// [`Kernels::ctr128_cbc_mac_keyed`]), on AES-NI when both instances
    /// run on a hardware path (the chain is one block at a time).
    #[inline]
    fn ctr128_cbc_mac_keyed(
        &self,
        counter: &Array<u8, U16>,
        mac_key: &Self,
        mac: &mut Array<u8, U16>,
        data: &mut [u8],
    ) -> bool {
        let (t, k) = match self {
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => (t.aesni(), k),
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => (*t, k),
            Inner::Portable(_) => return false,
        };
        let km = match mac_key {
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(_, _, km) | Inner::AesNi(_, km) => km,
            Inner::Portable(_) => return false,
        };
        // SAFETY: the `AesNi` token proves the CPU has AES-NI (and SSE2).
        unsafe {
            siv_x86::aesni_ctr128_mac2_output(t, &k.enc, &km.enc, &counter.0, &mut mac.0, data)
        }
        true
    }

    /// CFB encryption with `q`-byte segments, `1 <= q <= 15` (see
    /// [`Kernels::cfb_segments_encrypt`]): PALIGNR on the VAES paths,
    /// SSE2 shifts on AES-NI alone.
    #[inline]
    fn cfb_segments_encrypt(&self, reg: &mut Array<u8, U16>, q: usize, data: &mut [u8]) -> bool {
        match self {
            // SAFETY: the `Vaes256` token proves AES-NI and AVX (which
            // implies SSSE3), the features the kernel enables.
            #[cfg(target_arch = "x86_64")]
            Inner::Vaes256(t, _, k) => unsafe {
                cfb_x86::vaes_cfb_segments_encrypt(*t, &k.enc, &mut reg.0, q, data)
            },
            // SAFETY: the token proves AES-NI (and SSE2).
            #[cfg(target_arch = "x86_64")]
            Inner::AesNi(t, k) => unsafe {
                cfb_x86::aesni_cfb_segments_encrypt(*t, &k.enc, &mut reg.0, q, data)
            },
            Inner::Portable(_) => {
                let _ = (reg, q, data);
                false
            }
        }
    }
}

macro_rules! aes_type {
    ($(#[$doc:meta])* $name:ident, $key_size:ty, $rounds:literal, $peer:ty) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(Inner<$rounds, $peer>);

        impl $name {
            /// Key setup on an explicit path; `Err(InvalidParameter)` if
            /// this CPU cannot run it (see [`Backend::is_supported`]).
            pub fn new_with_backend(key: &Key<Self>, backend: Backend) -> Result<Self> {
                Inner::new(key, backend).map($name)
            }

            /// The path this instance runs on.
            pub fn backend(&self) -> Backend {
                self.0.backend()
            }
        }

        impl KeySizeUser for $name {
            type KeySize = $key_size;
        }

        impl KeyInit for $name {
            /// Key setup on [`default_backend`].
            fn new(key: &Key<Self>) -> Self {
                match Inner::new(key, default_backend()) {
                    Ok(inner) => $name(inner),
                    // Unreachable: the default path is always supported.
                    Err(_) => $name(Inner::Portable(<$peer>::new(key))),
                }
            }
        }

        impl BlockSizeUser for $name {
            type BlockSize = U16;
        }

        /// Single blocks (and one-block slices) skip the backend (see
        /// `Inner::encrypt_one`); slices of blocks on the VAES path run
        /// its ECB loop (`Inner::ecb`).
        impl BlockCipherEncrypt for $name {
            #[inline]
            fn encrypt_with_backend(&self, f: impl BlockCipherEncClosure<BlockSize = U16>) {
                self.0.encrypt_with(f)
            }

            #[inline]
            fn encrypt_block_inout(&self, block: InOut<'_, '_, Block<Self>>) {
                self.0.encrypt_one(block)
            }

            #[inline]
            fn encrypt_block(&self, block: &mut Block<Self>) {
                self.0.encrypt_one(block.into())
            }

            #[inline]
            fn encrypt_block_b2b(&self, in_block: &Block<Self>, out_block: &mut Block<Self>) {
                self.0.encrypt_one((in_block, out_block).into())
            }

            #[inline]
            fn encrypt_blocks(&self, blocks: &mut [Block<Self>]) {
                if let [one] = blocks {
                    self.0.encrypt_one(one.into())
                } else if !self.0.ecb(false, blocks) {
                    self.encrypt_blocks_inout(blocks.into())
                }
            }
        }

        /// As for encryption.
        impl BlockCipherDecrypt for $name {
            #[inline]
            fn decrypt_with_backend(&self, f: impl BlockCipherDecClosure<BlockSize = U16>) {
                self.0.decrypt_with(f)
            }

            #[inline]
            fn decrypt_block_inout(&self, block: InOut<'_, '_, Block<Self>>) {
                self.0.decrypt_one(block)
            }

            #[inline]
            fn decrypt_block(&self, block: &mut Block<Self>) {
                self.0.decrypt_one(block.into())
            }

            #[inline]
            fn decrypt_block_b2b(&self, in_block: &Block<Self>, out_block: &mut Block<Self>) {
                self.0.decrypt_one((in_block, out_block).into())
            }

            #[inline]
            fn decrypt_blocks(&self, blocks: &mut [Block<Self>]) {
                if let [one] = blocks {
                    self.0.decrypt_one(one.into())
                } else if !self.0.ecb(true, blocks) {
                    self.decrypt_blocks_inout(blocks.into())
                }
            }
        }

        /// The VAES / AES-NI whole-loop kernels where this instance runs
        /// on them; the generic cores otherwise.
        impl Kernels for $name {
            #[inline]
            fn ctr32_xor(&self, counter: &Block<Self>, word: Ctr32, data: &mut [u8]) {
                if !self.0.ctr32_xor(counter, word, data) {
                    crate::block::ctr32_xor(self, counter, word, data)
                }
            }

            #[inline]
            fn xts_encrypt(
                &self,
                first_tweaks: &[Block<Self>],
                unit_blocks: usize,
                data: &mut [u8],
            ) -> Block<Self> {
                match self.0.xts(false, first_tweaks, unit_blocks, data) {
                    Some(t) => t,
                    None => crate::block::xts_encrypt(self, first_tweaks, unit_blocks, data),
                }
            }

            #[inline]
            fn xts_decrypt(
                &self,
                first_tweaks: &[Block<Self>],
                unit_blocks: usize,
                data: &mut [u8],
            ) -> Block<Self> {
                match self.0.xts(true, first_tweaks, unit_blocks, data) {
                    Some(t) => t,
                    None => crate::block::xts_decrypt(self, first_tweaks, unit_blocks, data),
                }
            }

            #[inline]
            fn cbc_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
                if !self.0.chain(Chained::CbcEncrypt, iv, data) {
                    crate::modes::cbc::encrypt_chain(self, iv, data)
                }
            }

            #[inline]
            fn cbc_decrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
                if !self.0.cbc_decrypt(iv, data) {
                    crate::block::cbc_decrypt(self, iv, data)
                }
            }

            #[inline]
            fn cbc_mac(&self, state: &mut Block<Self>, data: &[u8]) {
                if !self.0.cbc_mac(state, data) {
                    crate::mac::cmac::cbc_mac_chain(self, state, data)
                }
            }

            #[inline]
            fn cfb_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
                if !self.0.chain(Chained::CfbEncrypt, iv, data) {
                    crate::modes::cfb::encrypt_chain(self, iv, data)
                }
            }

            #[inline]
            fn ofb_xor(&self, state: &mut Block<Self>, data: &mut [u8]) {
                if !self.0.chain(Chained::Ofb, state, data) {
                    crate::modes::ofb::xor_chain(self, state, data)
                }
            }

            #[inline]
            fn pcbc_encrypt(&self, v: &mut Block<Self>, data: &mut [u8]) {
                if !self.0.chain(Chained::PcbcEncrypt, v, data) {
                    crate::modes::pcbc::encrypt_chain(self, v, data)
                }
            }

            #[inline]
            fn ocb3_encrypt(
                &self,
                l: &[u128; 64],
                index: u64,
                offset: &mut u128,
                checksum: &mut u128,
                data: &mut [u8],
            ) {
                if !self.0.ocb3_crypt(false, l, index, offset, checksum, data) {
                    crate::aead::ocb3::encrypt_blocks(self, l, index, offset, checksum, data)
                }
            }

            #[inline]
            fn ocb3_decrypt(
                &self,
                l: &[u128; 64],
                index: u64,
                offset: &mut u128,
                checksum: &mut u128,
                data: &mut [u8],
            ) {
                if !self.0.ocb3_crypt(true, l, index, offset, checksum, data) {
                    crate::aead::ocb3::decrypt_blocks(self, l, index, offset, checksum, data)
                }
            }

            #[inline]
            fn ocb3_hash(
                &self,
                l: &[u128; 64],
                index: u64,
                offset: &mut u128,
                sum: &mut u128,
                data: &[u8],
            ) {
                if !self.0.ocb3_hash(l, index, offset, sum, data) {
                    crate::aead::ocb3::hash_blocks(self, l, index, offset, sum, data)
                }
            }

            fn gcm_xor_hash(
                &self,
                counter: &Block<Self>,
                ghash: &mut Ghash,
                data: &mut [u8],
                decrypt: bool,
            ) {
                if !self.0.gcm_xor_hash(counter, ghash, data, decrypt) {
                    crate::aead::gcm::xor_hash(self, counter, ghash, data, decrypt)
                }
            }

            fn ctr128_cbc_mac(
                &self,
                counter: &Block<Self>,
                mac: &mut Block<Self>,
                mac_input: MacInput,
                data: &mut [u8],
            ) {
                if !self.0.ctr128_cbc_mac(counter, mac, mac_input, data) {
                    crate::kernels::ctr128_cbc_mac(self, counter, mac, mac_input, data)
                }
            }

            fn ctr128_cbc_mac_keyed(
                &self,
                counter: &Block<Self>,
                mac_cipher: &Self,
                mac: &mut Block<Self>,
                data: &mut [u8],
            ) {
                if !self.0.ctr128_cbc_mac_keyed(counter, &mac_cipher.0, mac, data) {
                    crate::kernels::ctr128_cbc_mac_keyed(self, counter, mac_cipher, mac, data)
                }
            }

            #[inline]
            fn cfb_segments_encrypt(&self, reg: &mut Block<Self>, seg_bytes: usize, data: &mut [u8]) {
                if !self.0.cfb_segments_encrypt(reg, seg_bytes, data) {
                    crate::modes::cfb::encrypt_segments(self, reg, seg_bytes, data)
                }
            }
        }

        /// Round keys are zeroized on drop (ours, and the `aes` crate's
        /// with its `zeroize` feature).
        impl ZeroizeOnDrop for $name {}

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("backend", &self.backend())
                    .finish_non_exhaustive()
            }
        }
    };
}

aes_type!(
    /// AES-128 (FIPS 197, `Nk = 4`, `Nr = 10`) on the fastest path this CPU
    /// has; a drop-in for `aes::Aes128` in every mode.
    ///
    /// ```
    /// use blockmodes::backend::Aes128;
    /// use blockmodes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
    ///
    /// // FIPS 197 Appendix C.1
    /// let key: [u8; 16] = core::array::from_fn(|i| i as u8);
    /// let aes = Aes128::new(&key.into());
    /// let mut block = [0x00u8, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
    ///                  0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff].into();
    /// aes.encrypt_block(&mut block);
    /// assert_eq!(block[..4], [0x69, 0xc4, 0xe0, 0xd8]);
    /// aes.decrypt_block(&mut block);
    /// assert_eq!(block[0], 0x00);
    /// println!("running on {}", aes.backend());
    /// ```
    Aes128,
    U16,
    11,
    aes::Aes128
);

aes_type!(
    /// AES-192 (FIPS 197, `Nk = 6`, `Nr = 12`) on the fastest path this CPU
    /// has; a drop-in for `aes::Aes192`.
    ///
    /// ```
    /// use blockmodes::backend::Aes192;
    /// use blockmodes::cipher::{BlockCipherEncrypt, KeyInit};
    ///
    /// // FIPS 197 Appendix C.2
    /// let key: [u8; 24] = core::array::from_fn(|i| i as u8);
    /// let mut block = core::array::from_fn::<u8, 16, _>(|i| 0x11 * i as u8).into();
    /// Aes192::new(&key.into()).encrypt_block(&mut block);
    /// assert_eq!(block[..4], [0xdd, 0xa9, 0x7c, 0xa4]);
    /// ```
    Aes192,
    U24,
    13,
    aes::Aes192
);

aes_type!(
    /// AES-256 (FIPS 197, `Nk = 8`, `Nr = 14`) on the fastest path this CPU
    /// has; a drop-in for `aes::Aes256`.
    ///
    /// ```
    /// use blockmodes::backend::Aes256;
    /// use blockmodes::cipher::{BlockCipherEncrypt, KeyInit};
    ///
    /// // FIPS 197 Appendix C.3
    /// let key: [u8; 32] = core::array::from_fn(|i| i as u8);
    /// let mut block = core::array::from_fn::<u8, 16, _>(|i| 0x11 * i as u8).into();
    /// Aes256::new(&key.into()).encrypt_block(&mut block);
    /// assert_eq!(block[..4], [0x8e, 0xa2, 0xb7, 0xca]);
    /// ```
    Aes256,
    U32,
    15,
    aes::Aes256
);
