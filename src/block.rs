//! The batch cores every mode is built on.
//!
//! Modes never call the cipher one block at a time through its public
//! `encrypt_block`: each core enters the cipher once through
//! `encrypt_with_backend` / `decrypt_with_backend` and, inside, hands the
//! backend as many blocks as its parallel width (`ParBlocksSize`) allows —
//! 8 for AES-NI, 30 for VAES in the `aes` crate — with a tail loop for the
//! rest. Chained modes (CBC encryption, PCBC, OFB, CFB encryption) cannot
//! be parallel, but they still run their whole loop inside one backend call
//! through `Chain`, so the per-call dispatch of a runtime-detected cipher
//! is paid once per message, not once per block.
//!
//! Every core works in place on whole blocks; partial blocks are the modes'
//! business.

use core::marker::PhantomData;

use cipher::{
    Array, Block, BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherDecrypt,
    BlockCipherEncBackend, BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, ParBlocks,
    array::ArraySize,
    inout::InOut,
    typenum::{U16, Unsigned},
};
use zeroize::Zeroize;

/// `dst ^= src` over the shorter of the two, 32 bytes at a time where it
/// can, then 16, then single bytes. Each fixed-size step is a byte loop
/// over an array, which the compiler turns into one vector xor (a YMM
/// `vpxor` inside the AVX2 backend entry points, two XMM ones elsewhere);
/// a `u128` xor would be split over general-purpose registers instead.
#[inline(always)]
pub fn xor(dst: &mut [u8], src: &[u8]) {
    let n = dst.len().min(src.len());
    let (dst, src) = (&mut dst[..n], &src[..n]);
    let (d32, dst) = dst.as_chunks_mut::<32>();
    let (s32, src) = src.as_chunks::<32>();
    for (d, s) in d32.iter_mut().zip(s32) {
        xor_array(d, s);
    }
    let (d16, dst) = dst.as_chunks_mut::<16>();
    let (s16, src) = src.as_chunks::<16>();
    for (d, s) in d16.iter_mut().zip(s16) {
        xor_array(d, s);
    }
    for (d, s) in dst.iter_mut().zip(src) {
        *d ^= s;
    }
}

/// `d ^= s` on one fixed-size array (a single vector operation: both
/// sides are read into values first, so no store can alias a load).
#[inline(always)]
fn xor_array<const N: usize>(d: &mut [u8; N], s: &[u8; N]) {
    let (mut a, b) = (*d, *s);
    for (a, b) in a.iter_mut().zip(b) {
        *a ^= b;
    }
    *d = a;
}

/// `dst ^= src` over whole blocks, as one flat byte run (so the xor goes
/// 32 bytes at a time across block boundaries).
#[inline(always)]
fn xor_blocks<BS: ArraySize>(dst: &mut [Array<u8, BS>], src: &[Array<u8, BS>]) {
    xor(
        Array::slice_as_flattened_mut(dst),
        Array::slice_as_flattened(src),
    );
}

/// Block size of `C` in bytes.
#[inline(always)]
pub(crate) const fn block_size<C: BlockSizeUser>() -> usize {
    C::BlockSize::USIZE
}

/// Split `data` into whole blocks, leaving the tail.
#[inline(always)]
pub(crate) fn as_blocks_mut<BS: ArraySize>(data: &mut [u8]) -> (&mut [Array<u8, BS>], &mut [u8]) {
    Array::slice_as_chunks_mut(data)
}

/// Copy a block out of a slice of exactly one block.
#[inline(always)]
pub(crate) fn block_from<BS: ArraySize>(bytes: &[u8]) -> Option<Array<u8, BS>> {
    Array::try_from(bytes).ok()
}

/// ECB encryption of whole blocks in place (the cipher's own batched path).
pub(crate) fn ecb_encrypt<C: BlockCipherEncrypt>(cipher: &C, data: &mut [u8]) {
    let (blocks, _) = as_blocks_mut::<C::BlockSize>(data);
    cipher.encrypt_blocks(blocks);
}

/// ECB decryption of whole blocks in place.
pub(crate) fn ecb_decrypt<C: BlockCipherDecrypt>(cipher: &C, data: &mut [u8]) {
    let (blocks, _) = as_blocks_mut::<C::BlockSize>(data);
    cipher.decrypt_blocks(blocks);
}

/// CBC decryption of whole blocks in place, `P_i = D(C_i) ^ C_{i-1}` with
/// `C_0 = iv`; `iv` ends as the last ciphertext block.
pub(crate) fn cbc_decrypt<C: BlockCipherDecrypt>(cipher: &C, iv: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = as_blocks_mut::<C::BlockSize>(data);
    cipher.decrypt_with_backend(CbcDec { iv, blocks });
}

struct CbcDec<'a, BS: ArraySize> {
    iv: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
}

impl<BS: ArraySize> BlockSizeUser for CbcDec<'_, BS> {
    type BlockSize = BS;
}

impl<BS: ArraySize> BlockCipherDecClosure for CbcDec<'_, BS> {
    #[inline(always)]
    fn call<B: BlockCipherDecBackend<BlockSize = BS>>(self, backend: &B) {
        let (chunks, tail) = Array::<_, B::ParBlocksSize>::slice_as_chunks_mut(self.blocks);
        let iv = self.iv;
        let mut saved: ParBlocks<B> = Default::default();
        for chunk in chunks {
            // D(C_i) goes straight from the saved ciphertext into the
            // buffer; then the buffer's blocks 1.. take C_0.. shifted by
            // one block, in one flat xor.
            saved.clone_from(chunk);
            backend.decrypt_par_blocks(InOut::from((&saved, &mut *chunk)));
            let (first, rest) = chunk.split_at_mut(1);
            xor_blocks(first, core::slice::from_ref(iv));
            xor_blocks(rest, &saved);
            iv.clone_from(&saved[saved.len() - 1]);
        }
        Array::slice_as_flattened_mut(&mut saved).zeroize();
        for block in tail {
            let saved = block.clone();
            backend.decrypt_block_inplace(block);
            xor(block, iv);
            *iv = saved;
        }
    }
}

/// The CTR keystream core: `data ^= E(ctr_0) || E(ctr_1) || …` over whole
/// blocks, where `fill_counters` writes the next counter blocks into the
/// slice it is given (a parallel batch, or the shorter tail), so the
/// counter source keeps its state in registers across a batch. The batch
/// is encrypted together and xored into the data 32 bytes at a time.
pub(crate) fn ctr_xor<C, F>(cipher: &C, data: &mut [u8], fill_counters: F)
where
    C: BlockCipherEncrypt,
    F: FnMut(&mut [Block<C>]),
{
    let (blocks, _) = as_blocks_mut::<C::BlockSize>(data);
    cipher.encrypt_with_backend(CtrXor {
        blocks,
        fill_counters,
    });
}

struct CtrXor<'a, BS: ArraySize, F> {
    blocks: &'a mut [Array<u8, BS>],
    fill_counters: F,
}

impl<BS: ArraySize, F> BlockSizeUser for CtrXor<'_, BS, F> {
    type BlockSize = BS;
}

impl<BS: ArraySize, F: FnMut(&mut [Array<u8, BS>])> BlockCipherEncClosure for CtrXor<'_, BS, F> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = BS>>(mut self, backend: &B) {
        let (chunks, tail) = Array::<_, B::ParBlocksSize>::slice_as_chunks_mut(self.blocks);
        let (batches, n_tail) = (chunks.len(), tail.len());
        let par = B::ParBlocksSize::USIZE;
        // Two counter buffers in turn: the next batch's counter blocks are
        // written before the current batch goes through the cipher, so the
        // cipher's wide loads never wait on fresh narrow stores (a load
        // over several in-flight stores cannot be forwarded).
        let (mut a, mut b): (ParBlocks<B>, ParBlocks<B>) = Default::default();
        let (mut cur, mut next) = (&mut a, &mut b);
        let first = if batches == 0 { n_tail } else { par };
        (self.fill_counters)(&mut cur[..first]);
        for (i, chunk) in chunks.iter_mut().enumerate() {
            let next_len = if i + 1 < batches { par } else { n_tail };
            (self.fill_counters)(&mut next[..next_len]);
            backend.encrypt_par_blocks_inplace(cur);
            xor_blocks(chunk, cur);
            core::mem::swap(&mut cur, &mut next);
        }
        if n_tail > 0 {
            let ks = &mut cur[..n_tail];
            backend.encrypt_tail_blocks_inplace(ks);
            xor_blocks(tail, ks);
        }
        Array::slice_as_flattened_mut(&mut a).zeroize();
        Array::slice_as_flattened_mut(&mut b).zeroize();
    }
}

/// The generic [`Kernels::ctr32_xor`](crate::Kernels::ctr32_xor): the
/// counter blocks are `counter` with one 32-bit word counting up modulo
/// 2^32 (see [`Ctr32`](crate::kernels::Ctr32)), through [`ctr_xor`].
pub(crate) fn ctr32_xor<C: BlockCipherEncrypt>(
    cipher: &C,
    counter: &Block<C>,
    word: crate::kernels::Ctr32,
    data: &mut [u8],
) {
    use crate::kernels::Ctr32;
    let bs = block_size::<C>();
    let at = match word {
        Ctr32::BeLast => bs.saturating_sub(4),
        Ctr32::LeFirst => 0,
    };
    let read = |b: &[u8]| -> u32 {
        let w: [u8; 4] = b
            .get(at..at + 4)
            .and_then(|w| w.try_into().ok())
            .unwrap_or_default();
        match word {
            Ctr32::BeLast => u32::from_be_bytes(w),
            Ctr32::LeFirst => u32::from_le_bytes(w),
        }
    };
    let mut c = read(counter);
    // A 16-byte block is built in a register and stored whole (a narrow
    // store of the word after a block copy would stall the cipher's load).
    let base = <&[u8; 16]>::try_from(counter.as_slice()).ok().map(|b| {
        let mut b = *b;
        b[at..at + 4].fill(0);
        u128::from_be_bytes(b)
    });
    let shift = if at == 0 { 96 } else { 0 };
    ctr_xor(cipher, data, |ks: &mut [Block<C>]| {
        if let Some(base) = base {
            for k in ks.iter_mut() {
                let w = match word {
                    Ctr32::BeLast => c,
                    Ctr32::LeFirst => c.swap_bytes(),
                };
                if let Ok(k) = <&mut [u8; 16]>::try_from(k.as_mut_slice()) {
                    *k = (base | u128::from(w) << shift).to_be_bytes();
                }
                c = c.wrapping_add(1);
            }
            return;
        }
        for k in ks {
            k.clone_from(counter);
            let w = match word {
                Ctr32::BeLast => c.to_be_bytes(),
                Ctr32::LeFirst => c.to_le_bytes(),
            };
            if let Some(dst) = k.get_mut(at..at + 4) {
                dst.copy_from_slice(&w);
            }
            c = c.wrapping_add(1);
        }
    });
    c.zeroize();
}

/// Full-block CFB decryption of whole blocks in place:
/// `P_i = C_i ^ E(C_{i-1})`, `C_0 = iv`; `iv` ends as the last ciphertext
/// block. Every `E` input is known up front, so this batches like CTR.
pub(crate) fn cfb_decrypt<C: BlockCipherEncrypt>(cipher: &C, iv: &mut Block<C>, data: &mut [u8]) {
    let (blocks, _) = as_blocks_mut::<C::BlockSize>(data);
    cipher.encrypt_with_backend(CfbDec { iv, blocks });
}

struct CfbDec<'a, BS: ArraySize> {
    iv: &'a mut Array<u8, BS>,
    blocks: &'a mut [Array<u8, BS>],
}

impl<BS: ArraySize> BlockSizeUser for CfbDec<'_, BS> {
    type BlockSize = BS;
}

impl<BS: ArraySize> BlockCipherEncClosure for CfbDec<'_, BS> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = BS>>(self, backend: &B) {
        let (chunks, tail) = Array::<_, B::ParBlocksSize>::slice_as_chunks_mut(self.blocks);
        let iv = self.iv;
        // `prev` = E(C_{i-1}) for the next block; each batch encrypts its
        // own ciphertext (not shifted by one), whose last output carries
        // over to the next batch's first block.
        let mut prev = iv.clone();
        backend.encrypt_block_inplace(&mut prev);
        let mut ks: ParBlocks<B> = Default::default();
        for chunk in chunks {
            backend.encrypt_par_blocks(InOut::from((&*chunk, &mut ks)));
            iv.clone_from(&chunk[chunk.len() - 1]);
            let (first, rest) = chunk.split_at_mut(1);
            xor_blocks(first, core::slice::from_ref(&prev));
            xor_blocks(rest, &ks);
            prev.clone_from(&ks[ks.len() - 1]);
        }
        Array::slice_as_flattened_mut(&mut ks).zeroize();
        for (j, block) in tail.iter_mut().enumerate() {
            if j > 0 {
                prev.clone_from(iv);
                backend.encrypt_block_inplace(&mut prev);
            }
            iv.clone_from(block);
            xor(block, &prev);
        }
        prev.zeroize();
    }
}

/// One step of a chained (non-parallel) mode: [`Chain::input`] gives the
/// cipher's input for step `i`, [`Chain::output`] consumes its output.
/// The whole loop of `steps` runs inside one backend call.
pub(crate) trait Chain<BS: ArraySize> {
    /// The block to run through the cipher at step `i`.
    fn input(&mut self, i: usize) -> Array<u8, BS>;
    /// What the cipher made of it.
    fn output(&mut self, i: usize, out: Array<u8, BS>);
}

/// Run `steps` steps of `chain` with the cipher's forward direction.
pub(crate) fn chain_encrypt<C, T>(cipher: &C, chain: &mut T, steps: usize)
where
    C: BlockCipherEncrypt,
    T: Chain<C::BlockSize>,
{
    cipher.encrypt_with_backend(ChainCtx {
        chain,
        steps,
        _bs: PhantomData,
    });
}

struct ChainCtx<'a, BS, T> {
    chain: &'a mut T,
    steps: usize,
    _bs: PhantomData<BS>,
}

impl<BS: ArraySize, T: Chain<BS>> BlockSizeUser for ChainCtx<'_, BS, T> {
    type BlockSize = BS;
}

impl<BS: ArraySize, T: Chain<BS>> BlockCipherEncClosure for ChainCtx<'_, BS, T> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = BS>>(self, backend: &B) {
        for i in 0..self.steps {
            let mut x = self.chain.input(i);
            backend.encrypt_block_inplace(&mut x);
            self.chain.output(i, x);
        }
    }
}

/// Multiply an XTS tweak by the primitive element α of GF(2^128)
/// (IEEE Std 1619-2018 §5.2). The tweak block is read as a little-endian
/// integer, so the shift carries from byte 0 towards byte 15, and the bit
/// shifted out of bit 127 folds back as `x^7 + x^2 + x + 1` (`0x87`). The
/// carry becomes a mask, not a branch: the tweak is secret.
#[inline(always)]
pub(crate) fn xts_mul_alpha(t: u128) -> u128 {
    let carry = 0u128.wrapping_sub(t >> 127);
    (t << 1) ^ (carry & 0x87)
}

/// `t ⊗ α` for a tweak block (see [`xts_mul_alpha`]).
pub(crate) fn xts_next_tweak(t: &Array<u8, U16>) -> Array<u8, U16> {
    Array(xts_mul_alpha(u128::from_le_bytes(t.0)).to_le_bytes())
}

/// The XTS core, encryption (IEEE Std 1619-2018 §5.3.1 on every whole
/// block of `data`): `C_j = E_K1(P_j ^ T_j) ^ T_j`, `T_{j+1} = T_j ⊗ α`.
///
/// `data` is consecutive data units of `unit_blocks` whole blocks each (the
/// last may be shorter); `first_tweaks[u]` is the already encrypted tweak
/// `T_0 = E_K2(i)` of unit `u`. For a single data unit pass one tweak and
/// `usize::MAX`. Tweaks are generated a parallel batch at a time, xored in,
/// the batch goes through the backend's parallel path, and the same tweaks
/// are xored out (the [offset core](offset_encrypt)). Returns the tweak
/// that would follow the last block, for ciphertext stealing (the caller
/// zeroizes it).
pub(crate) fn xts_encrypt<C>(
    cipher: &C,
    first_tweaks: &[Block<C>],
    unit_blocks: usize,
    data: &mut [u8],
) -> Block<C>
where
    C: BlockCipherEncrypt<BlockSize = U16>,
{
    let mut chain = TweakChain::new(first_tweaks, unit_blocks);
    offset_encrypt(cipher, &mut chain, data);
    chain.finish()
}

/// The XTS core, decryption (IEEE Std 1619-2018 §5.4.1):
/// `P_j = D_K1(C_j ^ T_j) ^ T_j`; otherwise as [`xts_encrypt`].
pub(crate) fn xts_decrypt<C>(
    cipher: &C,
    first_tweaks: &[Block<C>],
    unit_blocks: usize,
    data: &mut [u8],
) -> Block<C>
where
    C: BlockCipherDecrypt<BlockSize = U16>,
{
    let mut chain = TweakChain::new(first_tweaks, unit_blocks);
    offset_decrypt(cipher, &mut chain, data);
    chain.finish()
}

/// The running tweak `T_j` of the XTS core: doubled after every block, and
/// reloaded from the next unit's first tweak at each (public) unit boundary.
struct TweakChain<'a> {
    starts: core::slice::Iter<'a, Array<u8, U16>>,
    unit_blocks: usize,
    left: usize,
    t: u128,
}

impl<'a> TweakChain<'a> {
    fn new(starts: &'a [Array<u8, U16>], unit_blocks: usize) -> Self {
        let mut starts = starts.iter();
        let t = starts.next().map_or(0, |s| u128::from_le_bytes(s.0));
        TweakChain {
            starts,
            unit_blocks: unit_blocks.max(1),
            left: unit_blocks.max(1),
            t,
        }
    }

    /// The tweak that would follow the last block; wipes the running one.
    fn finish(mut self) -> Array<u8, U16> {
        let next = Array(self.t.to_le_bytes());
        self.t.zeroize();
        next
    }
}

impl Offsets for TweakChain<'_> {
    /// `T_j` for each block, doubled after each, reloaded at each (public)
    /// unit boundary. The running tweak lives in a register for the batch.
    #[inline(always)]
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]) {
        let (mut t, mut left) = (self.t, self.left);
        for (b, tw) in blocks.iter_mut().zip(ts.iter_mut()) {
            if left == 0 {
                if let Some(s) = self.starts.next() {
                    t = u128::from_le_bytes(s.0);
                }
                left = self.unit_blocks;
            }
            left -= 1;
            *tw = t;
            xor_tweak(b, t);
            t = xts_mul_alpha(t);
        }
        self.t = t;
        self.left = left;
    }
}

/// A source of per-block whitening values for the offset core
/// ([`offset_encrypt`], [`offset_decrypt`]): XTS tweaks, OCB offsets.
///
/// Values are blocks read as little-endian `u128`s, so xoring one into a
/// block is one integer xor; a source that needs another bit order (OCB's
/// doubling is big-endian) converts when it builds its values. Both steps
/// take a whole batch, so a source keeps its running state (tweak, offset,
/// checksum) in registers across the batch instead of storing it back
/// after every block.
pub(crate) trait Offsets {
    /// Draw the next offset of each block into `ts` and xor it into the
    /// block (a source may also look at the inputs first: OCB encryption's
    /// plaintext checksum).
    fn whiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &mut [u128]);

    /// Take the cipher's outputs with the offsets their inputs were
    /// whitened with. By default xors each offset out again,
    /// `E(X ^ O) ^ O`; OCB's hash keeps `E(X ^ O)` and folds it into its
    /// sum instead.
    #[inline(always)]
    fn unwhiten(&mut self, blocks: &mut [Array<u8, U16>], ts: &[u128]) {
        for (b, t) in blocks.iter_mut().zip(ts.iter()) {
            xor_tweak(b, *t);
        }
    }
}

/// The offset core, forward cipher: over every whole block of `data`, a
/// parallel batch at a time, [`Offsets::whiten`], the backend's parallel
/// path, [`Offsets::unwhiten`] (by default `X_j = E(X_j ^ O_j) ^ O_j`).
/// Serves XTS (IEEE 1619) and OCB (RFC 7253).
pub(crate) fn offset_encrypt<C, S>(cipher: &C, src: &mut S, data: &mut [u8])
where
    C: BlockCipherEncrypt<BlockSize = U16>,
    S: Offsets,
{
    let (blocks, _) = as_blocks_mut::<U16>(data);
    cipher.encrypt_with_backend(OffsetCtx { blocks, src });
}

/// The offset core with the inverse cipher; otherwise as
/// [`offset_encrypt`].
pub(crate) fn offset_decrypt<C, S>(cipher: &C, src: &mut S, data: &mut [u8])
where
    C: BlockCipherDecrypt<BlockSize = U16>,
    S: Offsets,
{
    let (blocks, _) = as_blocks_mut::<U16>(data);
    cipher.decrypt_with_backend(OffsetCtx { blocks, src });
}

/// `block ^= t` with `t` written little-endian.
#[inline(always)]
fn xor_tweak(block: &mut Array<u8, U16>, t: u128) {
    block.0 = (u128::from_le_bytes(block.0) ^ t).to_le_bytes();
}

struct OffsetCtx<'a, S> {
    blocks: &'a mut [Array<u8, U16>],
    src: &'a mut S,
}

impl<S: Offsets> OffsetCtx<'_, S> {
    /// Whiten, run `par` on each full parallel batch (and `tail` on the
    /// rest), hand the outputs back with the same offsets.
    #[inline(always)]
    fn run<N: ArraySize>(
        self,
        mut par: impl FnMut(&mut Array<Array<u8, U16>, N>),
        mut tail: impl FnMut(&mut [Array<u8, U16>]),
    ) {
        let src = self.src;
        let (chunks, rest) = Array::<_, N>::slice_as_chunks_mut(self.blocks);
        let mut ts = Array::<u128, N>::default();
        for chunk in chunks {
            src.whiten(chunk, &mut ts);
            par(chunk);
            src.unwhiten(chunk, &ts);
        }
        if !rest.is_empty() {
            let ts = &mut ts[..rest.len()];
            src.whiten(rest, ts);
            tail(rest);
            src.unwhiten(rest, ts);
        }
        ts.as_mut_slice().zeroize();
    }
}

impl<S> BlockSizeUser for OffsetCtx<'_, S> {
    type BlockSize = U16;
}

impl<S: Offsets> BlockCipherEncClosure for OffsetCtx<'_, S> {
    #[inline(always)]
    fn call<B: BlockCipherEncBackend<BlockSize = U16>>(self, backend: &B) {
        self.run::<B::ParBlocksSize>(
            |c| backend.encrypt_par_blocks_inplace(c),
            |r| backend.encrypt_tail_blocks_inplace(r),
        );
    }
}

impl<S: Offsets> BlockCipherDecClosure for OffsetCtx<'_, S> {
    #[inline(always)]
    fn call<B: BlockCipherDecBackend<BlockSize = U16>>(self, backend: &B) {
        self.run::<B::ParBlocksSize>(
            |c| backend.decrypt_par_blocks_inplace(c),
            |r| backend.decrypt_tail_blocks_inplace(r),
        );
    }
}
