//! The confidentiality modes, one file each, and the traits that give every
//! mode the same three ways to be called: one-shot in place, buffer to
//! buffer, and streaming.
//!
//! - [`BlockEncryptMode`] / [`BlockDecryptMode`]: modes that work on whole
//!   blocks and take [`Padding`] (ECB, CBC, PCBC). The streaming types are
//!   [`Encryptor`] and [`Decryptor`].
//! - [`StreamMode`]: modes that turn the block cipher into a stream cipher
//!   (CFB-s, OFB, CTR); any byte length, and the mode value itself is the
//!   streaming encryptor: successive calls continue the stream.
//! - [`CbcCs`]: CBC with ciphertext stealing, which needs the last two
//!   blocks together and so has its own streaming types.

use cipher::{Block, BlockSizeUser, typenum::Unsigned};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::padding::{Padding, RandomFill};

pub(crate) mod cbc;
pub(crate) mod cfb;
mod ctr;
mod cts;
mod ecb;
pub(crate) mod ofb;
pub(crate) mod pcbc;
mod xts;

pub use cbc::Cbc;
pub use cfb::Cfb;
pub use ctr::{CounterLayout, Ctr, Endian};
pub use cts::{CbcCs, CsVariant, CtsDecryptor, CtsEncryptor};
pub use ecb::Ecb;
pub use ofb::Ofb;
pub use pcbc::Pcbc;
pub use xts::Xts;

/// Check that two buffers have the same length (buffer-to-buffer calls).
pub(crate) fn same_len(input: &[u8], output: &[u8]) -> Result<()> {
    if input.len() == output.len() {
        Ok(())
    } else {
        Err(Error::OutputTooSmall)
    }
}

/// Encryption for modes that work on whole blocks (ECB, CBC, PCBC).
///
/// The one required method encrypts whole blocks and keeps the chaining
/// state, so successive calls continue one message. Everything else —
/// padding, buffer to buffer, `Vec`s, streaming — is provided here once.
pub trait BlockEncryptMode: BlockSizeUser + Sized {
    /// Encrypt `blocks` in place; its length must be a whole number of
    /// blocks (`Err(InvalidLength)` otherwise, with nothing changed).
    fn encrypt_blocks(&mut self, blocks: &mut [u8]) -> Result<()>;

    /// Encrypt whole blocks from `input` into `output` (same length).
    fn encrypt_blocks_b2b(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        if !input.len().is_multiple_of(Self::BlockSize::USIZE) {
            return Err(Error::InvalidLength);
        }
        output.copy_from_slice(input);
        self.encrypt_blocks(output)
    }

    /// Pad the `msg_len`-byte message at the start of `buf` and encrypt it
    /// in place; returns the ciphertext, a prefix of `buf`.
    /// `Err(OutputTooSmall)` if `buf` cannot hold the padded message.
    fn encrypt_padded<'a>(
        &mut self,
        buf: &'a mut [u8],
        msg_len: usize,
        padding: Padding,
    ) -> Result<&'a [u8]> {
        encrypt_padded_inner(self, buf, msg_len, padding, None)
    }

    /// [`encrypt_padded`](Self::encrypt_padded) with a random source, which
    /// [`Padding::Iso10126`] needs.
    fn encrypt_padded_with_rng<'a>(
        &mut self,
        buf: &'a mut [u8],
        msg_len: usize,
        padding: Padding,
        rng: &mut dyn RandomFill,
    ) -> Result<&'a [u8]> {
        encrypt_padded_inner(self, buf, msg_len, padding, Some(rng))
    }

    /// Pad and encrypt `msg` into `out`; returns the ciphertext, a prefix of
    /// `out`.
    fn encrypt_padded_b2b<'a>(
        &mut self,
        msg: &[u8],
        out: &'a mut [u8],
        padding: Padding,
    ) -> Result<&'a [u8]> {
        if padding == Padding::Iso10126 {
            // Needs a random source; refuse before touching `out`.
            return Err(Error::InvalidParameter);
        }
        let len = padding.padded_len(msg.len(), Self::BlockSize::USIZE)?;
        let out = out.get_mut(..len).ok_or(Error::OutputTooSmall)?;
        out[..msg.len()].copy_from_slice(msg);
        encrypt_padded_inner(self, out, msg.len(), padding, None)
    }

    /// Pad and encrypt `msg` into a new `Vec`.
    #[cfg(feature = "alloc")]
    fn encrypt_padded_vec(&mut self, msg: &[u8], padding: Padding) -> Result<alloc::vec::Vec<u8>> {
        self.encrypt_padded_vec_with_rng(msg, padding, None)
    }

    /// Pad and encrypt `msg` into a new `Vec`, with a random source for
    /// [`Padding::Iso10126`].
    #[cfg(feature = "alloc")]
    fn encrypt_padded_vec_with_rng(
        &mut self,
        msg: &[u8],
        padding: Padding,
        rng: Option<&mut dyn RandomFill>,
    ) -> Result<alloc::vec::Vec<u8>> {
        let len = padding.padded_len(msg.len(), Self::BlockSize::USIZE)?;
        let mut v = alloc::vec![0u8; len];
        v[..msg.len()].copy_from_slice(msg);
        encrypt_padded_inner(self, &mut v, msg.len(), padding, rng)?;
        Ok(v)
    }

    /// A streaming encryptor: feed any pieces with
    /// [`Encryptor::update`], then [`Encryptor::finalize`].
    fn encryptor(self, padding: Padding) -> Encryptor<Self> {
        Encryptor::new(self, padding)
    }
}

fn encrypt_padded_inner<'a, M: BlockEncryptMode>(
    mode: &mut M,
    buf: &'a mut [u8],
    msg_len: usize,
    padding: Padding,
    rng: Option<&mut dyn RandomFill>,
) -> Result<&'a [u8]> {
    let bs = M::BlockSize::USIZE;
    if msg_len > buf.len() {
        return Err(Error::InvalidLength);
    }
    let len = padding.padded_len(msg_len, bs)?;
    let buf = buf.get_mut(..len).ok_or(Error::OutputTooSmall)?;
    let full = msg_len - msg_len % bs;
    if len > full {
        padding.pad_block(&mut buf[full..], msg_len - full, rng)?;
    }
    mode.encrypt_blocks(buf)?;
    Ok(buf)
}

/// Decryption for modes that work on whole blocks (ECB, CBC, PCBC).
pub trait BlockDecryptMode: BlockSizeUser + Sized {
    /// Decrypt `blocks` in place; its length must be a whole number of
    /// blocks (`Err(InvalidLength)` otherwise, with nothing changed).
    fn decrypt_blocks(&mut self, blocks: &mut [u8]) -> Result<()>;

    /// Decrypt whole blocks from `input` into `output` (same length).
    fn decrypt_blocks_b2b(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        if !input.len().is_multiple_of(Self::BlockSize::USIZE) {
            return Err(Error::InvalidLength);
        }
        output.copy_from_slice(input);
        self.decrypt_blocks(output)
    }

    /// Decrypt `buf` in place and remove the padding (in constant time);
    /// returns the message, a prefix of `buf`. Bad padding is
    /// `Err(Decrypt)`, and then `buf` is zeroed.
    fn decrypt_padded<'a>(&mut self, buf: &'a mut [u8], padding: Padding) -> Result<&'a [u8]> {
        let bs = Self::BlockSize::USIZE;
        if !buf.len().is_multiple_of(bs) || (buf.is_empty() && padding.padded_len(0, bs)? != 0) {
            return Err(Error::InvalidLength);
        }
        self.decrypt_blocks(buf)?;
        if buf.is_empty() {
            return Ok(buf);
        }
        let last = buf.len() - bs;
        match padding.unpad_block(&buf[last..]) {
            Ok(keep) => Ok(&buf[..last + keep]),
            Err(e) => {
                buf.zeroize();
                Err(e)
            }
        }
    }

    /// Decrypt `input` into `out` and remove the padding; returns the
    /// message, a prefix of `out` (which must be at least `input.len()`).
    fn decrypt_padded_b2b<'a>(
        &mut self,
        input: &[u8],
        out: &'a mut [u8],
        padding: Padding,
    ) -> Result<&'a [u8]> {
        let bs = Self::BlockSize::USIZE;
        // Refuse impossible lengths before touching `out`.
        if !input.len().is_multiple_of(bs) || (input.is_empty() && padding.padded_len(0, bs)? != 0)
        {
            return Err(Error::InvalidLength);
        }
        let out = out.get_mut(..input.len()).ok_or(Error::OutputTooSmall)?;
        out.copy_from_slice(input);
        self.decrypt_padded(out, padding)
    }

    /// Decrypt and unpad `input` into a new `Vec`.
    #[cfg(feature = "alloc")]
    fn decrypt_padded_vec(
        &mut self,
        input: &[u8],
        padding: Padding,
    ) -> Result<alloc::vec::Vec<u8>> {
        let mut v = input.to_vec();
        let n = self.decrypt_padded(&mut v, padding)?.len();
        v.truncate(n);
        Ok(v)
    }

    /// A streaming decryptor: feed any pieces with [`Decryptor::update`],
    /// then [`Decryptor::finalize`].
    fn decryptor(self, padding: Padding) -> Decryptor<Self> {
        Decryptor::new(self, padding)
    }
}

/// Streaming encryption over a [`BlockEncryptMode`]: any split of the input
/// gives the same ciphertext as one-shot [`BlockEncryptMode::encrypt_padded`].
pub struct Encryptor<M: BlockEncryptMode> {
    mode: M,
    padding: Padding,
    buf: Block<M>,
    pos: usize,
}

impl<M: BlockEncryptMode> Encryptor<M> {
    /// Start a message.
    pub fn new(mode: M, padding: Padding) -> Self {
        Encryptor {
            mode,
            padding,
            buf: Default::default(),
            pos: 0,
        }
    }

    /// How many bytes the next [`update`](Self::update) with `input_len`
    /// bytes will write.
    pub fn update_len(&self, input_len: usize) -> usize {
        let bs = M::BlockSize::USIZE;
        (self.pos + input_len) / bs * bs
    }

    /// Encrypt as many whole blocks as `input` completes into `output`;
    /// returns how many bytes were written ([`update_len`](Self::update_len);
    /// `input.len() + block_size - 1` is always enough). The rest is kept
    /// for the next call.
    pub fn update(&mut self, mut input: &[u8], output: &mut [u8]) -> Result<usize> {
        let bs = M::BlockSize::USIZE;
        let total = self.update_len(input.len());
        if output.len() < total {
            return Err(Error::OutputTooSmall);
        }
        let mut written = 0;
        if self.pos > 0 {
            let take = (bs - self.pos).min(input.len());
            self.buf[self.pos..self.pos + take].copy_from_slice(&input[..take]);
            self.pos += take;
            input = &input[take..];
            if self.pos < bs {
                return Ok(0);
            }
            output[..bs].copy_from_slice(&self.buf);
            self.mode.encrypt_blocks(&mut output[..bs])?;
            self.pos = 0;
            written = bs;
        }
        let whole = input.len() / bs * bs;
        self.mode
            .encrypt_blocks_b2b(&input[..whole], &mut output[written..written + whole])?;
        written += whole;
        let rest = &input[whole..];
        self.buf[..rest.len()].copy_from_slice(rest);
        self.pos = rest.len();
        Ok(written)
    }

    /// Pad and encrypt what is left into `output` (at most one block);
    /// returns how many bytes were written.
    pub fn finalize(self, output: &mut [u8]) -> Result<usize> {
        self.finalize_inner(output, None)
    }

    /// [`finalize`](Self::finalize) with a random source, which
    /// [`Padding::Iso10126`] needs.
    pub fn finalize_with_rng(self, output: &mut [u8], rng: &mut dyn RandomFill) -> Result<usize> {
        self.finalize_inner(output, Some(rng))
    }

    fn finalize_inner(
        mut self,
        output: &mut [u8],
        rng: Option<&mut dyn RandomFill>,
    ) -> Result<usize> {
        let bs = M::BlockSize::USIZE;
        let len = self.padding.padded_len(self.pos, bs)?;
        if len == 0 {
            return Ok(0);
        }
        let out = output.get_mut(..bs).ok_or(Error::OutputTooSmall)?;
        let mut block = self.buf.clone();
        self.padding.pad_block(&mut block, self.pos, rng)?;
        out.copy_from_slice(&block);
        block.zeroize();
        self.mode.encrypt_blocks(out)?;
        Ok(bs)
    }
}

impl<M: BlockEncryptMode> Drop for Encryptor<M> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

/// Streaming decryption over a [`BlockDecryptMode`]. With a padding that
/// adds bytes, the last whole block is held back until
/// [`finalize`](Self::finalize), which checks and removes the padding.
pub struct Decryptor<M: BlockDecryptMode> {
    mode: M,
    padding: Padding,
    buf: Block<M>,
    pos: usize,
}

impl<M: BlockDecryptMode> Decryptor<M> {
    /// Start a message.
    pub fn new(mode: M, padding: Padding) -> Self {
        Decryptor {
            mode,
            padding,
            buf: Default::default(),
            pos: 0,
        }
    }

    /// Whether the last whole block must wait for `finalize`.
    fn holds_back(&self) -> bool {
        !matches!(self.padding, Padding::None)
    }

    /// How many bytes the next [`update`](Self::update) with `input_len`
    /// bytes will write.
    pub fn update_len(&self, input_len: usize) -> usize {
        let bs = M::BlockSize::USIZE;
        let avail = self.pos + input_len;
        let mut n = avail / bs * bs;
        if self.holds_back() && n == avail && n > 0 {
            n -= bs;
        }
        n
    }

    /// Decrypt the whole blocks `input` completes (keeping back the last
    /// one when padding must be removed) into `output`; returns how many
    /// bytes were written (`input.len() + block_size` is always enough).
    pub fn update(&mut self, mut input: &[u8], output: &mut [u8]) -> Result<usize> {
        let bs = M::BlockSize::USIZE;
        let total = self.update_len(input.len());
        if output.len() < total {
            return Err(Error::OutputTooSmall);
        }
        let mut written = 0;
        // Flush the buffered block first if more data follows it.
        if self.pos > 0 {
            let take = (bs - self.pos).min(input.len());
            self.buf[self.pos..self.pos + take].copy_from_slice(&input[..take]);
            self.pos += take;
            input = &input[take..];
            if self.pos < bs || (self.holds_back() && input.is_empty()) {
                return Ok(0);
            }
            output[..bs].copy_from_slice(&self.buf);
            self.mode.decrypt_blocks(&mut output[..bs])?;
            self.pos = 0;
            written = bs;
        }
        let mut whole = input.len() / bs * bs;
        if self.holds_back() && whole == input.len() && whole > 0 {
            whole -= bs;
        }
        self.mode
            .decrypt_blocks_b2b(&input[..whole], &mut output[written..written + whole])?;
        written += whole;
        let rest = &input[whole..];
        self.buf[..rest.len()].copy_from_slice(rest);
        self.pos = rest.len();
        Ok(written)
    }

    /// Decrypt the held-back block and remove the padding into `output`
    /// (one block is always enough); returns how many bytes were written.
    /// Bad padding is `Err(Decrypt)` and nothing is written; input that was
    /// not a whole number of blocks is `Err(InvalidLength)`.
    pub fn finalize(mut self, output: &mut [u8]) -> Result<usize> {
        let bs = M::BlockSize::USIZE;
        if self.pos == 0 {
            return if self.holds_back() && self.padding.padded_len(0, bs)? != 0 {
                // A padded message is never empty: its last block is missing.
                Err(Error::InvalidLength)
            } else {
                Ok(0)
            };
        }
        if self.pos != bs {
            return Err(Error::InvalidLength);
        }
        let mut block = self.buf.clone();
        self.mode.decrypt_blocks(&mut block)?;
        let result = self.padding.unpad_block(&block).and_then(|keep| {
            let out = output.get_mut(..keep).ok_or(Error::OutputTooSmall)?;
            out.copy_from_slice(&block[..keep]);
            Ok(keep)
        });
        block.zeroize();
        result
    }
}

impl<M: BlockDecryptMode> Drop for Decryptor<M> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

/// Modes that turn the block cipher into a stream cipher (CFB-s, OFB, CTR).
///
/// Any length is accepted, and state carries across calls: encrypting a
/// message in pieces gives the same bytes as encrypting it at once, so the
/// mode value is its own streaming encryptor.
pub trait StreamMode: Sized {
    /// Encrypt `buf` in place, continuing the stream.
    fn encrypt(&mut self, buf: &mut [u8]) -> Result<()>;

    /// Decrypt `buf` in place, continuing the stream.
    fn decrypt(&mut self, buf: &mut [u8]) -> Result<()>;

    /// Encrypt `input` into `output` (same length).
    fn encrypt_b2b(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        output.copy_from_slice(input);
        self.encrypt(output)
    }

    /// Decrypt `input` into `output` (same length).
    fn decrypt_b2b(&mut self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        output.copy_from_slice(input);
        self.decrypt(output)
    }

    /// Encrypt `input` into a new `Vec`.
    #[cfg(feature = "alloc")]
    fn encrypt_vec(&mut self, input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        let mut v = input.to_vec();
        self.encrypt(&mut v)?;
        Ok(v)
    }

    /// Decrypt `input` into a new `Vec`.
    #[cfg(feature = "alloc")]
    fn decrypt_vec(&mut self, input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        let mut v = input.to_vec();
        self.decrypt(&mut v)?;
        Ok(v)
    }
}
