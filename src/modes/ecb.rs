//! ECB — Electronic Codebook (NIST SP 800-38A §6.1): `C_i = E(P_i)`.
//!
//! Equal plaintext blocks give equal ciphertext blocks, so ECB leaks the
//! structure of the data. It exists here for conformance and as a building
//! block; do not use it to protect messages.

use cipher::{BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit};

use crate::block;
use crate::error::{Error, Result};
use crate::modes::{BlockDecryptMode, BlockEncryptMode};

/// ECB over the block cipher `C`.
///
/// ```
/// use blockmodes::{aes::Aes128, BlockDecryptMode, BlockEncryptMode, Ecb, Padding};
///
/// let key = [0x42; 16];
/// let ct = Ecb::<Aes128>::new_from_slice(&key)?.encrypt_padded_vec(b"attack at dawn", Padding::Pkcs7)?;
/// let pt = Ecb::<Aes128>::new_from_slice(&key)?.decrypt_padded_vec(&ct, Padding::Pkcs7)?;
/// assert_eq!(pt, b"attack at dawn");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Ecb<C> {
    cipher: C,
}

impl<C: BlockSizeUser> Ecb<C> {
    /// ECB with an already keyed cipher.
    pub fn new(cipher: C) -> Self {
        Ecb { cipher }
    }
}

impl<C: BlockSizeUser + KeyInit> Ecb<C> {
    /// ECB keyed with `key` (`Err(InvalidKeyLength)` if the cipher does not
    /// take that length).
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        C::new_from_slice(key)
            .map(Self::new)
            .map_err(|_| Error::InvalidKeyLength)
    }
}

impl<C: BlockSizeUser> BlockSizeUser for Ecb<C> {
    type BlockSize = C::BlockSize;
}

impl<C: BlockCipherEncrypt> BlockEncryptMode for Ecb<C> {
    fn encrypt_blocks(&mut self, blocks: &mut [u8]) -> Result<()> {
        if !blocks.len().is_multiple_of(block::block_size::<C>()) {
            return Err(Error::InvalidLength);
        }
        block::ecb_encrypt(&self.cipher, blocks);
        Ok(())
    }
}

impl<C: BlockCipherDecrypt> BlockDecryptMode for Ecb<C> {
    fn decrypt_blocks(&mut self, blocks: &mut [u8]) -> Result<()> {
        if !blocks.len().is_multiple_of(block::block_size::<C>()) {
            return Err(Error::InvalidLength);
        }
        block::ecb_decrypt(&self.cipher, blocks);
        Ok(())
    }
}

#[cfg(feature = "rayon")]
impl<C: BlockCipherEncrypt + Sync> Ecb<C> {
    /// [`encrypt_blocks`](BlockEncryptMode::encrypt_blocks), split across
    /// up to `threads` threads (`0`: one per core) when there are at least
    /// [`MIN_CHUNK`](crate::par::MIN_CHUNK) bytes for each (see
    /// [`crate::par`]); the same output and errors.
    ///
    /// ```
    /// use blockmodes::{aes::Aes128, BlockDecryptMode, Ecb};
    ///
    /// let mut ecb = Ecb::<Aes128>::new_from_slice(&[9; 16])?;
    /// let mut data = vec![3u8; 1 << 18];
    /// ecb.encrypt_blocks_par(&mut data, 2)?;
    /// ecb.decrypt_blocks(&mut data)?;
    /// assert!(data.iter().all(|&b| b == 3));
    /// # Ok::<(), blockmodes::Error>(())
    /// ```
    pub fn encrypt_blocks_par(&mut self, blocks: &mut [u8], threads: usize) -> Result<()> {
        let bs = block::block_size::<C>();
        if !blocks.len().is_multiple_of(bs) {
            return Err(Error::InvalidLength);
        }
        let cipher = &self.cipher;
        crate::par::split(blocks, threads, bs, |piece| {
            block::ecb_encrypt(cipher, piece)
        });
        Ok(())
    }
}

#[cfg(feature = "rayon")]
impl<C: BlockCipherDecrypt + Sync> Ecb<C> {
    /// [`decrypt_blocks`](BlockDecryptMode::decrypt_blocks) split across
    /// threads, as [`encrypt_blocks_par`](Self::encrypt_blocks_par).
    pub fn decrypt_blocks_par(&mut self, blocks: &mut [u8], threads: usize) -> Result<()> {
        let bs = block::block_size::<C>();
        if !blocks.len().is_multiple_of(bs) {
            return Err(Error::InvalidLength);
        }
        let cipher = &self.cipher;
        crate::par::split(blocks, threads, bs, |piece| {
            block::ecb_decrypt(cipher, piece)
        });
        Ok(())
    }
}
