//! The full-width counter shared by SIV (RFC 5297 §2.6: `CTR(K2, Q, P)`
//! with `Q` incremented as one 128-bit integer), EAX (Bellare–Rogaway–Wagner,
//! "The EAX Mode of Operation", Fig. 3: `CTR_K^N'`) and CCM (NIST SP 800-38C
//! §A.3, whose counter field never carries out of its `q` bytes because of
//! the mode's length limit, so a full-width increment gives the same blocks).
//!
//! Whole blocks go through [`crate::block::ctr_xor`], the parallel core;
//! a partial last block takes one more keystream block.

use cipher::{Block, typenum::U16};
use zeroize::Zeroize;

use crate::block;
use crate::kernels::{Ctr32, Kernels};

/// `data ^= E(icb) || E(icb + 1) || …` with the counter block read as one
/// big-endian integer modulo 2^128.
pub(crate) fn ctr128_xor<C: Kernels<BlockSize = U16>>(cipher: &C, icb: u128, data: &mut [u8]) {
    let mut ctr = icb;
    let whole = data.len() - data.len() % 16;
    let (mut rest, tail) = data.split_at_mut(whole);
    // Runs in which the low 32 bits do not wrap count like the last 32-bit
    // word, which is what the cipher's CTR kernel increments.
    while !rest.is_empty() {
        let room = (1u64 << 32) - u64::from(ctr as u32);
        let n = room.min((rest.len() / 16) as u64) as usize;
        let (run, after) = rest.split_at_mut(n * 16);
        cipher.ctr32_xor(&Block::<C>::from(ctr.to_be_bytes()), Ctr32::BeLast, run);
        ctr = ctr.wrapping_add(n as u128);
        rest = after;
    }
    if !tail.is_empty() {
        let mut ks = Block::<C>::from(ctr.to_be_bytes());
        cipher.encrypt_block(&mut ks);
        block::xor(tail, &ks);
        ks.zeroize();
    }
    ctr.zeroize();
}
