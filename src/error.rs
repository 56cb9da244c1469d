//! The crate's one error type.

use core::fmt;

/// Every failure the public API can report.
///
/// Decryption failures (bad padding, an authentication tag that does not
/// verify) are deliberately one variant, [`Error::Decrypt`], that carries no
/// detail: telling a caller *why* a ciphertext was rejected is how padding
/// oracles start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The key has a length the cipher does not accept.
    InvalidKeyLength,
    /// The IV (or initial counter block) is not exactly one block long, or
    /// an AEAD nonce has a length the mode does not take (an empty GCM
    /// nonce, for instance).
    InvalidIvLength,
    /// The data has a length this mode cannot take: not a whole number of
    /// blocks without padding, shorter than a block for ciphertext stealing,
    /// or a ciphertext that is not a whole number of blocks.
    InvalidLength,
    /// The output buffer is too small (or, buffer to buffer, not the same
    /// length as the input where the mode needs that).
    OutputTooSmall,
    /// A mode parameter is out of range: a CFB segment size of 0 or more
    /// than the block size, a CTR counter layout that does not fit the block,
    /// or ISO 10126 padding requested without a random source.
    InvalidParameter,
    /// A limit of the mode was reached: the CTR counter has no unused counter
    /// block left, or a seek went past the last one.
    LimitExceeded,
    /// Decryption failed: the padding is invalid, or the authentication tag
    /// (AEAD or MAC) does not verify. Opaque on purpose; a failed AEAD open
    /// has zeroed its output.
    Decrypt,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::InvalidKeyLength => "invalid key length",
            Error::InvalidIvLength => "invalid IV or nonce length",
            Error::InvalidLength => "invalid data length for this mode",
            Error::OutputTooSmall => "output buffer too small",
            Error::InvalidParameter => "invalid mode parameter",
            Error::LimitExceeded => "mode limit exceeded (counter exhausted)",
            Error::Decrypt => "decryption failed (bad padding or authentication tag)",
        })
    }
}

impl core::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;
