//! Authenticated encryption with associated data: the [`Aead`] interface
//! every AEAD mode implements, the [`Tag`] they produce, and the one
//! open-and-verify path they all go through.
//!
//! Modes: [`Gcm`] (NIST SP 800-38D), [`Ccm`] (NIST SP 800-38C),
//! [`Eax`] (Bellare–Rogaway–Wagner), [`Ocb3`] (RFC 7253), [`Siv`] (RFC 5297),
//! [`GcmSiv`] (RFC 8452).
//!
//! # Opening
//!
//! Every AEAD opens through `verify` (crate-private) and nothing else: the received tag is
//! compared with the computed one in constant time (`subtle`), and on a
//! mismatch the output buffer is zeroed and the caller gets the opaque
//! [`Error::Decrypt`]. GCM, whose tag covers the ciphertext, verifies
//! *before* decrypting, so the buffer never holds unverified plaintext;
//! the other modes (CCM, SIV, GCM-SIV, OCB3, whose tag covers the
//! plaintext, and EAX, which decrypts in the same pass as it MACs the
//! ciphertext) decrypt, compute the tag and verify, and the zeroing on
//! failure is what keeps the unverified plaintext from the caller.

pub mod ccm;
pub(crate) mod ctr;
pub mod eax;
pub mod gcm;
pub mod gcm_siv;
#[cfg(any(feature = "aead", feature = "mac"))]
pub mod interop;
pub mod ocb3;
pub mod siv;

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

use crate::error::{Error, Result};

pub use ccm::Ccm;
pub use eax::Eax;
pub use gcm::Gcm;
pub use gcm_siv::GcmSiv;
pub use ocb3::Ocb3;
pub use siv::Siv;

/// The longest tag any mode here produces, in bytes.
pub const MAX_TAG_LEN: usize = 16;

/// An authentication tag of 1 to [`MAX_TAG_LEN`] bytes.
///
/// It reads as a byte slice (`&tag[..]`, [`as_slice`](Self::as_slice)).
/// `==` between tags is constant time; to check a received tag, call the
/// mode's `decrypt` (or [`Gmac::verify`](crate::mac::Gmac::verify)), which
/// also refuses to release unverified data.
///
/// ```
/// use blockmodes::aead::Tag;
///
/// let t = Tag::from_slice(&[1, 2, 3, 4]).unwrap();
/// assert_eq!(t.len(), 4);
/// assert_eq!(&t[..], &[1, 2, 3, 4]);
/// assert!(Tag::from_slice(&[0; 17]).is_none());
/// ```
#[derive(Clone, Copy)]
pub struct Tag {
    bytes: [u8; MAX_TAG_LEN],
    len: u8,
}

impl Tag {
    /// A tag holding `bytes`; `None` if empty or longer than
    /// [`MAX_TAG_LEN`].
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut t = Tag {
            bytes: [0; MAX_TAG_LEN],
            len: u8::try_from(bytes.len()).ok()?,
        };
        if bytes.is_empty() {
            return None;
        }
        t.bytes.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(t)
    }

    /// The first `len` bytes of a full block `block` (the `MSB_t` of the
    /// specs). `len` must be in `1..=16`; modes check it when they are
    /// built.
    pub(crate) fn truncate(block: &[u8; MAX_TAG_LEN], len: usize) -> Self {
        debug_assert!((1..=MAX_TAG_LEN).contains(&len));
        let len = len.clamp(1, MAX_TAG_LEN);
        let mut bytes = *block;
        for b in bytes.iter_mut().skip(len) {
            *b = 0;
        }
        Tag {
            bytes,
            len: len as u8,
        }
    }

    /// The tag bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl core::ops::Deref for Tag {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for Tag {
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl PartialEq for Tag {
    /// Constant time in the tag bytes.
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && bool::from(self.as_slice().ct_eq(other.as_slice()))
    }
}

impl Eq for Tag {}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tag(")?;
        for b in self.as_slice() {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// The open-and-verify path every AEAD in the crate uses.
///
/// Compares `expected` (the tag the mode computed, already truncated to the
/// mode's tag length) with `received` in constant time. On a mismatch —
/// including a received tag of the wrong length — `buf` is zeroed and the
/// result is `Err(Decrypt)`; on a match `buf` is left alone. The computed
/// tag is wiped either way.
pub(crate) fn verify(mut expected: Tag, received: &[u8], buf: &mut [u8]) -> Result<()> {
    // The tag length is public (a mode parameter), so comparing lengths
    // first leaks nothing.
    let ok = if received.len() == expected.as_slice().len() {
        expected.as_slice().ct_eq(received)
    } else {
        subtle::Choice::from(0)
    };
    crate::wipe::wipe(&mut expected.bytes);
    verdict(ok, buf)
}

/// The one place where the tag comparison becomes a branch: the verdict is
/// what the caller learns anyway. Kept out of line so that the
/// constant-time check (ctgrind/) can declassify exactly this function.
#[inline(never)]
fn verdict(ok: subtle::Choice, buf: &mut [u8]) -> Result<()> {
    if bool::from(ok) {
        Ok(())
    } else {
        buf.zeroize();
        Err(Error::Decrypt)
    }
}

/// Authenticated encryption with associated data, in place with a detached
/// tag, and (with the `alloc` feature) `Vec`-returning helpers that write
/// `ciphertext || tag`.
///
/// Opening never hands out unverified plaintext: on any failure the buffer
/// is zeroed and the error is the opaque [`Error::Decrypt`] (or a length /
/// limit error for inputs no encryption could have produced).
///
/// ```
/// use blockmodes::{aes::Aes128, Aead, Gcm};
///
/// let gcm = Gcm::<Aes128>::new_from_slice(&[0x42; 16])?;
/// let sealed = gcm.encrypt(&[1; 12], b"header", b"secret")?;
/// assert_eq!(sealed.len(), 6 + 16);
/// assert_eq!(gcm.decrypt(&[1; 12], b"header", &sealed)?, b"secret");
/// assert!(gcm.decrypt(&[1; 12], b"other header", &sealed).is_err());
/// # Ok::<(), blockmodes::Error>(())
/// ```
pub trait Aead {
    /// Tag length in bytes.
    fn tag_len(&self) -> usize;

    /// Encrypt `buf` in place, authenticating it and `aad` under `nonce`;
    /// returns the tag. On `Err` nothing has been written.
    fn encrypt_in_place_detached(&self, nonce: &[u8], aad: &[u8], buf: &mut [u8]) -> Result<Tag>;

    /// Verify `tag` over `nonce`, `aad` and the ciphertext in `buf`, then
    /// decrypt `buf` in place. On any `Err` `buf` is zeroed.
    fn decrypt_in_place_detached(
        &self,
        nonce: &[u8],
        aad: &[u8],
        buf: &mut [u8],
        tag: &[u8],
    ) -> Result<()>;

    /// `ciphertext || tag` for `plaintext`.
    #[cfg(feature = "alloc")]
    fn encrypt(&self, nonce: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(plaintext.len() + self.tag_len());
        out.extend_from_slice(plaintext);
        let tag = self.encrypt_in_place_detached(nonce, aad, &mut out)?;
        out.extend_from_slice(&tag);
        Ok(out)
    }

    /// The plaintext of `ciphertext || tag`, or `Err(Decrypt)` if it does
    /// not verify (including input shorter than the tag).
    #[cfg(feature = "alloc")]
    fn decrypt(&self, nonce: &[u8], aad: &[u8], ciphertext_and_tag: &[u8]) -> Result<Vec<u8>> {
        let split = ciphertext_and_tag
            .len()
            .checked_sub(self.tag_len())
            .ok_or(Error::Decrypt)?;
        let (ct, tag) = ciphertext_and_tag.split_at(split);
        let mut out = ct.to_vec();
        self.decrypt_in_place_detached(nonce, aad, &mut out, tag)?;
        Ok(out)
    }
}
