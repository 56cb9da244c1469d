//! OFB — Output Feedback (NIST SP 800-38A §6.4): `O_i = E(O_{i-1})`,
//! `O_0 = IV`, `C_i = P_i ^ O_i`; the last block may be partial.
//! Encryption and decryption are the same operation.

use cipher::{
    Array, Block, BlockCipherEncrypt, BlockSizeUser, KeyInit, array::ArraySize, typenum::Unsigned,
};
use zeroize::Zeroize;

use crate::block::{self, Chain};
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::StreamMode;

/// OFB over the block cipher `C`. Keeps the unused part of the current
/// keystream block, so any split of the data gives the same bytes.
///
/// ```
/// use blockmodes::{aes::Aes128, Ofb, StreamMode};
///
/// let mut data = *b"any length at all";
/// Ofb::<Aes128>::new_from_slices(&[1; 16], &[2; 16])?.encrypt(&mut data)?;
/// Ofb::<Aes128>::new_from_slices(&[1; 16], &[2; 16])?.decrypt(&mut data)?;
/// assert_eq!(&data, b"any length at all");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Ofb<C: BlockSizeUser> {
    cipher: C,
    /// The last output block `O_i` (the IV before the first).
    reg: Block<C>,
    /// How many bytes of `reg` are used as keystream; block size when none
    /// are left.
    used: usize,
}

impl<C: BlockSizeUser> Ofb<C> {
    /// OFB with a keyed cipher and a one-block IV (`Err(InvalidIvLength)`
    /// otherwise).
    pub fn new(cipher: C, iv: &[u8]) -> Result<Self> {
        let reg = block::block_from(iv).ok_or(Error::InvalidIvLength)?;
        Ok(Ofb {
            cipher,
            reg,
            used: C::BlockSize::USIZE,
        })
    }
}

impl<C: BlockSizeUser + KeyInit> Ofb<C> {
    /// OFB keyed with `key` and starting from `iv`.
    pub fn new_from_slices(key: &[u8], iv: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, iv)
    }
}

impl<C: BlockSizeUser> Drop for Ofb<C> {
    fn drop(&mut self) {
        self.reg.zeroize();
    }
}

struct OfbChain<'a, BS: ArraySize> {
    reg: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
}

impl<BS: ArraySize> Chain<BS> for OfbChain<'_, BS> {
    #[inline(always)]
    fn input(&mut self, _i: usize) -> Array<u8, BS> {
        self.reg.clone()
    }
    #[inline(always)]
    fn output(&mut self, i: usize, out: Array<u8, BS>) {
        block::xor(&mut self.blocks[i], &out);
        *self.reg = out;
    }
}

/// The generic [`Kernels::ofb_xor`]: the whole blocks of `data` as one
/// chain inside one backend call.
pub(crate) fn xor_chain<C: BlockCipherEncrypt>(cipher: &C, reg: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = block::as_blocks_mut::<C::BlockSize>(data);
    let steps = blocks.len();
    block::chain_encrypt(cipher, &mut OfbChain { reg, blocks }, steps);
}

impl<C: Kernels> Ofb<C> {
    fn apply(&mut self, mut buf: &mut [u8]) {
        let bs = C::BlockSize::USIZE;
        // Finish the current keystream block.
        let take = (bs - self.used).min(buf.len());
        block::xor(&mut buf[..take], &self.reg[self.used..]);
        self.used += take;
        buf = &mut buf[take..];
        if buf.is_empty() {
            return;
        }
        let whole = buf.len() / bs * bs;
        let (body, tail) = buf.split_at_mut(whole);
        self.cipher.ofb_xor(&mut self.reg, body);
        self.used = bs;
        if !tail.is_empty() {
            // The partial last block goes through a scratch block; the rest
            // of its keystream stays in `reg` for the next call.
            let mut one = Array::<u8, C::BlockSize>::default();
            one[..tail.len()].copy_from_slice(tail);
            self.cipher.ofb_xor(&mut self.reg, &mut one);
            tail.copy_from_slice(&one[..tail.len()]);
            self.used = tail.len();
            one.zeroize();
        }
    }
}

impl<C: Kernels> StreamMode for Ofb<C> {
    fn encrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        self.apply(buf);
        Ok(())
    }

    fn decrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        self.apply(buf);
        Ok(())
    }
}
