//! CMAC — the Cipher-based Message Authentication Code (NIST SP 800-38B;
//! the same function as OMAC1, and as AES-CMAC of RFC 4493 for AES-128).
//!
//! - Subkeys (§6.1): `L = CIPH_K(0^b)`, `K1 = dbl(L)`, `K2 = dbl(K1)`, where
//!   `dbl` multiplies by `x` in GF(2^b): shift left one bit and, if the bit
//!   shifted out was 1, xor `R_b` (§5.3: `R_128 = 0^120 10000111`,
//!   `R_64 = 0^59 11011`). The carry becomes a mask, never a branch.
//! - Generation (§6.2): split `M` into `M_1 … M_n`, the last one possibly
//!   partial (and `n = 1`, `M_1` empty, for the empty message). A complete
//!   `M_n` is xored with `K1`; a partial one is padded `M_n* || 10^j` and
//!   xored with `K2`. Then `C_0 = 0^b`, `C_i = CIPH_K(C_{i-1} ^ M_i)`, and
//!   the tag is `T = MSB_Tlen(C_n)`.
//! - Verification (§6.3): recompute and compare, here in constant time.
//!
//! CMAC is defined for 64- and 128-bit block ciphers only; the
//! [`CmacBlockSize`] bound says so at compile time. The CBC-MAC chain runs
//! inside one cipher backend call per `update` (see `crate::block::Chain`).

use cipher::{
    Array, Block, BlockCipherEncrypt, BlockSizeUser, KeyInit,
    array::ArraySize,
    typenum::{U8, U16, Unsigned},
};
use zeroize::Zeroize;

use crate::aead::ctr::{ctr128_cbc_mac, ctr128_xor};
use crate::aead::{self, MAX_TAG_LEN, Tag};
use crate::block::{self, Chain};
use crate::error::{Error, Result};
use crate::kernels::{Kernels, MacInput};

/// The shortest tag [`Cmac`] produces or accepts, in bytes (32 bits).
///
/// SP 800-38B Appendix A leaves `Tlen` to the application and explains the
/// trade-off: a forger guesses a `Tlen`-bit tag with probability
/// `2^-Tlen` per try, so it recommends at least 64 bits (8 bytes) unless
/// the number of verification attempts is strictly limited. Tags shorter
/// than 4 bytes are refused outright.
pub const MIN_TAG_LEN: usize = 4;

mod sealed {
    pub trait Sealed {}
    impl Sealed for cipher::typenum::U8 {}
    impl Sealed for cipher::typenum::U16 {}
}

/// The block sizes CMAC is defined for (SP 800-38B §5.3): 64 and 128 bits,
/// each with its constant `R_b`. Sealed.
pub trait CmacBlockSize: ArraySize + sealed::Sealed {
    /// The last byte of `R_b`; its other bytes are zero.
    const RB: u8;
}

impl CmacBlockSize for U16 {
    /// `R_128 = 0^120 10000111`.
    const RB: u8 = 0x87;
}

impl CmacBlockSize for U8 {
    /// `R_64 = 0^59 11011`.
    const RB: u8 = 0x1b;
}

/// `b := b·x` in GF(2^bits) with the polynomial of SP 800-38B §5.3 (the
/// `dbl` of RFC 5297 §2.3 for 128 bits): a one-bit left shift of the
/// big-endian block, then `R_b` xored in under a mask made from the bit
/// shifted out. No branch or index depends on the (secret) block.
#[inline]
pub(crate) fn dbl<BS: CmacBlockSize>(b: &mut Array<u8, BS>) {
    let mut carry = 0u8;
    for byte in b.iter_mut().rev() {
        let out = *byte >> 7;
        *byte = (*byte << 1) | carry;
        carry = out;
    }
    if let Some(last) = b.last_mut() {
        *last ^= 0u8.wrapping_sub(carry) & BS::RB;
    }
}

/// The keyed part of CMAC: the cipher and the subkeys `K1`, `K2` (§6.1).
/// Other modes (EAX, SIV) drive it with their own [`State`]s.
#[derive(Clone)]
pub(crate) struct Core<C: BlockSizeUser> {
    cipher: C,
    k1: Block<C>,
    k2: Block<C>,
}

impl<C: BlockSizeUser> Drop for Core<C> {
    fn drop(&mut self) {
        self.k1.zeroize();
        self.k2.zeroize();
    }
}

/// The running state of one CMAC computation: the chaining value `C_i`
/// and the last block seen, held back until it is known whether it is
/// `M_n` (it is processed only once more data arrives).
#[derive(Clone)]
pub(crate) struct State<BS: ArraySize> {
    x: Array<u8, BS>,
    buf: Array<u8, BS>,
    /// Bytes held in `buf`, `0..=block size`.
    pos: usize,
}

impl<BS: ArraySize> State<BS> {
    pub(crate) fn new() -> Self {
        State {
            x: Array::default(),
            buf: Array::default(),
            pos: 0,
        }
    }

    /// The state after whole blocks were chained into `x` elsewhere (e.g.
    /// by a stitched kernel), with nothing held back: more data must follow
    /// before [`Core::finish`], as the held-back last block.
    pub(crate) fn resume(x: Array<u8, BS>) -> Self {
        State {
            x,
            buf: Array::default(),
            pos: 0,
        }
    }

    fn reset(&mut self) {
        self.x.zeroize();
        self.buf.zeroize();
        self.pos = 0;
    }
}

impl<BS: ArraySize> Drop for State<BS> {
    fn drop(&mut self) {
        self.reset();
    }
}

/// `C_i = CIPH_K(C_{i-1} ^ M_i)` over whole blocks, as one chain.
struct CbcMac<'a, BS: ArraySize> {
    x: &'a mut Array<u8, BS>,
    blocks: &'a [Array<u8, BS>],
}

impl<BS: ArraySize> Chain<BS> for CbcMac<'_, BS> {
    #[inline(always)]
    fn input(&mut self, i: usize) -> Array<u8, BS> {
        let mut t = self.x.clone();
        if let Some(m) = self.blocks.get(i) {
            block::xor(&mut t, m);
        }
        t
    }
    #[inline(always)]
    fn output(&mut self, _i: usize, out: Array<u8, BS>) {
        *self.x = out;
    }
}

/// Run the CBC-MAC chain `x = E(x ^ M_i)` over the whole blocks of `data`
/// (any tail is ignored; callers pass whole blocks) through the cipher's
/// [`Kernels::cbc_mac`]. CCM uses it directly.
pub(crate) fn cbc_mac<C: Kernels>(cipher: &C, x: &mut Block<C>, data: &[u8]) {
    cipher.cbc_mac(x, data)
}

/// The generic [`Kernels::cbc_mac`]: one chain inside one backend call.
pub(crate) fn cbc_mac_chain<C: BlockCipherEncrypt>(cipher: &C, x: &mut Block<C>, data: &[u8]) {
    let (blocks, _) = Array::<u8, C::BlockSize>::slice_as_chunks(data);
    if blocks.is_empty() {
        return;
    }
    let steps = blocks.len();
    block::chain_encrypt(cipher, &mut CbcMac { x, blocks }, steps);
}

impl<C> Core<C>
where
    C: Kernels,
    C::BlockSize: CmacBlockSize,
{
    /// Derive `K1`, `K2` (§6.1).
    pub(crate) fn new(cipher: C) -> Self {
        let mut k1 = Block::<C>::default();
        cipher.encrypt_block(&mut k1);
        dbl(&mut k1);
        let mut k2 = k1.clone();
        dbl(&mut k2);
        Core { cipher, k1, k2 }
    }

    /// The block cipher (CMAC's `K`).
    pub(crate) fn cipher(&self) -> &C {
        &self.cipher
    }

    /// Absorb `data` into `st`.
    pub(crate) fn update(&self, st: &mut State<C::BlockSize>, data: &[u8]) {
        let bs = C::BlockSize::USIZE;
        // Top up the held-back block.
        let take = bs.saturating_sub(st.pos).min(data.len());
        let (head, data) = data.split_at(take);
        if let Some(dst) = st.buf.get_mut(st.pos..st.pos + take) {
            dst.copy_from_slice(head);
        }
        st.pos += take;
        if data.is_empty() {
            return;
        }
        // More data follows, so the held block (now full) is not `M_n`.
        cbc_mac(&self.cipher, &mut st.x, &st.buf);
        // Chain every block of `data` but the last (whole or partial),
        // which is held back in turn.
        let keep = (data.len() - 1) % bs + 1;
        let (whole, last) = data.split_at(data.len() - keep);
        cbc_mac(&self.cipher, &mut st.x, whole);
        st.buf.zeroize();
        if let Some(dst) = st.buf.get_mut(..keep) {
            dst.copy_from_slice(last);
        }
        st.pos = keep;
    }

    /// Counter mode over `data` in place, `data ^= E(icb) || E(icb + 1) || …`
    /// (the counter block a big-endian integer mod 2^128), and `data`
    /// absorbed into `st` as it is before the xor ([`MacInput::Input`]) or
    /// after it ([`MacInput::Output`]): EAX's `C = CTR^{N'}_K(M)` beside
    /// `OMAC^2_K(C)`. When `st` stands on a block boundary, every block the
    /// chain takes now (all but the last, whole or partial, which is held
    /// back as in [`update`](Self::update)) goes through the cipher's
    /// stitched [`Kernels::ctr128_cbc_mac`]; otherwise the two run one after
    /// the other.
    pub(crate) fn ctr_update(
        &self,
        st: &mut State<C::BlockSize>,
        icb: u128,
        mac_input: MacInput,
        data: &mut [u8],
    ) where
        C: BlockSizeUser<BlockSize = U16>,
    {
        let in_then_out = |st: &mut State<U16>, ctr: u128, data: &mut [u8]| match mac_input {
            MacInput::Input => {
                self.update(st, data);
                ctr128_xor(&self.cipher, ctr, data);
            }
            MacInput::Output => {
                ctr128_xor(&self.cipher, ctr, data);
                self.update(st, data);
            }
        };
        // `pos` and the length are public.
        if data.is_empty() || (st.pos != 0 && st.pos != 16) {
            in_then_out(st, icb, data);
            return;
        }
        if st.pos == 16 {
            // More data follows, so the held block is not `M_n`.
            cbc_mac(&self.cipher, &mut st.x, &st.buf);
            st.buf.zeroize();
            st.pos = 0;
        }
        let keep = (data.len() - 1) % 16 + 1;
        let (whole, last) = data.split_at_mut(data.len() - keep);
        ctr128_cbc_mac(&self.cipher, icb, &mut st.x, mac_input, whole);
        // `st` is empty: `last` is only held back.
        in_then_out(st, icb.wrapping_add((whole.len() / 16) as u128), last);
    }

    /// `C_n` for everything absorbed into `st` (§6.2 steps 4–6, untruncated);
    /// `st` is reset for a new message.
    pub(crate) fn finish(&self, st: &mut State<C::BlockSize>) -> Block<C> {
        let bs = C::BlockSize::USIZE;
        let mut last = st.buf.clone();
        if st.pos == bs {
            block::xor(&mut last, &self.k1);
        } else {
            // M_n* || 10^j; `pos` is a public length.
            for (i, b) in last.iter_mut().enumerate() {
                if i == st.pos {
                    *b = 0x80;
                } else if i > st.pos {
                    *b = 0;
                }
            }
            block::xor(&mut last, &self.k2);
        }
        block::xor(&mut last, &st.x);
        self.cipher.encrypt_block(&mut last);
        st.reset();
        last
    }

    /// `C_n` for the concatenation of `parts`.
    pub(crate) fn mac_parts(&self, parts: &[&[u8]]) -> Block<C> {
        let mut st = State::new();
        for p in parts {
            self.update(&mut st, p);
        }
        self.finish(&mut st)
    }
}

/// `MSB_len(block)` as a [`Tag`]; wipes the temporaries.
fn tag_of<BS: ArraySize>(mut full: Array<u8, BS>, len: usize) -> Tag {
    let mut bytes = [0u8; MAX_TAG_LEN];
    for (d, s) in bytes.iter_mut().zip(full.iter()) {
        *d = *s;
    }
    let tag = Tag::truncate(&bytes, len);
    bytes.zeroize();
    full.zeroize();
    tag
}

/// CMAC over the block cipher `C` (64- or 128-bit blocks).
///
/// One value holds the key (the cipher and the subkeys `K1`, `K2`) and a
/// streaming state. [`compute`](Self::compute) / [`verify`](Self::verify)
/// MAC a whole message without touching that state;
/// [`update`](Self::update) then [`finalize`](Self::finalize) /
/// [`finalize_verify`](Self::finalize_verify) take it in any pieces, and
/// leave the value ready for the next message. Tags are a full block
/// unless [`with_tag_len`](Self::with_tag_len) says otherwise; a received
/// tag must have exactly that length (the verifier, not the sender, picks
/// `Tlen`). Subkeys and state are zeroized on drop.
///
/// ```
/// use blockmodes::{aes::Aes128, mac::Cmac};
///
/// let key = [0x2b; 16];
/// let mut mac = Cmac::<Aes128>::new_from_slice(&key)?;
/// let tag = mac.compute(b"attack at dawn");
/// assert_eq!(tag.len(), 16);
///
/// mac.update(b"attack ");
/// mac.update(b"at dawn");
/// assert_eq!(mac.finalize(), tag);
///
/// mac.verify(b"attack at dawn", &tag)?;
/// assert!(mac.verify(b"attack at dusk", &tag).is_err());
///
/// // Truncated tags: fixed by the verifier, at least MIN_TAG_LEN bytes.
/// let short = Cmac::<Aes128>::new_from_slice(&key)?.with_tag_len(8)?;
/// assert_eq!(&short.compute(b"attack at dawn")[..], &tag[..8]);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Cmac<C: BlockSizeUser> {
    core: Core<C>,
    state: State<C::BlockSize>,
    tag_len: usize,
}

impl<C> Cmac<C>
where
    C: Kernels,
    C::BlockSize: CmacBlockSize,
{
    /// CMAC with a keyed cipher and full-block tags.
    pub fn new(cipher: C) -> Self {
        Cmac {
            core: Core::new(cipher),
            state: State::new(),
            tag_len: C::BlockSize::USIZE,
        }
    }

    /// The same key with `tag_len`-byte tags: [`MIN_TAG_LEN`] up to the
    /// block size, `Err(InvalidParameter)` otherwise. See [`MIN_TAG_LEN`]
    /// on choosing a length.
    pub fn with_tag_len(mut self, tag_len: usize) -> Result<Self> {
        if !(MIN_TAG_LEN..=C::BlockSize::USIZE).contains(&tag_len) {
            return Err(Error::InvalidParameter);
        }
        self.tag_len = tag_len;
        Ok(self)
    }

    /// Tag length in bytes.
    pub fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// The tag of `msg` (the streaming state is not touched).
    pub fn compute(&self, msg: &[u8]) -> Tag {
        tag_of(self.core.mac_parts(&[msg]), self.tag_len)
    }

    /// Check `tag` over `msg` in constant time; `Err(Decrypt)` if it does
    /// not match or is not [`tag_len`](Self::tag_len) bytes long.
    pub fn verify(&self, msg: &[u8], tag: &[u8]) -> Result<()> {
        aead::verify(self.compute(msg), tag, &mut [])
    }

    /// Absorb the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.core.update(&mut self.state, data);
    }

    /// The tag of everything passed to [`update`](Self::update) since the
    /// last finalize or reset; the state starts a new message.
    pub fn finalize(&mut self) -> Tag {
        tag_of(self.core.finish(&mut self.state), self.tag_len)
    }

    /// [`finalize`](Self::finalize) and check `tag` against the result in
    /// constant time (`Err(Decrypt)` on mismatch or wrong length).
    pub fn finalize_verify(&mut self, tag: &[u8]) -> Result<()> {
        aead::verify(self.finalize(), tag, &mut [])
    }

    /// Drop the message absorbed so far.
    pub fn reset(&mut self) {
        self.state.reset();
    }
}

impl<C> Cmac<C>
where
    C: Kernels + KeyInit,
    C::BlockSize: CmacBlockSize,
{
    /// CMAC keyed with `key` (`Err(InvalidKeyLength)` if the cipher does
    /// not take its length).
    pub fn new_from_slice(key: &[u8]) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Ok(Self::new(cipher))
    }
}

impl<C: BlockSizeUser> core::fmt::Debug for Cmac<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Cmac")
            .field("tag_len", &self.tag_len)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SP 800-38B D.1–D.4 subkeys: `dbl` on both block sizes, including a
    /// carry out of the top bit.
    #[test]
    fn subkeys() {
        fn hex<const N: usize>(s: &str) -> [u8; N] {
            let mut out = [0u8; N];
            for (i, o) in out.iter_mut().enumerate() {
                *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
            }
            out
        }
        let c = Core::new(aes::Aes128::new(
            &hex::<16>("2b7e151628aed2a6abf7158809cf4f3c").into(),
        ));
        assert_eq!(c.k1.0, hex::<16>("fbeed618357133667c85e08f7236a8de"));
        assert_eq!(c.k2.0, hex::<16>("f7ddac306ae266ccf90bc11ee46d513b"));
        let c = Core::new(des::TdesEde3::new(
            &hex::<24>("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5").into(),
        ));
        assert_eq!(c.k1.0, hex::<8>("9198e9d314e6535f"));
        assert_eq!(c.k2.0, hex::<8>("2331d3a629cca6a5"));
    }
}
