//! The full-width counter shared by SIV (RFC 5297 §2.6: `CTR(K2, Q, P)`
//! with `Q` incremented as one 128-bit integer), EAX (Bellare–Rogaway–Wagner,
//! "The EAX Mode of Operation", Fig. 3: `CTR_K^N'`) and CCM (NIST SP 800-38C
//! §A.3, whose counter field never carries out of its `q` bytes because of
//! the mode's length limit, so a full-width increment gives the same blocks).
//!
//! Whole blocks go through [`crate::block::ctr_xor`], the parallel core;
//! a partial last block takes one more keystream block.

use cipher::{Block, BlockCipherEncrypt, typenum::U16};
use zeroize::Zeroize;

use crate::block;

/// `data ^= E(icb) || E(icb + 1) || …` with the counter block read as one
/// big-endian integer modulo 2^128.
pub(crate) fn ctr128_xor<C: BlockCipherEncrypt<BlockSize = U16>>(
    cipher: &C,
    icb: u128,
    data: &mut [u8],
) {
    let mut ctr = icb;
    block::ctr_xor(cipher, data, |ks: &mut [Block<C>]| {
        for b in ks {
            b.0 = ctr.to_be_bytes();
            ctr = ctr.wrapping_add(1);
        }
    });
    let whole = data.len() - data.len() % 16;
    if let Some(tail) = data.get_mut(whole..).filter(|t| !t.is_empty()) {
        let mut ks = Block::<C>::from(ctr.to_be_bytes());
        cipher.encrypt_block(&mut ks);
        block::xor(tail, &ks);
        ks.zeroize();
    }
    ctr.zeroize();
}
