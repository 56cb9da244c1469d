//! CFB-s — Cipher Feedback with an `s`-bit segment (NIST SP 800-38A §6.3),
//! for every `s` from 1 to the block size `b` in bits:
//!
//! `I_1 = IV`, `O_j = E(I_j)`, `C#_j = P#_j ^ MSB_s(O_j)`,
//! `I_{j+1} = LSB_{b-s}(I_j) | C#_j`; decryption is `P#_j = C#_j ^ MSB_s(O_j)`
//! with the same feedback of ciphertext segments. The last segment may be
//! partial (the leading bits of `MSB_s(O_j)` are used), as the spec allows.
//!
//! Data is a bit string, most significant bit of each byte first (the
//! order of the spec's examples, so CFB1 and CFB8 match its Appendix F).
//!
//! Three paths, chosen from public parameters only:
//! - `s = b`, decryption of whole blocks: every cipher input is known up
//!   front, so it batches through [`block::cfb_decrypt`];
//! - `s` a multiple of 8 below `b`: whole bytes per segment; encryption is
//!   one chain through [`Kernels::cfb_segments_encrypt`] (a register-held
//!   kernel for our AES, [`block::chain_encrypt`] otherwise), decryption
//!   is ECB encryption of the ciphertext windows `I_j` (each the `b` bytes
//!   of ciphertext before segment `j`, known up front), batched through
//!   the cipher's parallel path;
//! - any other `s` (or a stream left in the middle of a byte by
//!   [`Cfb::encrypt_bits`]): the bit-level path, also one chain.

use cipher::{
    Array, Block, BlockCipherEncrypt, BlockSizeUser, KeyInit, array::ArraySize, typenum::Unsigned,
};
use zeroize::Zeroize;

use crate::block::{self, Chain};
use crate::error::{Error, Result};
use crate::kernels::Kernels;
use crate::modes::StreamMode;

/// CFB-s over the block cipher `C`, with a segment of `s` bits chosen at
/// run time (1 to the block size in bits: CFB1, CFB8, CFB64, CFB128, …).
///
/// The value is its own streaming encryptor and keeps state at *bit*
/// granularity: processing a bit string in any pieces, split anywhere,
/// gives the same bits as processing it at once. A segment left partial by
/// one call is finished by the next.
///
/// ```
/// use blockmodes::{aes::Aes128, Cfb, StreamMode};
///
/// let (key, iv) = ([1; 16], [2; 16]);
/// let mut data = *b"eight-bit feedback";
/// Cfb::<Aes128>::new_from_slices(&key, &iv, 8)?.encrypt(&mut data)?;
/// Cfb::<Aes128>::new_from_slices(&key, &iv, 8)?.decrypt(&mut data)?;
/// assert_eq!(&data, b"eight-bit feedback");
///
/// // CFB1 on a 13-bit string (the last 3 bits of the buffer are untouched).
/// let mut bits = [0b1010_1100, 0b1110_0101];
/// let mut cfb1 = Cfb::<Aes128>::new_from_slices(&key, &iv, 1)?;
/// cfb1.encrypt_bits(&mut bits, 13)?;
/// assert_eq!(bits[1] & 0b111, 0b101);
/// # Ok::<(), blockmodes::Error>(())
/// ```
#[derive(Clone)]
pub struct Cfb<C: BlockSizeUser> {
    cipher: C,
    st: State<C::BlockSize>,
}

/// Everything but the cipher, so a chain can borrow it while the cipher
/// runs.
#[derive(Clone)]
struct State<BS: ArraySize> {
    /// Segment size `s` in bits.
    s: usize,
    /// `I_j`: the cipher input of the current (or next) segment.
    reg: Array<u8, BS>,
    /// `O_j = E(I_j)` of the segment in progress (valid while `done > 0`).
    out: Array<u8, BS>,
    /// The ciphertext bits of the segment in progress, most significant
    /// first: the part of `C#_j` that is already known.
    seg: Array<u8, BS>,
    /// Bits of the current segment already processed (`0..s`); 0 when no
    /// segment is in progress.
    done: usize,
}

impl<C: BlockSizeUser> Cfb<C> {
    /// CFB-s with a keyed cipher, a one-block IV (`Err(InvalidIvLength)`
    /// otherwise) and a segment of `segment_bits` bits
    /// (`Err(InvalidParameter)` unless `1 <= segment_bits <= 8 * block size`).
    pub fn new(cipher: C, iv: &[u8], segment_bits: usize) -> Result<Self> {
        let reg = block::block_from(iv).ok_or(Error::InvalidIvLength)?;
        if segment_bits == 0 || segment_bits > 8 * C::BlockSize::USIZE {
            return Err(Error::InvalidParameter);
        }
        Ok(Cfb {
            cipher,
            st: State {
                s: segment_bits,
                reg,
                out: Default::default(),
                seg: Default::default(),
                done: 0,
            },
        })
    }

    /// The segment size `s` in bits.
    pub fn segment_bits(&self) -> usize {
        self.st.s
    }
}

impl<C: BlockSizeUser + KeyInit> Cfb<C> {
    /// CFB-s keyed with `key`, starting from `iv`, with `segment_bits`-bit
    /// segments.
    pub fn new_from_slices(key: &[u8], iv: &[u8], segment_bits: usize) -> Result<Self> {
        let cipher = C::new_from_slice(key).map_err(|_| Error::InvalidKeyLength)?;
        Self::new(cipher, iv, segment_bits)
    }
}

impl<C: BlockSizeUser> Drop for Cfb<C> {
    fn drop(&mut self) {
        self.st.reg.zeroize();
        self.st.out.zeroize();
        self.st.seg.zeroize();
    }
}

impl<C: Kernels> Cfb<C> {
    /// Encrypt the first `bit_len` bits of `buf` in place (most significant
    /// bit of each byte first), continuing the stream. Bits of the last
    /// byte past `bit_len` are left unchanged. `Err(InvalidLength)`, with
    /// nothing changed, if `bit_len > 8 * buf.len()`.
    pub fn encrypt_bits(&mut self, buf: &mut [u8], bit_len: usize) -> Result<()> {
        self.run(buf, bit_len, false)
    }

    /// Decrypt the first `bit_len` bits of `buf` in place; the mirror of
    /// [`encrypt_bits`](Self::encrypt_bits).
    pub fn decrypt_bits(&mut self, buf: &mut [u8], bit_len: usize) -> Result<()> {
        self.run(buf, bit_len, true)
    }

    fn run(&mut self, buf: &mut [u8], bit_len: usize, decrypt: bool) -> Result<()> {
        if bit_len.div_ceil(8) > buf.len() {
            return Err(Error::InvalidLength);
        }
        let mut bit = 0;
        if self.st.s.is_multiple_of(8) && self.st.done.is_multiple_of(8) {
            // Segments fall on byte boundaries of `buf`.
            let n = bit_len / 8;
            self.run_bytes(&mut buf[..n], decrypt);
            bit = 8 * n;
        }
        if bit < bit_len {
            self.run_bits(buf, bit, bit_len, decrypt);
        }
        Ok(())
    }

    /// The byte path: `s` and the position in the segment are whole bytes.
    fn run_bytes(&mut self, data: &mut [u8], decrypt: bool) {
        let bs = C::BlockSize::USIZE;
        let st = &mut self.st;
        let mut pos = 0;
        if st.done > 0 {
            pos = st.feed_bytes(data, decrypt);
        }
        let seg_bytes = st.s / 8;
        if seg_bytes == bs {
            let whole = (data.len() - pos) / bs * bs;
            let body = &mut data[pos..pos + whole];
            if decrypt {
                block::cfb_decrypt(&self.cipher, &mut st.reg, body);
            } else {
                self.cipher.cfb_encrypt(&mut st.reg, body);
            }
            pos += whole;
        } else {
            // Whole segments: one kernel call encrypting, windows of
            // ciphertext through the parallel cipher decrypting.
            let whole = (data.len() - pos) / seg_bytes * seg_bytes;
            let body = &mut data[pos..pos + whole];
            if decrypt {
                decrypt_segments(&self.cipher, &mut st.reg, seg_bytes, body);
            } else {
                self.cipher
                    .cfb_segments_encrypt(&mut st.reg, seg_bytes, body);
            }
            pos += whole;
        }
        // A partial last segment (at most one step).
        let steps = (data.len() - pos).div_ceil(seg_bytes);
        let end = data.len();
        let mut chain = Segments {
            st,
            data,
            pos,
            end,
            decrypt,
            bytewise: true,
        };
        block::chain_encrypt(&self.cipher, &mut chain, steps);
    }

    /// The bit path: bits `pos..end` of `buf`.
    fn run_bits(&mut self, buf: &mut [u8], mut pos: usize, end: usize, decrypt: bool) {
        let st = &mut self.st;
        if st.done > 0 {
            st.feed_bits(buf, &mut pos, end, decrypt);
        }
        let steps = (end - pos).div_ceil(st.s);
        let mut chain = Segments {
            st,
            data: buf,
            pos,
            end,
            decrypt,
            bytewise: false,
        };
        block::chain_encrypt(&self.cipher, &mut chain, steps);
    }
}

/// Full-block CFB encryption as a chain: `C_i = P_i ^ E(C_{i-1})`.
struct CfbEnc<'a, BS: ArraySize> {
    iv: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
}

impl<BS: ArraySize> Chain<BS> for CfbEnc<'_, BS> {
    #[inline(always)]
    fn input(&mut self, _i: usize) -> Array<u8, BS> {
        self.iv.clone()
    }
    #[inline(always)]
    fn output(&mut self, i: usize, out: Array<u8, BS>) {
        let b = &mut self.blocks[i];
        block::xor(b, &out);
        self.iv.clone_from(b);
    }
}

/// The generic [`Kernels::cfb_encrypt`]: the whole blocks of `data` as one
/// chain inside one backend call.
pub(crate) fn encrypt_chain<C: BlockCipherEncrypt>(cipher: &C, iv: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = block::as_blocks_mut::<C::BlockSize>(data);
    let steps = blocks.len();
    block::chain_encrypt(cipher, &mut CfbEnc { iv, blocks }, steps);
}

/// The generic [`Kernels::cfb_segments_encrypt`]: the whole `q`-byte
/// segments of `data` (`1 <= q <=` the block size, else nothing) as one
/// chain of [`Segments`] inside one backend call, from `I_1 = reg`; `reg`
/// ends as the next `I_j`.
pub(crate) fn encrypt_segments<C: BlockCipherEncrypt>(
    cipher: &C,
    reg: &mut Block<C>,
    q: usize,
    data: &mut [u8],
) {
    if q == 0 || q > C::BlockSize::USIZE {
        return;
    }
    let whole = data.len() / q * q;
    let mut st = State {
        s: 8 * q,
        reg: reg.clone(),
        out: Default::default(),
        seg: Default::default(),
        done: 0,
    };
    let mut chain = Segments {
        st: &mut st,
        data: &mut data[..whole],
        pos: 0,
        end: whole,
        decrypt: false,
        bytewise: true,
    };
    block::chain_encrypt(cipher, &mut chain, whole / q);
    reg.clone_from(&st.reg);
    st.reg.zeroize();
    st.out.zeroize();
    st.seg.zeroize();
}

/// Segments per batch of [`decrypt_segments`] (a stack buffer of this
/// many blocks).
const DEC_BATCH: usize = 256;

/// The window buffer of [`decrypt_segments`], on a cache-line boundary so
/// that no window store (or wide load by the cipher) splits a line.
#[repr(C, align(64))]
struct Windows<B>([B; DEC_BATCH]);

/// CFB decryption of the whole `q`-byte segments of `data` in place
/// (`1 <= q <=` the block size `b`, else nothing), `I_1 = reg`; `reg` ends
/// as the next `I_j`. With byte-aligned segments `I_j` is just the `b`
/// ciphertext bytes before segment `j` (`reg` first), all known up front,
/// so decryption is ECB encryption of those windows: for each batch of
/// segments the windows are copied out of the ciphertext before any of it
/// is overwritten, encrypted with the cipher's parallel path, and the
/// first `q` bytes of each output are xored into its segment. Any cipher.
pub(crate) fn decrypt_segments<C: BlockCipherEncrypt>(
    cipher: &C,
    reg: &mut Block<C>,
    q: usize,
    data: &mut [u8],
) {
    let bs = C::BlockSize::USIZE;
    if q == 0 || q > bs {
        return;
    }
    let whole = data.len() / q * q;
    let mut win = Windows::<Block<C>>(core::array::from_fn(|_| Default::default()));
    let win = &mut win.0;
    // `reg` and the first `b` bytes of the batch, for the windows that
    // straddle them.
    let mut head: [Block<C>; 2] = Default::default();
    for batch in data[..whole].chunks_mut(DEC_BATCH * q) {
        let n = batch.len() / q;
        let near = bs.min(batch.len());
        head[0].clone_from(reg);
        head[1][..near].copy_from_slice(&batch[..near]);
        let flat = Array::slice_as_flattened(&head);
        // Window i: bytes `iq .. iq + b` of `reg || batch`: from `head`
        // while `iq < b`, then straight from the batch.
        let k = n.min(bs.div_ceil(q));
        for (i, w) in win[..k].iter_mut().enumerate() {
            w.copy_from_slice(&flat[i * q..i * q + bs]);
        }
        if let Some(from) = (k * q).checked_sub(bs) {
            let srcs = batch[from..].windows(bs).step_by(q);
            for (w, src) in win[k..n].iter_mut().zip(srcs) {
                w.copy_from_slice(src);
            }
        }
        // The next `reg`: the last `b` bytes of `reg || batch`.
        match batch.len().checked_sub(bs) {
            Some(from) => reg.copy_from_slice(&batch[from..]),
            None => reg.copy_from_slice(&flat[batch.len()..batch.len() + bs]),
        }
        let win = &mut win[..n];
        cipher.encrypt_blocks(win);
        if q == 1 {
            for (d, w) in batch.iter_mut().zip(win.iter()) {
                *d ^= w[0];
            }
        } else {
            for (d, w) in batch.chunks_exact_mut(q).zip(win.iter()) {
                block::xor(d, &w[..q]);
            }
        }
    }
    // Only the windows used hold keystream.
    let used = (whole / q).min(DEC_BATCH);
    Array::slice_as_flattened_mut(&mut win[..used]).zeroize();
    Array::slice_as_flattened_mut(&mut head).zeroize();
}

impl<BS: ArraySize> State<BS> {
    /// Continue the segment in progress (`out` valid, `done` and `s` whole
    /// bytes) over the start of `data`; returns how many bytes were used.
    fn feed_bytes(&mut self, data: &mut [u8], decrypt: bool) -> usize {
        let (p, seg_bytes) = (self.done / 8, self.s / 8);
        let take = (seg_bytes - p).min(data.len());
        if p == 0 && take == seg_bytes {
            // A whole segment: feed the ciphertext straight into `I_{j+1}`.
            let bs = self.reg.len();
            let d = &mut data[..take];
            self.reg.copy_within(take.., 0);
            if decrypt {
                self.reg[bs - take..].copy_from_slice(d);
                block::xor(d, &self.out);
            } else {
                block::xor(d, &self.out);
                self.reg[bs - take..].copy_from_slice(d);
            }
            return take;
        }
        let d = &mut data[..take];
        let seg = &mut self.seg[p..p + take];
        if decrypt {
            seg.copy_from_slice(d);
            block::xor(d, &self.out[p..]);
        } else {
            block::xor(d, &self.out[p..]);
            seg.copy_from_slice(d);
        }
        self.done += 8 * take;
        if self.done == self.s {
            self.feedback();
        }
        take
    }

    /// Continue the segment in progress over bits `*pos..end` of `data`,
    /// stopping when the segment completes.
    fn feed_bits(&mut self, data: &mut [u8], pos: &mut usize, end: usize, decrypt: bool) {
        while *pos < end && self.done < self.s {
            let (i, sh) = (*pos / 8, 7 - *pos % 8);
            let (j, sk) = (self.done / 8, 7 - self.done % 8);
            let x = (data[i] >> sh) & 1;
            let k = (self.out[j] >> sk) & 1;
            data[i] ^= k << sh;
            let c = if decrypt { x } else { x ^ k };
            self.seg[j] = (self.seg[j] & !(1 << sk)) | (c << sk);
            self.done += 1;
            *pos += 1;
        }
        if self.done == self.s {
            self.feedback();
        }
    }

    /// `I_{j+1} = LSB_{b-s}(I_j) | C#_j`: the `b` bits of `I_j || C#_j`
    /// starting at bit `s`. Ends the segment.
    fn feedback(&mut self) {
        let bs = self.reg.len();
        let (q, r) = (self.s / 8, self.s % 8);
        if r == 0 {
            self.reg.copy_within(q.., 0);
            self.reg[bs - q..].copy_from_slice(&self.seg[..q]);
        } else {
            // In place from the front: byte `j` reads bytes `j + q` and
            // `j + q + 1` of the concatenation, never one already written.
            for j in 0..bs {
                let hi = u16::from(self.cat_byte(j + q));
                let lo = u16::from(self.cat_byte(j + q + 1));
                self.reg[j] = ((hi << 8 | lo) >> (8 - r)) as u8;
            }
        }
        self.done = 0;
    }

    /// Byte `i` of `reg || seg` (0 past the end).
    fn cat_byte(&self, i: usize) -> u8 {
        let bs = self.reg.len();
        match self.reg.get(i) {
            Some(&b) => b,
            None => self.seg.get(i - bs).copied().unwrap_or(0),
        }
    }
}

/// The chain of segments: each step encrypts `I_j` and uses `O_j` for the
/// next segment of the data (whole bytes or bits, per `bytewise`).
struct Segments<'a, BS: ArraySize> {
    st: &'a mut State<BS>,
    data: &'a mut [u8],
    /// Where the next segment starts, in bytes or bits.
    pos: usize,
    end: usize,
    decrypt: bool,
    bytewise: bool,
}

impl<BS: ArraySize> Chain<BS> for Segments<'_, BS> {
    #[inline(always)]
    fn input(&mut self, _i: usize) -> Array<u8, BS> {
        self.st.reg.clone()
    }

    #[inline(always)]
    fn output(&mut self, _i: usize, out: Array<u8, BS>) {
        self.st.out = out;
        if self.bytewise {
            let end = self.end;
            self.pos += self
                .st
                .feed_bytes(&mut self.data[self.pos..end], self.decrypt);
        } else {
            self.st
                .feed_bits(self.data, &mut self.pos, self.end, self.decrypt);
        }
    }
}

#[cfg(feature = "rayon")]
impl<C: Kernels + Sync> Cfb<C> {
    /// [`decrypt`](StreamMode::decrypt), with the whole blocks of a
    /// full-block CFB (`s` = the block size: CFB128 for AES) split across
    /// up to `threads` threads (`0`: one per core) when there are at least
    /// [`MIN_CHUNK`](crate::par::MIN_CHUNK) bytes for each (see
    /// [`crate::par`]). Each piece uses the ciphertext block just before it
    /// as its `I_1`, saved before any thread writes. Other segment sizes
    /// (whose decryption is a chain of segments) run as `decrypt`. The
    /// output, the state left behind and the errors are those of `decrypt`.
    ///
    /// ```
    /// use blockmodes::{aes::Aes128, Cfb, StreamMode};
    ///
    /// let new = || Cfb::<Aes128>::new_from_slices(&[1; 16], &[2; 16], 128);
    /// let mut data = vec![5u8; 300_007];
    /// new()?.encrypt(&mut data)?;
    /// new()?.decrypt_par(&mut data, 2)?;
    /// assert!(data.iter().all(|&b| b == 5));
    /// # Ok::<(), blockmodes::Error>(())
    /// ```
    pub fn decrypt_par(&mut self, buf: &mut [u8], threads: usize) -> Result<()> {
        let bs = C::BlockSize::USIZE;
        if self.st.s != 8 * bs || !self.st.done.is_multiple_of(8) {
            return self.decrypt(buf);
        }
        // Finish a segment left partial by an earlier call.
        let head = match self.st.done {
            0 => 0,
            done => ((self.st.s - done) / 8).min(buf.len()),
        };
        let (head, rest) = buf.split_at_mut(head);
        self.decrypt(head)?;
        let whole = rest.len() / bs * bs;
        let (whole, tail) = rest.split_at_mut(whole);
        match crate::par::chunk_len(whole.len(), threads, bs) {
            None => self.decrypt(whole)?,
            Some(chunk) => {
                let cipher = &self.cipher;
                crate::par::chained(&mut self.st.reg, whole, chunk, |iv, piece| {
                    block::cfb_decrypt(cipher, iv, piece)
                });
            }
        }
        self.decrypt(tail)
    }
}

impl<C: Kernels> StreamMode for Cfb<C> {
    fn encrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        // Chunks whose bit length fits in a usize; split-invariance makes
        // the chunking invisible.
        for chunk in buf.chunks_mut(usize::MAX / 8) {
            self.encrypt_bits(chunk, 8 * chunk.len())?;
        }
        Ok(())
    }

    fn decrypt(&mut self, buf: &mut [u8]) -> Result<()> {
        for chunk in buf.chunks_mut(usize::MAX / 8) {
            self.decrypt_bits(chunk, 8 * chunk.len())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use cipher::{Block, BlockCipherEncrypt, KeyInit};

    use super::{Segments, State, block, decrypt_segments};

    /// The serial chain of segments, decrypting (today's path before the
    /// parallel one).
    fn serial<C: BlockCipherEncrypt>(c: &C, reg: &mut Block<C>, q: usize, data: &mut [u8]) {
        let whole = data.len() / q * q;
        let mut st = State {
            s: 8 * q,
            reg: reg.clone(),
            out: Default::default(),
            seg: Default::default(),
            done: 0,
        };
        let mut chain = Segments {
            st: &mut st,
            data: &mut data[..whole],
            pos: 0,
            end: whole,
            decrypt: true,
            bytewise: true,
        };
        block::chain_encrypt(c, &mut chain, whole / q);
        reg.clone_from(&st.reg);
    }

    fn check<C: BlockCipherEncrypt + KeyInit>(seed: u64) {
        let mut x = seed;
        let mut next = move || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        };
        let bs = Block::<C>::default().len();
        let key: Vec<u8> = (0..C::key_size()).map(|_| next()).collect();
        let c = C::new_from_slice(&key).unwrap();
        let lens = (0..60).chain([127, 128, 129, 255, 256, 257, 1000, 2051, 128 * 15 + 7]);
        for q in 1..=bs {
            for len in lens.clone() {
                let data: Vec<u8> = (0..len).map(|_| next()).collect();
                let reg: Vec<u8> = (0..bs).map(|_| next()).collect();
                let reg = Block::<C>::try_from(&reg[..]).unwrap();
                let (mut want, mut want_reg) = (data.clone(), reg.clone());
                serial(&c, &mut want_reg, q, &mut want);
                let (mut got, mut got_reg) = (data.clone(), reg.clone());
                decrypt_segments(&c, &mut got_reg, q, &mut got);
                assert_eq!(got, want, "bs={bs} q={q} len={len}");
                assert_eq!(got_reg, want_reg, "bs={bs} q={q} len={len} reg");
                // Two calls split at a segment boundary chain like one.
                let cut = len / 3 / q * q;
                let (mut split, mut split_reg) = (data.clone(), reg.clone());
                let (a, b) = split.split_at_mut(cut);
                decrypt_segments(&c, &mut split_reg, q, a);
                decrypt_segments(&c, &mut split_reg, q, b);
                assert_eq!(split, want, "bs={bs} q={q} len={len} split");
                assert_eq!(split_reg, want_reg, "bs={bs} q={q} len={len} split reg");
            }
        }
        // Other segment sizes: nothing done.
        let (mut d, mut r) = ([9u8; 40], Block::<C>::default());
        for q in [0, bs + 1] {
            decrypt_segments(&c, &mut r, q, &mut d);
        }
        assert_eq!((d, r), ([9u8; 40], Block::<C>::default()));
    }

    #[test]
    fn parallel_decrypt_equals_serial_aes() {
        check::<aes::Aes128>(1);
        check::<aes::Aes256>(2);
    }

    /// MB/s of CFB8 decryption over 16 KiB on the default AES path
    /// (best of 20): `cargo test --release --lib modes::cfb -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn speed() {
        let c = crate::backend::Aes128::new(&[7; 16].into());
        let mut data = std::vec![1u8; 16384];
        let mut reg = Block::<crate::backend::Aes128>::default();
        let mut best = f64::MAX;
        for _ in 0..20 {
            let t = std::time::Instant::now();
            for _ in 0..20 {
                decrypt_segments(&c, &mut reg, 1, &mut data);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        std::println!("cfb8 decrypt: {:.1} MB/s", (20 * 16384) as f64 / best / 1e6);
    }

    #[test]
    fn parallel_decrypt_equals_serial_tdes() {
        check::<des::TdesEde3>(3);
    }
}
