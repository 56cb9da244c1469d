//! The full-width counter shared by SIV (RFC 5297 §2.6: `CTR(K2, Q, P)`
//! with `Q` incremented as one 128-bit integer), EAX (Bellare–Rogaway–Wagner,
//! "The EAX Mode of Operation", Fig. 3: `CTR_K^N'`) and CCM (NIST SP 800-38C
//! §A.3, whose counter field never carries out of its `q` bytes because of
//! the mode's length limit, so a full-width increment gives the same blocks).
//!
//! Whole blocks go through the cipher's [`Kernels::ctr32_xor`] (or, with a
//! CBC-MAC chain over the same blocks, [`Kernels::ctr128_cbc_mac`]); a
//! partial last block takes one more keystream block.

use cipher::{Block, typenum::U16};
use zeroize::Zeroize;

use crate::block;
use crate::kernels::{Ctr32, Kernels, MacInput};

/// `data ^= E(icb) || E(icb + 1) || …` with the counter block read as one
/// big-endian integer modulo 2^128, for any `icb`: the counter may be
/// secret (EAX's `N'` is `OMAC_K(N)`), so nothing depends on its value:
/// the generic core with one 128-bit add per block.
pub(crate) fn ctr128_xor<C: Kernels<BlockSize = U16>>(cipher: &C, icb: u128, data: &mut [u8]) {
    let mut ctr = icb;
    block::ctr_xor(cipher, data, |ks: &mut [Block<C>]| {
        for b in ks {
            b.0 = ctr.to_be_bytes();
            ctr = ctr.wrapping_add(1);
        }
    });
    tail(cipher, ctr, data);
    ctr.zeroize();
}

/// [`ctr128_xor`] through the cipher's CTR kernel, for a counter whose low
/// 32 bits the caller knows — from public facts alone, the mode's
/// construction and the message length — not to wrap within `data`: then
/// the 128-bit increment only ever touches the last 32-bit word, which is
/// what [`Kernels::ctr32_xor`] increments. (SIV clears bit 31 of its
/// counter, RFC 5297 §2.6; CCM's counter field cannot carry by its length
/// limit, SP 800-38C §A.3.)
pub(crate) fn ctr128_xor_no_wrap<C: Kernels<BlockSize = U16>>(
    cipher: &C,
    icb: u128,
    data: &mut [u8],
) {
    let whole = data.len() - data.len() % 16;
    let mut cb = Block::<C>::from(icb.to_be_bytes());
    cipher.ctr32_xor(&cb, Ctr32::BeLast, &mut data[..whole]);
    cb.zeroize();
    tail(cipher, icb.wrapping_add((whole / 16) as u128), data);
}

/// The partial last block of `data` (if any) with counter block `ctr`.
fn tail<C: Kernels<BlockSize = U16>>(cipher: &C, ctr: u128, data: &mut [u8]) {
    let whole = data.len() - data.len() % 16;
    if let Some(tail) = data.get_mut(whole..).filter(|t| !t.is_empty()) {
        let mut ks = Block::<C>::from(ctr.to_be_bytes());
        cipher.encrypt_block(&mut ks);
        block::xor(tail, &ks);
        ks.zeroize();
    }
}

/// The CBC-MAC chain `mac = E(mac ^ X_j)` and `data_j ^= E(icb + j)` (the
/// counter block as one big-endian integer mod 2^128) over the **whole
/// blocks** of `data`, through the cipher's stitched
/// [`Kernels::ctr128_cbc_mac`]; `X_j` is the block before or after the xor
/// (`mac_input`). A partial tail is left untouched (the caller MACs and
/// encrypts it, from the counter `icb + data.len() / 16`).
pub(crate) fn ctr128_cbc_mac<C: Kernels<BlockSize = U16>>(
    cipher: &C,
    icb: u128,
    mac: &mut Block<C>,
    mac_input: MacInput,
    data: &mut [u8],
) {
    let mut cb = Block::<C>::from(icb.to_be_bytes());
    cipher.ctr128_cbc_mac(&cb, mac, mac_input, data);
    cb.zeroize();
}
