//! CBC — Cipher Block Chaining (NIST SP 800-38A §6.2):
//! `C_i = E(P_i ^ C_{i-1})`, `P_i = D(C_i) ^ C_{i-1}`, `C_0 = IV`.
//!
//! Encryption is a chain (one block at a time, at the cipher's latency);
//! decryption batches through [`crate::block`]'s parallel core.

use cipher::{Array, Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit};
use zeroize::Zeroize;

use crate::block::{self, Chain};
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::{BlockDecryptMode, BlockEncryptMode};

/// CBC over the block cipher `C`. The value carries the chaining block, so
/// successive calls continue one message.
///
/// ```
/// use blockmodes::{aes::Aes128, BlockDecryptMode, BlockEncryptMode, Cbc, Padding};
///
/// let (key, iv) = ([0x42; 16], [0x24; 16]);
/// let ct = Cbc::<Aes128>::new_from_slices(&key, &iv)?.encrypt_padded_vec(b"hello", Padding::Pkcs7)?;
/// assert_eq!(ct.len(), 16);
/// let pt = Cbc::<Aes128>::new_from_slices(&key, &iv)?.decrypt_padded_vec(&ct, Padding::Pkcs7)?;
/// assert_eq!(pt, b"hello");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Cbc<C: BlockSizeUser> {
    cipher: C,
    iv: Block<C>,
}

impl<C: BlockSizeUser> Cbc<C> {
    /// CBC with a keyed cipher and a one-block IV (`Err(InvalidIvLength)`
    /// otherwise).
    pub fn new(cipher: C, iv: &[u8]) -> Result<Self> {
        let iv = block::block_from(iv).ok_or(Error::InvalidIvLength)?;
        Ok(Cbc { cipher, iv })
    }

    /// The current chaining block: the IV, then the last ciphertext block.
    pub fn iv(&self) -> &[u8] {
        &self.iv
    }
}

impl<C: BlockSizeUser + KeyInit> Cbc<C> {
    /// CBC keyed with `key` and starting from `iv`.
    pub fn new_from_slices(key: &[u8], iv: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, iv)
    }
}

impl<C: BlockSizeUser> BlockSizeUser for Cbc<C> {
    type BlockSize = C::BlockSize;
}

impl<C: BlockSizeUser> Drop for Cbc<C> {
    fn drop(&mut self) {
        self.iv.zeroize();
    }
}

struct CbcEnc<'a, BS: cipher::array::ArraySize> {
    iv: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
}

impl<BS: cipher::array::ArraySize> Chain<BS> for CbcEnc<'_, BS> {
    #[inline(always)]
    fn input(&mut self, i: usize) -> Array<u8, BS> {
        let mut x = self.blocks[i].clone();
        block::xor(&mut x, self.iv);
        x
    }
    #[inline(always)]
    fn output(&mut self, i: usize, out: Array<u8, BS>) {
        self.blocks[i] = out.clone();
        *self.iv = out;
    }
}

/// The generic [`Kernels::cbc_encrypt`]: the whole blocks of `data` as
/// one chain inside one backend call.
pub(crate) fn encrypt_chain<C: BlockCipherEncrypt>(cipher: &C, iv: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = block::as_blocks_mut::<C::BlockSize>(data);
    let steps = blocks.len();
    block::chain_encrypt(cipher, &mut CbcEnc { iv, blocks }, steps);
}

impl<C: Kernels> BlockEncryptMode for Cbc<C> {
    fn encrypt_blocks(&mut self, data: &mut [u8]) -> Result<()> {
        if !data.len().is_multiple_of(block::block_size::<C>()) {
            return Err(Error::InvalidLength);
        }
        self.cipher.cbc_encrypt(&mut self.iv, data);
        Ok(())
    }
}

impl<C: BlockCipherDecrypt + Kernels> BlockDecryptMode for Cbc<C> {
    fn decrypt_blocks(&mut self, data: &mut [u8]) -> Result<()> {
        if !data.len().is_multiple_of(block::block_size::<C>()) {
            return Err(Error::InvalidLength);
        }
        self.cipher.cbc_decrypt(&mut self.iv, data);
        Ok(())
    }
}

#[cfg(feature = "rayon")]
impl<C: BlockCipherDecrypt + Kernels + Sync> Cbc<C> {
    /// [`decrypt_blocks`](BlockDecryptMode::decrypt_blocks), split across
    /// up to `threads` threads (`0`: one per core) when there are at least
    /// [`MIN_CHUNK`](crate::par::MIN_CHUNK) bytes for each (see
    /// [`crate::par`]). Each piece chains from the ciphertext block just
    /// before it, saved before any thread writes, so the output, the
    /// chaining block left behind and the errors are exactly those of
    /// `decrypt_blocks`. (CBC encryption is a chain and cannot be split.)
    ///
    /// ```
    /// use blockmodes::{aes::Aes128, BlockEncryptMode, Cbc};
    ///
    /// let mut data = vec![3u8; 1 << 18];
    /// Cbc::<Aes128>::new_from_slices(&[9; 16], &[1; 16])?.encrypt_blocks(&mut data)?;
    /// Cbc::<Aes128>::new_from_slices(&[9; 16], &[1; 16])?.decrypt_blocks_par(&mut data, 2)?;
    /// assert!(data.iter().all(|&b| b == 3));
    /// # Ok::<(), blockmodes::Error>(())
    /// ```
    pub fn decrypt_blocks_par(&mut self, data: &mut [u8], threads: usize) -> Result<()> {
        let bs = block::block_size::<C>();
        if !data.len().is_multiple_of(bs) {
            return Err(Error::InvalidLength);
        }
        let cipher = &self.cipher;
        match crate::par::chunk_len(data.len(), threads, bs) {
            None => cipher.cbc_decrypt(&mut self.iv, data),
            Some(chunk) => crate::par::chained(&mut self.iv, data, chunk, |iv, piece| {
                cipher.cbc_decrypt(iv, piece)
            }),
        }
        Ok(())
    }
}
