//! Whole-loop kernels: the one hook through which a block cipher may hand
//! the modes its own implementation of a hot loop.
//!
//! The modes reach a cipher through the `cipher` traits, a parallel batch of
//! blocks at a time ([`crate::block`]). That is the right interface for
//! "any block cipher", but it costs up to half the speed of a hardware AES:
//! counters and tweaks are written to memory and read back by the cipher,
//! every batch makes extra passes over the data, and a chained mode's
//! feedback block and round keys go through memory on every step. The
//! [`Kernels`] trait names the loops where that matters — the counter
//! keystream, the XTS tweak chain, CBC decryption and the chained modes —
//! with a default for each that runs the generic core, so a cipher opts in
//! with an empty `impl` and overrides only what it has code for. This
//! crate's own AES ([`crate::backend`]) overrides them with VAES / AES-NI
//! kernels that keep counters, tweaks, chaining values and round keys in
//! registers; every other cipher runs the defaults. Nothing here looks at a
//! cipher's type at run time: which code runs is decided by the `impl`.
//!
//! The trait is implemented for the `aes` and `des` crates' ciphers (with
//! the defaults); for any other `cipher` 0.5 block cipher either write
//! `impl blockmodes::Kernels for MyCipher {}` next to the cipher, or wrap a
//! foreign one in [`Generic`].

use cipher::{
    Block, BlockCipherDecClosure, BlockCipherDecrypt, BlockCipherEncClosure, BlockCipherEncrypt,
    BlockSizeUser, Key, KeyInit, KeySizeUser, typenum::U16,
};

use crate::block;
use crate::uhash::Ghash;

/// Which 32-bit word of a counter block counts, for [`Kernels::ctr32_xor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctr32 {
    /// The last four bytes, big-endian: GCM's `inc32` (NIST SP 800-38D
    /// §6.2), and every big-endian counter field while it does not carry
    /// out of its low 32 bits.
    BeLast,
    /// The first four bytes, little-endian: AES-GCM-SIV (RFC 8452 §4).
    LeFirst,
}

/// What the CBC-MAC chain of [`Kernels::ctr128_cbc_mac`] absorbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacInput {
    /// Each block as given, before the keystream xor: CCM encryption (the
    /// MAC is over the plaintext), EAX decryption (OMAC over the
    /// ciphertext).
    Input,
    /// Each block as the keystream xor leaves it: CCM decryption, EAX
    /// encryption, SIV decryption (S2V over the plaintext it produces).
    Output,
}

/// The hot loops of the modes, each with a generic default (see the
/// [module docs](self)). Every method works in place on the **whole
/// blocks** of `data` and leaves a partial tail untouched; callers handle
/// tails and check lengths, so none of these can fail.
///
/// Overrides must compute exactly what the default computes; the crate's
/// tests compare the two on every path.
pub trait Kernels: BlockCipherEncrypt {
    /// `data_j ^= E(CB_j)` where `CB_j` is `counter` with the 32-bit word
    /// `word` incremented by `j` modulo 2^32 (the rest of the block fixed).
    ///
    /// `counter` may be secret (GCM's `J_0` for a nonce other than 96
    /// bits is `GHASH_H` of the nonce, and bits of it would give away
    /// `H`), so no branch or index may depend on its value.
    #[inline]
    fn ctr32_xor(&self, counter: &Block<Self>, word: Ctr32, data: &mut [u8]) {
        block::ctr32_xor(self, counter, word, data)
    }

    /// XTS encryption of consecutive data units of `unit_blocks` whole
    /// blocks each (`usize::MAX`: one unit), `C_j = E(P_j ^ T_j) ^ T_j`,
    /// `T_{j+1} = T_j ⊗ α` (IEEE Std 1619-2018 §5.3.1). `first_tweaks[u]`
    /// is the encrypted tweak `T_0` of unit `u` (units past the end of the
    /// slice continue the chain). Returns the tweak after the last block.
    #[inline]
    fn xts_encrypt(
        &self,
        first_tweaks: &[Block<Self>],
        unit_blocks: usize,
        data: &mut [u8],
    ) -> Block<Self>
    where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        block::xts_encrypt(self, first_tweaks, unit_blocks, data)
    }

    /// XTS decryption, `P_j = D(C_j ^ T_j) ^ T_j` (IEEE Std 1619-2018
    /// §5.4.1); otherwise as [`xts_encrypt`](Self::xts_encrypt).
    #[inline]
    fn xts_decrypt(
        &self,
        first_tweaks: &[Block<Self>],
        unit_blocks: usize,
        data: &mut [u8],
    ) -> Block<Self>
    where
        Self: BlockCipherDecrypt + BlockSizeUser<BlockSize = U16>,
    {
        block::xts_decrypt(self, first_tweaks, unit_blocks, data)
    }

    /// CBC encryption, `C_i = E(P_i ^ C_{i-1})`, `C_0 = iv`; `iv` ends as
    /// the last ciphertext block (NIST SP 800-38A §6.2).
    #[inline]
    fn cbc_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
        crate::modes::cbc::encrypt_chain(self, iv, data)
    }

    /// CBC decryption, `P_i = D(C_i) ^ C_{i-1}`, `C_0 = iv`; `iv` ends as
    /// the last ciphertext block (NIST SP 800-38A §6.2).
    #[inline]
    fn cbc_decrypt(&self, iv: &mut Block<Self>, data: &mut [u8])
    where
        Self: BlockCipherDecrypt,
    {
        block::cbc_decrypt(self, iv, data)
    }

    /// The CBC-MAC chain `state = E(state ^ M_i)` over the whole blocks of
    /// `data` (CMAC, NIST SP 800-38B §6.2; CCM, SP 800-38C §6.1).
    #[inline]
    fn cbc_mac(&self, state: &mut Block<Self>, data: &[u8]) {
        crate::mac::cmac::cbc_mac_chain(self, state, data)
    }

    /// Full-block CFB encryption, `C_i = P_i ^ E(C_{i-1})`, `C_0 = iv`;
    /// `iv` ends as the last ciphertext block (NIST SP 800-38A §6.3).
    #[inline]
    fn cfb_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
        crate::modes::cfb::encrypt_chain(self, iv, data)
    }

    /// OFB, `O_i = E(O_{i-1})`, `data_i ^= O_i`, `O_0 = state`; `state`
    /// ends as the last output block (NIST SP 800-38A §6.4).
    #[inline]
    fn ofb_xor(&self, state: &mut Block<Self>, data: &mut [u8]) {
        crate::modes::ofb::xor_chain(self, state, data)
    }

    /// PCBC encryption, `C_i = E(P_i ^ V_{i-1})`, `V_i = P_i ^ C_i`,
    /// `V_0 = v`; `v` ends as the last `V`.
    #[inline]
    fn pcbc_encrypt(&self, v: &mut Block<Self>, data: &mut [u8]) {
        crate::modes::pcbc::encrypt_chain(self, v, data)
    }

    /// OCB3 encryption of whole blocks (RFC 7253 §4.2):
    /// `Offset_i = Offset_{i-1} ^ L_{ntz(i)}`,
    /// `C_i = Offset_i ^ E(P_i ^ Offset_i)`, `Checksum ^= P_i`, for the
    /// block numbers `i = index + 1, index + 2, …`. `l` is `L_0 … L_63`;
    /// `offset` is `Offset_index` on entry and the last block's offset on
    /// return; `checksum` is xored with the plaintext blocks. Blocks and
    /// `L_i` are read little-endian into `u128`s.
    #[inline]
    fn ocb3_encrypt(
        &self,
        l: &[u128; 64],
        index: u64,
        offset: &mut u128,
        checksum: &mut u128,
        data: &mut [u8],
    ) where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        crate::aead::ocb3::encrypt_blocks(self, l, index, offset, checksum, data)
    }

    /// OCB3 decryption of whole blocks (RFC 7253 §4.3):
    /// `P_i = Offset_i ^ D(C_i ^ Offset_i)`, `Checksum ^= P_i`; otherwise as
    /// [`ocb3_encrypt`](Self::ocb3_encrypt).
    #[inline]
    fn ocb3_decrypt(
        &self,
        l: &[u128; 64],
        index: u64,
        offset: &mut u128,
        checksum: &mut u128,
        data: &mut [u8],
    ) where
        Self: BlockCipherDecrypt + BlockSizeUser<BlockSize = U16>,
    {
        crate::aead::ocb3::decrypt_blocks(self, l, index, offset, checksum, data)
    }

    /// OCB3 HASH over whole blocks of associated data (RFC 7253 §4.1):
    /// `Sum ^= E(A_i ^ Offset_i)`, offsets as in
    /// [`ocb3_encrypt`](Self::ocb3_encrypt); `data` is only read.
    #[inline]
    fn ocb3_hash(&self, l: &[u128; 64], index: u64, offset: &mut u128, sum: &mut u128, data: &[u8])
    where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        crate::aead::ocb3::hash_blocks(self, l, index, offset, sum, data)
    }

    /// GCM's body over whole blocks: `data_j ^= E(CB_j)` with `CB_j` =
    /// `counter` under `inc32` (NIST SP 800-38D §6.2, §6.5 GCTR), and
    /// `ghash` absorbs the ciphertext blocks (§6.4, §7.1 step 5 / §7.2
    /// step 6): the output when encrypting, the input when `decrypt`.
    /// The default runs [`ctr32_xor`](Self::ctr32_xor) and GHASH over
    /// chunks of a few KiB, each hashed while it is in cache.
    #[inline]
    fn gcm_xor_hash(&self, counter: &Block<Self>, ghash: &mut Ghash, data: &mut [u8], decrypt: bool)
    where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        crate::aead::gcm::xor_hash(self, counter, ghash, data, decrypt)
    }

    /// The CBC-MAC chain `mac = E(mac ^ X_j)` (SP 800-38C §6.1, SP 800-38B
    /// §6.2) and the counter keystream `data_j ^= E(CB_j)` (SP 800-38A
    /// §6.5, `CB_j` = `counter + j` with the block read as one big-endian
    /// integer mod 2^128) over the same whole blocks, `X_j` being the block
    /// before the xor ([`MacInput::Input`]) or after it
    /// ([`MacInput::Output`]). The whole 128-bit increment, so nothing
    /// depends on the counter's value (EAX's is secret). The chain is
    /// latency-bound, so a kernel can run the keystream in its idle issue
    /// slots. The default runs [`cbc_mac`](Self::cbc_mac) and the generic
    /// counter core one after the other.
    #[inline]
    fn ctr128_cbc_mac(
        &self,
        counter: &Block<Self>,
        mac: &mut Block<Self>,
        mac_input: MacInput,
        data: &mut [u8],
    ) where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        ctr128_cbc_mac(self, counter, mac, mac_input, data)
    }

    /// The counter keystream under this cipher, `data_j ^= E(CB_j)`
    /// (SP 800-38A §6.5, `CB_j` = `counter + j`, the block one big-endian
    /// integer mod 2^128), and the CBC-MAC chain under **another key**,
    /// `mac = E'(mac ^ data_j)` over each block as the xor leaves it
    /// (SP 800-38B §6.2), `E'` being `mac_cipher`, over the same whole
    /// blocks: AES-SIV decryption (RFC 5297 §2.7), `P = CTR(K2, Q, C)`
    /// beside S2V's CMAC chain under `K1` over `P` (§2.4). The whole
    /// 128-bit increment, so nothing depends on the counter's value (SIV's
    /// `Q` comes from the secret `V`). The default runs the generic counter
    /// core, then `mac_cipher`'s [`cbc_mac`](Self::cbc_mac).
    #[inline]
    fn ctr128_cbc_mac_keyed(
        &self,
        counter: &Block<Self>,
        mac_cipher: &Self,
        mac: &mut Block<Self>,
        data: &mut [u8],
    ) where
        Self: BlockSizeUser<BlockSize = U16>,
    {
        ctr128_cbc_mac_keyed(self, counter, mac_cipher, mac, data)
    }

    /// CFB encryption with a segment of `seg_bytes` whole bytes,
    /// `1 <= seg_bytes <=` the block size (NIST SP 800-38A §6.3, `s = 8 *
    /// seg_bytes`; CFB8 is `seg_bytes = 1`): `O_j = E(I_j)`,
    /// `C#_j = P#_j ^ MSB_s(O_j)`, `I_{j+1} = LSB_{b-s}(I_j) | C#_j`, with
    /// `I_1 = reg`, over the whole segments of `data` in place (a partial
    /// last segment is left untouched, as is everything for another
    /// `seg_bytes`); `reg` ends as the next `I_j`. Unlike the other
    /// methods, the unit is the segment, not the block. One cipher call per
    /// segment, each waiting for the last: a kernel keeps the register in
    /// a vector register.
    #[inline]
    fn cfb_segments_encrypt(&self, reg: &mut Block<Self>, seg_bytes: usize, data: &mut [u8]) {
        crate::modes::cfb::encrypt_segments(self, reg, seg_bytes, data)
    }
}

/// The default [`Kernels::ctr128_cbc_mac_keyed`]: the generic 128-bit
/// counter core under `cipher`, then the CBC-MAC chain under `mac_cipher`
/// over its output.
pub(crate) fn ctr128_cbc_mac_keyed<C: Kernels<BlockSize = U16>>(
    cipher: &C,
    counter: &Block<C>,
    mac_cipher: &C,
    mac: &mut Block<C>,
    data: &mut [u8],
) {
    let whole = data.len() - data.len() % 16;
    let data = &mut data[..whole];
    crate::aead::ctr::ctr128_xor(cipher, u128::from_be_bytes(counter.0), data);
    mac_cipher.cbc_mac(mac, data);
}

/// The default [`Kernels::ctr128_cbc_mac`]: the CBC-MAC chain and the
/// generic 128-bit counter core in sequence.
pub(crate) fn ctr128_cbc_mac<C: Kernels<BlockSize = U16>>(
    cipher: &C,
    counter: &Block<C>,
    mac: &mut Block<C>,
    mac_input: MacInput,
    data: &mut [u8],
) {
    let whole = data.len() - data.len() % 16;
    let data = &mut data[..whole];
    let icb = u128::from_be_bytes(counter.0);
    match mac_input {
        MacInput::Input => {
            cipher.cbc_mac(mac, data);
            crate::aead::ctr::ctr128_xor(cipher, icb, data);
        }
        MacInput::Output => {
            crate::aead::ctr::ctr128_xor(cipher, icb, data);
            cipher.cbc_mac(mac, data);
        }
    }
}

#[cfg(feature = "aes")]
impl Kernels for aes::Aes128 {}
#[cfg(feature = "aes")]
impl Kernels for aes::Aes192 {}
#[cfg(feature = "aes")]
impl Kernels for aes::Aes256 {}
#[cfg(feature = "des")]
impl Kernels for des::Des {}
#[cfg(feature = "des")]
impl Kernels for des::TdesEde2 {}
#[cfg(feature = "des")]
impl Kernels for des::TdesEde3 {}
#[cfg(feature = "des")]
impl Kernels for des::TdesEee2 {}
#[cfg(feature = "des")]
impl Kernels for des::TdesEee3 {}

/// Any `cipher` 0.5 block cipher, with the generic [`Kernels`]: for a
/// cipher from a crate that does not implement the trait itself.
///
/// ```
/// use blockmodes::{CounterLayout, Ctr, Generic, StreamMode};
///
/// // Camellia-128 from the `camellia` crate in CTR mode.
/// let layout = CounterLayout::default();
/// let mut ctr = Ctr::<Generic<camellia::Camellia128>>::new_from_slices(&[1; 16], &[2; 16], layout)?;
/// let mut data = *b"any cipher works";
/// ctr.encrypt(&mut data)?;
/// assert_ne!(&data, b"any cipher works");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Generic<C>(pub C);

impl<C: KeySizeUser> KeySizeUser for Generic<C> {
    type KeySize = C::KeySize;
}

impl<C: KeyInit> KeyInit for Generic<C> {
    #[inline]
    fn new(key: &Key<Self>) -> Self {
        Generic(C::new(key))
    }
}

impl<C: BlockSizeUser> BlockSizeUser for Generic<C> {
    type BlockSize = C::BlockSize;
}

impl<C: BlockCipherEncrypt> BlockCipherEncrypt for Generic<C> {
    #[inline]
    fn encrypt_with_backend(&self, f: impl BlockCipherEncClosure<BlockSize = Self::BlockSize>) {
        self.0.encrypt_with_backend(f)
    }
}

impl<C: BlockCipherDecrypt> BlockCipherDecrypt for Generic<C> {
    #[inline]
    fn decrypt_with_backend(&self, f: impl BlockCipherDecClosure<BlockSize = Self::BlockSize>) {
        self.0.decrypt_with_backend(f)
    }
}

impl<C: BlockCipherEncrypt> Kernels for Generic<C> {}

/// A borrowed cipher runs the owner's kernels (so `Cbc<&Aes128>` is as fast
/// as `Cbc<Aes128>`); XTS, CBC decryption, OCB3 and GCM on a
/// borrowed cipher take the generic core.
impl<C: Kernels> Kernels for &C {
    #[inline]
    fn ctr32_xor(&self, counter: &Block<Self>, word: Ctr32, data: &mut [u8]) {
        (**self).ctr32_xor(counter, word, data)
    }

    #[inline]
    fn cbc_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
        (**self).cbc_encrypt(iv, data)
    }

    #[inline]
    fn cbc_mac(&self, state: &mut Block<Self>, data: &[u8]) {
        (**self).cbc_mac(state, data)
    }

    #[inline]
    fn cfb_encrypt(&self, iv: &mut Block<Self>, data: &mut [u8]) {
        (**self).cfb_encrypt(iv, data)
    }

    #[inline]
    fn ofb_xor(&self, state: &mut Block<Self>, data: &mut [u8]) {
        (**self).ofb_xor(state, data)
    }

    #[inline]
    fn pcbc_encrypt(&self, v: &mut Block<Self>, data: &mut [u8]) {
        (**self).pcbc_encrypt(v, data)
    }

    #[inline]
    fn cfb_segments_encrypt(&self, reg: &mut Block<Self>, seg_bytes: usize, data: &mut [u8]) {
        (**self).cfb_segments_encrypt(reg, seg_bytes, data)
    }
}
