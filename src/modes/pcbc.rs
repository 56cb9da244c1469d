//! PCBC — Propagating Cipher Block Chaining (as in Kerberos v4):
//! `C_i = E(P_i ^ P_{i-1} ^ C_{i-1})`, `P_i = D(C_i) ^ P_{i-1} ^ C_{i-1}`,
//! with `P_0 ^ C_0 = IV`. Encryption is a chain; decryption runs `D(C_i)`
//! a batch at a time and only the xors as a chain.

use cipher::{
    Array, Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit, array::ArraySize,
};
use zeroize::Zeroize;

use crate::block::{self, Chain};
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::{BlockDecryptMode, BlockEncryptMode};

/// PCBC over the block cipher `C`. The value carries the chaining block
/// `P_{i-1} ^ C_{i-1}`, so successive calls continue one message.
///
/// ```
/// use blockmodes::{aes::Aes128, BlockDecryptMode, BlockEncryptMode, Pcbc, Padding};
///
/// let (key, iv) = ([7; 16], [9; 16]);
/// let ct = Pcbc::<Aes128>::new_from_slices(&key, &iv)?.encrypt_padded_vec(b"propagate", Padding::Iso7816)?;
/// let pt = Pcbc::<Aes128>::new_from_slices(&key, &iv)?.decrypt_padded_vec(&ct, Padding::Iso7816)?;
/// assert_eq!(pt, b"propagate");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Pcbc<C: BlockSizeUser> {
    cipher: C,
    iv: Block<C>,
}

impl<C: BlockSizeUser> Pcbc<C> {
    /// PCBC with a keyed cipher and a one-block IV (`Err(InvalidIvLength)`
    /// otherwise).
    pub fn new(cipher: C, iv: &[u8]) -> Result<Self> {
        let iv = block::block_from(iv).ok_or(Error::InvalidIvLength)?;
        Ok(Pcbc { cipher, iv })
    }
}

impl<C: BlockSizeUser + KeyInit> Pcbc<C> {
    /// PCBC keyed with `key` and starting from `iv`.
    pub fn new_from_slices(key: &[u8], iv: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, iv)
    }
}

impl<C: BlockSizeUser> BlockSizeUser for Pcbc<C> {
    type BlockSize = C::BlockSize;
}

impl<C: BlockSizeUser> Drop for Pcbc<C> {
    fn drop(&mut self) {
        self.iv.zeroize();
    }
}

/// One PCBC encryption step: the cipher's input is the plaintext block
/// xored with the chain; afterwards the chain becomes `P_i ^ C_i`.
struct PcbcChain<'a, BS: ArraySize> {
    iv: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
    saved: Array<u8, BS>,
}

impl<BS: ArraySize> Chain<BS> for PcbcChain<'_, BS> {
    #[inline(always)]
    fn input(&mut self, i: usize) -> Array<u8, BS> {
        self.saved = self.blocks[i].clone();
        let mut x = self.blocks[i].clone();
        block::xor(&mut x, self.iv);
        x
    }
    #[inline(always)]
    fn output(&mut self, i: usize, out: Array<u8, BS>) {
        // chain = P_i ^ C_i: the saved input block xored with the output.
        let mut chain = out.clone();
        block::xor(&mut chain, &self.saved);
        *self.iv = chain;
        self.blocks[i] = out;
    }
}

impl<BS: ArraySize> Drop for PcbcChain<'_, BS> {
    fn drop(&mut self) {
        self.saved.zeroize();
    }
}

/// The generic [`Kernels::pcbc_encrypt`]: the whole blocks of `data` as
/// one chain inside one backend call.
pub(crate) fn encrypt_chain<C: BlockCipherEncrypt>(cipher: &C, iv: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = block::as_blocks_mut::<C::BlockSize>(data);
    let steps = blocks.len();
    let mut chain = PcbcChain {
        iv,
        blocks,
        saved: Default::default(),
    };
    block::chain_encrypt(cipher, &mut chain, steps);
}

impl<C: Kernels> BlockEncryptMode for Pcbc<C> {
    fn encrypt_blocks(&mut self, data: &mut [u8]) -> Result<()> {
        if !data.len().is_multiple_of(block::block_size::<C>()) {
            return Err(Error::InvalidLength);
        }
        self.cipher.pcbc_encrypt(&mut self.iv, data);
        Ok(())
    }
}

impl<C: BlockCipherDecrypt> BlockDecryptMode for Pcbc<C> {
    fn decrypt_blocks(&mut self, data: &mut [u8]) -> Result<()> {
        let (blocks, tail) = block::as_blocks_mut::<C::BlockSize>(data);
        if !tail.is_empty() {
            return Err(Error::InvalidLength);
        }
        // `D(C_i)` needs nothing from the chain: a batch of blocks goes
        // through the cipher's parallel path at once, then the xor chain
        // (cheap) runs over it with the saved ciphertext.
        let mut saved: [Block<C>; 16] = Default::default();
        for chunk in blocks.chunks_mut(16) {
            let saved = &mut saved[..chunk.len()];
            saved.clone_from_slice(chunk);
            self.cipher.decrypt_blocks(chunk);
            for (p, c) in chunk.iter_mut().zip(saved.iter()) {
                // P_i = D(C_i) ^ V_{i-1}, V_i = P_i ^ C_i
                block::xor(p, &self.iv);
                self.iv.clone_from(p);
                block::xor(&mut self.iv, c);
            }
        }
        for b in saved.iter_mut() {
            b.zeroize();
        }
        Ok(())
    }
}
