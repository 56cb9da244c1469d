//! CTR — Counter mode (NIST SP 800-38A §6.5 and Appendix B; RFC 3686 for
//! the IPsec layout): `O_j = E(T_j)`, `C_j = P_j ^ O_j`, where the counter
//! blocks `T_1, T_2, …` are the initial counter block with its counter
//! field incremented (SP 800-38A B.1, "the standard incrementing function"
//! on the last `m` bits). The last block may be partial. Encryption and
//! decryption are the same operation.
//!
//! The counter field's width and byte order are chosen at run time with a
//! [`CounterLayout`].

use core::fmt;
use core::str::FromStr;

use cipher::{Array, Block, BlockSizeUser, KeyInit, array::ArraySize, typenum::Unsigned};
use zeroize::Zeroize;

use crate::block;
use crate::error::{Error, Result};
use crate::kernels::{Ctr32, Kernels};
use crate::modes::StreamMode;

/// Byte order of a CTR counter field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endian {
    /// Most significant byte first (SP 800-38A, RFC 3686, GCM).
    Big,
    /// Least significant byte first; whole bytes only.
    Little,
}

/// Where the counter lives in the counter block: its width in bits and its
/// byte order. The counter always occupies the **last** `bits` bits of the
/// block; the bits before it (the nonce part) never change.
///
/// - Big-endian: the field is the low `bits` bits of the block read as one
///   big-endian integer (any width from 1 bit).
/// - Little-endian: the field is the last `bits / 8` bytes of the block,
///   read as a little-endian integer (`bits` a multiple of 8).
///
/// The field counts modulo `2^bits` (it may wrap inside the field, as the
/// WebCrypto AES-CTR `length` parameter allows), and one stream uses at
/// most `2^bits` counter blocks counted from the initial counter block, so
/// no counter block is ever produced twice.
///
/// The text form, used by the command line, is `NNbe` or `NNle`:
///
/// ```
/// use blockmodes::{CounterLayout, Endian};
///
/// let l = CounterLayout::parse("32be")?;
/// assert_eq!((l.bits(), l.endian()), (32, Endian::Big));
/// assert_eq!(l.to_string(), "32be");
/// assert_eq!(CounterLayout::default(), CounterLayout::new(128, Endian::Big)?);
/// assert!(CounterLayout::parse("12le").is_err()); // little-endian needs whole bytes
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CounterLayout {
    bits: u32,
    endian: Endian,
}

impl CounterLayout {
    /// A counter of `bits` bits in byte order `endian`. `bits` must be at
    /// least 1, and a multiple of 8 for [`Endian::Little`]
    /// (`Err(InvalidParameter)` otherwise). Whether it fits the block is
    /// checked by [`Ctr::new`].
    pub const fn new(bits: u32, endian: Endian) -> Result<Self> {
        if bits == 0 || (matches!(endian, Endian::Little) && !bits.is_multiple_of(8)) {
            Err(Error::InvalidParameter)
        } else {
            Ok(CounterLayout { bits, endian })
        }
    }

    /// Parse the text form `NNbe` / `NNle` (`NN` decimal digits; the suffix
    /// in either case), e.g. `128be`, `32be`, `64le`, `20be`.
    /// `Err(InvalidParameter)` for anything else.
    pub fn parse(s: &str) -> Result<Self> {
        let split = s.len().checked_sub(2).ok_or(Error::InvalidParameter)?;
        let (num, suffix) = s.split_at_checked(split).ok_or(Error::InvalidParameter)?;
        let endian = if suffix.eq_ignore_ascii_case("be") {
            Endian::Big
        } else if suffix.eq_ignore_ascii_case("le") {
            Endian::Little
        } else {
            return Err(Error::InvalidParameter);
        };
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidParameter);
        }
        let bits = num.parse().map_err(|_| Error::InvalidParameter)?;
        Self::new(bits, endian)
    }

    /// Width of the counter field in bits.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Byte order of the counter field.
    pub fn endian(&self) -> Endian {
        self.endian
    }

    /// Bytes the field touches (the first one only partly for a big-endian
    /// width that is not a multiple of 8).
    fn field_bytes(&self) -> usize {
        self.bits.div_ceil(8) as usize
    }

    /// The bits of the field's most significant byte that belong to it.
    fn top_mask(&self) -> u8 {
        match self.bits % 8 {
            0 => 0xff,
            r => (1u8 << r) - 1,
        }
    }

    /// Index in a `bs`-byte block of the field's `k`-th least significant
    /// byte (`k < field_bytes()`).
    fn byte_index(&self, bs: usize, k: usize) -> usize {
        match self.endian {
            Endian::Big => bs - 1 - k,
            Endian::Little => bs - self.field_bytes() + k,
        }
    }

    /// `field += v (mod 2^bits)` in `block`; the rest of the block is kept.
    fn add(&self, block: &mut [u8], v: u128) {
        let (bs, nb) = (block.len(), self.field_bytes());
        let mut carry = 0u16;
        for k in 0..nb {
            let rest = v.checked_shr(8 * k as u32).unwrap_or(0);
            if rest == 0 && carry == 0 {
                break;
            }
            let i = self.byte_index(bs, k);
            let sum = u16::from(block[i]) + (rest & 0xff) as u16 + carry;
            let mask = if k + 1 == nb { self.top_mask() } else { 0xff };
            block[i] = (block[i] & !mask) | (sum as u8 & mask);
            carry = sum >> 8;
        }
    }

    /// `field += 1 (mod 2^bits)`. The counter is public, so the common case
    /// (a whole low byte that does not carry) may take a shortcut.
    #[inline(always)]
    fn increment(&self, block: &mut [u8]) {
        let i = self.byte_index(block.len(), 0);
        match block.get_mut(i) {
            Some(low) if self.bits >= 8 && *low != 0xff => *low += 1,
            _ => self.add(block, 1),
        }
    }
}

/// Counter-block generation for blocks of at most 16 bytes (AES, TDES,
/// …): the block is held as one big-endian integer split into the fixed
/// nonce part and the counter, so each counter block is an add, a mask and
/// a store instead of a byte-wise carry loop.
struct FastCounter {
    layout: CounterLayout,
    /// Block size in bytes (≤ 16).
    bs: usize,
    /// The block's bits outside the counter field.
    nonce: u128,
    /// The counter value; only its low `bits` bits are used (mod 2^bits).
    ctr: u128,
    /// The field's bits, as they sit in the block integer.
    mask: u128,
}

impl FastCounter {
    fn new(layout: CounterLayout, block: &[u8]) -> Option<Self> {
        let bs = block.len();
        if bs > 16 {
            return None;
        }
        let mut be = [0u8; 16];
        be[16 - bs..].copy_from_slice(block);
        let v = u128::from_be_bytes(be);
        let mask = u128::MAX.checked_shr(128 - layout.bits).unwrap_or(0);
        let field = v & mask;
        let ctr = match layout.endian {
            Endian::Big => field,
            Endian::Little => Self::reverse_field(field, layout.bits),
        };
        Some(FastCounter {
            layout,
            bs,
            nonce: v & !mask,
            ctr,
            mask,
        })
    }

    /// Byte-reverse the low `bits / 8` bytes (a little-endian field read
    /// as big-endian, and back).
    fn reverse_field(x: u128, bits: u32) -> u128 {
        (x.checked_shl(128 - bits).unwrap_or(0)).swap_bytes()
    }

    /// Write the current counter block to `out`.
    #[inline(always)]
    fn store(&self, out: &mut [u8]) {
        let c = self.ctr & self.mask;
        let field = match self.layout.endian {
            Endian::Big => c,
            Endian::Little => Self::reverse_field(c, self.layout.bits),
        };
        let v = self.nonce | field;
        if let Ok(out) = <&mut [u8; 16]>::try_from(&mut *out) {
            // Two 8-byte stores: a 16-byte copy through a stack temporary
            // would stall on store-to-load forwarding once per block.
            let (hi, lo) = out.split_at_mut(8);
            hi.copy_from_slice(&((v >> 64) as u64).to_be_bytes());
            lo.copy_from_slice(&(v as u64).to_be_bytes());
        } else {
            out.copy_from_slice(&v.to_be_bytes()[16 - self.bs..]);
        }
    }

    /// Write the next `out.len()` counter blocks and advance past them.
    /// The layout is looked at once per batch, and the counter stays in a
    /// register; each 16-byte block is one store.
    #[inline(always)]
    fn fill<BS: ArraySize>(&mut self, out: &mut [Array<u8, BS>]) {
        let (nonce, mask, mut c) = (self.nonce, self.mask, self.ctr);
        match self.layout.endian {
            Endian::Big => {
                for k in out.iter_mut() {
                    put_be(k, nonce | (c & mask), self.bs);
                    c = c.wrapping_add(1);
                }
            }
            Endian::Little => {
                let bits = self.layout.bits;
                for k in out.iter_mut() {
                    put_be(k, nonce | Self::reverse_field(c & mask, bits), self.bs);
                    c = c.wrapping_add(1);
                }
            }
        }
        self.ctr = c;
    }
}

/// Write the low `bs` bytes of `v` big-endian into `out` (one 16-byte store
/// for a 16-byte block).
#[inline(always)]
fn put_be<BS: ArraySize>(out: &mut Array<u8, BS>, v: u128, bs: usize) {
    if let Ok(out) = <&mut [u8; 16]>::try_from(out.as_mut_slice()) {
        *out = v.to_be_bytes();
    } else {
        out.copy_from_slice(&v.to_be_bytes()[16 - bs..]);
    }
}

impl Default for CounterLayout {
    /// A 128-bit big-endian counter: the whole AES block, as in
    /// SP 800-38A F.5.
    fn default() -> Self {
        CounterLayout {
            bits: 128,
            endian: Endian::Big,
        }
    }
}

impl fmt::Display for CounterLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = match self.endian {
            Endian::Big => "be",
            Endian::Little => "le",
        };
        write!(f, "{}{}", self.bits, e)
    }
}

impl FromStr for CounterLayout {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

/// CTR over the block cipher `C`, with the counter field described by a
/// [`CounterLayout`].
///
/// The counter blocks are the initial counter block with its counter field
/// (the last `bits` bits) incremented modulo `2^bits`; the nonce part before
/// it never changes. At most `2^bits` counter blocks are used, counted from
/// the initial one, so none repeats: a call that would need one more
/// returns `Err(LimitExceeded)` before writing anything. Positions are byte
/// offsets in a `u128`, which also caps a stream at `u128::MAX` bytes (only
/// reachable with counters of 124 bits or more).
///
/// The unused tail of a partial keystream block is kept, so any split of
/// the data gives the same bytes as one call, and [`seek`](Self::seek)
/// goes to any byte.
///
/// ```
/// use blockmodes::{aes::Aes128, CounterLayout, Ctr, StreamMode};
///
/// // RFC 3686 layout: nonce(4) || IV(8) || 32-bit big-endian block counter from 1.
/// let icb = [0, 0, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
/// let layout = CounterLayout::parse("32be")?;
/// let mut ctr = Ctr::<Aes128>::new_from_slices(&[7; 16], &icb, layout)?;
/// let mut data = *b"counter mode, any length";
/// ctr.apply_keystream(&mut data)?;
/// ctr.seek(0)?;
/// ctr.apply_keystream(&mut data)?;
/// assert_eq!(&data, b"counter mode, any length");
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Ctr<C: BlockSizeUser> {
    cipher: C,
    layout: CounterLayout,
    /// The initial counter block `T_1`.
    icb: Block<C>,
    /// The counter block of the next keystream block to generate.
    next: Block<C>,
    /// The current keystream block; `ks[used..]` is not used yet.
    ks: Block<C>,
    used: usize,
    /// Keystream position in bytes from `T_1`.
    pos: u128,
    /// One past the last usable position: `2^bits` blocks (capped at
    /// `u128::MAX`).
    end: u128,
}

impl<C: BlockSizeUser> Ctr<C> {
    /// CTR with a keyed cipher, a one-block initial counter block
    /// (`Err(InvalidIvLength)` otherwise) and a counter layout that fits the
    /// block (`Err(InvalidParameter)` if `layout.bits()` exceeds the block
    /// size in bits).
    pub fn new(cipher: C, initial_counter_block: &[u8], layout: CounterLayout) -> Result<Self> {
        let bs = C::BlockSize::USIZE;
        let icb: Block<C> =
            block::block_from(initial_counter_block).ok_or(Error::InvalidIvLength)?;
        if u64::from(layout.bits) > 8 * bs as u64 {
            return Err(Error::InvalidParameter);
        }
        let end = 1u128
            .checked_shl(layout.bits)
            .and_then(|blocks| blocks.checked_mul(bs as u128))
            .unwrap_or(u128::MAX);
        Ok(Ctr {
            cipher,
            layout,
            next: icb.clone(),
            icb,
            ks: Default::default(),
            used: bs,
            pos: 0,
            end,
        })
    }

    /// The counter layout.
    pub fn layout(&self) -> CounterLayout {
        self.layout
    }

    /// Current keystream position in bytes from the initial counter block.
    pub fn position(&self) -> u128 {
        self.pos
    }

    /// The number of keystream bytes left before the counter is exhausted
    /// (from the current position).
    pub fn remaining(&self) -> u128 {
        self.end - self.pos
    }
}

impl<C: BlockSizeUser + KeyInit> Ctr<C> {
    /// CTR keyed with `key`, starting from `initial_counter_block`.
    pub fn new_from_slices(
        key: &[u8],
        initial_counter_block: &[u8],
        layout: CounterLayout,
    ) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, initial_counter_block, layout)
    }
}

impl<C: BlockSizeUser> Drop for Ctr<C> {
    fn drop(&mut self) {
        self.ks.zeroize();
        self.next.zeroize();
        self.icb.zeroize();
    }
}

impl<C: Kernels> Ctr<C> {
    /// XOR the keystream into `buf`, continuing the stream.
    /// `Err(LimitExceeded)`, with nothing written and the position
    /// unchanged, if `buf` would need a counter block past the last one.
    pub fn apply_keystream(&mut self, buf: &mut [u8]) -> Result<()> {
        self.apply(buf, keystream_blocks)
    }

    /// The frame of every keystream call: check the limit, finish the
    /// current keystream block, hand the whole blocks to `body` (which
    /// must advance the counter block past them), start a new keystream
    /// block for the tail.
    fn apply<F>(&mut self, buf: &mut [u8], body: F) -> Result<()>
    where
        F: FnOnce(&C, CounterLayout, &mut Block<C>, &mut [u8]),
    {
        let bs = C::BlockSize::USIZE;
        let new_pos = self
            .pos
            .checked_add(buf.len() as u128)
            .filter(|&p| p <= self.end)
            .ok_or(Error::LimitExceeded)?;
        // Finish the current keystream block.
        let take = (bs - self.used).min(buf.len());
        let (head, rest) = buf.split_at_mut(take);
        block::xor(head, &self.ks[self.used..]);
        self.used += take;
        let whole = rest.len() / bs * bs;
        let (whole, tail) = rest.split_at_mut(whole);
        body(&self.cipher, self.layout, &mut self.next, whole);
        if !tail.is_empty() {
            self.next_keystream_block();
            block::xor(tail, &self.ks);
            self.used = tail.len();
        }
        self.pos = new_pos;
        Ok(())
    }

    /// Jump to keystream byte `byte_pos` (forwards or backwards).
    /// `Err(LimitExceeded)`, with nothing changed, if it is past the end of
    /// the counter range (the end itself is allowed: nothing is left there).
    pub fn seek(&mut self, byte_pos: u128) -> Result<()> {
        if byte_pos > self.end {
            return Err(Error::LimitExceeded);
        }
        let bs = C::BlockSize::USIZE;
        let (blk, off) = (byte_pos / bs as u128, (byte_pos % bs as u128) as usize);
        self.next.copy_from_slice(&self.icb);
        self.layout.add(&mut self.next, blk);
        self.ks.zeroize();
        self.used = bs;
        if off > 0 {
            self.next_keystream_block();
            self.used = off;
        }
        self.pos = byte_pos;
        Ok(())
    }

    /// `ks = E(next)`, then advance `next`.
    fn next_keystream_block(&mut self) {
        self.ks.zeroize();
        let (next, layout) = (&mut self.next, self.layout);
        block::ctr_xor(&self.cipher, &mut self.ks, |ks| {
            for k in ks {
                *k = next.clone();
                layout.increment(next);
            }
        });
    }
}

/// XOR the keystream of the counter blocks from `next` on into the whole
/// blocks of `data`; `next` ends as the counter block after the last one.
fn keystream_blocks<C: Kernels>(
    cipher: &C,
    layout: CounterLayout,
    next: &mut Block<C>,
    data: &mut [u8],
) {
    let bs = next.len();
    if layout.endian == Endian::Big && bs >= 4 {
        // Runs in which the low min(bits, 32) bits of the field do not
        // wrap: there the field counts exactly like the block's last
        // 32-bit word, which is what the cipher's CTR kernel increments.
        let (blocks, _) = block::as_blocks_mut::<C::BlockSize>(data);
        let mut rest = Array::slice_as_flattened_mut(blocks);
        let period = 1u64 << layout.bits.min(32);
        while !rest.is_empty() {
            let w = next.get(bs - 4..).and_then(|w| <[u8; 4]>::try_from(w).ok());
            let low = u64::from(u32::from_be_bytes(w.unwrap_or_default())) & (period - 1);
            let n = (period - low).min((rest.len() / bs) as u64) as usize;
            let (run, after) = rest.split_at_mut(n * bs);
            cipher.ctr32_xor(next, Ctr32::BeLast, run);
            layout.add(next, n as u128);
            rest = after;
        }
        return;
    }
    if let Some(mut fast) = FastCounter::new(layout, next) {
        block::ctr_xor(cipher, data, |ks| fast.fill(ks));
        fast.store(next);
    } else {
        block::ctr_xor(cipher, data, |ks| {
            for k in ks {
                *k = next.clone();
                layout.increment(next);
            }
        });
    }
}

#[cfg(feature = "rayon")]
impl<C: Kernels + Sync> Ctr<C> {
    /// [`apply_keystream`](Self::apply_keystream), with the whole blocks
    /// split across up to `threads` threads (`0`: one per core) when there
    /// are at least [`MIN_CHUNK`](crate::par::MIN_CHUNK) bytes for each
    /// (see [`crate::par`]). Each piece starts from its own counter block,
    /// `T_1 + offset` (the keystream is addressed by position), so the
    /// output, the position and the errors are exactly those of
    /// `apply_keystream`.
    ///
    /// ```
    /// use blockmodes::{aes::Aes128, CounterLayout, Ctr};
    ///
    /// let new = || Ctr::<Aes128>::new_from_slices(&[1; 16], &[0xff; 16], "32be".parse()?);
    /// let mut a = vec![7u8; 300_001];
    /// let mut b = a.clone();
    /// new()?.apply_keystream_par(&mut a, 2)?;
    /// new()?.apply_keystream(&mut b)?;
    /// assert_eq!(a, b);
    /// # Ok::<(), blockmodes::Error>(())
    /// ```
    pub fn apply_keystream_par(&mut self, buf: &mut [u8], threads: usize) -> Result<()> {
        let bs = C::BlockSize::USIZE;
        self.apply(buf, |cipher, layout, next, whole| {
            let Some(chunk) = crate::par::chunk_len(whole.len(), threads, bs) else {
                return keystream_blocks(cipher, layout, next, whole);
            };
            let (mut start, per_piece) = (next.clone(), (chunk / bs) as u128);
            crate::par::for_each_chunk(whole, chunk, |i, piece| {
                let mut ctr = start.clone();
                layout.add(&mut ctr, per_piece * i as u128);
                keystream_blocks(cipher, layout, &mut ctr, piece);
                ctr.zeroize();
            });
            start.zeroize();
            layout.add(next, (whole.len() / bs) as u128);
        })
    }
}

impl<C: Kernels> StreamMode for Ctr<C> {
    fn encrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        self.apply_keystream(buf)
    }

    fn decrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        self.apply_keystream(buf)
    }
}
