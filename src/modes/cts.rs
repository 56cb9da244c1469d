//! CBC with ciphertext stealing — CBC-CS1, CBC-CS2 and CBC-CS3 (NIST SP
//! 800-38A Addendum, "Three Variants of Ciphertext Stealing for CBC Mode",
//! October 2010).
//!
//! A message of `n` blocks whose last block `P_n*` holds `d` bytes
//! (`1 <= d <= b`) is encrypted as CBC over `P_1 … P_{n-1} (P_n* || 0^{b-d})`,
//! giving `C_1 … C_n`; then `C_{n-1}` is cut to its first `d` bytes
//! `C_{n-1}*` (the rest is recoverable from `D(C_n)`), so the ciphertext is
//! exactly as long as the plaintext. The variants differ only in the order
//! of the last two ciphertext blocks:
//!
//! - CS1: `… C_{n-2} || C_{n-1}* || C_n` — never swapped;
//! - CS2: `… C_{n-2} || C_n || C_{n-1}*` when `d < b`, else as CS1;
//! - CS3: `… C_{n-2} || C_n || C_{n-1}*` — always swapped (Kerberos, RFC 3962).
//!
//! A message of exactly one block is plain CBC of one block. Everything
//! before the last two blocks goes through the crate's [`Cbc`] (so
//! decryption is batched); only the last two blocks are special.

use cipher::{Array, Block, BlockCipherDecrypt, BlockSizeUser, KeyInit};
use zeroize::Zeroize;

use crate::block;
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::same_len;

/// Which of the three ciphertext-stealing variants of the SP 800-38A
/// Addendum to use. They differ only in the order of the last two
/// ciphertext blocks.
///
/// ```
/// use blockmodes::{aes::Aes128, CbcCs, CsVariant};
///
/// let msg = b"seventeen bytes!!";
/// let cs1 = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs1)?.encrypt_vec(msg)?;
/// let cs3 = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs3)?.encrypt_vec(msg)?;
/// // CS1 ends C_1* || C_2, CS3 ends C_2 || C_1*: same bytes, other order.
/// assert_eq!(cs1[..1], cs3[16..]);
/// assert_eq!(cs1[1..], cs3[..16]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsVariant {
    /// CBC-CS1: the partial block `C_{n-1}*` stays before `C_n`; for whole
    /// blocks this is plain CBC.
    Cs1,
    /// CBC-CS2: the last two blocks are swapped only when the final block
    /// is partial; for whole blocks this is plain CBC.
    Cs2,
    /// CBC-CS3: the last two blocks are always swapped (the Kerberos
    /// AES-CTS of RFC 3962).
    Cs3,
}

impl CsVariant {
    /// Whether the ciphertext ends `C_n || C_{n-1}*` rather than
    /// `C_{n-1}* || C_n`, given whether the final plaintext block is partial.
    fn swaps(self, partial: bool) -> bool {
        match self {
            CsVariant::Cs1 => false,
            CsVariant::Cs2 => partial,
            CsVariant::Cs3 => true,
        }
    }
}

/// CBC with ciphertext stealing over the block cipher `C`: any message of
/// at least one block, ciphertext exactly as long as the plaintext.
///
/// One value encrypts or decrypts one whole message (the methods take
/// `self`): a stolen-ciphertext message cannot be continued. For data that
/// arrives in pieces use [`encryptor`](Self::encryptor) /
/// [`decryptor`](Self::decryptor).
///
/// ```
/// use blockmodes::{aes::Aes128, CbcCs, CsVariant};
///
/// let (key, iv) = ([0x42; 16], [0x24; 16]);
/// let mut data = *b"no padding, any length >= 16";
/// CbcCs::<Aes128>::new_from_slices(&key, &iv, CsVariant::Cs3)?.encrypt(&mut data)?;
/// CbcCs::<Aes128>::new_from_slices(&key, &iv, CsVariant::Cs3)?.decrypt(&mut data)?;
/// assert_eq!(&data, b"no padding, any length >= 16");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct CbcCs<C: BlockSizeUser> {
    cipher: C,
    /// The CBC chaining block: the IV, then the last ciphertext block
    /// written (streaming only).
    iv: Block<C>,
    variant: CsVariant,
}

impl<C: BlockSizeUser> CbcCs<C> {
    /// Ciphertext stealing with a keyed cipher, a one-block IV
    /// (`Err(InvalidIvLength)` otherwise) and a variant.
    pub fn new(cipher: C, iv: &[u8], variant: CsVariant) -> Result<Self> {
        let iv = block::block_from(iv).ok_or(Error::InvalidIvLength)?;
        Ok(CbcCs {
            cipher,
            iv,
            variant,
        })
    }

    /// The variant this value was made with.
    pub fn variant(&self) -> CsVariant {
        self.variant
    }

    /// `Err(InvalidLength)` unless `data` is whole blocks.
    fn whole_blocks(data: &[u8]) -> Result<()> {
        if data.len().is_multiple_of(block::block_size::<C>()) {
            Ok(())
        } else {
            Err(Error::InvalidLength)
        }
    }
}

impl<C: BlockSizeUser + KeyInit> CbcCs<C> {
    /// Ciphertext stealing keyed with `key` (`Err(InvalidKeyLength)` if the
    /// cipher does not take that length), starting from `iv`.
    pub fn new_from_slices(key: &[u8], iv: &[u8], variant: CsVariant) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, iv, variant)
    }
}

impl<C: BlockSizeUser> BlockSizeUser for CbcCs<C> {
    type BlockSize = C::BlockSize;
}

impl<C: BlockSizeUser> Drop for CbcCs<C> {
    fn drop(&mut self) {
        self.iv.zeroize();
    }
}

/// Length of the part of a `len`-byte message that stealing touches: the
/// last block and the whole block before it (`b + d` bytes,
/// `1 <= d <= b`), or the whole message if it is a single block.
/// `Err(InvalidLength)` below one block.
fn tail_len(len: usize, bs: usize) -> Result<usize> {
    if len < bs {
        Err(Error::InvalidLength)
    } else if len == bs {
        Ok(bs)
    } else {
        Ok(bs + (len - 1) % bs + 1)
    }
}

/// Split a whole message into the plain-CBC head (whole blocks) and the
/// tail that stealing touches.
fn split_message<C: BlockSizeUser>(buf: &mut [u8]) -> Result<(&mut [u8], &mut [u8])> {
    let tail = tail_len(buf.len(), block::block_size::<C>())?;
    Ok(buf.split_at_mut(buf.len() - tail))
}

/// The length of the partial final block `d` of a tail of `b + d` bytes;
/// `None` for a single-block message (a tail of exactly one block).
fn stolen_len(tail: &[u8], bs: usize) -> Option<usize> {
    tail.len().checked_sub(bs).filter(|&d| d > 0)
}

impl<C: Kernels> CbcCs<C> {
    /// Encrypt one whole message in place. `Err(InvalidLength)` if it is
    /// shorter than one block (nothing is changed then).
    pub fn encrypt(mut self, buf: &mut [u8]) -> Result<()> {
        let (head, tail) = split_message::<C>(buf)?;
        self.encrypt_head(head)?;
        self.encrypt_tail(tail)
    }

    /// Encrypt one whole message from `input` into `output`, which must have
    /// the same length (`Err(OutputTooSmall)` otherwise).
    pub fn encrypt_b2b(self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        tail_len(input.len(), block::block_size::<C>())?;
        output.copy_from_slice(input);
        self.encrypt(output)
    }

    /// Encrypt one whole message into a new `Vec`.
    #[cfg(feature = "alloc")]
    pub fn encrypt_vec(self, input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        tail_len(input.len(), block::block_size::<C>())?;
        let mut v = input.to_vec();
        self.encrypt(&mut v)?;
        Ok(v)
    }

    /// A streaming encryptor for one message: [`CtsEncryptor::update`] with
    /// any pieces, then [`CtsEncryptor::finalize`].
    pub fn encryptor(self) -> CtsEncryptor<C> {
        CtsEncryptor {
            held: Held::new(self),
        }
    }

    /// Plain CBC over whole blocks that come before the tail.
    fn encrypt_head(&mut self, head: &mut [u8]) -> Result<()> {
        Self::whole_blocks(head)?;
        self.cipher.cbc_encrypt(&mut self.iv, head);
        Ok(())
    }

    /// Encrypt the tail (`P_{n-1} || P_n*`, or a single block), chaining
    /// from the current block `C_{n-2}`.
    fn encrypt_tail(&mut self, tail: &mut [u8]) -> Result<()> {
        let bs = block::block_size::<C>();
        let Some(d) = stolen_len(tail, bs) else {
            return self.encrypt_head(tail);
        };
        // P_n = P_n* || 0^{b-d}
        let mut last = Block::<C>::default();
        last[..d].copy_from_slice(&tail[bs..]);
        // C_{n-1} in place of P_{n-1}, then C_n in place of P_n.
        self.cipher.cbc_encrypt(&mut self.iv, &mut tail[..bs]);
        self.cipher.cbc_encrypt(&mut self.iv, &mut last);
        if self.variant.swaps(d < bs) {
            // C_n || C_{n-1}*
            tail.copy_within(..d, bs);
            tail[..bs].copy_from_slice(&last);
        } else {
            // C_{n-1}* || C_n: C_{n-1}* is already the first d bytes.
            tail[d..].copy_from_slice(&last);
        }
        Ok(())
    }
}

impl<C: BlockCipherDecrypt + Kernels> CbcCs<C> {
    /// Decrypt one whole message in place. `Err(InvalidLength)` if it is
    /// shorter than one block (nothing is changed then).
    pub fn decrypt(mut self, buf: &mut [u8]) -> Result<()> {
        let (head, tail) = split_message::<C>(buf)?;
        self.decrypt_head(head)?;
        self.decrypt_tail(tail)
    }

    /// Decrypt one whole message from `input` into `output`, which must have
    /// the same length (`Err(OutputTooSmall)` otherwise).
    pub fn decrypt_b2b(self, input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        tail_len(input.len(), block::block_size::<C>())?;
        output.copy_from_slice(input);
        self.decrypt(output)
    }

    /// Decrypt one whole message into a new `Vec`.
    #[cfg(feature = "alloc")]
    pub fn decrypt_vec(self, input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        tail_len(input.len(), block::block_size::<C>())?;
        let mut v = input.to_vec();
        self.decrypt(&mut v)?;
        Ok(v)
    }

    /// A streaming decryptor for one message: [`CtsDecryptor::update`] with
    /// any pieces, then [`CtsDecryptor::finalize`].
    pub fn decryptor(self) -> CtsDecryptor<C> {
        CtsDecryptor {
            held: Held::new(self),
        }
    }

    /// Plain (batched) CBC decryption of the whole blocks before the tail.
    fn decrypt_head(&mut self, head: &mut [u8]) -> Result<()> {
        Self::whole_blocks(head)?;
        self.cipher.cbc_decrypt(&mut self.iv, head);
        Ok(())
    }

    /// Decrypt the tail (the last two ciphertext blocks in the variant's
    /// order, or a single block), chaining from `C_{n-2}`.
    fn decrypt_tail(&mut self, tail: &mut [u8]) -> Result<()> {
        let bs = block::block_size::<C>();
        let Some(d) = stolen_len(tail, bs) else {
            return self.decrypt_head(tail);
        };
        // Where C_{n-1}* (d bytes) and C_n (one block) sit in this variant.
        let (star_at, last_at) = if self.variant.swaps(d < bs) {
            (bs, 0)
        } else {
            (0, d)
        };
        let mut prev = Block::<C>::default();
        prev[..d].copy_from_slice(&tail[star_at..star_at + d]);
        let mut last = Block::<C>::default();
        last.copy_from_slice(&tail[last_at..last_at + bs]);
        // D(C_n) = C_{n-1} ^ (P_n* || 0^{b-d}): its last b-d bytes are the
        // stolen end of C_{n-1}, its first d bytes give P_n*.
        block::ecb_decrypt(&self.cipher, &mut last);
        prev[d..].copy_from_slice(&last[d..]);
        block::xor(&mut last[..d], &prev[..d]);
        // P_{n-1} = D(C_{n-1}) ^ C_{n-2}
        self.decrypt_head(&mut prev)?;
        tail[..bs].copy_from_slice(&prev);
        tail[bs..].copy_from_slice(&last[..d]);
        prev.zeroize();
        last.zeroize();
        Ok(())
    }
}

/// The streaming state shared by [`CtsEncryptor`] and [`CtsDecryptor`]:
/// the mode and the bytes held back because stealing may still change
/// them — the last block and the whole block before it, at most two blocks.
struct Held<C: BlockSizeUser> {
    mode: CbcCs<C>,
    buf: [Block<C>; 2],
    len: usize,
}

impl<C: BlockSizeUser> Held<C> {
    fn new(mode: CbcCs<C>) -> Self {
        Held {
            mode,
            buf: Default::default(),
            len: 0,
        }
    }

    /// Bytes the next `update` with `input_len` bytes writes: every whole
    /// block except the last two (counting a partial final block as one).
    fn update_len(&self, input_len: usize) -> usize {
        let bs = block::block_size::<C>();
        self.len
            .saturating_add(input_len)
            .div_ceil(bs)
            .saturating_sub(2)
            * bs
    }

    /// Pass the held bytes followed by `input`, except what must stay held,
    /// through `head` (plain CBC) into `output`; keep the rest.
    fn update(
        &mut self,
        input: &[u8],
        output: &mut [u8],
        head: impl FnOnce(&mut CbcCs<C>, &mut [u8]) -> Result<()>,
    ) -> Result<usize> {
        let n = self.update_len(input.len());
        let out = output.get_mut(..n).ok_or(Error::OutputTooSmall)?;
        let held = Array::slice_as_flattened_mut(&mut self.buf);
        let from_held = n.min(self.len);
        let from_input = n - from_held;
        out[..from_held].copy_from_slice(&held[..from_held]);
        out[from_held..].copy_from_slice(&input[..from_input]);
        head(&mut self.mode, out)?;
        held.copy_within(from_held..self.len, 0);
        let kept = self.len - from_held;
        let rest = &input[from_input..];
        held[kept..kept + rest.len()].copy_from_slice(rest);
        self.len = kept + rest.len();
        Ok(n)
    }

    /// Pass the held tail through `tail` into `output`.
    fn finalize(
        mut self,
        output: &mut [u8],
        tail: impl FnOnce(&mut CbcCs<C>, &mut [u8]) -> Result<()>,
    ) -> Result<usize> {
        let len = tail_len(self.len, block::block_size::<C>())?;
        let out = output.get_mut(..len).ok_or(Error::OutputTooSmall)?;
        out.copy_from_slice(&Array::slice_as_flattened(&self.buf)[..len]);
        tail(&mut self.mode, out)?;
        Ok(len)
    }
}

impl<C: BlockSizeUser> Drop for Held<C> {
    fn drop(&mut self) {
        Array::slice_as_flattened_mut(&mut self.buf).zeroize();
    }
}

/// Streaming CBC-CS encryption of one message: any split of the input gives
/// the same ciphertext as [`CbcCs::encrypt`].
///
/// [`update`](Self::update) writes every block that stealing cannot change
/// and holds back the last block and the whole block before it;
/// [`finalize`](Self::finalize) writes those.
///
/// ```
/// use blockmodes::{aes::Aes128, CbcCs, CsVariant};
///
/// let msg = b"a message that arrives in three pieces";
/// let mut ct = [0u8; 38];
/// let mut enc = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs2)?.encryptor();
/// let mut n = 0;
/// for piece in [&msg[..5], &msg[5..30], &msg[30..]] {
///     n += enc.update(piece, &mut ct[n..])?;
/// }
/// n += enc.finalize(&mut ct[n..])?;
/// assert_eq!(n, msg.len());
/// let one_shot = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs2)?.encrypt_vec(msg)?;
/// assert_eq!(ct[..], one_shot[..]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
pub struct CtsEncryptor<C: BlockSizeUser> {
    held: Held<C>,
}

impl<C: Kernels> CtsEncryptor<C> {
    /// How many bytes the next [`update`](Self::update) with `input_len`
    /// bytes will write.
    pub fn update_len(&self, input_len: usize) -> usize {
        self.held.update_len(input_len)
    }

    /// Encrypt whatever stealing can no longer change into `output`;
    /// returns how many bytes were written ([`update_len`](Self::update_len);
    /// `input.len() + block_size - 1` is always enough, else
    /// `Err(OutputTooSmall)` and nothing is consumed).
    pub fn update(&mut self, input: &[u8], output: &mut [u8]) -> Result<usize> {
        self.held.update(input, output, CbcCs::encrypt_head)
    }

    /// Encrypt the held-back tail into `output` (between one and two blocks;
    /// `2 * block_size` is always enough, else `Err(OutputTooSmall)`);
    /// returns how many bytes were written. `Err(InvalidLength)` if the
    /// whole message was shorter than one block.
    pub fn finalize(self, output: &mut [u8]) -> Result<usize> {
        self.held.finalize(output, CbcCs::encrypt_tail)
    }
}

/// Streaming CBC-CS decryption of one message: any split of the input gives
/// the same plaintext as [`CbcCs::decrypt`].
///
/// ```
/// use blockmodes::{aes::Aes128, CbcCs, CsVariant};
///
/// let ct = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs3)?.encrypt_vec(b"twenty-one bytes long")?;
/// let mut dec = CbcCs::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CsVariant::Cs3)?.decryptor();
/// let mut pt = [0u8; 21];
/// let n = dec.update(&ct, &mut pt)?;
/// let n = n + dec.finalize(&mut pt[n..])?;
/// assert_eq!(&pt[..n], b"twenty-one bytes long");
/// # Ok::<(), blockmodes::Error>(())
/// ```
pub struct CtsDecryptor<C: BlockSizeUser> {
    held: Held<C>,
}

impl<C: BlockCipherDecrypt + Kernels> CtsDecryptor<C> {
    /// How many bytes the next [`update`](Self::update) with `input_len`
    /// bytes will write.
    pub fn update_len(&self, input_len: usize) -> usize {
        self.held.update_len(input_len)
    }

    /// Decrypt whatever stealing can no longer change into `output`;
    /// returns how many bytes were written ([`update_len`](Self::update_len);
    /// `input.len() + block_size - 1` is always enough, else
    /// `Err(OutputTooSmall)` and nothing is consumed).
    pub fn update(&mut self, input: &[u8], output: &mut [u8]) -> Result<usize> {
        self.held.update(input, output, CbcCs::decrypt_head)
    }

    /// Decrypt the held-back tail into `output` (between one and two blocks;
    /// `2 * block_size` is always enough, else `Err(OutputTooSmall)`);
    /// returns how many bytes were written. `Err(InvalidLength)` if the
    /// whole message was shorter than one block.
    pub fn finalize(self, output: &mut [u8]) -> Result<usize> {
        self.held.finalize(output, CbcCs::decrypt_tail)
    }
}
