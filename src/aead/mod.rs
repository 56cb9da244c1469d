//! Authenticated encryption with associated data.
//!
//! PROVISIONAL: the `gcm` branch brings the real module (the `Aead` trait,
//! [`Tag`] and the shared open-and-verify path); this file only carries the
//! subset CMAC needs until that branch lands, and is replaced by it on merge.

mod ctr;
pub mod siv;

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::{Error, Result};

pub use siv::Siv;

/// The longest tag any mode here produces, in bytes.
pub const MAX_TAG_LEN: usize = 16;

/// An authentication tag of 1 to [`MAX_TAG_LEN`] bytes; `==` is constant
/// time.
///
/// ```
/// use blockmodes::aead::Tag;
///
/// let t = Tag::from_slice(&[1, 2, 3, 4]).unwrap();
/// assert_eq!(&t[..], &[1, 2, 3, 4]);
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

    /// The first `len` bytes of `block` (`len` in `1..=16`).
    pub(crate) fn truncate(block: &[u8; MAX_TAG_LEN], len: usize) -> Self {
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

/// Constant-time compare of `expected` and `received`; on mismatch `buf`
/// is zeroed and the result is `Err(Decrypt)`.
pub(crate) fn verify(mut expected: Tag, received: &[u8], buf: &mut [u8]) -> Result<()> {
    let ok = received.len() == expected.as_slice().len()
        && bool::from(expected.as_slice().ct_eq(received));
    expected.bytes.zeroize();
    if ok {
        Ok(())
    } else {
        buf.zeroize();
        Err(Error::Decrypt)
    }
}
