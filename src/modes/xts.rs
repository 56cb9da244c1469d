//! XTS-AES — the XEX-based tweaked-codebook mode with ciphertext stealing
//! (IEEE Std 1619-2018 §5, first published as IEEE Std 1619-2007; approved
//! by NIST SP 800-38E) for data on block-oriented storage.
//!
//! The key is two keys, `Key1` for the data and `Key2` for the tweak. A data
//! unit (a disk sector, say) with tweak `i` — the data unit sequence number
//! as a 16-byte little-endian block — is encrypted block by block (§5.3.1):
//!
//! ```text
//! T_0 = E_K2(i),   T_{j+1} = T_j ⊗ α   (multiplication in GF(2^128), §5.2)
//! C_j = E_K1(P_j ^ T_j) ^ T_j
//! ```
//!
//! A final partial block of `b` bytes steals from the block before it
//! (§5.3.2): `CC = XTS(P_{m-1}, T_{m-1})`, `C_m = CC[..b]`,
//! `C_{m-1} = XTS(P_m || CC[b..], T_m)`. Decryption (§5.4) undoes the same
//! steps, using the last two tweaks in the other order.
//!
//! XTS is defined only for a 128-bit block cipher; the type bounds say so
//! (`BlockSize = U16`). The standard names AES-128 and AES-256; any other
//! 128-bit cipher (Camellia, say) works the same way but is not XTS-AES.

use core::slice;

use cipher::{Array, Block, BlockCipherDecrypt, BlockSizeUser, KeyInit, typenum::U16};
use subtle::ConstantTimeEq;

use crate::block;
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::same_len;
use crate::wipe::wipe;

/// Bytes in a block: XTS is defined for 128-bit blocks only.
const BLOCK: usize = 16;

/// The most blocks one data unit may hold (see [`Xts::MAX_UNIT_BLOCKS`]).
const UNIT_BLOCKS_LIMIT: usize = 1 << 20;

/// How many data units' tweaks [`Xts::encrypt_sectors`] encrypts together.
const TWEAK_BATCH: usize = 32;

/// XTS over the 128-bit block cipher `C`: one data cipher (`Key1`) and one
/// tweak cipher (`Key2`).
///
/// Each data unit is encrypted on its own, with its own tweak, and the
/// ciphertext is exactly as long as the plaintext; a data unit is 16 bytes
/// to `MAX_UNIT_BLOCKS * 16` bytes (any length in between: a final partial
/// block uses ciphertext stealing). The methods take `&self`: one `Xts`
/// serves a whole disk.
///
/// - [`encrypt_unit`](Self::encrypt_unit) / [`decrypt_unit`](Self::decrypt_unit):
///   one data unit with a caller-chosen 16-byte tweak;
/// - [`encrypt_sector`](Self::encrypt_sector) / [`decrypt_sector`](Self::decrypt_sector):
///   one data unit whose tweak is the sector number, little-endian (IEEE 1619);
/// - [`encrypt_sectors`](Self::encrypt_sectors) / [`decrypt_sectors`](Self::decrypt_sectors):
///   many consecutive sectors of a fixed size, with tweaks `N, N+1, …`.
///
/// Errors: a data unit shorter than one block or longer than
/// [`MAX_UNIT_BLOCKS`](Self::MAX_UNIT_BLOCKS) blocks is
/// `Err(InvalidLength)`, a tweak that is not 16 bytes `Err(InvalidIvLength)`,
/// equal key halves `Err(InvalidKeyLength)`.
/// Nothing is changed when a call fails.
///
/// ```
/// use blockmodes::{aes::Aes128, Xts};
///
/// // key = Key1 || Key2, two different AES-128 keys.
/// let xts = Xts::<Aes128>::new_from_slice(&[[1u8; 16], [2u8; 16]].concat())?;
/// let mut sector = *b"a 37-byte sector: no padding needed.."; // any length >= 16
/// xts.encrypt_sector(7, &mut sector)?;
/// assert_ne!(&sector, b"a 37-byte sector: no padding needed..");
/// xts.decrypt_sector(7, &mut sector)?;
/// assert_eq!(&sector, b"a 37-byte sector: no padding needed..");
///
/// // Equal key halves are refused, as IEEE 1619-2018 and FIPS 140 require.
/// assert!(Xts::<Aes128>::new_from_slice(&[3u8; 32]).is_err());
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Xts<C: BlockSizeUser<BlockSize = U16>> {
    /// `Key1`: encrypts the data.
    data: C,
    /// `Key2`: encrypts the tweak.
    tweak: C,
}

impl<C: BlockSizeUser<BlockSize = U16>> Xts<C> {
    /// The most blocks one data unit may hold: 2^20 (IEEE Std 1619-2018
    /// §5.1; NIST SP 800-38E: "The length of the data unit for any instance
    /// of an implementation of XTS-AES shall not exceed 2^20 AES blocks").
    /// A final partial block counts as a block, so the longest data unit is
    /// `MAX_UNIT_BLOCKS * 16` bytes; a longer one is `Err(InvalidLength)`.
    pub const MAX_UNIT_BLOCKS: usize = UNIT_BLOCKS_LIMIT;

    /// XTS from a keyed data cipher (`Key1`) and a keyed tweak cipher
    /// (`Key2`). The two keys must differ (IEEE Std 1619-2018; FIPS 140 IG
    /// A.9 / C.I): this constructor cannot check that, so prefer
    /// [`new_from_slice`](Self::new_from_slice), which does.
    pub fn new(data_cipher: C, tweak_cipher: C) -> Self {
        Xts {
            data: data_cipher,
            tweak: tweak_cipher,
        }
    }
}

impl<C: BlockSizeUser<BlockSize = U16> + KeyInit> Xts<C> {
    /// XTS keyed with `key = Key1 || Key2`, two halves of equal length that
    /// the cipher accepts (32 bytes for XTS-AES-128, 64 for XTS-AES-256).
    ///
    /// `Err(InvalidKeyLength)` for an odd length, a half the cipher does not
    /// take, or `Key1 == Key2` (compared in constant time): IEEE Std
    /// 1619-2018 requires different keys, and with equal keys XTS is open to
    /// known attacks.
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        if !key.len().is_multiple_of(2) {
            return Err(Error::InvalidKeyLength);
        }
        let (key1, key2) = key.split_at(key.len() / 2);
        if bool::from(key1.ct_eq(key2)) {
            return Err(Error::InvalidKeyLength);
        }
        let data = C::new_from_slice(key1).map_err(|_| Error::InvalidKeyLength)?;
        let tweak = C::new_from_slice(key2).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Xts { data, tweak })
    }
}

impl<C: BlockSizeUser<BlockSize = U16>> BlockSizeUser for Xts<C> {
    type BlockSize = U16;
}

/// Check the length of one data unit: 16 bytes to `MAX_UNIT_BLOCKS` blocks.
fn check_unit(len: usize) -> Result<()> {
    if (BLOCK..=UNIT_BLOCKS_LIMIT * BLOCK).contains(&len) {
        Ok(())
    } else {
        Err(Error::InvalidLength)
    }
}

/// Check a run of sectors: `sector_size` a valid data unit length, `len` a
/// whole number of sectors, and the last sector number no more than
/// `u128::MAX` (`Err(LimitExceeded)` otherwise).
fn check_sectors(first_sector: u128, sector_size: usize, len: usize) -> Result<()> {
    check_unit(sector_size)?;
    if !len.is_multiple_of(sector_size) {
        return Err(Error::InvalidLength);
    }
    match len / sector_size {
        0 => Ok(()),
        n => first_sector
            .checked_add(n as u128 - 1)
            .map(|_| ())
            .ok_or(Error::LimitExceeded),
    }
}

/// The tweak block of sector `n`: `n` little-endian (IEEE Std 1619-2018
/// §5.1).
fn sector_tweak(n: u128) -> Array<u8, U16> {
    Array(n.to_le_bytes())
}

/// One direction of XTS: the whole-unit function (with ciphertext
/// stealing) and the multi-unit kernel, so that the in-place, buffer to
/// buffer, `Vec` and sector entry points are written once for both.
struct Dir<C: Kernels<BlockSize = U16>> {
    with: fn(&Xts<C>, &Block<C>, &mut [u8]),
    kernel: UnitsKernel<C>,
}

/// [`Kernels::xts_encrypt`] or [`Kernels::xts_decrypt`]: whole blocks of
/// consecutive units from their first tweaks; returns the last tweak.
type UnitsKernel<C> = fn(&C, &[Block<C>], usize, &mut [u8]) -> Block<C>;

impl<C: Kernels<BlockSize = U16>> Clone for Dir<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: Kernels<BlockSize = U16>> Copy for Dir<C> {}

impl<C: Kernels<BlockSize = U16>> Dir<C> {
    const ENC: Self = Dir {
        with: Xts::encrypt_with,
        kernel: C::xts_encrypt,
    };
}

impl<C: Kernels<BlockSize = U16> + BlockCipherDecrypt> Dir<C> {
    const DEC: Self = Dir {
        with: Xts::decrypt_with,
        kernel: C::xts_decrypt,
    };
}

impl<C: Kernels<BlockSize = U16>> Xts<C> {
    /// `T_0 = E_K2(i)` for a caller's 16-byte tweak `i`
    /// (`Err(InvalidIvLength)` for any other length).
    fn first_tweak(&self, tweak: &[u8]) -> Result<Block<C>> {
        let mut t: Block<C> = block::block_from(tweak).ok_or(Error::InvalidIvLength)?;
        block::ecb_encrypt(&self.tweak, &mut t);
        Ok(t)
    }

    /// Encrypt the first tweaks of `count` consecutive sectors from `first`
    /// into `out[..count]`, all in one batch.
    fn sector_tweaks(&self, first: u128, out: &mut [Block<C>]) {
        for (k, t) in out.iter_mut().enumerate() {
            // No overflow: check_sectors bounded the last sector number.
            *t = sector_tweak(first.wrapping_add(k as u128));
        }
        block::ecb_encrypt(&self.tweak, Array::slice_as_flattened_mut(out));
    }

    /// One data unit in place in the direction `d` (the public `*_unit`).
    fn unit(&self, d: Dir<C>, tweak: &[u8], buf: &mut [u8]) -> Result<()> {
        check_unit(buf.len())?;
        let mut t0 = self.first_tweak(tweak)?;
        (d.with)(self, &t0, buf);
        wipe(&mut t0);
        Ok(())
    }

    /// [`unit`](Self::unit) from `input` into `output`.
    fn unit_b2b(&self, d: Dir<C>, tweak: &[u8], input: &[u8], output: &mut [u8]) -> Result<()> {
        same_len(input, output)?;
        check_unit(input.len())?;
        let mut t0 = self.first_tweak(tweak)?;
        output.copy_from_slice(input);
        (d.with)(self, &t0, output);
        wipe(&mut t0);
        Ok(())
    }

    /// [`unit`](Self::unit) into a new `Vec`.
    #[cfg(feature = "alloc")]
    fn unit_vec(&self, d: Dir<C>, tweak: &[u8], input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        let mut v = alloc::vec![0; input.len()];
        self.unit_b2b(d, tweak, input, &mut v)?;
        Ok(v)
    }

    /// Consecutive sectors in place in the direction `d` (the public
    /// `*_sectors`).
    fn sectors(
        &self,
        d: Dir<C>,
        first_sector: u128,
        sector_size: usize,
        buf: &mut [u8],
    ) -> Result<()> {
        check_sectors(first_sector, sector_size, buf.len())?;
        self.sectors_checked(d, first_sector, sector_size, buf);
        Ok(())
    }

    /// [`sectors`](Self::sectors) once the lengths are checked: the tweaks
    /// are encrypted a batch at a time and, when `sector_size` is a multiple
    /// of 16, the blocks of several sectors fill one parallel batch.
    fn sectors_checked(&self, d: Dir<C>, first_sector: u128, sector_size: usize, buf: &mut [u8]) {
        let mut tweaks = [Block::<C>::default(); TWEAK_BATCH];
        let mut n = first_sector;
        for group in buf.chunks_mut(sector_size * TWEAK_BATCH) {
            let count = group.len() / sector_size;
            let tweaks = &mut tweaks[..count];
            self.sector_tweaks(n, tweaks);
            if sector_size.is_multiple_of(BLOCK) {
                let mut t = (d.kernel)(&self.data, tweaks, sector_size / BLOCK, group);
                wipe(&mut t);
            } else {
                for (t0, unit) in tweaks.iter().zip(group.chunks_mut(sector_size)) {
                    (d.with)(self, t0, unit);
                }
            }
            n = n.wrapping_add(count as u128);
        }
        // Only the first groups' worth were written (one 16 KiB sector
        // uses one of the 32).
        let used = (buf.len() / sector_size.max(1)).min(TWEAK_BATCH);
        crate::wipe::wipe_all(&mut tweaks[..used], Block::<C>::default());
    }

    /// [`sectors`](Self::sectors) from `input` into `output`.
    fn sectors_b2b(
        &self,
        d: Dir<C>,
        first_sector: u128,
        sector_size: usize,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<()> {
        same_len(input, output)?;
        check_sectors(first_sector, sector_size, input.len())?;
        output.copy_from_slice(input);
        self.sectors(d, first_sector, sector_size, output)
    }

    /// Encrypt one data unit of a checked length whose encrypted tweak is
    /// `t0` (§5.3.2).
    fn encrypt_with(&self, t0: &Block<C>, buf: &mut [u8]) {
        let b = buf.len() % BLOCK;
        let (head, tail) = buf.split_at_mut(buf.len() - b);
        // All m whole blocks; `t` ends as T_m.
        let mut t = self.data.xts_encrypt(slice::from_ref(t0), usize::MAX, head);
        if b != 0 {
            let at = head.len() - BLOCK;
            let last = &mut head[at..];
            // last = CC: swap its first b bytes with P_m, so that
            // last = P_m || CP = PP and tail = CC[..b] = C_m.
            last[..b].swap_with_slice(tail);
            // C_{m-1} = XTS(PP, T_m)
            let mut u = self.data.xts_encrypt(slice::from_ref(&t), usize::MAX, last);
            wipe(&mut u);
        }
        wipe(&mut t);
    }

    /// Encrypt one data unit in place with the 16-byte `tweak` (the data
    /// unit sequence number as IEEE 1619 encodes it, or any tweak the
    /// caller's format defines).
    ///
    /// `Err(InvalidIvLength)` unless the tweak is 16 bytes;
    /// `Err(InvalidLength)` for a data unit shorter than 16 bytes or longer
    /// than [`MAX_UNIT_BLOCKS`](Self::MAX_UNIT_BLOCKS) blocks.
    pub fn encrypt_unit(&self, tweak: &[u8], buf: &mut [u8]) -> Result<()> {
        self.unit(Dir::ENC, tweak, buf)
    }

    /// [`encrypt_unit`](Self::encrypt_unit) from `input` into `output`, which
    /// must have the same length (`Err(OutputTooSmall)` otherwise).
    pub fn encrypt_unit_b2b(&self, tweak: &[u8], input: &[u8], output: &mut [u8]) -> Result<()> {
        self.unit_b2b(Dir::ENC, tweak, input, output)
    }

    /// [`encrypt_unit`](Self::encrypt_unit) into a new `Vec`.
    #[cfg(feature = "alloc")]
    pub fn encrypt_unit_vec(&self, tweak: &[u8], input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        self.unit_vec(Dir::ENC, tweak, input)
    }

    /// Encrypt one data unit in place whose tweak is the sector number
    /// `sector`, little-endian in the 16-byte tweak block (IEEE 1619).
    /// Errors as [`encrypt_unit`](Self::encrypt_unit).
    pub fn encrypt_sector(&self, sector: u128, buf: &mut [u8]) -> Result<()> {
        self.encrypt_unit(&sector_tweak(sector), buf)
    }

    /// Encrypt consecutive sectors of `sector_size` bytes each in place, with
    /// tweaks `first_sector`, `first_sector + 1`, …; the same as
    /// [`encrypt_sector`](Self::encrypt_sector) on each, but the tweaks are
    /// encrypted a batch at a time and, when `sector_size` is a multiple of
    /// 16, the blocks of several sectors fill one parallel batch.
    ///
    /// `buf.len()` must be a whole number of sectors (a shorter last sector
    /// is refused, since on a disk it means a truncated image) and
    /// `sector_size` a valid data unit length: `Err(InvalidLength)`
    /// otherwise. `Err(LimitExceeded)` if the last sector number would pass
    /// `u128::MAX`.
    pub fn encrypt_sectors(
        &self,
        first_sector: u128,
        sector_size: usize,
        buf: &mut [u8],
    ) -> Result<()> {
        self.sectors(Dir::ENC, first_sector, sector_size, buf)
    }

    /// [`encrypt_sectors`](Self::encrypt_sectors) from `input` into
    /// `output`, which must have the same length (`Err(OutputTooSmall)`
    /// otherwise).
    pub fn encrypt_sectors_b2b(
        &self,
        first_sector: u128,
        sector_size: usize,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<()> {
        self.sectors_b2b(Dir::ENC, first_sector, sector_size, input, output)
    }
}

impl<C: Kernels<BlockSize = U16> + BlockCipherDecrypt> Xts<C> {
    /// Decrypt one data unit of a checked length whose encrypted tweak is
    /// `t0` (§5.4.2).
    fn decrypt_with(&self, t0: &Block<C>, buf: &mut [u8]) {
        let b = buf.len() % BLOCK;
        if b == 0 {
            let mut t = self.data.xts_decrypt(slice::from_ref(t0), usize::MAX, buf);
            wipe(&mut t);
            return;
        }
        let (head, tail) = buf.split_at_mut(buf.len() - b);
        let (before, last) = head.split_at_mut(head.len() - BLOCK);
        // The m-1 blocks before the last whole one; `prev` ends as T_{m-1}.
        let mut prev = self
            .data
            .xts_decrypt(slice::from_ref(t0), usize::MAX, before);
        // PP = XTS^-1(C_{m-1}, T_m), where T_m = T_{m-1} ⊗ α.
        let mut t = block::xts_next_tweak(&prev);
        let mut u = self.data.xts_decrypt(slice::from_ref(&t), usize::MAX, last);
        wipe(&mut u);
        // last = PP = P_m || CP: swap its first b bytes with C_m, so that
        // last = C_m || CP = CC and tail = P_m.
        last[..b].swap_with_slice(tail);
        // P_{m-1} = XTS^-1(CC, T_{m-1})
        let mut u = self
            .data
            .xts_decrypt(slice::from_ref(&prev), usize::MAX, last);
        wipe(&mut u);
        wipe(&mut t);
        wipe(&mut prev);
    }

    /// Decrypt one data unit in place with the 16-byte `tweak` it was
    /// encrypted with. Errors as [`encrypt_unit`](Self::encrypt_unit).
    pub fn decrypt_unit(&self, tweak: &[u8], buf: &mut [u8]) -> Result<()> {
        self.unit(Dir::DEC, tweak, buf)
    }

    /// [`decrypt_unit`](Self::decrypt_unit) from `input` into `output`, which
    /// must have the same length (`Err(OutputTooSmall)` otherwise).
    pub fn decrypt_unit_b2b(&self, tweak: &[u8], input: &[u8], output: &mut [u8]) -> Result<()> {
        self.unit_b2b(Dir::DEC, tweak, input, output)
    }

    /// [`decrypt_unit`](Self::decrypt_unit) into a new `Vec`.
    #[cfg(feature = "alloc")]
    pub fn decrypt_unit_vec(&self, tweak: &[u8], input: &[u8]) -> Result<alloc::vec::Vec<u8>> {
        self.unit_vec(Dir::DEC, tweak, input)
    }

    /// Decrypt one data unit in place whose tweak is the sector number
    /// `sector` (little-endian). Errors as [`encrypt_unit`](Self::encrypt_unit).
    pub fn decrypt_sector(&self, sector: u128, buf: &mut [u8]) -> Result<()> {
        self.decrypt_unit(&sector_tweak(sector), buf)
    }

    /// Decrypt consecutive sectors of `sector_size` bytes each in place, with
    /// tweaks `first_sector`, `first_sector + 1`, …. Lengths and errors as
    /// [`encrypt_sectors`](Self::encrypt_sectors).
    pub fn decrypt_sectors(
        &self,
        first_sector: u128,
        sector_size: usize,
        buf: &mut [u8],
    ) -> Result<()> {
        self.sectors(Dir::DEC, first_sector, sector_size, buf)
    }

    /// [`decrypt_sectors`](Self::decrypt_sectors) from `input` into
    /// `output`, which must have the same length (`Err(OutputTooSmall)`
    /// otherwise).
    pub fn decrypt_sectors_b2b(
        &self,
        first_sector: u128,
        sector_size: usize,
        input: &[u8],
        output: &mut [u8],
    ) -> Result<()> {
        self.sectors_b2b(Dir::DEC, first_sector, sector_size, input, output)
    }
}

#[cfg(feature = "rayon")]
impl<C: Kernels<BlockSize = U16> + Sync> Xts<C> {
    /// [`encrypt_sectors`](Self::encrypt_sectors), with the sectors split
    /// across up to `threads` threads (`0`: one per core) when there are at
    /// least [`MIN_CHUNK`](crate::par::MIN_CHUNK) bytes for each (see
    /// [`crate::par`]). Pieces are whole sectors, each run with its own
    /// sector numbers, so the output and the errors are exactly those of
    /// `encrypt_sectors`.
    ///
    /// ```
    /// use blockmodes::{aes::Aes128, Xts};
    ///
    /// let xts = Xts::<Aes128>::new_from_slice(&[[1u8; 16], [2u8; 16]].concat())?;
    /// let mut disk = vec![0u8; 64 * 4096];
    /// let mut one = disk.clone();
    /// xts.encrypt_sectors_par(100, 4096, &mut disk, 2)?;
    /// xts.encrypt_sectors(100, 4096, &mut one)?;
    /// assert_eq!(disk, one);
    /// xts.decrypt_sectors_par(100, 4096, &mut disk, 2)?;
    /// assert!(disk.iter().all(|&b| b == 0));
    /// # Ok::<(), blockmodes::Error>(())
    /// ```
    pub fn encrypt_sectors_par(
        &self,
        first_sector: u128,
        sector_size: usize,
        buf: &mut [u8],
        threads: usize,
    ) -> Result<()> {
        check_sectors(first_sector, sector_size, buf.len())?;
        split_sectors(first_sector, sector_size, buf, threads, |n, piece| {
            self.sectors_checked(Dir::ENC, n, sector_size, piece)
        });
        Ok(())
    }
}

#[cfg(feature = "rayon")]
impl<C: Kernels<BlockSize = U16> + BlockCipherDecrypt + Sync> Xts<C> {
    /// [`decrypt_sectors`](Self::decrypt_sectors) split across threads, as
    /// [`encrypt_sectors_par`](Self::encrypt_sectors_par).
    pub fn decrypt_sectors_par(
        &self,
        first_sector: u128,
        sector_size: usize,
        buf: &mut [u8],
        threads: usize,
    ) -> Result<()> {
        check_sectors(first_sector, sector_size, buf.len())?;
        split_sectors(first_sector, sector_size, buf, threads, |n, piece| {
            self.sectors_checked(Dir::DEC, n, sector_size, piece)
        });
        Ok(())
    }
}

/// Run `f(first sector number, piece)` over pieces of whole sectors of a
/// checked run, in parallel when it is long enough.
#[cfg(feature = "rayon")]
fn split_sectors<F>(first: u128, sector_size: usize, buf: &mut [u8], threads: usize, f: F)
where
    F: Fn(u128, &mut [u8]) + Sync + Send,
{
    match crate::par::chunk_len(buf.len(), threads, sector_size) {
        None => f(first, buf),
        Some(chunk) => {
            let per_piece = (chunk / sector_size) as u128;
            crate::par::for_each_chunk(buf, chunk, |i, piece| {
                // No overflow: check_sectors bounded the last sector number.
                f(first.wrapping_add(per_piece * i as u128), piece)
            });
        }
    }
}
