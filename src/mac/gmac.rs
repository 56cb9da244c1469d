//! GMAC (NIST SP 800-38D §3 and §7.1 with an empty plaintext): GCM's
//! authentication of the AAD alone, `T = MSB_t(E_K(J_0) ^ GHASH_H(A ||
//! 0^v || 0^64 || [len(A)]_64))`.

use cipher::{KeyInit, typenum::U16};

use crate::aead::{Aead, Gcm, Tag};
use crate::error::Result;
use crate::kernels::Kernels;

/// GMAC over a block cipher with 128-bit blocks: a MAC over `aad` under a
/// nonce that must not repeat under one key (as for GCM). Tags are 16
/// bytes unless [`with_tag_len`](Self::with_tag_len) says otherwise; the
/// same lengths and Appendix C restrictions as [`Gcm`] apply.
///
/// ```
/// use blockmodes::{aes::Aes128, Gmac};
///
/// let mac = Gmac::<Aes128>::new_from_slice(&[9; 16])?;
/// let tag = mac.compute(&[3; 12], b"message")?;
/// mac.verify(&[3; 12], b"message", &tag)?;
/// assert!(mac.verify(&[3; 12], b"massage", &tag).is_err());
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Gmac<C> {
    gcm: Gcm<C>,
}

impl<C: Kernels<BlockSize = U16>> Gmac<C> {
    /// GMAC with a keyed cipher and 16-byte tags.
    pub fn new(cipher: C) -> Self {
        Gmac {
            gcm: Gcm::new(cipher),
        }
    }

    /// The same key with `tag_len`-byte tags (one of
    /// [`TAG_LENS`](crate::aead::gcm::TAG_LENS), `Err(InvalidParameter)`
    /// otherwise).
    pub fn with_tag_len(self, tag_len: usize) -> Result<Self> {
        Ok(Gmac {
            gcm: self.gcm.with_tag_len(tag_len)?,
        })
    }

    /// Tag length in bytes.
    pub fn tag_len(&self) -> usize {
        self.gcm.tag_len()
    }

    /// The tag of `aad` under `nonce`. `Err(InvalidIvLength)` for an empty
    /// nonce, `Err(LimitExceeded)` past the AAD limit.
    pub fn compute(&self, nonce: &[u8], aad: &[u8]) -> Result<Tag> {
        self.gcm.encrypt_in_place_detached(nonce, aad, &mut [])
    }

    /// Check `tag` over `aad` under `nonce` in constant time;
    /// `Err(Decrypt)` if it does not match (or has the wrong length).
    pub fn verify(&self, nonce: &[u8], aad: &[u8], tag: &[u8]) -> Result<()> {
        self.gcm.decrypt_in_place_detached(nonce, aad, &mut [], tag)
    }
}

impl<C: Kernels<BlockSize = U16> + KeyInit> Gmac<C> {
    /// GMAC keyed with `key` (`Err(InvalidKeyLength)` if the cipher does not
    /// take its length).
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        Ok(Gmac {
            gcm: Gcm::new_from_slice(key)?,
        })
    }
}
