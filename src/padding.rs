//! Block padding for ECB, CBC and PCBC: PKCS#7, ANSI X9.23, ISO 10126,
//! ISO/IEC 7816-4, zero, none.
//!
//! Removal is constant-time: every byte of the final block is inspected
//! whatever its value, validity is accumulated in a [`subtle::Choice`], no
//! branch or index depends on a padding byte, and every failure is the same
//! opaque [`Error::Decrypt`]. Only the final verdict (and, on success, the
//! message length, which the caller learns anyway) leaves the function.

use subtle::{ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess};

use crate::error::{Error, Result};

/// A source of random bytes for ISO 10126 padding. Implemented for every
/// [`rand_core::CryptoRng`]; implement it yourself to draw from elsewhere.
pub trait RandomFill {
    /// Fill `dst` with random bytes.
    fn fill(&mut self, dst: &mut [u8]);
}

impl<R: rand_core::CryptoRng + ?Sized> RandomFill for R {
    fn fill(&mut self, dst: &mut [u8]) {
        self.fill_bytes(dst);
    }
}

/// A padding scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Padding {
    /// PKCS#7 (RFC 5652 §6.3): `n` bytes of value `n`, 1 ≤ n ≤ block size.
    Pkcs7,
    /// ANSI X9.23: `n - 1` zero bytes, then the byte `n`.
    AnsiX923,
    /// ISO 10126: `n - 1` random bytes, then the byte `n`. Encryption needs a
    /// random source (the `*_with_rng` calls).
    Iso10126,
    /// ISO/IEC 7816-4: the byte `0x80`, then zero bytes.
    Iso7816,
    /// Zero bytes up to the block boundary; nothing if the message is
    /// already aligned. Removal strips every trailing zero byte, so it is only
    /// for messages that cannot end in a zero byte.
    Zero,
    /// No padding: the message must be a whole number of blocks.
    None,
}

impl Padding {
    /// Every scheme, in the order of the command line's names.
    pub const ALL: [Padding; 6] = [
        Padding::Pkcs7,
        Padding::AnsiX923,
        Padding::Iso10126,
        Padding::Iso7816,
        Padding::Zero,
        Padding::None,
    ];

    /// The command line's name for the scheme.
    pub const fn name(self) -> &'static str {
        match self {
            Padding::Pkcs7 => "pkcs7",
            Padding::AnsiX923 => "x923",
            Padding::Iso10126 => "iso10126",
            Padding::Iso7816 => "iso7816",
            Padding::Zero => "zero",
            Padding::None => "none",
        }
    }

    /// The scheme with the command line's name `name`.
    pub fn from_name(name: &str) -> Option<Padding> {
        Padding::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Whether the scheme always adds at least one byte (and so a whole
    /// block to aligned messages).
    const fn always_adds(self) -> bool {
        !matches!(self, Padding::Zero | Padding::None)
    }

    /// Whether `block_size` is one the scheme can describe: the schemes
    /// that store the pad length in a byte need blocks of at most 255 bytes.
    fn check_block_size(self, block_size: usize) -> Result<()> {
        let byte_len = matches!(self, Padding::Pkcs7 | Padding::AnsiX923 | Padding::Iso10126);
        if block_size == 0 || (byte_len && block_size > 255) {
            Err(Error::InvalidParameter)
        } else {
            Ok(())
        }
    }

    /// The length of a `msg_len`-byte message after padding to
    /// `block_size`-byte blocks. `Err(InvalidLength)` for [`Padding::None`]
    /// and an unaligned message, or on overflow.
    pub fn padded_len(self, msg_len: usize, block_size: usize) -> Result<usize> {
        self.check_block_size(block_size)?;
        let rem = msg_len % block_size;
        let pad = match (self, rem) {
            (Padding::None, 0) | (Padding::Zero, 0) => 0,
            (Padding::None, _) => return Err(Error::InvalidLength),
            _ => block_size - rem,
        };
        msg_len.checked_add(pad).ok_or(Error::InvalidLength)
    }

    /// Pad the final block: `block[..pos]` is message, `block[pos..]` is
    /// written. `block` is one block long and `pos < block.len()`, except
    /// that [`Padding::Zero`] and [`Padding::None`] also take
    /// `pos == block.len()` (nothing to write). `rng` is needed for
    /// [`Padding::Iso10126`] only; without it that scheme returns
    /// `Err(InvalidParameter)`.
    pub fn pad_block(
        self,
        block: &mut [u8],
        pos: usize,
        rng: Option<&mut dyn RandomFill>,
    ) -> Result<()> {
        let bs = block.len();
        self.check_block_size(bs)?;
        if pos > bs || (pos == bs && self.always_adds()) {
            return Err(Error::InvalidLength);
        }
        // 1 ≤ n ≤ 255 whenever a scheme stores it (checked above).
        let n = (bs - pos) as u8;
        let tail = &mut block[pos..];
        match self {
            Padding::Pkcs7 => tail.fill(n),
            Padding::AnsiX923 => {
                tail.fill(0);
                if let Some(last) = tail.last_mut() {
                    *last = n;
                }
            }
            Padding::Iso10126 => {
                let rng = rng.ok_or(Error::InvalidParameter)?;
                rng.fill(tail);
                if let Some(last) = tail.last_mut() {
                    *last = n;
                }
            }
            Padding::Iso7816 => {
                tail.fill(0);
                if let Some(first) = tail.first_mut() {
                    *first = 0x80;
                }
            }
            Padding::Zero => tail.fill(0),
            Padding::None => {
                if !tail.is_empty() {
                    return Err(Error::InvalidLength);
                }
            }
        }
        Ok(())
    }

    /// How many message bytes the final block `block` holds, checked in
    /// constant time. Every malformed padding is `Err(Decrypt)`.
    pub fn unpad_block(self, block: &[u8]) -> Result<usize> {
        let bs = block.len();
        if bs == 0 || bs > 255 {
            // Also bounds the u8 arithmetic below.
            return Err(Error::InvalidParameter);
        }
        let bs8 = bs as u8;
        let (ok, keep) = match self {
            Padding::None => (subtle::Choice::from(1), bs as u8),
            Padding::Pkcs7 | Padding::AnsiX923 | Padding::Iso10126 => {
                let n = block[bs - 1];
                // 1 ≤ n ≤ bs
                let mut ok = !n.ct_eq(&0) & !n.ct_gt(&bs8);
                if self != Padding::Iso10126 {
                    // Bytes at distance 2..=n from the end must be `n`
                    // (PKCS#7) or zero (X9.23).
                    let want = if self == Padding::Pkcs7 { n } else { 0 };
                    for (i, &b) in block.iter().enumerate() {
                        let dist = (bs - i) as u8; // 1..=bs
                        let in_pad = dist.ct_lt(&n) | dist.ct_eq(&n);
                        let is_last = dist.ct_eq(&1);
                        let good = b.ct_eq(&want) | is_last;
                        ok &= !in_pad | good;
                    }
                }
                (ok, bs8.wrapping_sub(n))
            }
            Padding::Iso7816 => {
                // Scan from the end: skip zeros; the first non-zero byte must be 0x80.
                let mut seen = subtle::Choice::from(0);
                let mut ok = subtle::Choice::from(0);
                let mut keep = 0u8;
                for i in (0..bs).rev() {
                    let b = block[i];
                    let first_nz = !seen & !b.ct_eq(&0);
                    ok |= first_nz & b.ct_eq(&0x80);
                    keep.conditional_assign(&(i as u8), first_nz);
                    seen |= first_nz;
                }
                (ok, keep)
            }
            Padding::Zero => {
                let mut seen = subtle::Choice::from(0);
                let mut keep = 0u8;
                for i in (0..bs).rev() {
                    let first_nz = !seen & !block[i].ct_eq(&0);
                    keep.conditional_assign(&(i as u8 + 1), first_nz);
                    seen |= first_nz;
                }
                (subtle::Choice::from(1), keep)
            }
        };
        verdict(ok, keep)
    }
}

/// The one place where the padding check becomes a branch: the verdict
/// (and the length) are what the caller learns anyway. Kept out of line so
/// that the constant-time check (ctgrind/) can declassify exactly this
/// function and nothing before it.
#[inline(never)]
fn verdict(ok: subtle::Choice, keep: u8) -> Result<usize> {
    if bool::from(ok) {
        Ok(keep as usize)
    } else {
        Err(Error::Decrypt)
    }
}
